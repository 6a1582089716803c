# SPDX-License-Identifier: Apache-2.0
"""Writes the slide metadata (jupyterlab-rise) of the lecture notebooks: the one home of their slides.

Usage (`make diapositivas`):
    python scripts/diapositivas/diapositivas.py [--check] [NOTEBOOK ...]

Without NOTEBOOK: the lecture notebooks (LECTURES, in notebooks/). For each one it sets, on every
cell, metadata "slideshow": {"slide_type": ...} and, on the notebook, metadata "rise" (RISE), and
rewrites the file only if something changed. Nothing else is touched: sources, outputs and every
other metadata key stay bit for bit (the file is written as Jupyter writes it: indent 1, sorted
keys, UTF-8). It is idempotent: run it again after editing a notebook's text (a new cell gets its
slide type from the rules; an override whose cell is gone is an error).

--check writes nothing: it lists the cells whose slide type differs from what the script would
write, and exits 1 if there is any (TestDiapositivasMetadata runs it).

The rules, in order, for each cell (heights are estimates in CSS pixels of a 1280×720 slide with
notebooks/rise.css, which caps code at 200 px, outputs at 430 px, logs at 145 px and figures at 270 px, two in a row):
  1. OVERRIDES[notebook][cell id], if there is one;
  2. the first cell, and a Markdown cell that starts with a level 1 or 2 heading: "slide" (a new
     horizontal slide: a section of the lecture);
  3. a Markdown cell that starts with a level 3 heading: "subslide" (a new vertical slide);
  4. a code cell with a figure: "subslide", unless it fits under the Markdown cell just before it
     (its introduction) on the same slide: "-";
  5. any other cell: on the current slide if the slide's estimated height stays under BUDGET,
     otherwise "subslide". A Markdown cell that follows a code cell on the same slide is a
     "fragment": the comment appears after the result, with the next key press.
Notebooks not in LECTURES carry no slide metadata: RISE shows them as one slide (scrollable).
"""

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import jupyterkit  # noqa: E402

# The lecture notebooks (notebooks/NAME.ipynb) that present as slides.
LECTURES = [
    "00-prueba-del-entorno",
    "01-modelos-neuronales-I",
    "02-modelos-neuronales-II",
    "05-apendice-go-y-pytorch",
]

# RISE's settings for every lecture (notebook metadata "rise"; jupyterlab-rise 0.43.1 reads them over
# its JupyterLab settings). width/height: the slide is laid out at 1280×720 and reveal.js scales it to
# the screen; margin 0: at 1280×720 nothing is scaled. center false: content starts at the top.
# scroll: a slide that still comes out taller than 95 % of the screen gets a scroll bar (a safety
# net: TestDiapositivas fails if any lecture slide needs it).
RISE = {
    "width": 1280,
    "height": 720,
    "margin": 0,
    "center": False,
    "scroll": True,
    "theme": "simple",
    "transition": "none",
    "slideNumber": "c/t",
}

# Per-cell overrides: notebook -> cell id -> slide type. Keyed by the cell id (stable across text
# edits; nbformat 4.5 ids).
OVERRIDES = {
    "00-prueba-del-entorno": {},
    "01-modelos-neuronales-I": {},
    "02-modelos-neuronales-II": {},
    "05-apendice-go-y-pytorch": {},
}

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")

# Estimated heights (CSS px) on a 1280×720 slide, measured in RISE with notebooks/rise.css.
BUDGET = 640  # RISE adds a scroll bar above 95 % of 720 = 684; keep a margin for the estimate's error.
CODE_MAX, STREAM_MAX, FIGURE_ROW, OUTPUT_MAX = 200, 145, 270, 430
CODE_CELL = 30  # Padding of a code cell and its output area.
LINE = 17.6  # A line of code or of a log.
LOG_CHARS = 135  # Characters of a log line that fit in the slide's width.
TEXT_LINE, TEXT_CHARS = 19, 150  # A line of Markdown text and how many characters fit in it.
CELL_GAP = 12


def markdown_height(source):
    height = 0.0
    in_math = False
    for line in source.split("\n"):
        s = line.strip()
        if s.startswith("$$"):
            in_math = not in_math if s.count("$$") == 1 else in_math
            height += 20
        elif in_math:
            height += 20
        elif not s:
            height += 12
        elif s.startswith("# "):
            height += 75
        elif s.startswith("## "):
            height += 50
        elif s.startswith("#"):
            height += 38
        else:
            height += TEXT_LINE * max(1, math.ceil(len(s) / TEXT_CHARS))
    return height + 10


def has_figure(cell):
    return any(
        k.startswith("image/") or ("<img" in jupyterkit.text(v) if k == "text/html" else False)
        for o in cell.get("outputs", [])
        for k, v in o.get("data", {}).items()
    )


def code_height(cell):
    source = jupyterkit.text(cell["source"])
    code = min(LINE * (source.count("\n") + 1) + 12, CODE_MAX)
    height = 0.0
    figures = 0
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            lines = jupyterkit.text(o["text"]).rstrip("\n").split("\n")
            rows = sum(max(1, math.ceil(len(line) / LOG_CHARS)) for line in lines)
            height += min(LINE * rows + 4, STREAM_MAX)
        elif "data" in o:
            data = o["data"]
            if any(k.startswith("image/") for k in data) or "<img" in jupyterkit.text(data.get("text/html", "")):
                figures += 1
            elif "text/html" in data:
                html = jupyterkit.text(data["text/html"])
                height += 0 if not html.strip() else LINE * (html.count("<tr") or html.count("\n") + 1)
            elif "text/plain" in data:
                height += min(LINE * (jupyterkit.text(data["text/plain"]).count("\n") + 1), STREAM_MAX)
        elif o["output_type"] == "error":
            height += STREAM_MAX
    outputs = height + FIGURE_ROW * math.ceil(figures / 2)
    return CODE_CELL + code + min(outputs, OUTPUT_MAX)


def height(cell):
    if cell["cell_type"] == "code":
        return code_height(cell)
    return markdown_height(jupyterkit.text(cell["source"]))


def heading_level(cell):
    if cell["cell_type"] != "markdown":
        return 0
    m = re.match(r"(#{1,6})\s", jupyterkit.text(cell["source"]).lstrip())
    return len(m.group(1)) if m else 0


def slide_types(name, nb):
    """The slide type of each cell of the notebook nb (its JSON) called name."""
    overrides = OVERRIDES.get(name, {})
    ids = {c.get("id") for c in nb["cells"]}
    gone = sorted(set(overrides) - ids)
    if gone:
        raise SystemExit(f"diapositivas: {name}: OVERRIDES nombra celdas que el cuaderno ya no tiene: {', '.join(gone)}; "
                         "quítalas de scripts/diapositivas/diapositivas.py")
    types, used, prev = [], 0.0, None
    for i, cell in enumerate(nb["cells"]):
        h = height(cell)
        level = heading_level(cell)
        if i == 0 or level in (1, 2):
            t = "slide"
        elif level >= 3:
            t = "subslide"
        elif cell["cell_type"] == "code" and has_figure(cell):
            intro = prev is not None and prev["cell_type"] == "markdown" and types[-1] != "fragment"
            t = "-" if intro and used + h <= BUDGET else "subslide"
        elif used + CELL_GAP + h <= BUDGET:
            t = "fragment" if cell["cell_type"] == "markdown" and prev is not None and prev["cell_type"] == "code" else "-"
        else:
            t = "subslide"
        t = overrides.get(cell.get("id"), t)
        if t not in SLIDE_TYPES:
            raise SystemExit(f"diapositivas: {name}: tipo de diapositiva desconocido {t!r} (celda {cell.get('id')}); "
                             f"valen {', '.join(SLIDE_TYPES)}")
        if t in ("slide", "subslide"):
            used = h
        elif t != "skip":
            used += CELL_GAP + h
        types.append(t)
        prev = cell
    return types


def apply(name, nb):
    """Sets the slide metadata of nb (in place); returns the cells that changed as (index, id, old, new)."""
    changes = []
    for i, (cell, t) in enumerate(zip(nb["cells"], slide_types(name, nb))):
        old = cell["metadata"].get("slideshow")
        new = {"slide_type": t}
        if old != new:
            changes.append((i, cell.get("id"), (old or {}).get("slide_type"), t))
            cell["metadata"]["slideshow"] = new
    if nb["metadata"].get("rise") != RISE:
        changes.append((None, None, nb["metadata"].get("rise"), RISE))
        nb["metadata"]["rise"] = dict(RISE)
    return changes


def dumps(nb):
    """The notebook as Jupyter (nbformat) writes it."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="no escribe nada; sale con 1 si algún cuaderno no está al día")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or [ROOT / "notebooks" / f"{n}.ipynb" for n in LECTURES]
    stale = False
    for path in paths:
        name = path.stem
        raw = path.read_text(encoding="utf-8")
        nb = json.loads(raw)
        if dumps(nb) != raw:
            raise SystemExit(f"diapositivas: {path}: no está escrito como lo escribe Jupyter (indent 1, claves ordenadas); "
                             "guárdalo desde Jupyter o con nbformat antes")
        changes = apply(name, nb)
        types = [c["metadata"]["slideshow"]["slide_type"] for c in nb["cells"]]
        summary = (f"{name}: {types.count('slide')} secciones, {types.count('slide') + types.count('subslide')} diapositivas, "
                   f"{types.count('fragment')} fragmentos")
        if not changes:
            print(f"{summary}: al día")
            continue
        if args.check:
            stale = True
            print(f"{summary}: NO está al día ({len(changes)} cambios):")
            for i, cid, old, new in changes:
                where = "metadatos «rise» del cuaderno" if i is None else f"celda {i} (id {cid})"
                print(f"  {where}: {old!r} -> {new!r}")
        else:
            path.write_text(dumps(nb), encoding="utf-8")
            print(f"{summary}: escrito ({len(changes)} cambios)")
    if stale:
        print("para ponerlos al día: make diapositivas (python scripts/diapositivas/diapositivas.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
