#!/usr/bin/env bash
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
PUERTO="${NEURONAS_PUERTO:-8888}"
IMAGEN="${NEURONAS_IMAGEN:-neuronas:local}"
CONTENEDOR="${NEURONAS_CONTENEDOR:-neuronas}"
VOLUMEN="${NEURONAS_VOLUMEN:-neuronas-cuadernos}"
CUADERNOS=/opt/neuronas/notebooks

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

motor() {
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
ENGINE="$(motor)"

existe() { "$ENGINE" container inspect "$CONTENEDOR" >/dev/null 2>&1; }
campo() { "$ENGINE" container inspect -f "$1" "$CONTENEDOR" 2>/dev/null; }
token_actual() { campo '{{range .Config.Env}}{{println .}}{{end}}' | sed -n 's/^JUPYTER_TOKEN=//p' | head -n 1; }
url() { printf 'http://127.0.0.1:%s/lab?token=%s\n' "$1" "$2"; }

imprimir_url() {
  local puerto token
  puerto="$("$ENGINE" port "$CONTENEDOR" 8888/tcp 2>/dev/null | head -n 1 | sed 's/.*://')"
  token="$(token_actual)"
  [[ -n "$puerto" && -n "$token" ]] || die "el contenedor $CONTENEDOR no está en marcha (docker/run.sh lo arranca)"
  echo
  echo "JupyterLab del curso en marcha. Abre en el navegador:"
  echo
  echo "    $(url "$puerto" "$token")"
  echo
  echo "Para pararlo: docker/run.sh parar   (los cuadernos se conservan en el volumen $VOLUMEN)"
}

# construir builds the image (docker/Dockerfile) as NEURONAS_IMAGEN, for NEURONAS_PLATAFORMA if set.
construir() {
  local version revision source args
  version="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo dev)"
  revision="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"
  source="$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)"
  args=(build -f "$ROOT/docker/Dockerfile" -t "$IMAGEN"
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
  say "Construyendo $IMAGEN con $ENGINE (la primera vez, unos minutos)"
  "$ENGINE" "${args[@]}" "$ROOT"
}

case "${1:-}" in
parar)
  if existe; then
    say "Parando y borrando el contenedor $CONTENEDOR"
    "$ENGINE" stop -t 20 "$CONTENEDOR" >/dev/null
    "$ENGINE" rm "$CONTENEDOR" >/dev/null
  fi
  exit 0
  ;;
url)
  imprimir_url
  exit 0
  ;;
construir)
  construir
  exit 0
  ;;
"") ;;
*) die "uso: $0 [parar|url|construir]" ;;
esac

if [[ "${NEURONAS_CONSTRUIR:-1}" != 0 ]]; then
  construir
fi

imagen_id="$("$ENGINE" image inspect -f '{{.Id}}' "$IMAGEN")" || die "no existe la imagen $IMAGEN"

if existe; then
  if [[ "$(campo '{{.Image}}')" == "$imagen_id" && "$(campo '{{.State.Running}}')" == true ]]; then
    say "El contenedor $CONTENEDOR ya está en marcha con esta imagen"
    imprimir_url
    exit 0
  fi
  # Another image, or stopped: a new container on the same volume, with the same token.
  TOKEN="${NEURONAS_TOKEN:-$(token_actual)}"
  say "Sustituyendo el contenedor $CONTENEDOR (los cuadernos están en el volumen $VOLUMEN)"
  "$ENGINE" rm -f "$CONTENEDOR" >/dev/null
fi
TOKEN="${TOKEN:-${NEURONAS_TOKEN:-}}"
if [[ -z "$TOKEN" ]]; then
  TOKEN="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
fi

if [[ "$VOLUMEN" == /* ]]; then
  mkdir -p "$VOLUMEN"
fi
say "Arrancando $CONTENEDOR en 127.0.0.1:$PUERTO"
"$ENGINE" run -d --name "$CONTENEDOR" \
  -p "127.0.0.1:$PUERTO:8888" \
  -v "$VOLUMEN:$CUADERNOS" \
  -e "JUPYTER_TOKEN=$TOKEN" \
  --cap-drop=ALL --security-opt=no-new-privileges \
  "$IMAGEN" >/dev/null

# Ready when the server answers inside the container (the image's health check command).
ESPERA="${NEURONAS_ESPERA:-120}"
for _ in $(seq 1 "$ESPERA"); do
  if [[ "$(campo '{{.State.Running}}')" != true ]]; then
    "$ENGINE" logs --tail 40 "$CONTENEDOR" >&2 || true
    die "el contenedor $CONTENEDOR se ha parado"
  fi
  if "$ENGINE" exec "$CONTENEDOR" python3 -c \
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8888/api', timeout=2)" >/dev/null 2>&1; then
    imprimir_url
    exit 0
  fi
  sleep 1
done
"$ENGINE" logs --tail 40 "$CONTENEDOR" >&2 || true
die "JupyterLab no respondió en $ESPERA s"
