#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Mide las celdas de entrenamiento del curso en Go (GoMLX y un bucle escrito
# a mano) y en PyTorch, en la misma máquina y la misma ejecución. La última
# línea es «ratio Go/PyTorch (geometric mean): X.XX».
#
#	bench/run.sh [-steps 50000] [-reps 3]
#
# PyTorch sale del Python del sistema (/usr/bin/python3 con python3-torch).
set -eu
cd "$(dirname "$0")/.."
exec go run ./bench -torch "$(pwd)/internal/parity/curso.py" "$@"
