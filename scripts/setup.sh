#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prepara todo lo necesario para abrir y probar los cuadernos de GoNB:
#   - GoNB, goimports y gopls en .tools/bin (o $NEURONAS_TOOLS_BIN);
#   - un entorno de Python en .venv (o $NEURONAS_VENV) con JupyterLab, nbclient y nbformat fijados
#     en scripts/requirements.txt;
#   - el kernel "gonb" registrado solo dentro de ese entorno (no toca ~/.local/share/jupyter).
# Es idempotente: si ya está todo hecho, termina en unos segundos.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_BIN="${NEURONAS_TOOLS_BIN:-$ROOT/.tools/bin}"
VENV="${NEURONAS_VENV:-$ROOT/.venv}"
PYTHON3="${NEURONAS_BOOTSTRAP_PYTHON:-python3}"
GOPLS_VERSION="v0.23.0" # v0.24+ requires Go 1.27.

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "no se encuentra 'go' en el PATH (hace falta Go 1.26)."
command -v "$PYTHON3" >/dev/null || die "no se encuentra '$PYTHON3' (hace falta Python 3 con el módulo venv)."
GOROOT_BIN="$(go env GOROOT)/bin"
mkdir -p "$TOOLS_BIN"
TOOLS_BIN="$(cd "$TOOLS_BIN" && pwd)"

# 1. Go tools. GoNB and goimports come from the tools module scripts/tools (its go.mod pins them;
# `go install github.com/janpfeifer/gonb@version` fails against the module proxy here).
# gopls is installed from its own module, since its golang.org/x/tools version conflicts with GoNB's.
say "Herramientas de Go (gonb, goimports, gopls) en $TOOLS_BIN"
(cd "$ROOT/scripts/tools" && GOBIN="$TOOLS_BIN" go install tool)
if ! go version -m "$TOOLS_BIN/gopls" 2>/dev/null | grep -q "mod.*golang.org/x/tools/gopls.*$GOPLS_VERSION"; then
  GOBIN="$TOOLS_BIN" go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
fi

# 2. Python virtual environment, reinstalled only when scripts/requirements.txt changes.
REQS="$ROOT/scripts/requirements.txt"
STAMP="$VENV/.neuronas-requirements"
if [[ ! -x "$VENV/bin/python" ]]; then
  say "Creando el entorno de Python en $VENV"
  "$PYTHON3" -m venv "$VENV"
fi
if ! cmp -s "$REQS" "$STAMP"; then
  say "Instalando los paquetes de Python de scripts/requirements.txt"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQS"
  cp "$REQS" "$STAMP"
else
  say "Paquetes de Python ya instalados en $VENV"
fi

# 3. GoNB kernel, registered only inside the venv. Jupyter starts the kernel with the environment of
# whoever launched it, so kernel.json prepends the tool and Go directories to PATH (GoNB runs go,
# goimports and gopls from PATH); jupyter_client expands ${PATH} when it starts the kernel.
# GOFLAGS adds -ldflags=-s to the user's own GOFLAGS: every cell is linked into a new program, and
# without the symbol table and DWARF (which -s implies) linking takes about half the CPU; stack
# traces keep their file:line (go run ./cmd/cellprofile measures it).
say "Registrando el kernel de GoNB en $VENV/share/jupyter/kernels/gonb"
JUPYTER_DATA_DIR="$VENV/share/jupyter" PATH="$TOOLS_BIN:$GOROOT_BIN:$PATH" \
  "$TOOLS_BIN/gonb" --install --logtostderr 2>/dev/null ||
  die "falló 'gonb --install' (vuelve a ejecutarlo con --logtostderr para ver el motivo)."
KERNEL_JSON="$VENV/share/jupyter/kernels/gonb/kernel.json" \
KERNEL_PATH="$TOOLS_BIN:$GOROOT_BIN:\${PATH}" \
KERNEL_GOFLAGS="$(go env GOFLAGS | sed 's/ *-ldflags=[^ ]*//g') -ldflags=-s" \
  "$VENV/bin/python" - <<'EOF'
import json, os
path = os.environ["KERNEL_JSON"]
with open(path) as f:
    spec = json.load(f)
spec.setdefault("env", {})["PATH"] = os.environ["KERNEL_PATH"]
spec["env"]["GOFLAGS"] = os.environ["KERNEL_GOFLAGS"].strip()
with open(path, "w") as f:
    json.dump(spec, f, indent=1)
    f.write("\n")
EOF

# 4. JupyterLab settings shared with the Docker image: Spanish UI, no news pop-up, a completion
# timeout long enough for gopls' first answer, and RISE slides taller than the screen get a scroll
# bar (a notebook without slide metadata is one long slide).
mkdir -p "$VENV/share/jupyter/lab/settings"
cp "$ROOT/docker/jupyter/overrides.json" "$VENV/share/jupyter/lab/settings/overrides.json"
# Jupyter Server setting shared with the image: the page shows the Go kernel's state as soon as a
# notebook opens, not «Unknown» until the first cell runs (see that file).
mkdir -p "$VENV/etc/jupyter"
cp "$ROOT/docker/jupyter/kernel_status.py" "$VENV/etc/jupyter/jupyter_server_config.py"

say "Entorno listo. Kernels disponibles:"
JUPYTER_PATH="$VENV/share/jupyter" "$VENV/bin/jupyter" kernelspec list
