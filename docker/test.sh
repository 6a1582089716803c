#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prueba de punta a punta de la imagen del curso con podman, tal como la usaría un estudiante:
#
#   1. instala podman, runc, debootstrap y curl si faltan (apt-get; hace falta ser root);
#   2. crea la imagen base debian:bookworm-slim si no está (docker/base-image.sh);
#   3. construye la imagen y arranca el contenedor con docker/run.sh, como `make docker`;
#   4. comprueba JupyterLab: solo en 127.0.0.1, con token (sin token, 403), kernel gonb por
#      defecto, paquete de idioma español, usuario sin privilegios, un único puerto abierto,
#      HEALTHCHECK, etiquetas OCI y jupyterhub-singleuser;
#   5. comprueba que el trabajo del estudiante sobrevive a parar, borrar y volver a arrancar el
#      contenedor (un fichero nuevo y un cuaderno editado se conservan; uno borrado vuelve);
#   6. comprueba los cuadernos que lleva la imagen: los de ejercicios (los que tienen celdas de
#      solución de nbgrader) son la copia de los alumnos, sin soluciones, sin pruebas ocultas y sin
#      salidas (la misma, byte a byte, que `make ejercicios` hace aquí, si el .venv tiene
#      nbgrader), los demás son los del repositorio tal cual, y la imagen no lleva nbgrader;
#   7. ejecuta todos los cuadernos dentro de la imagen, sin red (--network=none), con el arnés de
#      internal/nbtest (TestNotebooks, montado solo para la prueba con scripts/jupyterkit.py y los
#      datos de internal/grading: la imagen no los lleva), que compara las salidas de los cuadernos
#      de teoría con las guardadas y ejecuta las copias de ejercicios como una entrega en blanco
#      (cada comprobación dice que aún no has respondido), y comprueba que la caché de compilación
#      de Go sirve (nada de pkg/ ni de sus dependencias se recompila).
#
# Al final escribe los tiempos, el tamaño de la imagen y de cada capa, y "N passed, N failed".
# Variables: NEURONAS_PRUEBA_CUADERNOS=0 se salta el paso 6; NEURONAS_CUADERNOS_RUN elige los
# cuadernos del paso 6 (patrón de `go test -run`, por defecto todos: '^TestNotebooks$'; p. ej.
# '^TestNotebooks$/^00-'); NEURONAS_CELL_TIMEOUT (segundos por celda) se pasa al arnés;
# NEURONAS_PLATAFORMA=linux/arm64 prueba la imagen de arm64 (Mac con Apple silicon), emulada con
# qemu-user-static (que instala si falta), con la imagen base de las dos arquitecturas.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T0=$(date +%s)
ID="neuronas-prueba-$$"
PLATFORM="${NEURONAS_PLATAFORMA:-}"
ARCH="${PLATFORM#linux/}"
IMAGE="localhost/neuronas:prueba${ARCH:+-$ARCH}"
VOLUME="$ID"
NOTEBOOKS_VOLUME="$ID-cuadernos"
NOTEBOOKS_DIR=/opt/neuronas/notebooks
PASSED=0
FAILED=0
TIMINGS=()

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
ok() { PASSED=$((PASSED + 1)); printf 'ok   %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "$*"; }
# check NAME COMMAND...: runs the command, counts and reports the result.
check() {
  local name="$1"
  shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}
since() { echo $(($(date +%s) - $1)); }
timing() { TIMINGS+=("$(printf '%-44s %5ss' "$1" "$2")"); }

# 1. Tools.
missing=()
for p in podman runc debootstrap curl; do
  command -v "$p" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || die "faltan ${missing[*]} y no soy root para instalarlos"
  say "Instalando ${missing[*]}"
  apt-get update -qq
  # With podman's recommended packages (netavark, iptables for published ports, ...).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap curl iptables >/dev/null
fi

# Another architecture: qemu-user-static registered in binfmt_misc (mounted if it is not).
if [[ -n "$ARCH" && "$ARCH" != "$(podman info -f '{{.Host.Arch}}')" ]]; then
  [[ "$ARCH" == arm64 ]] || die "NEURONAS_PLATAFORMA=$PLATFORM: solo se prevé linux/arm64"
  if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
    [[ $(id -u) == 0 ]] || die "falta qemu-user-static (emulación de arm64) y no soy root para instalarlo"
    say "Instalando qemu-user-static y binfmt-support"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static binfmt-support >/dev/null
    mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    update-binfmts --enable qemu-aarch64
  fi
  BASES=(amd64 arm64)
  # Everything is slower under emulation: starting JupyterLab too.
  export NEURONAS_ESPERA="${NEURONAS_ESPERA:-900}"
else
  BASES=()
fi

# Podman on these machines: runc (crun fails with cgroups in hybrid mode) and explicit ulimits.
if [[ -z "${CONTAINERS_CONF:-}" ]]; then
  TEMP_CONF="$(mktemp)"
  export CONTAINERS_CONF="$TEMP_CONF"
  cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
fi
export NEURONAS_MOTOR=podman NEURONAS_IMAGEN="$IMAGE" NEURONAS_CONTENEDOR="$ID" NEURONAS_VOLUMEN="$VOLUME"
NEURONAS_PUERTO="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
NEURONAS_TOKEN="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export NEURONAS_PUERTO NEURONAS_TOKEN
BASE="http://127.0.0.1:$NEURONAS_PUERTO"

clean_up() {
  podman rm -f "$ID" "$ID-sin-red" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" "$NOTEBOOKS_VOLUME" >/dev/null 2>&1 || true
  rm -f "/tmp/$ID-run.log"
  [[ -z "${TEMP_CONF:-}" ]] || rm -f "$TEMP_CONF"
}
trap clean_up EXIT

# 2. Base image.
t=$(date +%s)
bash "$ROOT/docker/base-image.sh" "${BASES[@]}"
timing "imagen base (debootstrap)" "$(since "$t")"

# 3. Build and start, as `make docker` does.
say "Construcción y arranque con docker/run.sh"
t=$(date +%s)
bash "$ROOT/docker/run.sh" | tee "/tmp/$ID-run.log"
timing "construcción + arranque (docker/run.sh)" "$(since "$t")"
check "run.sh escribe la URL con el token" grep -qF "$BASE/lab?token=$NEURONAS_TOKEN" "/tmp/$ID-run.log"

# 4. JupyterLab.
say "JupyterLab"
http_code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "sin token: /api/kernelspecs responde 403" test "$(http_code "$BASE/api/kernelspecs")" = 403
check "token equivocado: 403" test "$(http_code -H "Authorization: token x$NEURONAS_TOKEN" "$BASE/api/kernelspecs")" = 403
check "sin token: /lab lleva a la página de entrada" \
  bash -c "curl -s -o /dev/null -w '%{redirect_url}' '$BASE/lab' | grep -q '/login'"
specs="$(curl -s -H "Authorization: token $NEURONAS_TOKEN" "$BASE/api/kernelspecs")"
check "con token: el único kernel es gonb y es el de por defecto" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
sys.exit(not (d["default"] == "gonb" and list(d["kernelspecs"]) == ["gonb"]))' "$specs"
check "con token pero otro nombre de servidor (DNS rebinding): 403" test \
  "$(http_code -H "Host: ejemplo.invalid:$NEURONAS_PUERTO" -H "Authorization: token $NEURONAS_TOKEN" "$BASE/api/kernelspecs")" = 403
check "con token: /lab responde 200" test "$(http_code "$BASE/lab?token=$NEURONAS_TOKEN")" = 200
check "la página de inicio abre el primer cuaderno del curso" \
  bash -c "curl -s -o /dev/null -w '%{redirect_url}' '$BASE/?token=$NEURONAS_TOKEN' | grep -q '/lab/tree/01-'"
check "paquete de idioma español (es_ES)" bash -c \
  "curl -s -H 'Authorization: token $NEURONAS_TOKEN' '$BASE/lab/api/translations/es_ES' | grep -q 'Archivo'"
settings="$(curl -s -H "Authorization: token $NEURONAS_TOKEN" "$BASE/lab/api/settings/@jupyterlab/translation-extension:plugin")"
check "la interfaz está en español por defecto" python3 -c '
import json, sys
sys.exit(json.loads(sys.argv[1])["schema"]["properties"]["locale"]["default"] != "es_ES")' "$settings"
check "publicado solo en 127.0.0.1" \
  bash -c "podman port '$ID' 8888/tcp | grep -qx '127.0.0.1:$NEURONAS_PUERTO'"
check "usuario 1000 (no root)" test "$(podman exec "$ID" id -u)" = 1000
# Listening TCP sockets in the container (state 0A) on a non-loopback address: only :8888 (22B8).
listening="$(podman exec "$ID" cat /proc/net/tcp /proc/net/tcp6 |
  awk '$4 == "0A" { split($2, a, ":"); if (a[1] != "0100007F" && a[1] != "00000000000000000000000001000000") print a[2] }' | sort -u | tr '\n' ' ')"
check "solo escucha en el puerto 8888 (escuchando: $listening)" test "$listening" = "22B8 "
check "HEALTHCHECK sano" podman healthcheck run "$ID"
labels="$(podman image inspect -f '{{json .Labels}}' "$IMAGE")"
check "etiquetas OCI (source, version, licenses)" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
sys.exit(not all("org.opencontainers.image." + k in d for k in ("source", "version", "licenses")))' "$labels"
check "licencia Apache-2.0 y autor del material del curso en las etiquetas" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
sys.exit(not (d["org.opencontainers.image.licenses"] == "Apache-2.0" and "Jorge García González" in d["neuronas.curso.autor"]))' "$labels"
if [[ -n "$ARCH" ]]; then
  check "arquitectura $ARCH (imagen, go env GOARCH)" test \
    "$(podman image inspect -f '{{.Architecture}}' "$IMAGE") $(podman exec "$ID" go env GOARCH)" = "$ARCH $ARCH"
fi
check "jupyterhub-singleuser instalado" podman exec "$ID" jupyterhub-singleuser --version
check "Go sin descargas (GOPROXY=off, GOTOOLCHAIN=local)" \
  test "$(podman exec "$ID" go env GOPROXY GOTOOLCHAIN | tr '\n' ' ')" = "off local "

# 5. The student's work survives stopping, removing and starting again.
say "Persistencia del volumen"
podman exec "$ID" sh -c "echo 'mi trabajo' > $NOTEBOOKS_DIR/persistencia.txt"
podman exec "$ID" python3 -c "
import json, sys
p = '$NOTEBOOKS_DIR/01-modelos-neuronales-I.ipynb'
nb = json.load(open(p))
nb['metadata']['prueba'] = 'editado por el estudiante'
json.dump(nb, open(p, 'w'))"
first_notebook="$(podman exec "$ID" sh -c "ls $NOTEBOOKS_DIR | grep '^00-.*ipynb$' | head -n 1")"
podman exec "$ID" rm "$NOTEBOOKS_DIR/$first_notebook"
bash "$ROOT/docker/run.sh" parar
check "parar borra el contenedor" bash -c "! podman container exists '$ID'"
t=$(date +%s)
NEURONAS_CONSTRUIR=0 bash "$ROOT/docker/run.sh" >/dev/null
timing "arranque sin construir" "$(since "$t")"
check "el fichero del estudiante sigue ahí" \
  test "$(podman exec "$ID" cat "$NOTEBOOKS_DIR/persistencia.txt")" = "mi trabajo"
check "el cuaderno editado no se ha sobrescrito" podman exec "$ID" \
  grep -q 'editado por el estudiante' "$NOTEBOOKS_DIR/01-modelos-neuronales-I.ipynb"
check "el cuaderno borrado ($first_notebook) vuelve" podman exec "$ID" test -f "$NOTEBOOKS_DIR/$first_notebook"
check "el estilo de las diapositivas (rise.css) está junto a los cuadernos, igual que en el repositorio" \
  test "$(podman exec "$ID" cat "$NOTEBOOKS_DIR/rise.css" | sha256sum)" = "$(sha256sum < "$ROOT/notebooks/rise.css")"
check "JupyterLab responde tras volver a arrancar" \
  test "$(http_code -H "Authorization: token $NEURONAS_TOKEN" "$BASE/api/kernelspecs")" = 200
bash "$ROOT/docker/run.sh" parar

# 6. The notebooks the image ships: the exercise notebooks as the students' copy, the rest as
# they are in the repository (scripts/ejercicios/ejercicios.py tells which is which and what a
# solution left in a copy looks like); no nbgrader in the image.
say "Cuadernos del curso en la imagen"
COURSE_DIR=/usr/local/share/neuronas/notebooks
SHIPPED="$(mktemp -d)"
podman run --rm --network=none --entrypoint tar "$IMAGE" -C "$COURSE_DIR" -c . | tar -x -C "$SHIPPED"
check "ningún cuaderno de la imagen tiene marcas de soluciones ni de pruebas ocultas" \
  podman run --rm --network=none --entrypoint sh "$IMAGE" -c \
  "! grep -l -e 'BEGIN SOLUTION' -e 'END SOLUTION' -e 'HIDDEN TESTS' $COURSE_DIR/*.ipynb"
check "los cuadernos de ejercicios, como copia de los alumnos; los demás, tal cual" \
  python3 - "$ROOT" "$SHIPPED" <<'PY'
import sys
from pathlib import Path

root, shipped = Path(sys.argv[1]), Path(sys.argv[2])
sys.path.insert(0, str(root / "scripts" / "ejercicios"))
import ejercicios  # noqa: E402 (only the standard library when imported)

bad, exercises = [], 0
repo = sorted((root / "notebooks").glob("*.ipynb"))
extra = sorted({p.name for p in shipped.glob("*.ipynb")} - {p.name for p in repo})
bad += [f"{n}: está en la imagen y no en notebooks/" for n in extra]
for path in repo:
    copy = shipped / path.name
    if not copy.exists():
        bad.append(f"{path.name}: falta en la imagen")
        continue
    src = ejercicios.read_nb(path)
    if not ejercicios.has_solutions(src):
        if copy.read_bytes() != path.read_bytes():
            bad.append(f"{path.name}: no es el del repositorio")
        continue
    exercises += 1
    cp = ejercicios.read_nb(copy)
    if not ejercicios.has_solutions(cp) or len(cp["cells"]) != len(src["cells"]):
        bad.append(f"{path.name}: no es la copia de los alumnos (celdas o metadatos de nbgrader distintos)")
    bad += [f"{path.name}: {x}" for x in ejercicios.leftovers(src, cp)]
for b in bad:
    print("  " + b)
print(f"  {len(repo)} cuadernos, {exercises} de ejercicios")
sys.exit(1 if bad or not exercises else 0)
PY
# The same copies as `make ejercicios` makes here, byte for byte, if this machine has nbgrader.
HOST_PYTHON="${NEURONAS_PYTHON:-$ROOT/.venv/bin/python}"
if [[ -x "$HOST_PYTHON" ]] && "$HOST_PYTHON" -c 'import nbgrader' 2>/dev/null; then
  RELEASE="$(mktemp -d)"
  t=$(date +%s)
  if "$HOST_PYTHON" "$ROOT/scripts/ejercicios/ejercicios.py" --curso "$RELEASE" publicar >/dev/null; then
    same=1
    for dir in "$RELEASE"/release/*/; do
      name="$(basename "$dir")"
      cmp "$dir$name.ipynb" "$SHIPPED/$name.ipynb" || same=0
    done
    check "las copias de la imagen son las de make ejercicios, byte a byte" test "$same" = 1
  else
    fail "make ejercicios (scripts/ejercicios/ejercicios.py publicar) falla aquí"
  fi
  timing "copias de los alumnos aquí (make ejercicios)" "$(since "$t")"
  rm -rf "$RELEASE"
else
  echo "omitido: comparar con make ejercicios ($HOST_PYTHON no tiene nbgrader; lo instala make setup)"
fi
rm -rf "$SHIPPED"
check "la imagen no lleva nbgrader (ni sus menús de profesor)" podman run --rm --network=none --entrypoint sh "$IMAGE" \
  -c "! python3 -c 'import nbgrader' 2>/dev/null && ! jupyter labextension list 2>&1 | grep -qi nbgrader && ! jupyter server extension list 2>&1 | grep -qi nbgrader"

# 7. Every notebook, inside the image, with no network at all, on a fresh student volume.
if [[ "${NEURONAS_PRUEBA_CUADERNOS:-1}" != 0 ]]; then
  say "Cuadernos dentro de la imagen, sin red"
  check "caché de compilación: nada de pkg/ ni de sus dependencias se recompila" \
    podman run --rm --network=none "$IMAGE" sh /usr/local/lib/neuronas/warm.sh check
  t=$(date +%s)
  if podman run --rm --name "$ID-sin-red" --network=none \
    -v "$NOTEBOOKS_VOLUME:$NOTEBOOKS_DIR" \
    -v "$ROOT/internal/nbtest:/opt/neuronas/internal/nbtest:ro" \
    -v "$ROOT/scripts/jupyterkit.py:/opt/neuronas/scripts/jupyterkit.py:ro" \
    -v "$ROOT/internal/grading/testdata:/opt/neuronas/internal/grading/testdata:ro" \
    -e NEURONAS_NOTEBOOK_TESTS=1 -e "NEURONAS_CELL_TIMEOUT=${NEURONAS_CELL_TIMEOUT:-600}" \
    "$IMAGE" sh -c "cd /opt/neuronas &&
      go test -count=1 -v -timeout ${NEURONAS_GO_TEST_TIMEOUT:-60m} -run '${NEURONAS_CUADERNOS_RUN:-^TestNotebooks\$}' ./internal/nbtest"; then
    ok "cuadernos sin red: go test ./internal/nbtest"
  else
    fail "cuadernos sin red: go test ./internal/nbtest"
  fi
  timing "cuadernos sin red (go test ./internal/nbtest)" "$(since "$t")"
fi

# The build cache stays for the next run on this machine; layers unused for three days go.
podman image prune -f --filter until=72h >/dev/null 2>&1 || true

say "Resumen"
timing "total" "$(since "$T0")"
printf '%s\n' "${TIMINGS[@]}"
echo
podman image ls "$IMAGE"
echo
echo "Capas de más de 1 MB (tamaño, orden):"
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" |
  awk -F'\t' '$1 ~ /MB|GB/ { print "  " $1 "\t" substr($2, 1, 100) }'
echo
echo "docker: $PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
