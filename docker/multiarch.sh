#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# La imagen del curso para linux/amd64 y linux/arm64 (Mac con Apple silicon) con podman, sin
# registro de contenedores: el mismo Dockerfile para las dos, juntas en una lista de manifiestos.
#
#   docker/multiarch.sh construir   # cada arquitectura (con su tiempo) y la lista de manifiestos
#   docker/multiarch.sh guardar     # además, un archivo comprimido por arquitectura en dist/ que
#                                   # `docker load` o `podman load` convierten en la imagen; cada
#                                   # archivo se prueba cargándolo en un almacén de podman aparte
#
# Las imágenes: localhost/neuronas:VERSION-ARQ, y la lista localhost/neuronas:VERSION (VERSION es
# `git describe`). Los archivos: dist/neuronas-VERSION-linux-ARQ.tar.gz.
#
# Variables: NEURONAS_ARQUITECTURAS ("amd64 arm64"), NEURONAS_DIST (carpeta de los archivos, dist/).
# La arquitectura que no es la de este ordenador se emula con qemu-user-static (ver
# docker/README.md): solo la parte de Python y la etapa final; Go compila de forma cruzada.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a ARCHS <<<"${NEURONAS_ARQUITECTURAS:-amd64 arm64}"
DIST="${NEURONAS_DIST:-$ROOT/dist}"
REPO=localhost/neuronas
VERSION="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo dev)"

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
since() { echo $(($(date +%s) - $1)); }

command -v podman >/dev/null || die "hace falta podman (apt-get install podman runc)"
# Podman on these machines: runc (crun fails with cgroups in hybrid mode) and explicit ulimits.
if [[ -z "${CONTAINERS_CONF:-}" ]]; then
  CONTAINERS_CONF="$(mktemp)"
  export CONTAINERS_CONF
  trap 'rm -f "$CONTAINERS_CONF"' EXIT
  printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF"
fi
HOST_ARCH="$(podman info -f '{{.Host.Arch}}')"

# build_all builds every architecture, reports its build time and makes the manifest list.
build_all() {
  local bases=() a t
  for a in "${ARCHS[@]}"; do
    [[ "$a" == "$HOST_ARCH" ]] || bases=(amd64 arm64)
  done
  bash "$ROOT/docker/base-image.sh" "${bases[@]}"
  local timings=()
  for a in "${ARCHS[@]}"; do
    say "linux/$a -> $REPO:$VERSION-$a"
    t=$(date +%s)
    NEURONAS_MOTOR=podman NEURONAS_PLATAFORMA="linux/$a" NEURONAS_IMAGEN="$REPO:$VERSION-$a" \
      bash "$ROOT/docker/run.sh" construir
    timings+=("linux/$a: $(since "$t") s")
  done
  if podman manifest inspect "$REPO:$VERSION" >/dev/null 2>&1; then
    podman manifest rm "$REPO:$VERSION" >/dev/null
  fi
  podman manifest create "$REPO:$VERSION" >/dev/null
  for a in "${ARCHS[@]}"; do
    podman manifest add "$REPO:$VERSION" "containers-storage:$REPO:$VERSION-$a" >/dev/null
  done
  say "Lista de manifiestos $REPO:$VERSION"
  podman manifest inspect "$REPO:$VERSION" | grep -E '"(architecture|os)"'
  say "Tiempo de construcción por arquitectura"
  printf '  %s\n' "${timings[@]}"
}

# check_archive ARCHIVE ARCH loads the archive into a podman storage of its own (so that the load is
# real, not a new name for an image already here), then starts JupyterLab from it, offline, and
# checks the token, the architecture and Go.
check_archive() {
  local archive="$1" arch="$2" dir image token port c ok=0
  dir="$(mktemp -d)"
  local p=(podman --root "$dir/root" --runroot "$dir/run")
  # docker load reads the gzip archive directly; podman 4.3 needs it decompressed.
  image="$(gunzip -c "$archive" | "${p[@]}" load -q | sed -n 's/^Loaded image[^:]*: *//p' | head -n 1)"
  [[ -n "$image" ]] || die "$archive: podman load no cargó ninguna imagen"
  token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  c="$("${p[@]}" run -d -p "127.0.0.1:$port:8888" -e "JUPYTER_TOKEN=$token" \
    --cap-drop=ALL --security-opt=no-new-privileges "$image")"
  for _ in $(seq 1 600); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: token $token" \
      "http://127.0.0.1:$port/api/kernelspecs")" == 200 ]]; then
      ok=1
      break
    fi
    sleep 1
  done
  local failures=()
  ((ok)) || failures+=("JupyterLab no responde con el token")
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/kernelspecs")" == 403 ]] ||
    failures+=("sin token no responde 403")
  [[ "$("${p[@]}" image inspect -f '{{.Architecture}}' "$image")" == "$arch" ]] ||
    failures+=("la imagen no es $arch")
  [[ "$("${p[@]}" exec "$c" go env GOARCH GOPROXY | tr '\n' ' ')" == "$arch off " ]] ||
    failures+=("go env GOARCH GOPROXY no es '$arch off'")
  "${p[@]}" rm -f "$c" >/dev/null
  "${p[@]}" rmi -af >/dev/null 2>&1 || true
  # podman leaves the storage's overlay folder mounted on itself.
  if mountpoint -q "$dir/root/overlay"; then umount "$dir/root/overlay" || true; fi
  rm -rf "$dir" 2>/dev/null || true
  if ((${#failures[@]})); then
    printf 'FAIL %s: %s\n' "$archive" "${failures[@]}"
    return 1
  fi
  echo "ok   $(basename "$archive"): se carga como $image ($arch), JupyterLab con token, Go sin descargas"
}

save_archives() {
  build_all
  mkdir -p "$DIST"
  local a archive t failed=0
  for a in "${ARCHS[@]}"; do
    archive="$DIST/neuronas-$VERSION-linux-$a.tar.gz"
    say "$archive"
    t=$(date +%s)
    podman save --format docker-archive "$REPO:$VERSION-$a" | gzip -6 >"$archive.tmp"
    mv "$archive.tmp" "$archive"
    echo "  $(du -h "$archive" | cut -f1) en $(since "$t") s"
    t=$(date +%s)
    check_archive "$archive" "$a" || failed=$((failed + 1))
    echo "  prueba: $(since "$t") s"
  done
  say "Archivos"
  ls -l "$DIST"/neuronas-"$VERSION"-linux-*.tar.gz
  ((failed == 0))
}

case "${1:-}" in
construir) build_all ;;
guardar) save_archives ;;
*) die "uso: $0 construir|guardar" ;;
esac
