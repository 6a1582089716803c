# SPDX-License-Identifier: Apache-2.0
# Tareas habituales del proyecto. `make help` las lista.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= $(or $(NEURONAS_VENV),$(CURDIR)/.venv)
TOOLS_BIN ?= $(or $(NEURONAS_TOOLS_BIN),$(CURDIR)/.tools/bin)
JUPYTER_PORT ?= 8888
GO_TEST_TIMEOUT ?= 60m
# Cuadernos que regenera `make notebooks` (prefijo del nombre, p. ej. NB=02); vacío: todos.
NB ?=

export NEURONAS_VENV := $(VENV)
export NEURONAS_TOOLS_BIN := $(TOOLS_BIN)
export NEURONAS_PYTHON ?= $(VENV)/bin/python

.PHONY: help setup check test test-go test-race vet jupyter notebooks handouts browser docker docker-stop docker-test \
	docker-multiarch docker-save docker-test-arm64 test-arm64 hub hub-stop hub-test hub-load

help:
	@echo "make setup      instala GoNB, goimports, gopls, JupyterLab (.venv) y el kernel de GoNB"
	@echo "make check      la prueba rápida: go vet y las pruebas unitarias de los dos módulos, con caché,"
	@echo "                sin cuadernos, navegador ni contenedores (unos 10 s con la caché caliente)"
	@echo "make test       todas las pruebas, lo mismo que .ci/run: test-go, test-race, test-arm64, docker-test y hub-test"
	@echo "make test-go    setup + go vet + todas las pruebas de Go, incluidos los cuadernos por el kernel y el navegador"
	@echo "make test-race  go test -race de pkg/ (checkptr desactivado solo en gomlx/compute; ver «Pruebas» en el README)"
	@echo "make test-arm64 las pruebas del cálculo y las cuentas del curso en arm64 (qemu-user-static) frente a amd64"
	@echo "make jupyter    setup + abre JupyterLab en notebooks/ (http://127.0.0.1:$(JUPYTER_PORT))"
	@echo "make notebooks  setup + vuelve a ejecutar los cuadernos y guarda sus salidas (NB=02 para uno)"
	@echo "make docker     construye la imagen del curso (docker o podman), la arranca y escribe la URL"
	@echo "make docker-stop  para y borra el contenedor del curso (los cuadernos siguen en su volumen)"
	@echo "make docker-test  prueba la imagen de punta a punta con podman (docker/test.sh, unos 6 min)"
	@echo "make docker-multiarch  la imagen para linux/amd64 y linux/arm64 (podman, arm64 emulada) en una lista"
	@echo "make docker-save  además, un archivo .tar.gz por arquitectura en dist/ para docker load, probado"
	@echo "make docker-test-arm64  docker-test con la imagen de arm64, emulada (todos los cuadernos; lento)"
	@echo "make hub        JupyterHub del curso en este servidor: un contenedor por estudiante (docker/hub)"
	@echo "make hub-stop   para el Hub y los servidores de los estudiantes (su trabajo sigue en sus volúmenes)"
	@echo "make hub-test   prueba el JupyterHub de punta a punta: 3 estudiantes en el navegador, límites, culler (unos 4 min)"
	@echo "make hub-load   medida de carga: N=5, 10 y 20 estudiantes ejecutan el cuaderno II a la vez (N=\"5 10\"; unos 12 min)"
	@echo "make browser    setup + ejecuta los cuadernos en JupyterLab con Chromium; capturas en .artefactos/navegador"
	@echo "make fixtures   referencias de PyTorch para pkg/reference (internal/parity/curso.py; necesita python3-torch; horas; CELLS=37 para una celda)"
	@echo "make sweep      barrido de semillas de Go para pkg/reference/go (go run ./cmd/parity -sweep; unos 20 min; CELLS=37 para una celda)"
	@echo "make handouts   setup + apuntes en HTML y PDF y copias sin salidas para los alumnos, en handouts/ (NB=02 para uno)"
	@echo "make ejercicios setup + tareas de nbgrader de los cuadernos de ejercicios: copias sin soluciones en ejercicios/release/"
	@echo "make nbgrader ORDEN=\"autograde 03-ejercicios-I\"  una orden de nbgrader en la carpeta del curso, ejercicios/"
	@echo "make lab-bench  el laboratorio (cuaderno 06): tiempo de volver a entrenar 5000 pasos y redibujar"
	@echo "make sitio      el sitio web del curso en _sitio/, sin ejecutar los cuadernos (se abre con _sitio/index.html)"
	@echo "make diapositivas  reparte las celdas de los cuadernos de teoría en diapositivas (RISE); tras editar su texto"
	@echo "make presentacion  setup + las diapositivas en JupyterLab y Chromium a 1280×720 (TestDiapositivas); capturas en .artefactos/diapositivas"

setup:
	@echo "==> Preparando el entorno (scripts/setup.sh)"
	@bash scripts/setup.sh

vet:
	@echo "==> go vet ./..."
	@go vet ./...
	@cd docker && go vet ./...

# La prueba rápida (sin -count=1: go test guarda los resultados que no cambian): -short se salta
# lo que necesita el kernel de GoNB o Chromium (internal/nbtest) y la comparación en vivo con PyTorch.
check: vet
	@echo "==> go test -short ./... (sin cuadernos ni navegador)"
	@go test -short ./...
	@echo "==> go test -short en docker/"
	@cd docker && go test -short ./...

# Todo lo que ejecuta la integración continua (.ci/run, después de instalar lo que falte).
test: test-go test-race test-arm64 docker-test hub-test

test-go: setup vet
	@echo "==> go test ./... (con los cuadernos; límite $(GO_TEST_TIMEOUT))"
	@NEURONAS_NOTEBOOK_TESTS=1 go test -count=1 -v -timeout $(GO_TEST_TIMEOUT) ./...
	@echo "==> go test en docker/ (linter de BuildKit, contexto, compose, scripts)"
	@cd docker && go test -count=1 ./...

# El detector de carreras activa checkptr, y los núcleos de matmul en Go puro de
# gomlx/compute (v0.1.2 a v0.1.4) guardan direcciones en uintptr entre
# sentencias: checkptr los para con «pointer arithmetic result points to
# invalid allocation». Se desactiva checkptr solo en ese módulo; el detector de
# carreras sigue en todo, y checkptr en el código del proyecto.
RACE_GCFLAGS := github.com/gomlx/compute/...=-d=checkptr=0

test-race:
	@echo "==> go test -race ./pkg/... y las pruebas de internal/ que no abren cuadernos (checkptr desactivado solo en gomlx/compute)"
	@go test -race -count=1 -gcflags='$(RACE_GCFLAGS)' -timeout $(GO_TEST_TIMEOUT) ./pkg/... ./internal/valid/... ./internal/zerovalues/...

test-arm64:
	@bash scripts/arm64.sh

notebooks: setup
	@echo "==> Ejecutando los cuadernos y guardando sus salidas nuevas"
	@NEURONAS_NOTEBOOK_TESTS=1 NEURONAS_UPDATE_NOTEBOOKS=1 \
	  go test -count=1 -v -timeout $(GO_TEST_TIMEOUT) -run 'TestNotebooks/$(NB)' ./internal/nbtest
	@echo "==> Revisa los cambios con: git diff notebooks/"

jupyter: setup
	@echo "==> Abriendo JupyterLab en notebooks/ (kernel «Go (gonb)»)."
	@echo "    Abre en el navegador la dirección http://127.0.0.1:$(JUPYTER_PORT)/lab?token=... que aparece abajo."
	@echo "    Para pararlo: Ctrl+C dos veces."
	@JUPYTER_PATH="$(VENV)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  "$(VENV)/bin/jupyter" lab --no-browser --ip=127.0.0.1 --port=$(JUPYTER_PORT) \
	  --ServerApp.root_dir="$(CURDIR)/notebooks" \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root)

handouts: setup
	@echo "==> Generando los apuntes y las copias para los alumnos en handouts/"
	@"$(NEURONAS_PYTHON)" scripts/handouts/build.py --out "$(CURDIR)/handouts" $(if $(NB),$(wildcard notebooks/$(NB)*.ipynb))

.PHONY: sitio
sitio:
	@bash scripts/sitio/sitio.sh --out "$(CURDIR)/_sitio"

# Los metadatos de diapositivas ("slideshow" de cada celda, "rise" del cuaderno) salen de
# scripts/diapositivas/diapositivas.py: se vuelven a escribir con esto después de editar el texto.
.PHONY: diapositivas presentacion
diapositivas:
	@python3 scripts/diapositivas/diapositivas.py

presentacion: setup
	@echo "==> Diapositivas en JupyterLab y Chromium (capturas en .artefactos/diapositivas/)"
	@NEURONAS_NOTEBOOK_TESTS=1 go test -count=1 -v -timeout $(GO_TEST_TIMEOUT) -run 'TestDiapositivas' ./internal/nbtest

browser: setup
	@echo "==> Cuadernos en JupyterLab y Chromium (capturas en .artefactos/navegador/)"
	@NEURONAS_NOTEBOOK_TESTS=1 go test -count=1 -v -timeout $(GO_TEST_TIMEOUT) -run 'TestBrowser' ./internal/nbtest

# Celdas que regeneran `make fixtures` y `make sweep` (p. ej. CELLS=32,36); vacío: todas las del
# curso (pkg/course/course.json). Las demás celdas de los ficheros se conservan.
CELLS ?=
.PHONY: fixtures sweep
fixtures:
	@echo "==> Referencias de PyTorch en pkg/reference/pytorch (internal/parity/curso.py con /usr/bin/python3)"
	@/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "Falta PyTorch: sudo apt-get install python3-torch"; exit 1; }
	nice -n 15 /usr/bin/python3 internal/parity/curso.py --fixtures pkg/reference/pytorch $(if $(CELLS),--cells $(CELLS))
	nice -n 15 /usr/bin/python3 internal/parity/curso.py --ulp-sensitivity pkg/reference/pytorch $(if $(CELLS),--cells $(CELLS))
	nice -n 15 /usr/bin/python3 internal/parity/curso.py --sweep pkg/reference/pytorch $(if $(CELLS),--cells $(CELLS))

sweep:
	@echo "==> Barrido de semillas de Go en pkg/reference/go/sweep.json"
	@go run ./cmd/parity -sweep $(if $(CELLS),-cells $(CELLS))

docker:
	@bash docker/run.sh

docker-stop:
	@bash docker/run.sh parar

docker-test:
	@echo "==> Imagen del curso de punta a punta con podman (docker/test.sh)"
	@bash docker/test.sh

docker-multiarch:
	@bash docker/multiarch.sh construir

docker-save:
	@bash docker/multiarch.sh guardar

docker-test-arm64:
	@echo "==> Imagen del curso para linux/arm64, emulada, de punta a punta (docker/test.sh)"
	@NEURONAS_PLATAFORMA=linux/arm64 bash docker/test.sh

hub:
	@bash docker/hub/run.sh

hub-stop:
	@bash docker/hub/run.sh parar

hub-test: setup
	@echo "==> JupyterHub del curso de punta a punta (docker/hub/e2e.py)"
	@bash docker/hub/run.sh prueba

# Estudiantes a la vez en cada medida de `make hub-load` (p. ej. N="5 10").
N ?= 5 10 20
hub-load: setup
	@echo "==> Carga del JupyterHub: $(N) estudiantes con el cuaderno II a la vez (docker/hub/load.py)"
	@bash docker/hub/run.sh carga $(N)

.PHONY: ejercicios nbgrader
ejercicios: setup
	@echo "==> Tareas de nbgrader de los cuadernos de ejercicios (ejercicios/release/)"
	@"$(NEURONAS_PYTHON)" scripts/ejercicios/ejercicios.py publicar $(if $(NB),$(wildcard notebooks/$(NB)*.ipynb))

# Orden de nbgrader para `make nbgrader` (p. ej. ORDEN="generate_feedback 03-ejercicios-I").
ORDEN ?= --help
nbgrader: setup
	@"$(NEURONAS_PYTHON)" scripts/ejercicios/ejercicios.py nbgrader $(ORDEN)

# El laboratorio (cuaderno 06, pkg/lab): cuánto tarda en volver a entrenar (5000 pasos) y redibujar
# tras mover un control; objetivo, 1 s en dos núcleos. Para la medida en el navegador (de la tecla a
# la figura nueva): NEURONAS_NOTEBOOKS=06- make browser.
.PHONY: lab-bench
lab-bench:
	@echo "==> Laboratorio: volver a entrenar y redibujar (bench/lab)"
	@go run ./bench/lab
