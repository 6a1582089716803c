# SPDX-License-Identifier: Apache-2.0
"""Builds the course handouts and the students' copies of the notebooks.

Usage (with the project's venv python, see scripts/setup.sh; `make handouts` runs it):
    python scripts/handouts/build.py [--out DIR] [--only html,pdf,alumnos] [NOTEBOOK ...]

For every notebook (default: notebooks/*.ipynb) it writes into DIR (default: <repo>/handouts):
  NAME.html   the handout: every cell with its saved outputs and figures embedded, in Spanish
              (lang="es"), readable with no network: no scripts, styles or fonts loaded from
              anywhere; formulas converted to MathML here (latex2mathml) instead of MathJax from a
              CDN; Go code highlighted with a Pygments lexer that knows GoNB's special lines
              (%%, %magic, !shell); empty transient outputs (cleared progress bars) dropped.
  NAME.pdf    the same handout printed by headless Chromium (--print-to-pdf, no network): A4,
              "Página N de M" and the title in the footer (CSS @page margin boxes), long code
              lines wrapped with a hanging indent, figures kept whole, bookmarks from the
              headings, tagged and declared Spanish (/Lang es), text extractable.
  NAME.ipynb  the students' copy: no outputs, no execution counts, and no solutions, stripped
              exactly as nbgrader's generate_assignment strips them (its ClearSolutions and
              ClearHiddenTests, configured by ejercicios/nbgrader_config.py, the one definition
              of what a solution is): the lines between "BEGIN SOLUTION" and "END SOLUTION"
              become the course's stub, a solution cell without markers becomes the stub, and
              hidden tests ("BEGIN HIDDEN TESTS" ... "END HIDDEN TESTS") are removed.
              Everything else, "curso" and "nbgrader" metadata included, is kept.

A notebook with solutions (exercises) gets them stripped in the handouts too, and the outputs of
its solution and check cells dropped (they would give the answers away); --soluciones keeps them
in the HTML and PDF (the teacher's handout). The old "solucion" cell tag is not used any more: a
notebook that still has it is an error (use nbgrader's markers, see ejercicios/README.md).

The students' copies must sit one folder below the repository root, like notebooks/: their setup
cell links the module with `${GONB_DIR}/..`, GONB_DIR being the folder the kernel starts in (the
notebook's own). That is why DIR should be a folder of the repository root; a warning says so
otherwise. DIR gets a .gitignore with "*", so its contents are never committed.

Environment: NEURONAS_CHROMIUM (default: chromium, chromium-browser or google-chrome on PATH).
Exit code 0 if everything was built, 1 otherwise (messages in Spanish on stderr).
"""

import argparse
import copy
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from jinja2 import pass_context
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import bygroups, inherit, using
from pygments.lexers.go import GoLexer
from pygments.lexers.shell import BashLexer
from pygments.token import Comment, Generic

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from jupyterkit import CHROMIUM_FLAGS, ROOT, find_chromium  # noqa: E402

TEMPLATE = "plantilla"
PYGMENTS_STYLE = "default"
# The course's nbgrader configuration: what a solution is and how it is stripped (see
# solution_strippers).
COURSE_CONFIG = ROOT / "ejercicios" / "nbgrader_config.py"
RETIRED_TAGS = {"solucion", "solución"}
PDF_FLAGS = [
    "--headless",
    *CHROMIUM_FLAGS,
    "--disable-extensions",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
]
FORMATS = ("html", "pdf", "alumnos")


def say(msg):
    print(f"==> {msg}", flush=True)


def warn(msg):
    print(f"AVISO: {msg}", file=sys.stderr, flush=True)


# --- Go code as GoNB sees it -------------------------------------------------------------------


class GoNBLexer(GoLexer):
    """Go plus GoNB's special lines: "%%" (start of the cell's main), "%magic ..." and
    "!shell" / "!*shell" (run in the cell's temporary module)."""

    name = "GoNB"
    aliases = ["gonb"]
    tokens = {
        "root": [
            (r"^(%%)(.*)$", bygroups(Comment.Preproc, Comment.Preproc)),
            (r"^(%[A-Za-z_]\w*)(.*)$", bygroups(Comment.Preproc, Comment.Preproc)),
            # A shell line may go on in the next ones with a trailing backslash.
            (r"^(!\*?)((?:[^\n]*\\\n)*[^\n]*)$", bygroups(Generic.Prompt, using(BashLexer))),
            inherit,
        ]
    }


_formatter = HtmlFormatter(style=PYGMENTS_STYLE, cssclass="highlight", linespans="L")
_LINE_SPAN = re.compile(r'<span id="L-(\d+)">')


MAX_INDENT = 8


def highlight_gonb(source, language=None, metadata=None):
    """nbconvert's highlight_code filter: every code cell is GoNB code. Each line goes in a
    <span class="linea sangriaN">, N its indentation in tabs, so that the CSS can indent the
    continuation of a wrapped line one level deeper than the line itself (see indent_css)."""
    indents = []
    for line in source.split("\n"):
        lead = line[: len(line) - len(line.lstrip("\t "))]
        indents.append(min(MAX_INDENT, lead.count("\t") + lead.count(" ") // 4))

    def line_span(m):
        n = int(m.group(1)) - 1
        return f'<span class="linea sangria{indents[n] if n < len(indents) else 0}">'

    return _LINE_SPAN.sub(line_span, highlight(source, GoNBLexer(), _formatter))


def indent_css():
    """Hanging indents for wrapped code lines: a line indented N tabs continues at N+1 tabs."""
    rules = []
    for n in range(MAX_INDENT + 1):
        w = 4 * (n + 1)
        rules.append(f".jp-CodeCell .highlight .linea.sangria{n} {{ padding-left: {w}ch; text-indent: -{w}ch; }}")
    return "\n".join(rules) + "\n"


# --- Formulas: LaTeX to MathML at build time -------------------------------------------------

_LARGE_OPERATORS = {"\u2211", "\u220f", "\u2210", "\u22c3", "\u22c2", "\u2a01", "\u2a02"}
_PRIMES = {"\u2032", "\u2033", "\u2034", "'"}
_DECIMAL_COMMA = re.compile(r"<mn>(\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>")


def mathml(latex, display):
    """Converts a LaTeX formula to a <math> element (HTML syntax, no namespace attribute)."""
    xml = latex_to_mathml(latex.strip(), display=display)
    xml = xml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "")
    # Spanish decimal comma written 0{,}01: one number, not "0", a separator and "01".
    xml = _DECIMAL_COMMA.sub(r"<mn>\1,\2</mn>", xml)
    root = ET.fromstring(xml)
    for parent in list(root.iter()):
        children = []
        for el in parent:
            kids = list(el)
            # f'(z): latex2mathml writes <msup><mi>f</mi><mi>′</mi></msup>, which puts the prime a
            # superscript too high; the prime character is already raised: <mi>f</mi><mo>′</mo>.
            if el.tag == "msup" and len(kids) == 2 and kids[1].tag in ("mi", "mo") and (kids[1].text or "") in _PRIMES:
                kids[1].tag = "mo"
                kids[1].tail, el.tail = el.tail, None
                children += kids
                continue
            # Limits of sums and products above and below them, as TeX does in display style.
            if display == "block" and kids and kids[0].tag == "mo" and (kids[0].text or "") in _LARGE_OPERATORS:
                el.tag = {"msubsup": "munderover", "msub": "munder", "msup": "mover"}.get(el.tag, el.tag)
            children.append(el)
        parent[:] = children
    for el in root.iter("mo"):
        # Brackets in the middle of a formula, e.g. σ(x), get no operator spacing (as in TeX).
        if (el.text or "") in "()[]{}|" and el.text and "lspace" not in el.attrib:
            el.set("lspace", "0")
            el.set("rspace", "0")
    root.set("alttext", latex.strip())
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer with formulas as MathML instead of $...$ for MathJax."""

    def _math(self, body, display):
        try:
            return mathml(body, display)
        except Exception as e:  # noqa: BLE001 (latex2mathml raises many kinds of errors)
            warn(f"no se pudo convertir la fórmula {body!r} a MathML ({e}); se deja como texto")
            return f'<code class="tex">{self.escape_html(body)}</code>'

    def block_math(self, body):
        return self._math(body, "block")

    def inline_math(self, body):
        return self._math(body, "inline")

    def latex_environment(self, name, body):
        return self._math(f"\\begin{{{name}}}{body}\\end{{{name}}}", "block")


class HandoutExporter(HTMLExporter):
    """HTMLExporter with the handout template, GoNB highlighting and MathML formulas."""

    @pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
        )
        return MarkdownWithMath(renderer=renderer).render(source)


# --- Notebook transformations -----------------------------------------------------------------


def is_empty_output(out):
    """True for outputs that show nothing: cleared progress displays (text/html ""), empty
    streams."""
    if out.output_type == "stream":
        return out.get("text", "") == ""
    if out.output_type in ("display_data", "execute_result"):
        data = out.get("data", {})
        return all(isinstance(v, str) and v.strip() == "" for v in data.values())
    return False


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if m:
                return re.sub(r"[`*_]", "", m.group(1))
    return fallback


_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)


def handout_notebook(nb, name, solutions=False):
    """The notebook as the handout shows it: without solutions (unless solutions is true; see
    strip_solutions), empty outputs, nor scripts or stylesheet links inside HTML outputs (a handout
    loads and runs nothing)."""
    nb = copy.deepcopy(nb) if solutions else strip_solutions(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.outputs = [o for o in cell.outputs if not is_empty_output(o)]
        for out in cell.outputs:
            html = out.get("data", {}).get("text/html")
            if isinstance(html, str):
                clean = _LINK.sub("", _SCRIPT.sub("", html))
                if clean != html:
                    warn(f"{name}, celda {i + 1}: se quitan de los apuntes los <script>/<link> de una salida HTML")
                    out.data["text/html"] = clean
    return nb


_strippers = None


def solution_strippers():
    """nbgrader's ClearSolutions and ClearHiddenTests with the course's configuration, the same
    preprocessors and settings nbgrader's generate_assignment uses."""
    global _strippers
    if _strippers is None:
        try:
            from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions
            from traitlets.config.loader import PyFileConfigLoader
        except ImportError as e:
            raise RuntimeError(f"falta nbgrader ({e}); prepara el entorno con `make setup`") from e
        cfg = PyFileConfigLoader(COURSE_CONFIG.name, path=str(COURSE_CONFIG.parent)).load_config()
        _strippers = [ClearSolutions(config=cfg), ClearHiddenTests(config=cfg)]
    return _strippers


def nbgrader_md(cell):
    return cell.metadata.get("nbgrader", {})


def has_solutions(nb):
    """True if the notebook has nbgrader solution cells (an exercise notebook)."""
    return any(nbgrader_md(c).get("solution") for c in nb.cells)


def strip_solutions(nb):
    """The notebook without solutions nor hidden tests, as nbgrader's release copy has it; the
    cells whose source changed lose their outputs. Outputs of the other cells are kept."""
    for i, cell in enumerate(nb.cells):
        if RETIRED_TAGS & set(cell.metadata.get("tags", [])):
            raise RuntimeError(
                f"celda {i + 1}: la etiqueta «solucion» ya no se usa; marca la solución con las marcas de "
                "nbgrader (// ### BEGIN SOLUTION ... // ### END SOLUTION) y los metadatos «nbgrader» "
                "(ejercicios/README.md)")
    nb = copy.deepcopy(nb)
    before = [c.source for c in nb.cells]
    resources = {}
    for p in solution_strippers():
        nb, resources = p.preprocess(nb, resources)
    for cell, src in zip(nb.cells, before):
        md = nbgrader_md(cell)
        if cell.cell_type == "code" and (cell.source != src or md.get("solution") or md.get("grade")):
            cell.outputs = []
            cell.execution_count = None
    return nb


def student_notebook(nb):
    """Copy for the students: solutions stripped as nbgrader strips them, outputs cleared, the
    rest untouched."""
    nb = strip_solutions(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb


# --- Output --------------------------------------------------------------------------------------


def css_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css(title):
    footer = (
        "font-family: var(--fuente-titulos); font-size: 8pt; color: #57606a;"
        " border-top: 0.5pt solid #d0d7de; vertical-align: top; padding-top: 2mm;"
    )
    return (
        "@page {\n"
        f"  @bottom-left {{ content: {css_string(title)}; {footer} }}\n"
        f'  @bottom-right {{ content: "Página " counter(page) " de " counter(pages); {footer} }}\n'
        "}\n"
    )


def provenance(path):
    """"notebooks/x.ipynb (commit abc1234)", from git when it is available."""
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%h", "--", str(rel)],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", str(rel)], cwd=ROOT, capture_output=True, timeout=10
        ).returncode != 0
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", False
    if not commit:
        return str(rel)
    return f"{rel} (versión {commit}{', con cambios sin confirmar' if dirty else ''})"


def build_html(exporter, nb, path, out, solutions=False):
    title = title_of(nb, path.stem)
    css = (HERE / "apuntes.css").read_text(encoding="utf-8")
    css += "\n/* Resaltado del código (Pygments, estilo «%s») */\n" % PYGMENTS_STYLE
    css += _formatter.get_style_defs(".highlight") + "\n"
    css += indent_css()
    css += page_css(title)
    resources = {
        "metadata": {"name": path.stem, "path": str(path.parent)},
        "apuntes": {
            "title": title,
            "css": css,
            "colophon": f"Curso «Modelos Neuronales». Apuntes generados a partir del cuaderno "
            f"{provenance(path)}, con las salidas guardadas en él.",
        },
    }
    html, _ = exporter.from_notebook_node(handout_notebook(nb, path.name, solutions), resources=resources)
    problems = external_references(html)
    if problems:
        raise RuntimeError("el HTML carga recursos de fuera: " + ", ".join(problems[:5]))
    out.write_text(html, encoding="utf-8")


_EXTERNAL = [
    re.compile(r"<script\b", re.I),
    re.compile(r"<link\b[^>]*>", re.I),
    re.compile(r"<(?:img|iframe|source|video|audio|embed|object)\b[^>]*\s(?:src|data)\s*=\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"@import\b", re.I),
]


def external_references(html):
    """Things that would load or run something: scripts, stylesheets, remote images or fonts."""
    return [m.group(0)[:80] for rx in _EXTERNAL for m in rx.finditer(html)]


def build_pdf(chromium, html, pdf):
    with tempfile.TemporaryDirectory(prefix="apuntes-chromium-") as profile:
        cmd = [chromium, *PDF_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()]
        if pdf.exists():
            pdf.unlink()
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"Chromium no terminó de imprimir {html.name} en 180 s")
    if res.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        log = "\n".join((res.stdout + res.stderr).strip().splitlines()[-15:])
        raise RuntimeError(f"Chromium no generó {pdf.name} (código {res.returncode}):\n{log}")


def main():
    ap = argparse.ArgumentParser(description="Genera los apuntes (HTML y PDF) y las copias para los alumnos.")
    ap.add_argument("--out", type=Path, default=ROOT / "handouts", help="carpeta de salida (por defecto handouts/)")
    ap.add_argument("--only", default=",".join(FORMATS), help="qué generar: html, pdf, alumnos (separados por comas)")
    ap.add_argument("--soluciones", action="store_true",
                    help="deja las soluciones en los apuntes HTML y PDF (los del profesor); las copias de los alumnos nunca las llevan")
    ap.add_argument("notebooks", nargs="*", type=Path, help="cuadernos (por defecto notebooks/*.ipynb)")
    args = ap.parse_args()

    only = {f.strip() for f in args.only.split(",") if f.strip()}
    if not only or only - set(FORMATS):
        ap.error(f"--only admite {', '.join(FORMATS)}")
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        ap.error("no hay cuadernos que procesar")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    (out / ".gitignore").write_text("# Generado por scripts/handouts/build.py (make handouts)\n*\n")
    if "alumnos" in only and out.parent != ROOT:
        warn(f"las copias para los alumnos de {out} solo se pueden ejecutar desde una carpeta que cuelgue "
             f"de la raíz del repositorio, como notebooks/ (su primera celda usa ${{GONB_DIR}}/..)")
    chromium = None
    if "pdf" in only:
        chromium = find_chromium()
        if not chromium:
            print("ERROR: para los PDF hace falta Chromium (apt-get install chromium) o NEURONAS_CHROMIUM", file=sys.stderr)
            return 1

    exporter = HandoutExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(HERE)],
        language_code="es",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        filters={"highlight_code": highlight_gonb},
    )

    # With --only pdf the HTML is only a step towards the PDF: it goes to a temporary folder.
    scratch = tempfile.TemporaryDirectory(prefix="apuntes-") if "html" not in only else None
    html_dir = Path(scratch.name) if scratch else out
    failures = 0
    pdf_jobs = []
    start = time.monotonic()
    for path in notebooks:
        t0 = time.monotonic()
        nb = nbformat.read(path, as_version=4)
        html = html_dir / f"{path.stem}.html"
        try:
            if only & {"html", "pdf"}:
                build_html(exporter, nb, path, html, args.soluciones)
            if "alumnos" in only:
                copy_ = student_notebook(nb)
                nbformat.validate(copy_)
                nbformat.write(copy_, out / f"{path.stem}.ipynb")
        except Exception as e:  # noqa: BLE001
            print(f"ERROR: {path.name}: {e}", file=sys.stderr)
            failures += 1
            continue
        made = [x for x in ("html" in only and html.name, "alumnos" in only and f"{path.stem}.ipynb") if x]
        if made:
            say(f"{path.name}: {', '.join(made)} ({time.monotonic() - t0:.1f} s)")
        if "pdf" in only:
            pdf_jobs.append((path, html, out / f"{path.stem}.pdf"))

    if pdf_jobs:
        t0 = time.monotonic()

        def job(item):
            path, html, pdf = item
            build_pdf(chromium, html, pdf)
            return pdf

        # Two Chromiums at a time: each is mostly single-threaded while it lays out and prints.
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [(item, pool.submit(job, item)) for item in pdf_jobs]
            for (path, _, pdf), fut in futures:
                try:
                    fut.result()
                    say(f"{path.name}: {pdf.name} ({pdf.stat().st_size // 1024} KiB)")
                except Exception as e:  # noqa: BLE001
                    print(f"ERROR: {path.name}: {e}", file=sys.stderr)
                    failures += 1
        say(f"PDF impresos con {chromium} en {time.monotonic() - t0:.1f} s")

    if scratch:
        scratch.cleanup()
    say(f"Apuntes en {out} ({time.monotonic() - start:.1f} s)" + (f"; {failures} error(es)" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
