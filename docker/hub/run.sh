#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# JupyterHub del curso en este servidor: un contenedor de la imagen del curso por estudiante.
#
#   docker/hub/run.sh           # prepara todo, arranca el Hub y muestra la dirección y las contraseñas
#                               # (en primer plano: Ctrl+C lo para; los servidores siguen)
#   docker/hub/run.sh fondo     # lo mismo, en segundo plano; espera a que responda
#   docker/hub/run.sh parar     # para el Hub y los servidores de los estudiantes (los volúmenes,
#                               # con su trabajo, se quedan)
#   docker/hub/run.sh borrar    # como parar, y además borra los volúmenes de los estudiantes (¡su
#                               # trabajo!) y su red: para las pruebas
#   docker/hub/run.sh prueba    # la prueba de punta a punta (make hub-test, docker/hub/e2e.py)
#   docker/hub/run.sh carga N…  # la medida de carga con N estudiantes a la vez (make hub-load,
#                               # docker/hub/load.py)
#
# Prepara, si falta: el entorno de Python del Hub (.venv-hub, con las versiones de
# docker/hub/requirements.txt), configurable-http-proxy (npm ci de docker/hub/proxy, en
# .tools/hub-proxy), la imagen del curso (docker/run.sh construir) y, si no hay un Docker en marcha,
# la API de Docker servida por podman (`podman system service`). Los ajustes (límites, culler,
# autenticación) están en docker/hub/jupyterhub_config.py y se explican en docker/hub/README.md.
#
# Variables de este script (las del Hub, NEURONAS_HUB_*, en jupyterhub_config.py):
#   NEURONAS_HUB_ESTADO   carpeta de la base de datos, claves, registro (<repo>/.hub)
#   NEURONAS_HUB_VENV     entorno de Python del Hub (<repo>/.venv-hub)
#   NEURONAS_HUB_ALUMNOS  lista de estudiantes (por defecto ESTADO/alumnos.txt, creada la primera
#                         vez a partir de docker/hub/alumnos.ejemplo.txt)
#   DOCKER_HOST           API de Docker que usa el Hub (por defecto la de Docker si responde; si
#                         no, la de podman en ESTADO/podman.sock)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HUB="$ROOT/docker/hub"
STATE="${NEURONAS_HUB_ESTADO:-$ROOT/.hub}"
VENV="${NEURONAS_HUB_VENV:-$ROOT/.venv-hub}"
PROXY="${NEURONAS_HUB_PROXY_DIR:-$ROOT/.tools/hub-proxy}"
export NEURONAS_HUB_URL="${NEURONAS_HUB_URL:-http://127.0.0.1:8000}"
export NEURONAS_HUB_IMAGEN="${NEURONAS_HUB_IMAGEN:-neuronas:local}"
export NEURONAS_HUB_ESTADO="$STATE"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$STATE"
chmod 700 "$STATE"

# password FILE LENGTH prints the password kept in FILE, creating a random one the first time.
password() {
  if [[ ! -s "$1" ]]; then
    (umask 077 && python3 -c "import secrets,sys; print(secrets.token_urlsafe(int(sys.argv[1]))[:int(sys.argv[1])])" "$2" >"$1")
  fi
  cat "$1"
}

hub_pid() {
  local pid
  pid="$(cat "$STATE/jupyterhub.pid" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Podman's settings, like docker/test.sh's: runc, and the open-files limit a Jupyter server needs.
configure_podman() {
  if [[ -z "${CONTAINERS_CONF:-}" ]]; then
    export CONTAINERS_CONF="$STATE/containers.conf"
    printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF"
  fi
}

# Docker API: a running Docker, or podman serving it on a socket of ours.
ensure_docker_api() {
  if [[ -n "${DOCKER_HOST:-}" ]]; then
    return
  fi
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    return
  fi
  command -v podman >/dev/null || die "hace falta Docker (en marcha) o podman para los contenedores de los estudiantes"
  export DOCKER_HOST="unix://$STATE/podman.sock"
  configure_podman
  if ! curl -fsS --unix-socket "$STATE/podman.sock" http://d/_ping >/dev/null 2>&1; then
    say "API de Docker con podman ($STATE/podman.sock)"
    rm -f "$STATE/podman.sock"
    # From the state folder: conmon leaves files (e.g. "oom") in its working directory.
    (cd "$STATE" && exec nohup podman system service --time=0 "$DOCKER_HOST" >"$STATE/podman.log" 2>&1) &
    echo $! >"$STATE/podman.pid"
    for _ in $(seq 50); do
      curl -fsS --unix-socket "$STATE/podman.sock" http://d/_ping >/dev/null 2>&1 && return
      sleep 0.2
    done
    die "podman no ofrece la API de Docker (ver $STATE/podman.log)"
  fi
}

# install_environment installs the Hub's Python environment and the proxy.
install_environment() {
  # Python: JupyterHub, DockerSpawner, the culler, pinned (reinstalled when the pins change).
  if ! cmp -s "$HUB/requirements.txt" "$VENV/.requirements.txt" 2>/dev/null; then
    say "Entorno de Python del Hub en $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HUB/requirements.txt"
    "$VENV/bin/pip" check --disable-pip-version-check >/dev/null
    cp "$HUB/requirements.txt" "$VENV/.requirements.txt"
  fi
  # The proxy, from npm, with the versions of package-lock.json.
  if ! cmp -s "$HUB/proxy/package-lock.json" "$PROXY/package-lock.json" 2>/dev/null; then
    command -v npm >/dev/null || die "hace falta Node.js (20 o posterior) con npm para configurable-http-proxy"
    say "configurable-http-proxy en $PROXY"
    mkdir -p "$PROXY"
    cp "$HUB/proxy/package.json" "$HUB/proxy/package-lock.json" "$PROXY/"
    (cd "$PROXY" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  export NEURONAS_HUB_CHP="$PROXY/node_modules/.bin/configurable-http-proxy"
}

# build_image builds the course image as NEURONAS_HUB_IMAGEN (quick when nothing changed).
build_image() {
  command -v podman >/dev/null && configure_podman
  NEURONAS_IMAGEN="$NEURONAS_HUB_IMAGEN" bash "$ROOT/docker/run.sh" construir
}

prepare() {
  install_environment
  ensure_docker_api
  # The course image (built here if it is not there; docker/run.sh uses the same engine).
  if ! "$VENV/bin/python" "$HUB/docker_api.py" image "$NEURONAS_HUB_IMAGEN" >/dev/null 2>&1; then
    if [[ "$NEURONAS_HUB_IMAGEN" == neuronas:local ]]; then
      say "No está la imagen $NEURONAS_HUB_IMAGEN: construyéndola (docker/run.sh construir)"
      build_image
    else
      die "no está la imagen $NEURONAS_HUB_IMAGEN (NEURONAS_HUB_IMAGEN): constrúyela o cárgala con docker load"
    fi
  fi
  # The students' network, and this machine's address in it (the containers reach the Hub there).
  NEURONAS_HUB_PASARELA="$("$VENV/bin/python" "$HUB/docker_api.py" network "${NEURONAS_HUB_RED:-neuronas-hub}")"
  export NEURONAS_HUB_PASARELA

  if [[ -z "${NEURONAS_HUB_ALUMNOS:-}" ]]; then
    export NEURONAS_HUB_ALUMNOS="$STATE/alumnos.txt"
    [[ -e "$NEURONAS_HUB_ALUMNOS" ]] || cp "$HUB/alumnos.ejemplo.txt" "$NEURONAS_HUB_ALUMNOS"
  fi
  NEURONAS_HUB_CLAVE="${NEURONAS_HUB_CLAVE:-$(password "$STATE/clave" 12)}"
  NEURONAS_HUB_CLAVE_ADMIN="${NEURONAS_HUB_CLAVE_ADMIN:-$(password "$STATE/clave-admin" 40)}"
  export NEURONAS_HUB_CLAVE NEURONAS_HUB_CLAVE_ADMIN
}

summary() {
  cat <<EOF

JupyterHub del curso en $NEURONAS_HUB_URL
  estudiantes: los de $NEURONAS_HUB_ALUMNOS, con la contraseña $NEURONAS_HUB_CLAVE
  profesores:  ${NEURONAS_HUB_PROFESORES:-profesor}, con la contraseña de $STATE/clave-admin
  imagen $NEURONAS_HUB_IMAGEN; por estudiante: ${NEURONAS_HUB_MEMORIA:-2G} de memoria, ${NEURONAS_HUB_CPU:-1} CPU;
  los servidores inactivos durante ${NEURONAS_HUB_INACTIVO:-3600} s se detienen. Registro: $STATE/jupyterhub.log
Para pararlo todo: docker/hub/run.sh parar
EOF
}

stop_all() {
  local pid
  if pid="$(hub_pid)"; then
    say "Parando el Hub (pid $pid)"
    kill "$pid"
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [[ -s "$STATE/proxy.pid" ]] && kill -0 "$(cat "$STATE/proxy.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/proxy.pid")" || true
  fi
  if [[ -x "$VENV/bin/python" ]]; then
    ensure_docker_api
    "$VENV/bin/python" "$HUB/docker_api.py" "${1:-stop}"
  fi
  if [[ -s "$STATE/podman.pid" ]] && kill -0 "$(cat "$STATE/podman.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/podman.pid")" || true
    rm -f "$STATE/podman.pid"
  fi
}

case "${1:-arrancar}" in
  arrancar | fondo)
    if pid="$(hub_pid)"; then
      die "el Hub ya está en marcha (pid $pid); para detenerlo: docker/hub/run.sh parar"
    fi
    prepare
    cd "$STATE"
    if [[ "${1:-arrancar}" == arrancar ]]; then
      summary
      "$VENV/bin/jupyterhub" -f "$HUB/jupyterhub_config.py" 2>&1 | tee -a "$STATE/jupyterhub.log"
      exit
    fi
    # With job control (set -m) a background process does not start with SIGINT ignored: the Hub
    # stops its services (the culler) with SIGINT.
    set -m
    nohup "$VENV/bin/jupyterhub" -f "$HUB/jupyterhub_config.py" >>"$STATE/jupyterhub.log" 2>&1 &
    # nohup execs the Hub: $! is its pid. Written now (the Hub writes the same file once its
    # configuration has loaded, which takes seconds on a loaded machine), so that a Hub that is
    # still starting is seen as alive here and is stopped by `run.sh parar`.
    echo $! >"$STATE/jupyterhub.pid"
    set +m
    for _ in $(seq 600); do
      if curl -fsS "$NEURONAS_HUB_URL/hub/health" >/dev/null 2>&1; then
        summary
        exit 0
      fi
      hub_pid >/dev/null || die "el Hub no arrancó; las últimas líneas de $STATE/jupyterhub.log:
$(tail -n 20 "$STATE/jupyterhub.log")"
      sleep 0.2
    done
    die "el Hub no responde en $NEURONAS_HUB_URL/hub/health (ver $STATE/jupyterhub.log)"
    ;;
  parar) stop_all ;;
  borrar) stop_all remove ;;
  prueba)
    # The image is always rebuilt (quick when nothing changed), so the test sees this tree.
    install_environment
    build_image
    exec "$VENV/bin/python" "$HUB/e2e.py"
    ;;
  carga)
    shift
    install_environment
    build_image
    exec "$VENV/bin/python" "$HUB/load.py" "$@"
    ;;
  *) die "uso: docker/hub/run.sh [arrancar|fondo|parar|borrar|prueba|carga N…]" ;;
esac
