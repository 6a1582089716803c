#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Genera el sitio web del curso (make sitio) con scripts/sitio/build.py, al que pasa sus argumentos
# (make sitio: --out _sitio). No ejecuta los cuadernos ni necesita Go: basta Python 3 con venv.
# El entorno de Python es el del proyecto (NEURONAS_VENV, por defecto .venv) si `make setup` ya lo
# dejó al día con scripts/requirements.txt; si no, uno propio, .venv-sitio (o NEURONAS_SITIO_VENV),
# con esos mismos paquetes fijados, instalados solo la primera vez o cuando cambian. Así el sitio
# dibuja las celdas con las mismas versiones que los apuntes y las pruebas.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON3="${NEURONAS_BOOTSTRAP_PYTHON:-python3}"
REQS="$ROOT/scripts/requirements.txt"
STAMP_NAME=".neuronas-requirements"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

VENV="${NEURONAS_SITIO_VENV:-}"
if [[ -z "$VENV" ]]; then
  project="${NEURONAS_VENV:-$ROOT/.venv}"
  if [[ -x "$project/bin/python" ]] && cmp -s "$REQS" "$project/$STAMP_NAME"; then
    VENV="$project"
  else
    VENV="$ROOT/.venv-sitio"
  fi
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  command -v "$PYTHON3" >/dev/null || die "no se encuentra '$PYTHON3' (hace falta Python 3 con el módulo venv)."
  say "Creando el entorno de Python del sitio en $VENV"
  "$PYTHON3" -m venv "$VENV"
fi
if ! cmp -s "$REQS" "$VENV/$STAMP_NAME"; then
  say "Instalando en $VENV los paquetes de scripts/requirements.txt (la primera vez, un par de minutos)"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQS"
  cp "$REQS" "$VENV/$STAMP_NAME"
fi
say "Generando el sitio web del curso a partir de los cuadernos (sin ejecutarlos), con $VENV"
exec "$VENV/bin/python" "$ROOT/scripts/sitio/build.py" "$@"
