# SPDX-License-Identifier: Apache-2.0
"""Builds the course website: a static site in Spanish made from the committed notebooks' outputs.

Usage (`make sitio` runs it with the project's pinned packages, see scripts/sitio/sitio.sh):
    python scripts/sitio/build.py [--out DIR] [--repositorio URL] [--ref REF] [NOTEBOOK ...]

Nothing is executed: every page shows the outputs saved in the notebook. The notebooks are
notebooks/*.ipynb (or the ones given), in name order, so a new notebook gets its page, its place
in the navigation and in the search with no list to edit. DIR (default <repo>/_sitio) gets:
  index.html          the front page: what the course is, the notebooks with their sections, credits;
  NAME.html           one page per notebook: every cell with its saved outputs (the handouts'
                      rendering, scripts/handouts/build.py: Go highlighted as GoNB code, formulas as
                      MathML, figures as <img> with their alternative text), the navigation (all
                      notebooks, this one's sections, previous/next) and a link to download it;
  buscar.html         the search: recursos/indice.js (the text of every cell, with its notebook and
                      section) and recursos/buscar.js, searched in the browser (accents and case do
                      not matter); every page has a search box that leads here;
  creditos.html       credits and licence (course material by Jorge García González, Universidad de
                      Málaga; code Apache-2.0, the LICENSE text; the software the site is made with);
  cuadernos/NAME.ipynb the notebooks to download, as the pages show them (with their outputs; without
                      exercise solutions wherever the handouts strip them);
  recursos/           the stylesheet and the two scripts; nothing is loaded from outside the site.

Every link is relative, so the folder works as it is: opened from disk (file://, search included)
or served from any base path (a local static server, GitHub Pages under /<repository>/).

Checks (the build fails, writing no site, and names the notebook and the cell of each problem):
  - every figure (<img> in a cell or an output) has a non-empty alternative text and an image: a
    data: URI that decodes to a PNG/JPEG/SVG with a size, or a file next to the notebooks (copied
    into the site); remote images are refused (the site must work offline);
  - every link resolves: to another notebook (X.ipynb, rewritten to X.html) and, with #anchor, to
    a heading or a cell (#celda-N) that exists there; to an anchor of the same page; to a file next
    to the notebooks (copied); links to files of the repository outside notebooks/ go to the
    repository's web address (--repositorio, default `git remote get-url origin` when it is a public
    https address); without one they lose their target (a warning). http(s)/mailto links are kept.
  - nothing that runs or loads something: scripts and stylesheets inside outputs are dropped (as in
    the handouts), and the finished pages and stylesheet are scanned for external references;
  - no exercise solution: a cell that still has nbgrader's "BEGIN SOLUTION" or "BEGIN HIDDEN
    TESTS" after the handouts' stripping is an error (the site publishes what students get).

Exit code 0 if the site was built, 1 otherwise (messages in Spanish on stderr).
"""

import argparse
import base64
import copy
import html
import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SITE_TITLE = "Modelos Neuronales en Go"
TEMPLATE = "celdas"
MAX_INDEX_TEXT = 4000
# nbgrader's markers: what is between them must never reach a public page.
SOLUTION_MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS")


def _load_handouts():
    """scripts/handouts/build.py as a module: the site renders cells exactly as the handouts do."""
    spec = importlib.util.spec_from_file_location("apuntes", ROOT / "scripts" / "handouts" / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


apuntes = _load_handouts()


def say(msg):
    print(f"==> {msg}", flush=True)


def warn(msg):
    print(f"AVISO: {msg}", file=sys.stderr, flush=True)


def esc(s):
    return html.escape(s, quote=True)


# --- Problems, named by notebook and cell -------------------------------------------------------


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, msg):
        self.items.append(f"{where}: {msg}")

    def __bool__(self):
        return bool(self.items)


def cell_name(nb_file, n, cell):
    """«02-x.ipynb, celda 14 (In [19] del curso)»: N counts every cell from 1, as JupyterLab's
    order; the course's cell number comes from the "curso" metadata when the cell has it."""
    where = f"{nb_file}, celda {n}"
    curso = cell.get("metadata", {}).get("curso", {})
    if isinstance(curso, dict) and "celda" in curso:
        where += f" (In [{curso['celda']}] del curso)"
    return where


# --- Figures ------------------------------------------------------------------------------------

_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_A = re.compile(r"<a\b[^>]*>", re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.I)


def attrs(tag):
    out = {}
    for m in _ATTR.finditer(tag[tag.find(" "):] if " " in tag else ""):
        out[m.group(1).lower()] = html.unescape(next(g for g in m.groups()[1:] if g is not None))
    return out


def set_attr(tag, name, value):
    """The tag with attribute name set to value (or removed if value is None)."""
    rx = re.compile(r"""\s%s\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)""" % re.escape(name), re.I)
    tag = rx.sub("", tag)
    if value is None:
        return tag
    end = tag.rfind("/>") if tag.endswith("/>") else len(tag) - 1
    return f'{tag[:end].rstrip()} {name}="{esc(value)}"{tag[end:]}'


def image_problem(data, mime):
    """Why these bytes are not a visible image of type mime, or None."""
    if not data:
        return "la imagen está vacía"
    if mime == "image/png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 24:
            return "no es un PNG válido"
        w, h = struct.unpack(">II", data[16:24])
        if w == 0 or h == 0:
            return f"el PNG mide {w}×{h} píxeles"
    elif mime == "image/jpeg":
        if not data.startswith(b"\xff\xd8"):
            return "no es un JPEG válido"
    elif mime == "image/svg+xml":
        if b"<svg" not in data[:4096]:
            return "no es un SVG válido"
    return None


def decode_data_uri(src):
    """(mime, bytes) of a data: URI, or raises ValueError."""
    head, sep, payload = src[5:].partition(",")
    if not sep:
        raise ValueError("URI data: sin coma")
    parts = head.split(";")
    mime = parts[0].lower() or "text/plain"
    if "base64" in parts[1:]:
        return mime, base64.b64decode(payload, validate=False)
    return mime, urllib.parse.unquote_to_bytes(payload)


# --- One notebook ---------------------------------------------------------------------------------


class Page:
    def __init__(self, path):
        self.path = path
        self.file = path.name
        self.url = path.stem + ".html"
        self.title = path.stem
        self.body = ""
        self.sections = []  # (id, inner HTML) of its h2 headings
        self.ids = set()
        self.index = []  # search entries: (cell number, section, text)
        self.notebook = None  # the notebook as the page shows it, to download


_CELL = re.compile(r'<section class="celda"[^>]*\bdata-celda="(\d+)"[^>]*>')
_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)


def heading_html(fragment):
    """A heading's content for the navigation: its formulas and code kept, its links (the anchor
    link too) reduced to their text, ids dropped (the page has them already)."""
    fragment = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", fragment, flags=re.S)
    fragment = re.sub(r"</?a\b[^>]*>", "", fragment)
    return re.sub(r'\sid="[^"]*"', "", fragment).strip()


def markdown_text(src):
    src = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", src)
    src = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", src)
    src = re.sub(r"<[^>]+>", " ", src)
    src = re.sub(r"^[#>\s]*|[*_`]", "", src, flags=re.M)
    return src


class Builder:
    def __init__(self, notebooks, repo_url, ref, problems):
        self.notebooks = notebooks
        self.nbdir = notebooks[0].parent
        self.by_path = {p.resolve(): p for p in notebooks}
        self.repo_url = repo_url.rstrip("/") if repo_url else ""
        self.ref = ref
        self.problems = problems
        self.copies = {}  # site-relative path -> source file
        self.anchors = []  # (where, page url, fragment)
        self.exporter = apuntes.HandoutExporter(
            template_name=TEMPLATE,
            extra_template_basedirs=[str(HERE)],
            # So that the template's {% extends 'plantilla/index.html.j2' %} finds the handouts'.
            extra_template_paths=[str(ROOT / "scripts" / "handouts")],
            language_code="es",
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            exclude_anchor_links=False,
            filters={"highlight_code": apuntes.highlight_gonb},
        )

    def page(self, path):
        pg = Page(path)
        nb = nbformat.read(path, as_version=4)
        pg.title = apuntes.title_of(nb, path.stem)
        # The handouts' view of the notebook: no empty outputs, no scripts (and, where the handouts
        # strip exercise solutions, without them).
        shown = apuntes.handout_notebook(nb, path.name)
        for i, cell in enumerate(shown.cells):
            if any(m in cell.source for m in SOLUTION_MARKERS):
                self.problems.add(cell_name(path.name, i + 1, cell),
                                  "la celda tiene una solución o pruebas ocultas de nbgrader que el sitio publicaría")
        # The notebook to download is the one the page shows (never the committed one, which may
        # have solutions).
        pg.notebook = copy.deepcopy(shown)
        for i, cell in enumerate(shown.cells):
            cell.metadata["sitio"] = {"n": i + 1}
        body, _ = self.exporter.from_notebook_node(
            shown, resources={"metadata": {"name": path.stem, "path": str(path.parent)}}
        )
        starts = [(m.start(), int(m.group(1))) for m in _CELL.finditer(body)]
        if len(starts) != len(nb.cells):
            raise RuntimeError(f"la plantilla dio {len(starts)} celdas de {len(nb.cells)}")
        out = [body[: starts[0][0]] if starts else body]
        section = pg.title
        for k, (start, n) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(body)
            cell = nb.cells[n - 1]
            where = cell_name(path.name, n, cell)
            chunk = self.fix_cell(body[start:end], where, pg)
            # nbconvert writes heading ids percent-encoded (id="funci%C3%B3n"): a browser matches a
            # fragment against the ids as written and also once decoded, so both forms count.
            for hid in _ID.findall(chunk):
                pg.ids.update((hid, urllib.parse.unquote(hid)))
            for level, hid, text in _HEADING.findall(chunk):
                if level == "2":
                    pg.sections.append((hid, heading_html(text)))
            if cell.cell_type == "markdown":
                heads = _MD_HEADING.findall(cell.source)
                if heads:
                    section = re.sub(r"[`*_$]", "", heads[-1][1])
            pg.index.append((n, section, self.cell_text(cell, chunk)))
            out.append(chunk)
        pg.body = "".join(out)
        return pg

    def cell_text(self, cell, chunk):
        if cell.cell_type == "markdown":
            text = markdown_text(cell.source)
        else:
            parts = [cell.source]
            for o in cell.get("outputs", []):
                if o.get("output_type") == "stream":
                    parts.append(o.get("text", ""))
                elif "text/plain" in o.get("data", {}) and not any(k.startswith("image/") for k in o["data"]):
                    parts.append(o["data"]["text/plain"])
            parts += [attrs(t).get("alt", "") for t in _IMG.findall(chunk)]
            text = "\n".join(parts)
        text = re.sub(r"\s+", " ", text).strip()
        return text[:MAX_INDEX_TEXT]

    def fix_cell(self, chunk, where, pg):
        chunk = _IMG.sub(lambda m: self.fix_img(m.group(0), where), chunk)
        return _A.sub(lambda m: self.fix_link(m.group(0), where, pg), chunk)

    def local_file(self, ref):
        """The file a relative reference of a notebook names, and its path under notebooks/ (or
        None if it is outside)."""
        path = urllib.parse.unquote(ref.split("#", 1)[0].split("?", 1)[0])
        target = (self.nbdir / path).resolve()
        try:
            rel = target.relative_to(self.nbdir.resolve())
        except ValueError:
            rel = None
        return target, rel

    def fix_img(self, tag, where):
        a = attrs(tag)
        src = a.get("src", "").strip()
        what = f"la figura «{src[:60] + ('…' if len(src) > 60 else '')}»"
        if not a.get("alt", "").strip():
            self.problems.add(where, f"{what} no tiene texto alternativo (alt)")
        if not src:
            self.problems.add(where, "una figura no tiene imagen (src vacío)")
        elif src.startswith("data:"):
            what = "una figura incrustada"
            try:
                mime, data = decode_data_uri(src)
            except ValueError as e:
                self.problems.add(where, f"{what} está dañada ({e})")
                return tag
            why = image_problem(data, mime)
            if why:
                self.problems.add(where, f"{what} ({mime}) no se puede ver: {why}")
        elif re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.I):
            self.problems.add(where, f"{what} está fuera del sitio: sin conexión no se vería; guárdala junto a los cuadernos")
        else:
            target, rel = self.local_file(src)
            if rel is None:
                self.problems.add(where, f"{what} está fuera de notebooks/: guárdala junto a los cuadernos")
            elif not target.is_file():
                self.problems.add(where, f"{what} no existe (falta notebooks/{rel.as_posix()})")
            else:
                self.copies[rel.as_posix()] = target
                return set_attr(tag, "src", rel.as_posix())
        return tag

    def fix_link(self, tag, where, pg):
        a = attrs(tag)
        if "href" not in a:
            return tag
        href = a["href"].strip()
        if href in ("", "#") or re.match(r"^(https?:|mailto:)", href, re.I):
            return tag
        if href.startswith("#"):
            self.anchors.append((where, pg.url, href[1:]))
            return tag
        if re.match(r"^([a-z][a-z0-9+.-]*:|//)", href, re.I):
            self.problems.add(where, f"enlace «{href}» con un esquema que el sitio no admite (solo http, https, mailto o relativo)")
            return tag
        frag = href.split("#", 1)[1] if "#" in href else ""
        target, rel = self.local_file(href)
        if target.suffix == ".ipynb":
            if target in self.by_path:
                url = target.stem + ".html"
                if frag:
                    self.anchors.append((where, url, frag))
                return set_attr(tag, "href", url + ("#" + frag if frag else ""))
            shown = rel.as_posix() if rel is not None else href
            self.problems.add(where, f"enlace roto: el cuaderno «{shown}» no existe (o no está entre los que se publican)")
            return tag
        if not target.exists():
            self.problems.add(where, f"enlace roto: «{href}» no existe")
            return tag
        if rel is not None and target.is_file():
            self.copies[rel.as_posix()] = target
            return set_attr(tag, "href", rel.as_posix() + ("#" + frag if frag else ""))
        try:
            in_repo = target.relative_to(ROOT).as_posix()
        except ValueError:
            self.problems.add(where, f"enlace «{href}» a un fichero de fuera del repositorio")
            return tag
        if self.repo_url:
            kind = "tree" if target.is_dir() else "blob"
            return set_attr(tag, "href", f"{self.repo_url}/{kind}/{self.ref}/{in_repo}" + ("#" + frag if frag else ""))
        warn(f"{where}: el enlace a «{in_repo}» del repositorio queda sin destino: falta la dirección del "
             f"repositorio (--repositorio o NEURONAS_REPOSITORIO)")
        return set_attr(set_attr(tag, "href", None), "title", f"{in_repo} (en el repositorio)")

    def check_anchors(self, pages):
        ids = {pg.url: pg.ids for pg in pages}
        for where, url, frag in self.anchors:
            known = ids.get(url, set())
            if frag not in known and urllib.parse.unquote(frag) not in known:
                self.problems.add(where, f"enlace roto: {url} no tiene el ancla «#{frag}» (ni título ni celda con ese id)")


# --- Site pages -----------------------------------------------------------------------------------

CREDITS_SHORT = (
    'Material del curso: <strong>Jorge García González</strong> (Universidad de Málaga), asignatura '
    '<em>Programación para la Inteligencia Artificial</em>. Versión en Go del proyecto «neuronas»: '
    'código con licencia Apache 2.0.'
)


CURRENT = ' aria-current="page"'


def layout(title, main, pages, current=None, scripts=(), query=""):
    nav = []
    for pg in pages:
        here = pg.url == current
        item = f'<li><a href="{esc(pg.url)}"{CURRENT if here else ""}>{esc(pg.title)}</a>'
        if here and pg.sections:
            item += '<ol class="secciones">' + "".join(
                f'<li><a href="#{esc(hid)}">{text}</a></li>' for hid, text in pg.sections
            ) + "</ol>"
        nav.append(item + "</li>")
    extra = [("index.html", "Portada"), ("buscar.html", "Buscar"), ("creditos.html", "Créditos y licencia")]
    links = "".join(
        f'<li><a href="{u}"{CURRENT if u == current else ""}>{t}</a></li>' for u, t in extra
    )
    tail = "".join(f'<script src="{esc(s)}"></script>\n' for s in scripts)
    return f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scripts/sitio/build.py (nbconvert)">
<title>{esc(title)}{"" if title == SITE_TITLE else " · " + SITE_TITLE}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="recursos/sitio.css">
</head>
<body>
<a class="saltar" href="#contenido">Saltar al contenido</a>
<header class="cabecera">
<a class="marca" href="index.html">{SITE_TITLE}</a>
<form class="buscador" action="buscar.html" method="get" role="search">
<label class="oculto" for="busqueda">Buscar en el curso</label>
<input id="busqueda" name="q" type="search" placeholder="Buscar en el curso…" value="{esc(query)}">
<button type="submit">Buscar</button>
</form>
</header>
<div class="cuerpo">
<nav class="lateral" aria-label="Cuadernos del curso">
<h2 class="oculto">Cuadernos</h2>
<ol class="cuadernos">
{"".join(nav)}
</ol>
<ul class="otras">{links}</ul>
</nav>
<main class="apuntes" id="contenido">
{main}
</main>
</div>
<footer class="pie">
<p>{CREDITS_SHORT} <a href="creditos.html">Créditos y licencia</a>.</p>
</footer>
{tail}</body>
</html>
"""


def notebook_main(pg, prev, nxt):
    links = []
    if prev:
        links.append(f'<a class="anterior" rel="prev" href="{esc(prev.url)}">← {esc(prev.title)}</a>')
    if nxt:
        links.append(f'<a class="siguiente" rel="next" href="{esc(nxt.url)}">{esc(nxt.title)} →</a>')
    return (
        f'<p class="descarga"><a href="cuadernos/{esc(pg.file)}" download>Descargar el cuaderno ({esc(pg.file)})</a>'
        f" · con las salidas guardadas. Para ejecutarlo, ponlo en la carpeta notebooks/ del repositorio"
        f" y ábrelo en JupyterLab con el kernel «Go (gonb)», o usa la imagen del curso.</p>\n"
        f"{pg.body}\n"
        f'<nav class="anterior-siguiente" aria-label="Cuaderno anterior y siguiente">{"".join(links)}</nav>'
    )


def index_main(pages, version):
    items = []
    for pg in pages:
        secs = " · ".join(f'<a href="{esc(pg.url)}#{esc(hid)}">{t}</a>' for hid, t in pg.sections)
        items.append(
            f'<li><a href="{esc(pg.url)}">{esc(pg.title)}</a>'
            + (f'<p class="resumen">{secs}</p>' if secs else "")
            + "</li>"
        )
    return f"""<h1>{SITE_TITLE}</h1>
<p>Los cuadernos del curso de redes neuronales de la asignatura <em>Programación para la Inteligencia
Artificial</em> (Universidad de Málaga), reconstruidos celda a celda en Go con
<a href="https://github.com/gomlx/gomlx">GoMLX</a> y el kernel <a href="https://github.com/janpfeifer/gonb">GoNB</a>
para JupyterLab. Cada página muestra un cuaderno con sus salidas y figuras tal como se guardaron: se lee
sin ejecutar nada. Para ejecutarlos, descarga el cuaderno desde su página y ábrelo en JupyterLab con el
kernel «Go (gonb)», o usa la imagen del curso (el README del repositorio lo explica).</p>
<h2>Cuadernos</h2>
<ol class="lista-cuadernos">
{"".join(items)}
</ol>
<h2>Autoría y licencia</h2>
<p>El material del curso (la historia de los cuadernos, sus explicaciones, ejemplos y ejercicios) es de
<strong>Jorge García González</strong> (Universidad de Málaga). El código del proyecto se distribuye con la
licencia Apache 2.0. Más detalles en <a href="creditos.html">Créditos y licencia</a>.</p>
<p class="version">Sitio generado a partir de {esc(version)}.</p>"""


def search_main():
    return """<h1>Buscar en el curso</h1>
<form class="buscar-grande" action="buscar.html" method="get" role="search">
<label for="consulta">Palabras que buscar (sin importar tildes ni mayúsculas)</label>
<input id="consulta" name="q" type="search">
<button type="submit">Buscar</button>
</form>
<p id="estado" role="status" aria-live="polite">Escribe una o más palabras: se muestran las celdas que las contienen todas.</p>
<ol id="resultados"></ol>
<noscript><p>La búsqueda necesita JavaScript. Sin él, usa la búsqueda de tu navegador en cada cuaderno.</p></noscript>"""


SOFTWARE = [
    ("GoMLX", "https://github.com/gomlx/gomlx", "Apache 2.0", "los modelos y el entrenamiento de los cuadernos"),
    ("GoNB", "https://github.com/janpfeifer/gonb", "MIT", "el kernel de Go para Jupyter"),
    ("gonum/plot", "https://github.com/gonum/plot", "BSD-3-Clause", "las gráficas"),
    ("nbconvert", "https://github.com/jupyter/nbconvert", "BSD-3-Clause", "el dibujo de las celdas de este sitio"),
    ("latex2mathml", "https://github.com/roniemartinez/latex2mathml", "MIT", "las fórmulas en MathML"),
    ("Pygments", "https://pygments.org/", "BSD-2-Clause", "el resaltado del código"),
]


def credits_main(version):
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    soft = "".join(
        f'<li><a href="{u}">{n}</a> ({lic}): {what}.</li>' for n, u, lic, what in SOFTWARE
    )
    return f"""<h1>Créditos y licencia</h1>
<h2 id="material">El material del curso</h2>
<p>La historia de los cuadernos, sus explicaciones, ejemplos y ejercicios son de
<strong>Jorge García González</strong> (Universidad de Málaga), de la asignatura <em>Programación para la
Inteligencia Artificial</em>, donde se enseñan en Python con PyTorch. Este proyecto los reconstruye en Go
celda a celda; los derechos sobre el material original del curso siguen siendo de su autor.</p>
<h2 id="codigo">El código</h2>
<p>El código del proyecto (los paquetes de Go, las celdas de Go de los cuadernos, los guiones y este
sitio) se distribuye con la licencia Apache 2.0, la misma que GoMLX. Su texto completo, abajo.</p>
<h2 id="programas">Hecho con</h2>
<ul>{soft}</ul>
<p class="version">Sitio generado a partir de {esc(version)}, con las salidas guardadas en los cuadernos
(sin ejecutarlos).</p>
<h2 id="licencia">Licencia Apache 2.0</h2>
<pre class="licencia">{esc(license_text)}</pre>"""


def search_index(pages):
    return {
        "paginas": [{"u": pg.url, "t": pg.title} for pg in pages],
        "celdas": [{"p": i, "n": n, "s": s, "x": x} for i, pg in enumerate(pages) for n, s, x in pg.index if x],
    }


def version_of(notebooks):
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        rels = [str(p.relative_to(ROOT)) for p in notebooks if p.is_relative_to(ROOT)]
        dirty = bool(rels) and subprocess.run(["git", "diff", "--quiet", "HEAD", "--", *rels], cwd=ROOT,
                                              capture_output=True, timeout=10).returncode != 0
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", False
    if not commit:
        return "los cuadernos"
    return f"los cuadernos del commit {commit}" + (" (con cambios sin confirmar)" if dirty else "")


def default_repository():
    url = os.environ.get("NEURONAS_REPOSITORIO", "")
    if url:
        return url
    try:
        url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    # Only a public https address (never one with credentials).
    return url.removesuffix(".git") if re.match(r"^https://[^@\s]+$", url) else ""


def main():
    ap = argparse.ArgumentParser(description="Genera el sitio web del curso a partir de los cuadernos (sin ejecutarlos).")
    ap.add_argument("--out", type=Path, default=ROOT / "_sitio", help="carpeta del sitio (por defecto _sitio/)")
    ap.add_argument("--repositorio", default=None,
                    help="dirección web del repositorio, para los enlaces a sus ficheros (por defecto "
                         "NEURONAS_REPOSITORIO o el remoto origin si es https)")
    ap.add_argument("--ref", default="main", help="rama o commit de esos enlaces (por defecto main)")
    ap.add_argument("notebooks", nargs="*", type=Path, help="cuadernos (por defecto notebooks/*.ipynb)")
    args = ap.parse_args()

    start = time.monotonic()
    notebooks = sorted(p.resolve() for p in args.notebooks) if args.notebooks else sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        ap.error("no hay cuadernos con los que hacer el sitio")
    if len({p.parent for p in notebooks}) != 1:
        ap.error("los cuadernos del sitio deben estar en una misma carpeta")
    repo = args.repositorio if args.repositorio is not None else default_repository()
    problems = Problems()
    builder = Builder(notebooks, repo, args.ref, problems)
    pages = []
    for path in notebooks:
        t0 = time.monotonic()
        try:
            pages.append(builder.page(path))
        except Exception as e:  # noqa: BLE001
            problems.add(path.name, f"no se pudo convertir: {e}")
            continue
        say(f"{path.name}: {pages[-1].url} ({time.monotonic() - t0:.1f} s)")
    builder.check_anchors(pages)
    if problems:
        for p in problems.items:
            print(f"ERROR: {p}", file=sys.stderr)
        print(f"ERROR: el sitio no se ha generado: {len(problems.items)} problema(s) en los cuadernos", file=sys.stderr)
        return 1

    version = version_of(notebooks)
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; the site is for any reader (a web server).
    try:
        files = {}
        for i, pg in enumerate(pages):
            prev = pages[i - 1] if i > 0 else None
            nxt = pages[i + 1] if i + 1 < len(pages) else None
            files[pg.url] = layout(pg.title, notebook_main(pg, prev, nxt), pages, current=pg.url)
        files["index.html"] = layout(SITE_TITLE, index_main(pages, version), pages, current="index.html")
        files["buscar.html"] = layout("Buscar", search_main(), pages, current="buscar.html",
                                      scripts=("recursos/indice.js", "recursos/buscar.js"))
        files["creditos.html"] = layout("Créditos y licencia", credits_main(version), pages, current="creditos.html")
        bad = []
        for name, text in files.items():
            # The site's own scripts and stylesheet are the only <script>/<link> allowed.
            scan = re.sub(r'<script src="recursos/[a-z]+\.js"></script>|<link rel="(?:icon|stylesheet)" href="(?:data:,|recursos/sitio\.css)">', "", text)
            bad += [f"{name}: {x}" for x in apuntes.external_references(scan)]
            (tmp / name).write_text(text, encoding="utf-8")
        if bad:
            raise RuntimeError("el sitio cargaría recursos de fuera: " + "; ".join(bad[:5]))
        res = tmp / "recursos"
        res.mkdir()
        css = (ROOT / "scripts" / "handouts" / "apuntes.css").read_text(encoding="utf-8")
        css += "\n/* Resaltado del código (Pygments) */\n" + apuntes._formatter.get_style_defs(".highlight") + "\n"
        css += apuntes.indent_css() + "\n" + (HERE / "sitio.css").read_text(encoding="utf-8")
        bad = [f"recursos/sitio.css: {x}" for x in apuntes.external_references(css)]
        if bad:
            raise RuntimeError("el sitio cargaría recursos de fuera: " + "; ".join(bad[:5]))
        (res / "sitio.css").write_text(css, encoding="utf-8")
        shutil.copy(HERE / "buscar.js", res / "buscar.js")
        index = json.dumps(search_index(pages), ensure_ascii=False, separators=(",", ":"))
        (res / "indice.js").write_text(
            "// Índice de búsqueda del sitio (scripts/sitio/build.py): el texto de cada celda.\n"
            f"window.NEURONAS_INDICE = {index};\n", encoding="utf-8")
        (tmp / "cuadernos").mkdir()
        for pg in pages:
            nbformat.write(pg.notebook, tmp / "cuadernos" / pg.file)
        for rel, src in builder.copies.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, tmp / rel)
        (tmp / ".nojekyll").write_text("")  # GitHub Pages: publish the folder as it is.
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    except Exception as e:  # noqa: BLE001
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"ERROR: {e}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    say(f"Sitio en {out}: {len(pages)} cuadernos, {len(files)} páginas, {size / 1e6:.1f} MB "
        f"({time.monotonic() - start:.1f} s). Ábrelo con: {(out / 'index.html').as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
