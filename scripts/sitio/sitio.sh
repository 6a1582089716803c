#!/usr/bin/env bash
# Genera el sitio web del curso (make sitio): prepara su entorno de Python (.venv-sitio, o
# $NEURONAS_SITIO_VENV) con los paquetes fijados en scripts/sitio/requirements.txt, solo la primera
# vez o cuando cambian, y ejecuta scripts/sitio/build.py con los argumentos que reciba (por defecto
# deja el sitio en _sitio/). No ejecuta los cuadernos ni necesita Go: basta Python 3 con venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${NEURONAS_SITIO_VENV:-$ROOT/.venv-sitio}"
PYTHON3="${NEURONAS_BOOTSTRAP_PYTHON:-python3}"
REQS="$ROOT/scripts/sitio/requirements.txt"
STAMP="$VENV/.neuronas-requirements"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

if [[ ! -x "$VENV/bin/python" ]]; then
  command -v "$PYTHON3" >/dev/null || die "no se encuentra '$PYTHON3' (hace falta Python 3 con el módulo venv)."
  say "Creando el entorno de Python del sitio en $VENV"
  "$PYTHON3" -m venv "$VENV"
fi
if ! cmp -s "$REQS" "$STAMP"; then
  say "Instalando los paquetes de scripts/sitio/requirements.txt"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQS"
  cp "$REQS" "$STAMP"
fi
say "Generando el sitio web del curso a partir de los cuadernos (sin ejecutarlos)"
exec "$VENV/bin/python" "$ROOT/scripts/sitio/build.py" "$@"
