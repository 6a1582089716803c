#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Construye la imagen del curso, la arranca y escribe la URL que hay que abrir en el navegador.
# Funciona con docker o con podman. Desde cualquier carpeta:
#
#   docker/run.sh            # construye (rápido si nada cambió), arranca y escribe la URL
#   docker/run.sh parar      # para y borra el contenedor (los cuadernos siguen en el volumen)
#   docker/run.sh url        # vuelve a escribir la URL del contenedor en marcha
#   docker/run.sh construir  # solo construye la imagen
#
# JupyterLab escucha solo en 127.0.0.1 (este ordenador) y pide token. Los cuadernos del
# estudiante se guardan en el volumen neuronas-cuadernos: sobreviven a parar, a reconstruir y a
# una imagen nueva (que nunca pisa un cuaderno ya copiado; ver docker/README.md).
#
# Variables (todas opcionales):
#   NEURONAS_MOTOR       docker o podman (por defecto, docker si responde; si no, podman)
#   NEURONAS_PUERTO      puerto en 127.0.0.1 (8888)
#   NEURONAS_IMAGEN      nombre de la imagen (neuronas:local)
#   NEURONAS_CONTENEDOR  nombre del contenedor (neuronas)
#   NEURONAS_VOLUMEN     volumen con nombre, o ruta absoluta de una carpeta del ordenador en la
#                        que pueda escribir el uid 1000 (neuronas-cuadernos)
#   NEURONAS_TOKEN       token de JupyterLab (por defecto, el del contenedor anterior o uno al azar)
#   NEURONAS_CONSTRUIR=0 no construye: usa la imagen que ya haya
#   NEURONAS_ESPERA      segundos que espera a que JupyterLab responda (120)
#   NEURONAS_PLATAFORMA  construye para otra plataforma, p. ej. linux/arm64 (emulada con
#                        qemu-user-static si no es la de este ordenador)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${NEURONAS_PUERTO:-8888}"
IMAGE="${NEURONAS_IMAGEN:-neuronas:local}"
CONTAINER="${NEURONAS_CONTENEDOR:-neuronas}"
VOLUME="${NEURONAS_VOLUMEN:-neuronas-cuadernos}"
NOTEBOOKS_DIR=/opt/neuronas/notebooks

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

engine() {
  if [[ -n "${NEURONAS_MOTOR:-}" ]]; then
    command -v "$NEURONAS_MOTOR" >/dev/null || die "no se encuentra '$NEURONAS_MOTOR'"
    echo "$NEURONAS_MOTOR"
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    echo docker
  elif command -v podman >/dev/null; then
    echo podman
  else
    die "hace falta Docker (en marcha) o podman"
  fi
}
ENGINE="$(engine)"

container_exists() { "$ENGINE" container inspect "$CONTAINER" >/dev/null 2>&1; }
inspect_field() { "$ENGINE" container inspect -f "$1" "$CONTAINER" 2>/dev/null; }
current_token() { inspect_field '{{range .Config.Env}}{{println .}}{{end}}' | sed -n 's/^JUPYTER_TOKEN=//p' | head -n 1; }
url() { printf 'http://127.0.0.1:%s/lab?token=%s\n' "$1" "$2"; }

print_url() {
  local port token
  port="$("$ENGINE" port "$CONTAINER" 8888/tcp 2>/dev/null | head -n 1 | sed 's/.*://')"
  token="$(current_token)"
  [[ -n "$port" && -n "$token" ]] || die "el contenedor $CONTAINER no está en marcha (docker/run.sh lo arranca)"
  echo
  echo "JupyterLab del curso en marcha. Abre en el navegador:"
  echo
  echo "    $(url "$port" "$token")"
  echo
  echo "Para pararlo: docker/run.sh parar   (los cuadernos se conservan en el volumen $VOLUME)"
}

# build_image builds the image (docker/Dockerfile) as NEURONAS_IMAGEN, for NEURONAS_PLATAFORMA if set.
build_image() {
  local version revision source args
  version="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo dev)"
  revision="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"
  source="$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)"
  args=(build -f "$ROOT/docker/Dockerfile" -t "$IMAGE"
    --build-arg "NEURONAS_VERSION=$version" --build-arg "NEURONAS_REVISION=$revision")
  # Only a public address goes into the image; never credentials.
  if [[ "$source" =~ ^https://[^@]+$ ]]; then
    args+=(--build-arg "NEURONAS_SOURCE=${source%.git}")
  fi
  if [[ -n "${NEURONAS_PLATAFORMA:-}" ]]; then
    args+=(--platform "$NEURONAS_PLATAFORMA")
  fi
  if [[ "$ENGINE" == podman ]]; then
    # podman writes OCI images by default, which have no HEALTHCHECK. podman 4.3 (Debian 12) does
    # not expand $BUILDPLATFORM in FROM unless it is given, and reuses a cached LABEL layer when
    # only the value of a build argument changed: the labels that change go as --label too.
    local host
    host="$(podman info -f '{{.Host.Arch}}')"
    args+=(--format docker --build-arg "BUILDPLATFORM=linux/$host" --build-arg "BUILDARCH=$host"
      --label "org.opencontainers.image.version=$version"
      --label "org.opencontainers.image.revision=$revision")
    if [[ "$source" =~ ^https://[^@]+$ ]]; then
      args+=(--label "org.opencontainers.image.source=${source%.git}")
    fi
  fi
  say "Construyendo $IMAGE con $ENGINE (la primera vez, unos minutos)"
  "$ENGINE" "${args[@]}" "$ROOT"
}

case "${1:-}" in
parar)
  if container_exists; then
    say "Parando y borrando el contenedor $CONTAINER"
    "$ENGINE" stop -t 20 "$CONTAINER" >/dev/null
    "$ENGINE" rm "$CONTAINER" >/dev/null
  fi
  exit 0
  ;;
url)
  print_url
  exit 0
  ;;
construir)
  build_image
  exit 0
  ;;
"") ;;
*) die "uso: $0 [parar|url|construir]" ;;
esac

if [[ "${NEURONAS_CONSTRUIR:-1}" != 0 ]]; then
  build_image
fi

image_id="$("$ENGINE" image inspect -f '{{.Id}}' "$IMAGE")" || die "no existe la imagen $IMAGE"

if container_exists; then
  if [[ "$(inspect_field '{{.Image}}')" == "$image_id" && "$(inspect_field '{{.State.Running}}')" == true ]]; then
    say "El contenedor $CONTAINER ya está en marcha con esta imagen"
    print_url
    exit 0
  fi
  # Another image, or stopped: a new container on the same volume, with the same token.
  TOKEN="${NEURONAS_TOKEN:-$(current_token)}"
  say "Sustituyendo el contenedor $CONTAINER (los cuadernos están en el volumen $VOLUME)"
  "$ENGINE" rm -f "$CONTAINER" >/dev/null
fi
TOKEN="${TOKEN:-${NEURONAS_TOKEN:-}}"
if [[ -z "$TOKEN" ]]; then
  TOKEN="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
fi

if [[ "$VOLUME" == /* ]]; then
  mkdir -p "$VOLUME"
fi
say "Arrancando $CONTAINER en 127.0.0.1:$PORT"
"$ENGINE" run -d --name "$CONTAINER" \
  -p "127.0.0.1:$PORT:8888" \
  -v "$VOLUME:$NOTEBOOKS_DIR" \
  -e "JUPYTER_TOKEN=$TOKEN" \
  --cap-drop=ALL --security-opt=no-new-privileges \
  "$IMAGE" >/dev/null

# Ready when the server answers inside the container (the image's health check command).
WAIT_S="${NEURONAS_ESPERA:-120}"
for _ in $(seq 1 "$WAIT_S"); do
  if [[ "$(inspect_field '{{.State.Running}}')" != true ]]; then
    "$ENGINE" logs --tail 40 "$CONTAINER" >&2 || true
    die "el contenedor $CONTAINER se ha parado"
  fi
  if "$ENGINE" exec "$CONTAINER" python3 -c \
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8888/api', timeout=2)" >/dev/null 2>&1; then
    print_url
    exit 0
  fi
  sleep 1
done
"$ENGINE" logs --tail 40 "$CONTAINER" >&2 || true
die "JupyterLab no respondió en $WAIT_S s"
