#!/usr/bin/env bash
# Crea localmente la imagen base debian:bookworm-slim para podman cuando no se puede descargar de un
# registro de contenedores (como en las máquinas de CI de este proyecto). Con Docker y conexión a
# Internet no hace falta: `docker build` la descarga sola.
#
#   docker/base-image.sh            # no hace nada si la imagen ya existe
#   NEURONAS_BASE_FORCE=1 docker/base-image.sh
#
# Usa debootstrap (variante minbase), copia las autoridades de certificación añadidas localmente
# en el anfitrión (/usr/local/share/ca-certificates), deja las mismas fuentes de apt que la imagen
# oficial y quita documentación, páginas de manual y traducciones como hace la variante -slim.
set -euo pipefail

IMAGE="docker.io/library/debian:bookworm-slim"
SUITE="bookworm"
MIRROR="${NEURONAS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

command -v podman >/dev/null || die "hace falta podman"
if [[ "${NEURONAS_BASE_FORCE:-0}" != 1 ]] && podman image exists "$IMAGE"; then
  say "La imagen base $IMAGE ya existe"
  exit 0
fi
command -v debootstrap >/dev/null || die "hace falta debootstrap (apt-get install debootstrap)"
[[ $(id -u) == 0 ]] || die "debootstrap necesita ejecutarse como root"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"

say "debootstrap --variant=minbase $SUITE (unos 30-70 s)"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -20 "$WORK/debootstrap.log" >&2; die "falló debootstrap"; }

# Local certificate authorities (e.g. a proxy that inspects TLS): the image's ca-certificates
# package picks them up from here when a Dockerfile step installs it.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$ROOTFS/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
fi

# Same apt sources as the official image (deb822 format, with updates and security).
rm -f "$ROOTFS/etc/apt/sources.list"
cat >"$ROOTFS/etc/apt/sources.list.d/debian.sources" <<SOURCES
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
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/neuronas-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
SLIM
cat >"$ROOTFS/etc/apt/apt.conf.d/neuronas-slim" <<'APT'
APT::Install-Recommends "false";
Binary::apt::APT::Keep-Downloaded-Packages "false";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/lib/apt/lists/* \
  "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/var/tmp/*
find "$ROOTFS/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/groff/* "$ROOTFS"/usr/share/lintian/*
find "$ROOTFS/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

say "podman import -> $IMAGE"
tar --numeric-owner -C "$ROOTFS" -c . |
  podman import --change 'CMD ["bash"]' - "$IMAGE" >/dev/null
podman image ls "$IMAGE"
