#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Crea localmente la imagen base debian:bookworm-slim para podman cuando no se puede descargar de un
# registro de contenedores (como en las máquinas de CI de este proyecto). Con Docker y conexión a
# Internet no hace falta: `docker build` la descarga sola.
#
#   docker/base-image.sh                # la de la arquitectura de esta máquina; nada si ya existe
#   docker/base-image.sh amd64 arm64    # las dos (arm64 emulada con qemu-user-static)
#   NEURONAS_BASE_FORCE=1 docker/base-image.sh
#
# Usa debootstrap (variante minbase), copia las autoridades de certificación añadidas localmente
# en el anfitrión (/usr/local/share/ca-certificates), deja las mismas fuentes de apt que la imagen
# oficial y quita documentación, páginas de manual y traducciones como hace la variante -slim.
#
# Con una sola arquitectura, la de la máquina, la imagen se llama directamente
# docker.io/library/debian:bookworm-slim. Con varias, cada una se guarda como
# localhost/neuronas-base:bookworm-slim-ARQ y debian:bookworm-slim pasa a ser una lista de
# manifiestos con todas, como la del registro: `podman build --platform linux/ARQ` toma de ella la
# de cada arquitectura. Otra arquitectura que la de la máquina se crea con `debootstrap --foreign`
# y la segunda fase emulada (qemu-user-static registrado en binfmt_misc).
set -euo pipefail

IMAGE="docker.io/library/debian:bookworm-slim"
PER_ARCH="localhost/neuronas-base:bookworm-slim"
SUITE="bookworm"
MIRROR="${NEURONAS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

command -v podman >/dev/null || die "hace falta podman"
HOST_ARCH="$(podman info -f '{{.Host.Arch}}')"
ARCHS=("$@")
((${#ARCHS[@]})) || ARCHS=("$HOST_ARCH")
for a in "${ARCHS[@]}"; do
  [[ "$a" == amd64 || "$a" == arm64 ]] || die "arquitectura '$a' no prevista: usa amd64 o arm64"
done
FORCE="${NEURONAS_BASE_FORCE:-0}"

# is_list NAME: NAME is a manifest list in local storage.
is_list() { podman manifest inspect "$1" >/dev/null 2>&1; }

if [[ "$FORCE" != 1 && "${ARCHS[*]}" == "$HOST_ARCH" ]] && podman image exists "$IMAGE"; then
  say "La imagen base $IMAGE ya existe"
  exit 0
fi
# build ARCH NAME: debootstrap for ARCH, imported into podman as NAME.
build() {
  local arch="$1" name="$2" work rootfs
  command -v debootstrap >/dev/null || die "hace falta debootstrap (apt-get install debootstrap)"
  [[ $(id -u) == 0 ]] || die "debootstrap necesita ejecutarse como root"
  work="$(mktemp -d)"
  rootfs="$work/rootfs"
  if [[ "$arch" == "$HOST_ARCH" ]]; then
    say "debootstrap --variant=minbase $SUITE ($arch, unos 30-70 s)"
    debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
      { tail -20 "$work/debootstrap.log" >&2; rm -rf "$work"; die "falló debootstrap"; }
  else
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 || "$arch" != arm64 ]] ||
      die "hace falta emular arm64: apt-get install qemu-user-static binfmt-support (y binfmt_misc montado)"
    say "debootstrap --foreign --arch=$arch --variant=minbase $SUITE y segunda fase emulada (unos minutos)"
    { debootstrap --foreign --arch="$arch" --variant=minbase "$SUITE" "$rootfs" "$MIRROR" &&
      chroot "$rootfs" /debootstrap/debootstrap --second-stage; } >"$work/debootstrap.log" 2>&1 ||
      { tail -20 "$work/debootstrap.log" >&2; rm -rf "$work"; die "falló debootstrap ($arch)"; }
  fi
  # Local certificate authorities (e.g. a proxy that inspects TLS): the image's ca-certificates
  # package picks them up from here when a Dockerfile step installs it.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$rootfs/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
  fi

  # Same apt sources as the official image (deb822 format, with updates and security).
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES

  # As in the -slim variant: packages installed later leave out documentation, manuals and
  # translations, and apt keeps neither downloaded packages nor package lists.
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/neuronas-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
SLIM
  cat >"$rootfs/etc/apt/apt.conf.d/neuronas-slim" <<'APT'
APT::Install-Recommends "false";
Binary::apt::APT::Keep-Downloaded-Packages "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/groff/* "$rootfs"/usr/share/lintian/*
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

  say "podman import ($arch) -> $name"
  tar --numeric-owner -C "$rootfs" -c . |
    podman import --arch "$arch" --change 'CMD ["bash"]' - "$name" >/dev/null
  rm -rf "$work"
}

if [[ "${ARCHS[*]}" == "$HOST_ARCH" ]]; then
  build "$HOST_ARCH" "$IMAGE"
  podman image ls "$IMAGE"
  exit 0
fi

# Several architectures. Nothing to do if the list already holds every one of them.
if [[ "$FORCE" != 1 ]] && is_list "$IMAGE"; then
  missing=0
  for a in "${ARCHS[@]}"; do
    podman manifest inspect "$IMAGE" | grep -q "\"architecture\": \"$a\"" || missing=1
  done
  if ((missing == 0)); then
    say "La imagen base $IMAGE ya existe para ${ARCHS[*]}"
    exit 0
  fi
fi
# A single-architecture base made before is reused for its architecture.
if podman image exists "$IMAGE" && ! is_list "$IMAGE"; then
  old_arch="$(podman image inspect -f '{{.Architecture}}' "$IMAGE")"
  if ! podman image exists "$PER_ARCH-$old_arch"; then
    podman tag "$IMAGE" "$PER_ARCH-$old_arch"
  fi
  podman untag "$IMAGE" "$IMAGE"
fi
for a in "${ARCHS[@]}"; do
  if [[ "$FORCE" == 1 ]] || ! podman image exists "$PER_ARCH-$a"; then
    build "$a" "$PER_ARCH-$a"
  fi
done
# The manifest list holds every per-architecture base there is (a list is rebuilt, not edited).
if is_list "$IMAGE"; then
  podman manifest rm "$IMAGE" >/dev/null
fi
podman manifest create "$IMAGE" >/dev/null
for a in amd64 arm64; do
  if podman image exists "$PER_ARCH-$a"; then
    podman manifest add "$IMAGE" "containers-storage:$PER_ARCH-$a" >/dev/null
  fi
done
say "$IMAGE: lista de manifiestos con $(podman manifest inspect "$IMAGE" | grep -c '"architecture"') arquitecturas"
podman image ls "${PER_ARCH%%:*}"
