# SPDX-License-Identifier: Apache-2.0
"""Prepares the course's nbgrader assignments and runs nbgrader in the course folder.

Usage (with the project's venv python, see scripts/setup.sh; `make ejercicios` runs `publicar`):
    python scripts/ejercicios/ejercicios.py [--curso DIR] publicar [NOTEBOOK ...]
    python scripts/ejercicios/ejercicios.py [--curso DIR] notas TAREA
    python scripts/ejercicios/ejercicios.py [--curso DIR] nbgrader ORDEN [ARGUMENTOS ...]

The course folder (default <repo>/ejercicios) holds nbgrader_config.py, the one definition of the
course's nbgrader settings and of what a solution is (also read by scripts/handouts/build.py). With
--curso DIR another folder is used as the course folder: the repository's nbgrader_config.py and
plantillas/ are copied into it first (the tests use a temporary one).

publicar  For every exercise notebook (default: the notebooks of notebooks/ with nbgrader solution
          cells), makes the assignment NAME (the notebook's name without .ipynb): copies it to
          source/NAME/NAME.ipynb, runs `nbgrader generate_assignment NAME --force`, which writes
          the students' version to release/NAME/NAME.ipynb (solutions replaced by the stub, hidden
          tests removed, no outputs), and checks that no solution is left in it: no solution or
          hidden-test marker, and none of the lines between the markers of the source (except
          lines that also appear outside them, like a lone "}").
notas     Prints, as JSON, the scores of every student of the assignment TAREA from the gradebook:
          {"ALUMNO": {"total": x, "maximo": y, "celdas": {"GRADE_ID": score, ...}}, ...}.
nbgrader  Runs `nbgrader ORDEN ...` in the course folder with the environment it needs (the
          venv's bin on PATH: nbgrader runs alembic from there; the venv's kernels, "gonb"
          among them). E.g. `... nbgrader autograde 03-ejercicios-I`.

Exit code 0 if everything went well, 1 otherwise (messages in Spanish on stderr).
"""

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
COURSE = ROOT / "ejercicios"
CONFIG = "nbgrader_config.py"
TEMPLATES = "plantillas"
# What nbgrader's ClearSolutions and ClearHiddenTests look for (nbgrader_config.py sets the same
# delimiters); a line that contains one is a marker line.
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def say(msg):
    print(f"==> {msg}", flush=True)


def error(msg):
    print(f"ERROR: {msg}", file=sys.stderr, flush=True)


def nbgrader_env():
    """The environment nbgrader needs: the venv's bin first on PATH (alembic) and its kernels."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    share = str(Path(sys.prefix) / "share" / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH")) if p)
    env.setdefault("NEURONAS_MODULE", str(ROOT))
    return env


def run_nbgrader(course, args):
    cmd = [sys.executable, "-m", "nbgrader", *args]
    return subprocess.run(cmd, cwd=course, env=nbgrader_env()).returncode


def prepare_course(course):
    """Makes sure the course folder has the course's configuration."""
    course.mkdir(parents=True, exist_ok=True)
    if course.resolve() == COURSE.resolve():
        return
    shutil.copy2(COURSE / CONFIG, course / CONFIG)
    if (course / TEMPLATES).exists():
        shutil.rmtree(course / TEMPLATES)
    shutil.copytree(COURSE / TEMPLATES, course / TEMPLATES)


def read_nb(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source_text(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def has_solutions(nb):
    return any(c.get("metadata", {}).get("nbgrader", {}).get("solution") for c in nb.get("cells", []))


def hidden_lines(nb):
    """The lines between solution or hidden-test markers, and the lines outside them."""
    inside, outside = set(), set()
    for cell in nb["cells"]:
        region = False
        for line in source_text(cell).split("\n"):
            if any(m in line for m in MARKERS):
                region = "BEGIN" in line
                continue
            (inside if region else outside).add(line.strip())
    return inside, outside


def leftovers(source, release):
    """What the release copy still has of the solutions: marker lines, and lines that only appear
    between the markers in the source."""
    inside, outside = hidden_lines(source)
    secret = {line for line in inside - outside if len(line) > 1}
    found = []
    for i, cell in enumerate(release["cells"]):
        for line in source_text(cell).split("\n"):
            if any(m in line for m in MARKERS) or line.strip() in secret:
                found.append(f"celda {i + 1}: {line.strip()}")
        for out in cell.get("outputs", []):
            found.append(f"celda {i + 1}: conserva una salida ({out.get('output_type')})")
    return found


def publish(course, notebooks):
    if not notebooks:
        notebooks = [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if has_solutions(read_nb(p))]
        if not notebooks:
            error("no hay cuadernos de ejercicios en notebooks/ (ninguno tiene celdas de solución de nbgrader)")
            return 1
    failures = 0
    for path in notebooks:
        name = path.stem
        t0 = time.monotonic()
        src_nb = read_nb(path)
        if not has_solutions(src_nb):
            error(f"{path.name} no tiene celdas de solución de nbgrader (metadatos «nbgrader», «solution»: true)")
            failures += 1
            continue
        src_dir = course / "source" / name
        src_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, src_dir / path.name)
        if run_nbgrader(course, ["generate_assignment", name, "--force", "--log-level=WARN"]) != 0:
            error(f"nbgrader generate_assignment {name} falló (el motivo está arriba)")
            failures += 1
            continue
        release = course / "release" / name / path.name
        if not release.exists():
            error(f"nbgrader no escribió {release}")
            failures += 1
            continue
        left = leftovers(src_nb, read_nb(release))
        if left:
            error(f"la copia de los alumnos {release} conserva partes de las soluciones:\n  " + "\n  ".join(left[:20]))
            failures += 1
            continue
        say(f"{path.name}: copia de los alumnos en {release.relative_to(course)} ({time.monotonic() - t0:.1f} s)")
    return 1 if failures else 0


def scores(course, assignment):
    """Scores of every submission of the assignment, from the course's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry  # noqa: PLC0415 (only this command needs it)
    from traitlets.config.loader import PyFileConfigLoader  # noqa: PLC0415

    cfg = PyFileConfigLoader(CONFIG, path=str(course)).load_config()
    result = {}
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        try:
            a = gb.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(f"ERROR: no hay ninguna tarea «{assignment}» en el libro de notas")
        for sub in a.submissions:
            cells = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    cells[g.name] = g.score
            result[sub.student.id] = {"total": sub.score, "maximo": sub.max_score, "celdas": cells}
    return result


def main():
    ap = argparse.ArgumentParser(description="Tareas de nbgrader del curso (cuadernos de ejercicios).")
    ap.add_argument("--curso", type=Path, default=COURSE, help="carpeta del curso de nbgrader (por defecto ejercicios/)")
    sub = ap.add_subparsers(dest="orden", required=True)
    p = sub.add_parser("publicar", help="genera las copias de los alumnos (release/) y comprueba que no queda ninguna solución")
    p.add_argument("notebooks", nargs="*", type=Path)
    p = sub.add_parser("notas", help="las notas de una tarea, celda a celda, en JSON")
    p.add_argument("tarea")
    p = sub.add_parser("nbgrader", help="ejecuta nbgrader en la carpeta del curso")
    p.add_argument("argumentos", nargs=argparse.REMAINDER)
    args = ap.parse_args()

    if importlib.util.find_spec("nbgrader") is None:  # importing it takes seconds: only look
        error(f"falta nbgrader en {sys.prefix}; prepara el entorno con `make setup` (scripts/requirements.txt)")
        return 1
    course = args.curso.resolve()
    prepare_course(course)
    if args.orden == "publicar":
        return publish(course, [p.resolve() for p in args.notebooks])
    if args.orden == "notas":
        json.dump(scores(course, args.tarea), sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
        print()
        return 0
    if not args.argumentos:
        ap.error("falta la orden de nbgrader (p. ej. autograde TAREA)")
    return run_nbgrader(course, args.argumentos)


if __name__ == "__main__":
    sys.exit(main())
