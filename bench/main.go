// SPDX-License-Identifier: Apache-2.0

// Command bench mide el entrenamiento de las redes del curso (las celdas y
// los ajustes que declara pkg/course: In [19] a In [36], 50 puntos, lr 1e-3,
// SGD) con train.LearningLoop y lo compara, en la misma ejecución y la misma
// máquina, con un bucle escrito a mano en Go (la referencia de lo que cuesta
// el cálculo sin la maquinaria de GoMLX) y, si el Python del sistema tiene
// python3-torch, con el código PyTorch del curso (internal/parity/curso.py).
//
//	go run ./bench [-steps 50000] [-reps 3] [-torch ruta.py]
//
// Solo mide tiempos. Lo que tarda cada celda en GoNB, fase a fase, lo mide
// `go run ./cmd/cellprofile`; la comparación con PyTorch paso a paso y los
// barridos de semillas están en `go run ./cmd/parity`.
//
// Cada celda de Go (GoMLX y a mano) se mide -reps veces, alternando celdas, y
// se queda el mejor tiempo: con otros procesos en la máquina, el mínimo es lo
// que menos depende de ellos. Además del tiempo real se mide el tiempo de CPU
// del proceso, que apenas cambia con la carga de la máquina (incluye el
// recolector de basura de Go aunque corra en otro núcleo). PyTorch solo da
// tiempo real. La última línea es la media geométrica del cociente de tiempos
// Go/PyTorch.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"time"

	"neuronas/internal/coursenet"
	"neuronas/internal/gogc"
	"neuronas/pkg/course"
	"neuronas/pkg/data"
)

type row struct {
	cell              course.Cell
	goT, handT        timing // El mejor de las mediciones.
	torchUs           float64
	goLoss, torchLoss float64
}

// timing es lo que tarda un paso de entrenamiento: en tiempo real (wall) y
// en tiempo de CPU del proceso, que casi no depende de los demás procesos de
// la máquina (cpu es 0 donde no se sabe medir).
type timing struct{ wall, cpu float64 }

func (t timing) best(o timing) timing {
	return timing{min(t.wall, o.wall), min(t.cpu, o.cpu)}
}

// measure ejecuta fn y devuelve lo que ha tardado por paso.
func measure(steps int, fn func()) timing {
	wall, cpu := time.Now(), cpuTime()
	fn()
	return timing{perStep(time.Since(wall), steps), perStep(cpuTime()-cpu, steps)}
}

func main() {
	gogc.Tune() // El mismo recolector de basura que en un cuaderno (ver internal/gogc).
	steps := flag.Int("steps", course.Training().Steps, "pasos de entrenamiento por celda")
	reps := flag.Int("reps", 3, "veces que se mide cada celda de Go (se queda el mejor tiempo)")
	torch := flag.String("torch", "internal/parity/curso.py", "script PyTorch de referencia")
	flag.Usage = func() {
		out := flag.CommandLine.Output()
		fmt.Fprintln(out, "Uso: go run ./bench [-steps N] [-reps N] [-torch curso.py]: mide el entrenamiento de las celdas del curso.")
		fmt.Fprintln(out, "Lo que antes hacían -cells, -compare y -sweep: go run ./cmd/cellprofile y go run ./cmd/parity -compare|-sweep.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fail(fmt.Errorf("argumento %q de más; -cells es ahora `go run ./cmd/cellprofile`, -compare y -sweep son `go run ./cmd/parity`", flag.Arg(0)))
	}
	d, err := coursenet.Data(course.DefaultSeed())
	if err != nil {
		fail(err)
	}
	cells := course.Cells()
	rows := make([]row, len(cells))
	for i, c := range cells {
		inf := timing{math.Inf(1), math.Inf(1)}
		rows[i] = row{cell: c, goT: inf, handT: inf}
	}
	for rep := range max(*reps, 1) {
		for i, c := range cells {
			goT, goLoss, err := timeGoMLX(c, d, *steps)
			if err != nil {
				fail(err)
			}
			handT, err := timeHand(c, d, *steps)
			if err != nil {
				fail(err)
			}
			rows[i].goT, rows[i].goLoss = rows[i].goT.best(goT), goLoss
			rows[i].handT = rows[i].handT.best(handT)
			fmt.Fprintf(os.Stderr, "[%d/%d] In [%d] %s: GoMLX %.1f µs/paso (CPU %.1f), a mano %.1f µs/paso (CPU %.1f)\n",
				rep+1, *reps, c.Number, c.Name(), goT.wall, goT.cpu, handT.wall, handT.cpu)
		}
	}
	torchRows := runTorch(*torch, *steps)
	for i := range rows {
		if t, ok := torchRows[rows[i].cell.Number]; ok {
			rows[i].torchUs, rows[i].torchLoss = t.UsPerStep, t.FinalLoss
		}
	}
	print(rows, *steps, *reps)
}

func timeGoMLX(c course.Cell, d data.Data, steps int) (t timing, final float64, err error) {
	m, err := coursenet.Model(c, course.DefaultSeed())
	if err != nil {
		return t, 0, err
	}
	var losses []float64
	t = measure(steps, func() {
		losses, err = coursenet.Train(m, d, steps)
	})
	if err != nil {
		return t, 0, err
	}
	return t, losses[len(losses)-1], nil
}

func timeHand(c course.Cell, d data.Data, steps int) (timing, error) {
	hl, x, y, err := newCourseHandLoop(c, d)
	if err != nil {
		return timing{}, err
	}
	lr := float32(course.Training().LR)
	return measure(steps, func() {
		for range steps {
			hl.step(x, y, lr)
		}
	}), nil
}

// newCourseHandLoop prepara el bucle a mano de la celda c con los pesos
// iniciales de la semilla de los cuadernos y los datos d en float32.
func newCourseHandLoop(c course.Cell, d data.Data) (hl *handLoop, x, y []float32, err error) {
	m, err := coursenet.Model(c, course.DefaultSeed())
	if err != nil {
		return nil, nil, nil, err
	}
	act, err := coursenet.Activation(c)
	if err != nil {
		return nil, nil, nil, err
	}
	x, y = make([]float32, d.Len()), make([]float32, d.Len())
	for i := range x {
		x[i], y[i] = float32(d.X[i]), float32(d.Y[i])
	}
	return newHandLoop(m, act(), len(x)), x, y, nil
}

func perStep(d time.Duration, steps int) float64 {
	return float64(d.Nanoseconds()) / 1e3 / float64(steps)
}

type torchRow struct {
	Cell      int     `json:"cell"`
	UsPerStep float64 `json:"us_per_step"`
	FinalLoss float64 `json:"final_loss"`
}

// runTorch ejecuta el script PyTorch del curso con el Python del sistema, si
// está disponible; si no, devuelve un mapa vacío y lo explica.
func runTorch(script string, steps int) map[int]torchRow {
	out := map[int]torchRow{}
	if _, err := os.Stat(script); err != nil {
		fmt.Fprintf(os.Stderr, "sin referencia PyTorch: no existe %s\n", script)
		return out
	}
	cmd := exec.Command("/usr/bin/python3", script, fmt.Sprint(steps), "--json")
	cmd.Stderr = os.Stderr
	pipe, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "sin referencia PyTorch: %v\n", err)
		return out
	}
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		var r torchRow
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Cell != 0 {
			out[r.Cell] = r
			fmt.Fprintf(os.Stderr, "In [%d] PyTorch %.1f µs/paso\n", r.Cell, r.UsPerStep)
		}
	}
	if err := cmd.Wait(); err != nil {
		fmt.Fprintf(os.Stderr, "PyTorch no terminó bien (¿falta python3-torch?): %v\n", err)
	}
	return out
}

func print(rows []row, steps, reps int) {
	st := course.Training()
	fmt.Printf("%d pasos por celda, %d puntos, %s lr %g; Go: mejor de %d mediciones\n", steps, st.N, st.Optimizer, st.LR, reps)
	fmt.Printf("%-8s %-20s %9s %9s %10s %9s %8s %11s %11s %11s\n",
		"celda", "red", "Go µs/p", "mano µs/p", "torch µs/p", "Go/torch", "Go/mano", "Go/mano CPU", "pérdida Go", "pérd. torch")
	var torchLogs, handLogs, cpuLogs []float64
	for _, r := range rows {
		ratio, torchUs, torchLoss, cpuRatio := "-", "-", "-", "-"
		if r.torchUs > 0 {
			ratio = fmt.Sprintf("%.3f", r.goT.wall/r.torchUs)
			torchUs = fmt.Sprintf("%.1f", r.torchUs)
			torchLoss = fmt.Sprintf("%.4f", r.torchLoss)
			torchLogs = append(torchLogs, math.Log(r.goT.wall/r.torchUs))
		}
		if r.goT.cpu > 0 && r.handT.cpu > 0 {
			cpuRatio = fmt.Sprintf("%.2f", r.goT.cpu/r.handT.cpu)
			cpuLogs = append(cpuLogs, math.Log(r.goT.cpu/r.handT.cpu))
		}
		handLogs = append(handLogs, math.Log(r.goT.wall/r.handT.wall))
		fmt.Printf("In [%d]  %-20s %9.1f %9.1f %10s %9s %8.2f %11s %11.4f %11s\n", r.cell.Number, r.cell.Name(),
			r.goT.wall, r.handT.wall, torchUs, ratio, r.goT.wall/r.handT.wall, cpuRatio, r.goLoss, torchLoss)
	}
	fmt.Printf("ratio Go/mano (geometric mean): %.2f\n", geoMean(handLogs))
	if len(cpuLogs) > 0 {
		fmt.Printf("ratio Go/mano en CPU (geometric mean): %.2f\n", geoMean(cpuLogs))
	}
	if len(torchLogs) > 0 {
		fmt.Printf("ratio Go/PyTorch (geometric mean): %.2f\n", geoMean(torchLogs))
	} else {
		fmt.Println("ratio Go/PyTorch (geometric mean): sin datos de PyTorch (instala python3-torch)")
	}
}

// geoMean es la media geométrica de unos valores dados por sus logaritmos.
func geoMean(logs []float64) float64 {
	sum := 0.0
	for _, l := range logs {
		sum += l
	}
	return math.Exp(sum / float64(len(logs)))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}
