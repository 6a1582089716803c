// SPDX-License-Identifier: Apache-2.0

// Command cellprofile mide, celda a celda y a través del kernel de GoNB de
// verdad, en qué se va el tiempo de una celda: lo que GoNB hace con el código,
// goimports, go get, go build (carga de paquetes, compilación y enlazado), el
// programa de la celda y la respuesta al cliente. Ver cellsUsage.
//
//	go run ./cmd/cellprofile [-reps 3] [-runs 2] [-config antes,ahora] [-keep]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"neuronas/internal/nbtest"
)

const cellsUsage = `Mide las celdas a través del kernel de GoNB, fase a fase.
Por cada configuración arranca kernels nuevos y ejecuta: una sesión con la celda de preparación, la de
importaciones y, alternadas, una celda trivial, una de gráfica y una de entrenamiento (-reps
rondas); y el cuaderno II entero. Configuraciones: «antes» (lo que hace GoNB por defecto: go get en
cada celda, enlazado con tabla de símbolos y DWARF) y «ahora» (el kernel instalado por
scripts/setup.sh y la celda de preparación del cuaderno, tal cual)`

var (
	cellsReps     = flag.Int("reps", 3, "rondas de celdas triviales, de gráfica y de entrenamiento por sesión")
	cellsRuns     = flag.Int("runs", 2, "sesiones (kernels nuevos) por configuración, alternando configuraciones")
	cellsNotebook = flag.String("notebook", "notebooks/02-modelos-neuronales-II.ipynb", "cuaderno del que salen las celdas")
	cellsConfigs  = flag.String("config", "antes,ahora", "configuraciones que se miden, separadas por comas")
	cellsKeep     = flag.Bool("keep", false, "no borra la carpeta temporal (registros del kernel y de las sondas)")
)

// speedEnv son las variables que el kernel instalado por scripts/setup.sh
// añade para que las celdas vayan más rápido; «antes» las quita.
var speedEnv = []string{"GOFLAGS"}

// speedMagic reconoce las líneas de la celda de preparación que solo
// están para ir más rápido; «antes» las quita y pone %autoget (lo que GoNB
// hace por defecto).
var speedMagic = regexp.MustCompile(`^%(noautoget|autoget|goflags)\b`)

// cellsEnv es lo que hace falta para ejecutar el kernel.
type cellsEnv struct {
	root, python, kernelJSON, work, probeDir string
	realGo, realGoimports                    string
}

func main() {
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), cellsUsage+".\n\nUso: go run ./cmd/cellprofile [opciones]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := runCells(); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

// runCells mide las configuraciones pedidas y escribe el informe.
func runCells() error {
	env, err := newCellsEnv()
	if err != nil {
		return err
	}
	if !*cellsKeep {
		defer os.RemoveAll(env.work)
	} else {
		fmt.Fprintf(os.Stderr, "registros en %s\n", env.work)
	}
	nb, err := loadCourseCells(filepath.Join(env.root, *cellsNotebook))
	if err != nil {
		return err
	}
	configs := strings.Split(*cellsConfigs, ",")
	results := map[string]*configResult{}
	for _, c := range configs {
		if c != "antes" && c != "ahora" {
			return fmt.Errorf("-config: configuración %q desconocida; usa antes, ahora o las dos separadas por coma", c)
		}
		results[c] = &configResult{name: c}
	}
	session := 0
	for run := range max(*cellsRuns, 1) {
		for _, c := range configs {
			for _, kind := range []string{"micro", "cuaderno"} {
				session++
				fmt.Fprintf(os.Stderr, "[%d/%d] %s, %s\n", run+1, *cellsRuns, c, kind)
				s, err := env.runSession(session, c, nb, kind)
				if err != nil {
					return err
				}
				results[c].add(s)
			}
		}
	}
	for _, c := range configs {
		results[c].print(os.Stdout)
	}
	return nil
}

func newCellsEnv() (*cellsEnv, error) {
	root, err := nbtest.FindRoot()
	if err != nil {
		return nil, fmt.Errorf("-cells: ejecútalo dentro del módulo neuronas (go run ./bench -cells): %w", err)
	}
	e := &cellsEnv{root: root}
	e.python = nbtest.PythonIn(root)
	e.kernelJSON = filepath.Join(nbtest.VenvIn(root), "share", "jupyter", "kernels", "gonb", "kernel.json")
	if _, err := os.Stat(e.kernelJSON); err != nil {
		return nil, fmt.Errorf("no está el kernel de GoNB (%s); prepáralo con `make setup`", e.kernelJSON)
	}
	if e.work, err = os.MkdirTemp("", "neuronas-cells-"); err != nil {
		return nil, err
	}
	e.probeDir = filepath.Join(e.work, "probe")
	if err := e.buildProbe(); err != nil {
		return nil, err
	}
	return e, nil
}

// buildProbe compila cmd/cellprofile/cellprobe y lo copia como go y goimports.
func (e *cellsEnv) buildProbe() error {
	if err := os.MkdirAll(e.probeDir, 0o755); err != nil {
		return err
	}
	goPath := filepath.Join(e.probeDir, "go")
	cmd := exec.Command("go", "build", "-o", goPath, "./cmd/cellprofile/cellprobe")
	cmd.Dir, cmd.Stderr = e.root, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("no se pudo compilar cmd/cellprofile/cellprobe: %w", err)
	}
	b, err := os.ReadFile(goPath)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(e.probeDir, "goimports"), b, 0o755)
}

// kernelSpec escribe la especificación del kernel de la configuración: la
// instalada, con -v=2 (el registro marca cada fase) y las sondas delante en el
// PATH.
func (e *cellsEnv) kernelSpec(dir, config, probeLog, traces string) error {
	raw, err := os.ReadFile(e.kernelJSON)
	if err != nil {
		return err
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", e.kernelJSON, err)
	}
	var argv []any
	for _, a := range spec["argv"].([]any) {
		if s, _ := a.(string); !strings.HasPrefix(s, "-v=") && !strings.HasPrefix(s, "-logtostderr") {
			argv = append(argv, a)
		}
	}
	spec["argv"] = append(argv, "-v=2", "-logtostderr=true")
	env := map[string]any{}
	if m, ok := spec["env"].(map[string]any); ok {
		env = m
	}
	if config == "antes" {
		for _, k := range speedEnv {
			delete(env, k)
		}
	}
	path, _ := env["PATH"].(string)
	if path == "" {
		path = "${PATH}"
	}
	if e.realGo == "" {
		expanded := strings.ReplaceAll(path, "${PATH}", os.Getenv("PATH"))
		if e.realGo, err = lookPathIn("go", expanded); err != nil {
			return err
		}
		if e.realGoimports, err = lookPathIn("goimports", expanded); err != nil {
			return err
		}
	}
	env["PATH"] = e.probeDir + string(os.PathListSeparator) + path
	env["NEURONAS_CELLPROBE_GO"] = e.realGo
	env["NEURONAS_CELLPROBE_GOIMPORTS"] = e.realGoimports
	env["NEURONAS_CELLPROBE_LOG"] = probeLog
	env["NEURONAS_CELLPROBE_TRACES"] = traces
	spec["env"] = env
	out, _ := json.MarshalIndent(spec, "", " ")
	if err := os.MkdirAll(filepath.Join(dir, "gonbbench"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "gonbbench", "kernel.json"), out, 0o644)
}

func lookPathIn(name, path string) (string, error) {
	for _, d := range filepath.SplitList(path) {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("no se encuentra %s en el PATH del kernel (%s)", name, path)
}

// driverResult es lo que devuelve cmd/cellprofile/driver.py.
type driverResult struct {
	Start, Ready float64
	Pid          int
	Cells        []driverCell
}

type driverCell struct {
	Sent, Reply, Idle float64
	Status            string
	Events            []driverEvent
	CPUBefore         procCPU `json:"cpu_before"`
	CPUAfter          procCPU `json:"cpu_after"`
}

type driverEvent struct {
	T     float64
	Type  string
	Name  string
	Text  string
	Mime  []string
	Bytes int
}

// procCPU son segundos de CPU: del kernel, de los hijos que ha esperado
// (herramientas y programas de las celdas) y de gopls.
type procCPU struct{ Kernel, Children, Gopls float64 }

// runSession arranca un kernel nuevo, ejecuta las celdas de la sesión y
// devuelve sus tiempos.
func (e *cellsEnv) runSession(n int, config string, nb courseCells, kind string) (*session, error) {
	dir := filepath.Join(e.work, fmt.Sprintf("s%02d-%s-%s", n, config, kind))
	traces := filepath.Join(dir, "traces")
	if err := os.MkdirAll(traces, 0o755); err != nil {
		return nil, err
	}
	probeLog := filepath.Join(dir, "probe.jsonl")
	kernels := filepath.Join(dir, "kernels")
	if err := e.kernelSpec(kernels, config, probeLog, traces); err != nil {
		return nil, err
	}
	cells, labels := nb.session(kind, config, *cellsReps)
	req, _ := json.Marshal(map[string]any{
		"kernel_dirs": []string{kernels}, "kernel_name": "gonbbench",
		"cwd": filepath.Join(e.root, "notebooks"), "log": filepath.Join(dir, "kernel.log"),
		"timeout": 600, "cells": cells,
	})
	cmd := exec.Command(e.python, filepath.Join(e.root, "cmd", "cellprofile", "driver.py"))
	cmd.Stdin, cmd.Stderr = bytes.NewReader(req), os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("falló cmd/cellprofile/driver.py (%s, %s): %w; registro del kernel en %s", config, kind, err, dir)
	}
	var res driverResult
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("respuesta de cmd/cellprofile/driver.py: %w", err)
	}
	logText, err := os.ReadFile(filepath.Join(dir, "kernel.log"))
	if err != nil {
		return nil, err
	}
	probes, err := readProbes(probeLog)
	if err != nil {
		return nil, err
	}
	return analyzeSession(kind, labels, cells, &res, parseKlog(string(logText), res.Start), probes)
}
