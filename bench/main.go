// Command bench mide el entrenamiento de las redes del curso (celdas In [19]
// a In [36]: 50 puntos, lr 1e-3, SGD) y lo compara con un bucle escrito a mano
// en Go y, si está instalado python3-torch, con el código PyTorch del curso
// (../shared/bench/pytorch_modelos_neuronales_II.py).
//
//	go run ./bench [-steps 50000] [-torch ruta.py]
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

	"neuronas/pkg/data"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// Cell es una celda de entrenamiento del curso.
type Cell struct {
	Number int
	Sizes  []int
	Act    func() nn.Layer
	Name   string
}

// Cells son las redes de las celdas In [19]–In [36].
var Cells = []Cell{
	{19, []int{1, 1, 1}, nn.Tanh, "1-1-1 Tanh"},
	{20, []int{1, 2, 1}, nn.Tanh, "1-2-1 Tanh"},
	{21, []int{1, 3, 1}, nn.Tanh, "1-3-1 Tanh"},
	{22, []int{1, 5, 1}, nn.Tanh, "1-5-1 Tanh"},
	{27, []int{1, 5, 5, 1}, nn.Tanh, "1-5-5-1 Tanh"},
	{28, []int{1, 5, 5, 5, 1}, nn.Tanh, "1-5-5-5-1 Tanh"},
	{32, []int{1, 5, 5, 5, 1}, nn.ReLU, "1-5-5-5-1 ReLU"},
	{36, []int{1, 5, 5, 5, 1}, nn.LeakyReLU, "1-5-5-5-1 LeakyReLU"},
}

// Model crea la red de la celda.
func (c Cell) Model() (*nn.Model, error) {
	var layers []nn.Layer
	for i := 0; i+1 < len(c.Sizes); i++ {
		if i > 0 {
			layers = append(layers, c.Act())
		}
		layers = append(layers, nn.Linear(c.Sizes[i], c.Sizes[i+1]))
	}
	return nn.Sequential(layers...)
}

// CourseData son los datos del curso: y = x², 50 puntos, sigma 0,5, rango 10.
func CourseData() (data.Data, error) {
	poly, err := data.GeneratePolynomial([]float64{1, 0, 0})
	if err != nil {
		return data.Data{}, err
	}
	return data.GetDataFromAPolynomial(poly, 50, data.Sigma(0.5), data.Range(10), data.WithRand(random.New(random.DefaultSeed)))
}

type row struct {
	cell                  Cell
	goUs, handUs, torchUs float64
	goLoss, torchLoss     float64
}

func main() {
	steps := flag.Int("steps", 50000, "pasos de entrenamiento por celda")
	torch := flag.String("torch", "../shared/bench/pytorch_modelos_neuronales_II.py", "script PyTorch de referencia")
	flag.Parse()
	train.Verbose = false
	d, err := CourseData()
	if err != nil {
		fail(err)
	}
	rows := make([]row, len(Cells))
	for i, c := range Cells {
		rows[i] = row{cell: c}
		if rows[i].goUs, rows[i].goLoss, err = timeGoMLX(c, d, *steps); err != nil {
			fail(err)
		}
		rows[i].handUs = timeHand(c, d, *steps)
		fmt.Fprintf(os.Stderr, "In [%d] %s: GoMLX %.1f µs/paso, a mano %.1f µs/paso\n", c.Number, c.Name, rows[i].goUs, rows[i].handUs)
	}
	torchRows := runTorch(*torch, *steps)
	for i := range rows {
		if t, ok := torchRows[rows[i].cell.Number]; ok {
			rows[i].torchUs, rows[i].torchLoss = t.UsPerStep, t.FinalLoss
		}
	}
	print(rows, *steps)
}

func timeGoMLX(c Cell, d data.Data, steps int) (usPerStep, final float64, err error) {
	m, err := c.Model()
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	losses, err := train.LearningLoop(d.X, d.Y, m, steps, train.MSELoss, 1e-3, train.SGD)
	if err != nil {
		return 0, 0, err
	}
	return perStep(time.Since(start), steps), losses[len(losses)-1], nil
}

func timeHand(c Cell, d data.Data, steps int) float64 {
	m, _ := c.Model()
	x, y := make([]float32, d.Len()), make([]float32, d.Len())
	for i := range x {
		x[i], y[i] = float32(d.X[i]), float32(d.Y[i])
	}
	hl := newHandLoop(m, c.Act(), len(x))
	start := time.Now()
	for range steps {
		hl.step(x, y, 1e-3)
	}
	return perStep(time.Since(start), steps)
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

func print(rows []row, steps int) {
	fmt.Printf("%d pasos por celda, 50 puntos, SGD lr 1e-3\n", steps)
	fmt.Printf("%-8s %-20s %10s %10s %10s %8s %8s %12s\n", "celda", "red", "Go µs/p", "mano µs/p", "torch µs/p", "Go/torch", "Go/mano", "pérdida Go")
	logSum, n := 0.0, 0
	for _, r := range rows {
		ratio := "-"
		torchUs := "-"
		if r.torchUs > 0 {
			ratio = fmt.Sprintf("%.2f", r.goUs/r.torchUs)
			torchUs = fmt.Sprintf("%.1f", r.torchUs)
			logSum += math.Log(r.goUs / r.torchUs)
			n++
		}
		fmt.Printf("In [%d]  %-20s %10.1f %10.1f %10s %8s %8.2f %12.4f\n", r.cell.Number, r.cell.Name, r.goUs, r.handUs, torchUs, ratio, r.goUs/r.handUs, r.goLoss)
	}
	if n > 0 {
		fmt.Printf("ratio Go/PyTorch (geometric mean): %.2f\n", math.Exp(logSum/float64(n)))
	} else {
		fmt.Println("ratio Go/PyTorch (geometric mean): sin datos de PyTorch (instala python3-torch)")
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}
