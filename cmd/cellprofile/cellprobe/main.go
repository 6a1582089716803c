// SPDX-License-Identifier: Apache-2.0

// Command cellprobe se hace pasar por go o goimports para medir cuánto tarda
// cada llamada que hace GoNB (y gopls) al ejecutar una celda. Lo usa
// `go run ./cmd/cellprofile`: copia este programa con esos nombres en una carpeta
// que pone la primera del PATH del kernel.
//
// Ejecuta la herramienta de verdad (la ruta está en NEURONAS_CELLPROBE_GO o
// NEURONAS_CELLPROBE_GOIMPORTS) con los mismos argumentos, entrada y salidas, y
// añade una línea JSON al fichero NEURONAS_CELLPROBE_LOG con la herramienta,
// sus argumentos, el proceso que la llamó, cuándo empezó y acabó y su tiempo de
// CPU. A `go build` le añade -debug-trace=FICHERO (en NEURONAS_CELLPROBE_TRACES)
// para separar la carga de paquetes, la compilación y el enlazado.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Record es una llamada medida.
type Record struct {
	Tool   string   `json:"tool"`
	Args   []string `json:"args"`
	Parent string   `json:"parent"`
	Start  float64  `json:"start"` // Segundos desde 1970, como time.time() de Python.
	End    float64  `json:"end"`
	CPU    float64  `json:"cpu"`       // Usuario + sistema de la herramienta y sus hijos.
	Own    float64  `json:"probe_cpu"` // La CPU de esta sonda.
	Trace  string   `json:"trace,omitempty"`
	Exit   int      `json:"exit"`
}

func main() {
	tool := filepath.Base(os.Args[0])
	real := os.Getenv("NEURONAS_CELLPROBE_" + strings.ToUpper(tool))
	if real == "" {
		fmt.Fprintf(os.Stderr, "cellprobe: falta NEURONAS_CELLPROBE_%s con la ruta del %s de verdad\n", strings.ToUpper(tool), tool)
		os.Exit(2)
	}
	rec := Record{Tool: tool, Args: os.Args[1:], Parent: parentName()}
	args := rec.Args
	if dir := os.Getenv("NEURONAS_CELLPROBE_TRACES"); tool == "go" && len(args) > 0 && args[0] == "build" && dir != "" {
		rec.Trace = filepath.Join(dir, fmt.Sprintf("build-%d.json", time.Now().UnixNano()))
		args = append([]string{"build", "-debug-trace=" + rec.Trace}, args[1:]...)
	}
	cmd := exec.Command(real, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	end := time.Now()
	rec.Start, rec.End = seconds(start), seconds(end)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		rec.Exit = exitErr.ExitCode()
	default:
		fmt.Fprintf(os.Stderr, "cellprobe: %v\n", err)
		os.Exit(2)
	}
	rec.CPU = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		rec.Own = float64(syscall.TimevalToNsec(ru.Utime)+syscall.TimevalToNsec(ru.Stime)) / 1e9
	}
	write(rec)
	os.Exit(rec.Exit)
}

func seconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// parentName es el nombre del proceso que llamó a la herramienta (gonb,
// gopls, goimports, bash...).
func parentName() string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", os.Getppid()))
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// write añade rec al registro con una sola escritura (O_APPEND), para que las
// llamadas simultáneas no se mezclen.
func write(rec Record) {
	path := os.Getenv("NEURONAS_CELLPROBE_LOG")
	if path == "" {
		return
	}
	line, _ := json.Marshal(rec)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cellprobe: %v\n", err)
		return
	}
	defer f.Close()
	_, _ = f.Write(append(line, '\n'))
}
