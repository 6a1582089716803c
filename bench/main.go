// Command bench mide el entrenamiento de las redes del curso (celdas In [19]
// a In [36]: 50 puntos, lr 1e-3, SGD) con train.LearningLoop y lo compara,
// en la misma ejecución y la misma máquina, con un bucle escrito a mano en Go
// (la referencia de lo que cuesta el cálculo sin la maquinaria de GoMLX) y,
// si el Python del sistema tiene python3-torch, con el código PyTorch del
// curso (bench/pytorch/curso.py).
//
//	go run ./bench [-steps 50000] [-reps 3] [-torch ruta.py]
//	go run ./bench -cells     # lo que tarda cada celda en GoNB, fase a fase (cells.go)
//	go run ./bench -compare   # Go frente a PyTorch con la misma semilla, paso a paso
//	go run ./bench -sweep     # barrido de semillas de Go → pkg/reference/go/sweep.json
//
// -compare entrena cada celda con las semillas de las fixtures de PyTorch
// (pkg/reference) y compara las pérdidas en los pasos 1, 10, 100, 1000 y el
// último con las de PyTorch y con la sensibilidad de PyTorch a un ulp, y
// después compara los barridos de semillas de Go y de PyTorch (Mann–Whitney y
// Fisher). -sweep vuelve a calcular el barrido de Go (varios minutos).
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

	"neuronas/internal/gogc"
	"neuronas/pkg/data"
	"neuronas/pkg/random"
	"neuronas/pkg/reference"
	"neuronas/pkg/train"
)

type row struct {
	cell              Cell
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
	steps := flag.Int("steps", 50000, "pasos de entrenamiento por celda")
	reps := flag.Int("reps", 3, "veces que se mide cada celda de Go (se queda el mejor tiempo)")
	torch := flag.String("torch", "bench/pytorch/curso.py", "script PyTorch de referencia")
	compare := flag.Bool("compare", false, "comparar las pérdidas de Go con las de PyTorch con la misma semilla")
	sweep := flag.Bool("sweep", false, "calcular el barrido de semillas de Go y guardarlo en "+reference.GoSweepFile)
	seeds := flag.Int("seeds", 20, "semillas por celda en -sweep (ReLU y LeakyReLU: al menos 50)")
	flag.Parse()
	switch {
	case *cellsMode: // Celdas a través de GoNB, fase a fase: cells.go.
		if err := runCells(); err != nil {
			fail(err)
		}
		return
	case *sweep:
		if err := runSweep(reference.GoSweepFile, *steps, *seeds); err != nil {
			fail(err)
		}
		fmt.Println("Barrido guardado en", reference.GoSweepFile, "; compáralo con PyTorch con: go run ./bench -compare")
		return
	case *compare:
		if err := runCompare(*steps); err != nil {
			fail(err)
		}
		if err := compareSweeps(); err != nil {
			fail(err)
		}
		return
	}
	d, err := CourseData(random.DefaultSeed)
	if err != nil {
		fail(err)
	}
	rows := make([]row, len(Cells))
	for i, c := range Cells {
		inf := timing{math.Inf(1), math.Inf(1)}
		rows[i] = row{cell: c, goT: inf, handT: inf}
	}
	for rep := range max(*reps, 1) {
		for i, c := range Cells {
			goT, goLoss, err := timeGoMLX(c, d, *steps)
			if err != nil {
				fail(err)
			}
			handT := timeHand(c, d, *steps)
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

func timeGoMLX(c Cell, d data.Data, steps int) (t timing, final float64, err error) {
	m, err := c.Model(random.DefaultSeed)
	if err != nil {
		return t, 0, err
	}
	var losses []float64
	t = measure(steps, func() {
		losses, err = train.LearningLoop(d.X, d.Y, m, steps, train.MSELoss, 1e-3, train.SGD)
	})
	if err != nil {
		return t, 0, err
	}
	return t, losses[len(losses)-1], nil
}

func timeHand(c Cell, d data.Data, steps int) timing {
	m, _ := c.Model(random.DefaultSeed)
	x, y := make([]float32, d.Len()), make([]float32, d.Len())
	for i := range x {
		x[i], y[i] = float32(d.X[i]), float32(d.Y[i])
	}
	hl := newHandLoop(m, c.Act(), len(x))
	return measure(steps, func() {
		for range steps {
			hl.step(x, y, 1e-3)
		}
	})
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
	fmt.Printf("%d pasos por celda, 50 puntos, SGD lr 1e-3; Go: mejor de %d mediciones\n", steps, reps)
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
