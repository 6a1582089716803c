#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Fills Go's module and build caches while the image is built, so that inside the container the
# notebooks compile quickly and nothing is downloaded. Called from docker/Dockerfile in two steps,
# one per cache, each its own image layer (so that its size can be seen):
#
#   warm.sh modules   downloads the modules needed to build pkg/ (default proxy, checksum database)
#   warm.sh build     compiles them offline (GOPROXY=off), as GoNB compiles a cell
#   warm.sh check     (docker/test.sh) fails if building that again compiles anything but main
#
# GoNB compiles each cell in a fresh temporary module whose go.mod replaces neuronas with the
# notebooks folder's parent (the notebooks' first cell). Go's build cache keys a package by its
# sources, flags and, for packages outside the module cache, its folder, so the cells reuse these
# entries as long as the module sits at the same path (NEURONAS_MODULE) and the environment is
# the same (the Dockerfile sets it before these steps).
set -eu

MODULE="${NEURONAS_MODULE:-/opt/neuronas}"
WARM="${TMPDIR:-/tmp}/gonb_warm"
# Standard packages that GoNB's generated main or the notebooks' cells use directly.
STD="bytes flag fmt image image/color image/png math math/rand/v2 os slices sort strings time"

# setup writes GoNB's temporary module: go.mod as the notebooks' first cell leaves it, and a main
# package that imports every package of pkg/ plus the standard ones above.
setup() {
  cd / && rm -rf "$WARM"
  mkdir -p "$WARM" "$MODULE/notebooks"
  cd "$WARM"
  go mod init gonb_warm 2>/dev/null
  go mod edit -replace neuronas="$MODULE/notebooks/.." -require neuronas@v0.0.0
  cp "$MODULE/go.sum" .
  {
    echo "package main"
    echo
    echo "import ("
    for p in $STD github.com/janpfeifer/gonb/gonbui $(cd "$MODULE" && go list ./pkg/...); do
      echo "	_ \"$p\""
    done
    echo ")"
    echo
    echo "func main() {}"
  } >main.go
  # As GoNB with %autoget before every cell (the notebooks turn it off with %noautoget).
  go get
}

# prune removes from the module cache what building never reads: the module zips (the extracted
# folders, with the .mod, .info and .ziphash files that go.sum checks use, are enough offline),
# documentation images, videos, PDF and HTML pages, notebooks, tests and test data. Folders with a
# //go:embed directive keep every file, since a build may embed any of them. (`go mod verify`
# would now report the modules as modified; building does not check.)
prune() {
  modcache="$(go env GOMODCACHE)"
  find "$modcache/cache/download" -name '*.zip' -delete
  grep -rl --include='*.go' '^//go:embed' "$modcache" | sed 's|/[^/]*$|/|' | sort -u >"$WARM/embed"
  find "$modcache" -path "$modcache/cache" -prune -o -type f \( \
    -iname '*.gif' -o -iname '*.png' -o -iname '*.apng' -o -iname '*.jpg' -o -iname '*.jpeg' \
    -o -iname '*.webp' -o -iname '*.tif' -o -iname '*.tiff' -o -iname '*.bmp' -o -iname '*.mp4' \
    -o -iname '*.pdf' -o -iname '*.html' -o -iname '*.ipynb' -o -name '*_test.go' \
    -o -path '*/testdata/*' \) -print >"$WARM/candidates"
  awk 'NR == FNR { keep[++n] = $0; next }
       { for (i = 1; i <= n; i++) if (index($0, keep[i]) == 1) next; print }' \
    "$WARM/embed" "$WARM/candidates" | tr '\n' '\0' | xargs -0 -r rm -f --
  find "$modcache" -mindepth 1 -type d -empty ! -path "$modcache/cache/*" -delete
}

case "${1:-}" in
modules)
  setup
  go list -deps . >/dev/null
  prune
  cd / && rm -rf "$WARM"
  du -sh "$(go env GOMODCACHE)"
  ;;
build)
  setup
  go build -o "$WARM/gonb_warm" .
  # A fresh container would refresh the modification time of every cache entry it uses (Go marks
  # entries as used once an hour), copying each used file into the container's writable layer,
  # and trims entries unused for five days. Entries dated in the future are neither refreshed nor
  # trimmed.
  find "$(go env GOCACHE)" -type f -exec touch -d '2100-01-01 00:00:00' {} +
  cd / && rm -rf "$WARM"
  du -sh "$(go env GOCACHE)"
  ;;
check)
  # Used by docker/test.sh inside the finished image, offline: building the same program again
  # must compile nothing but its main package.
  setup
  go build -x -o "$WARM/gonb_warm" . 2>"$WARM/build.log"
  recompiled="$(grep -E '/compile( |$)' "$WARM/build.log" | grep -v -- '-p main ' || true)"
  cd / && rm -rf "$WARM"
  if [ -n "$recompiled" ]; then
    echo "warm.sh: la caché de compilación no sirve; se recompila:" >&2
    echo "$recompiled" | sed -n 's/.* -p \([^ ]*\) .*/  \1/p' | head -20 >&2
    exit 1
  fi
  ;;
*)
  echo "uso: $0 modules|build|check" >&2
  exit 2
  ;;
esac
