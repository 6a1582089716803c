#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Las cuentas del curso en arm64 (Mac con Apple silicon) sin una máquina arm64: Go compila de
# forma cruzada (GOARCH=arm64) y los programas corren emulados con qemu-user-static (binfmt_misc).
#
#   1. las pruebas de los paquetes del cálculo (data, random, nn, gradients, train) en arm64;
#   2. la huella de las celdas de entrenamiento del curso (internal/parity/fingerprint_test.go: la pérdida final de
#      cada red, bit a bit) en amd64 y en arm64, que deben coincidir: Go puede fusionar
#      multiplicaciones y sumas (FMA) en arm64 y no en amd64, y estas redes son caóticas.
#
# Hace falta: apt-get install qemu-user-static binfmt-support (como root; .ci/run lo instala).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
[[ "$(go env GOHOSTARCH)" == amd64 ]] || die "este script compara arm64 con amd64 desde una máquina amd64"
[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] ||
  die "no se pueden ejecutar programas de arm64: apt-get install qemu-user-static binfmt-support"

echo "==> GOARCH=arm64 go test (emulado) de los paquetes del cálculo"
GOARCH=arm64 go test -count=1 ./pkg/data ./pkg/random ./pkg/nn ./pkg/gradients ./pkg/train

huellas() {
  GOARCH="$1" go test -count=1 -run '^TestCourseFingerprint$' -v ./internal/parity | sed -n 's/.*huella: //p'
}
echo "==> Huella de las celdas de entrenamiento del curso: amd64 frente a arm64 (emulado)"
amd64="$(huellas amd64)"
arm64="$(huellas arm64)"
[[ -n "$amd64" ]] || die "la prueba de la huella no escribió nada"
echo "$amd64"
if [[ "$amd64" != "$arm64" ]]; then
  diff <(echo "$amd64") <(echo "$arm64") || true
  die "arm64 no da los mismos números que amd64"
fi
echo "arm64: mismos números que amd64, bit a bit ($(echo "$amd64" | wc -l) celdas)"
