package train

import (
	"fmt"
	"math"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/pkg/nn"
	"neuronas/pkg/show"
)

// StepsPerCall es cuántos pasos de entrenamiento encadena cada ejecución del
// grafo; los resultados son idénticos con cualquier valor. Con menos pasos se
// paga más veces el coste fijo de cada llamada; con más, el grafo crece, tarda
// más en compilarse y da más trabajo al recolector de basura. 10 es el mejor
// valor medido con las redes del curso.
var StepsPerCall = 10

// Verbose indica si LearningLoop muestra el progreso y deja una línea de
// resumen. Por defecto solo dentro de un cuaderno.
var Verbose = show.InNotebook()

// Batch son los datos de entrada o de salida: un valor por punto ([]float64,
// para modelos de una entrada o una salida) o una fila de valores por punto
// ([][]float64).
type Batch interface{ []float64 | [][]float64 }

// LearningLoop entrena el modelo en el sitio durante steps pasos y devuelve la
// pérdida de cada paso, como learning_loop(x_true, y_true, model, steps,
// loss_fn, learning_rate, optimizer) del curso.
//
// Si la pérdida se vuelve NaN o infinita, el entrenamiento se detiene: se
// devuelven las pérdidas hasta ese paso, el modelo se queda con los últimos
// parámetros sanos y el error explica la causa probable y qué probar.
func LearningLoop[T Batch](xTrue, yTrue T, model *nn.Model, steps int, lossFn Loss, learningRate float64, optimizer Optimizer) ([]float64, error) {
	r, err := newRun(xTrue, yTrue, model, steps, lossFn, learningRate, optimizer)
	if err != nil {
		return nil, fmt.Errorf("LearningLoop: %w", err)
	}
	defer r.close()
	defer relaxGC()()
	return r.loop()
}

func rows[T Batch](v T) [][]float64 {
	switch v := any(v).(type) {
	case []float64:
		out := make([][]float64, len(v))
		for i, x := range v {
			out[i] = []float64{x}
		}
		return out
	case [][]float64:
		return v
	}
	return nil
}

// Tensors comprueba los datos de entrada y salida frente al modelo y los
// convierte en tensores [n, entradas] y [n, salidas].
func Tensors[T Batch](model *nn.Model, xTrue, yTrue T) (x, y *tensors.Tensor, err error) {
	xr, yr := rows(xTrue), rows(yTrue)
	if len(xr) != len(yr) {
		return nil, nil, fmt.Errorf("xTrue tiene %d puntos e yTrue %d; deben tener los mismos", len(xr), len(yr))
	}
	if x, err = nn.Matrix("xTrue", xr, model.InputSize()); err != nil {
		return nil, nil, err
	}
	if y, err = nn.Matrix("yTrue", yr, model.OutputSize()); err != nil {
		return nil, nil, err
	}
	return x, y, nil
}

// run guarda el estado de un entrenamiento.
type run struct {
	model      *nn.Model
	steps      int
	lr         float64
	loss       Loss
	opt        Optimizer
	xT, y      *tensors.Tensor   // x traspuesta, [entradas, n], e y, [n, salidas].
	params     []*tensors.Tensor // Una matriz A = [W | b] por capa Linear (ver step.go).
	state      []*tensors.Tensor
	execs      map[int]*graph.Exec
	losses     []float64
	start      time.Time
	progress   *show.Progress
	lastReport time.Time
}

func newRun[T Batch](xTrue, yTrue T, model *nn.Model, steps int, lossFn Loss, lr float64, opt Optimizer) (*run, error) {
	switch {
	case model == nil:
		return nil, fmt.Errorf("model es nil; créalo con nn.Sequential(...)")
	case steps <= 0:
		return nil, fmt.Errorf("steps = %d, pero el número de pasos debe ser positivo (el curso usa 50000)", steps)
	case math.IsNaN(lr) || math.IsInf(lr, 0) || lr <= 0:
		return nil, fmt.Errorf("learningRate = %v, pero la tasa de aprendizaje debe ser un número positivo (el curso usa 1e-3)", lr)
	case lossFn.Fn == nil:
		return nil, fmt.Errorf("lossFn está vacía; usa train.MSELoss")
	case opt.Update == nil:
		return nil, fmt.Errorf("optimizer está vacío; usa train.SGD o train.Adam")
	}
	x, y, err := Tensors(model, xTrue, yTrue)
	if err != nil {
		return nil, err
	}
	r := &run{model: model, steps: steps, lr: lr, loss: lossFn, opt: opt, xT: transposed(x), y: y,
		params: packParams(model), execs: map[int]*graph.Exec{}, losses: make([]float64, 0, steps)}
	for _, p := range r.params {
		for range opt.Slots {
			r.state = append(r.state, tensors.FromShape(p.Shape()))
		}
	}
	return r, nil
}

func (r *run) close() {
	for _, e := range r.execs {
		e.Finalize()
	}
}

func (r *run) loop() ([]float64, error) {
	r.start = time.Now()
	if Verbose {
		r.progress = show.NewProgress()
		defer r.progress.Done()
	}
	for done := 0; done < r.steps; {
		k := min(StepsPerCall, r.steps-done)
		chunk, err := r.call(k, done)
		if err != nil {
			return r.losses, fmt.Errorf("LearningLoop: falló el paso %d: %w", done, err)
		}
		for i, l := range chunk {
			if math.IsNaN(l) || math.IsInf(l, 0) {
				r.losses = append(r.losses, chunk[:i]...)
				r.finish()
				return r.losses, r.divergence(done + i)
			}
		}
		r.losses = append(r.losses, chunk...)
		done += k
		r.report(done)
	}
	r.finish()
	return r.losses, nil
}

// call ejecuta k pasos a partir del paso done y devuelve sus pérdidas. Solo
// acepta los nuevos parámetros si todas las pérdidas son finitas.
func (r *run) call(k, done int) ([]float64, error) {
	exec, err := r.exec(k)
	if err != nil {
		return nil, err
	}
	args := make([]any, 0, len(r.params)+len(r.state)+3)
	for _, t := range r.params {
		args = append(args, t)
	}
	for _, t := range r.state {
		args = append(args, t)
	}
	args = append(args, r.xT, r.y, float32(done))
	outs, err := exec.Call(args...)
	if err != nil {
		return nil, err
	}
	np, ns := len(r.params), len(r.state)
	lossT := outs[np+ns]
	chunk := make([]float64, k)
	tensors.MustConstFlatData(lossT, func(flat []float32) {
		for i, v := range flat {
			chunk[i] = float64(v)
		}
	})
	lossT.FinalizeAll()
	for _, l := range chunk {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			for _, t := range outs {
				t.FinalizeAll() // Nos quedamos con los parámetros anteriores.
			}
			return chunk, nil
		}
	}
	for _, t := range r.params {
		t.FinalizeAll()
	}
	for _, t := range r.state {
		t.FinalizeAll()
	}
	r.params, r.state = outs[:np], outs[np:np+ns]
	return chunk, nil
}

// exec devuelve (y compila la primera vez) el grafo que da k pasos.
func (r *run) exec(k int) (*graph.Exec, error) {
	if e, ok := r.execs[k]; ok {
		return e, nil
	}
	backend, err := nn.Backend()
	if err != nil {
		return nil, err
	}
	e, err := graph.NewExec(backend, func(in []*graph.Node) []*graph.Node { return r.trainSteps(k, in) })
	if err != nil {
		return nil, err
	}
	r.execs[k] = e
	return e, nil
}

func (r *run) finish() {
	if err := r.model.SetParamTensors(unpackParams(r.model, r.params)); err != nil {
		panic(err) // Imposible: los tensores salen del propio modelo.
	}
	if Verbose && len(r.losses) > 0 {
		el := time.Since(r.start)
		fmt.Printf("Entrenamiento: %d pasos en %.2f s (%.1f µs/paso); pérdida %.6g → %.6g\n",
			len(r.losses), el.Seconds(), float64(el.Microseconds())/float64(len(r.losses)), r.losses[0], r.losses[len(r.losses)-1])
	}
}

func (r *run) report(done int) {
	if r.progress == nil || (time.Since(r.lastReport) < 200*time.Millisecond && done < r.steps) {
		return
	}
	r.lastReport = time.Now()
	pct := 100 * done / r.steps
	r.progress.Update(fmt.Sprintf(`<div style="font-family:monospace">Entrenando: paso %d de %d `+
		`<progress value="%d" max="100" style="width:200px"></progress> %d%% · pérdida %.4f · %.1f s</div>`,
		done, r.steps, pct, pct, r.losses[len(r.losses)-1], time.Since(r.start).Seconds()))
}

func (r *run) divergence(step int) error {
	last := "ninguna (ya el primer paso dio NaN/Inf)"
	if n := len(r.losses); n > 0 {
		last = fmt.Sprintf("%.6g en el paso %d", r.losses[n-1], n-1)
	}
	return fmt.Errorf("LearningLoop: en el paso %d la pérdida dejó de ser un número finito (NaN o infinito): el entrenamiento ha divergido. "+
		"Última pérdida válida: %s. Causa probable: la tasa de aprendizaje (%g) es demasiado grande para estos datos, "+
		"y cada actualización se pasa de largo y agranda los parámetros hasta desbordar. Prueba con una tasa 10 veces menor (%g) "+
		"o con datos de valores más pequeños (normalizados). Se devuelven las %d pérdidas anteriores y el modelo conserva "+
		"los últimos parámetros sanos", step, last, r.lr, r.lr/10, len(r.losses))
}
