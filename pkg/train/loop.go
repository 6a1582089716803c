package train

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/pkg/nn"
	"neuronas/pkg/show"
)

// stepsPerCall es cuántos pasos de entrenamiento encadena cada ejecución del
// grafo; los resultados son idénticos con cualquier valor. Con menos pasos se
// paga más veces el coste fijo de cada llamada; con más, el grafo crece, tarda
// más en compilarse y da más trabajo al recolector de basura. 10 es el mejor
// valor medido con las redes del curso.
const stepsPerCall = 10

// MaxSteps es el máximo de pasos de un entrenamiento (el curso usa 50 000).
const MaxSteps = 10_000_000

// LearningLoop entrena el modelo durante steps pasos (modifica sus
// parámetros) y devuelve la pérdida de cada paso, como
// learning_loop(x_true, y_true, model, steps, loss_fn, learning_rate,
// optimizer) del curso. Dentro de un cuaderno muestra el progreso mientras
// trabaja y deja una línea de resumen al terminar.
//
// Si la pérdida se vuelve NaN o infinita, el entrenamiento se detiene: se
// devuelven las pérdidas hasta ese paso, el modelo se queda con los últimos
// parámetros sanos y el error explica la causa probable y qué probar.
func LearningLoop[T nn.Batch](xTrue, yTrue T, model *nn.Model, steps int, lossFn Loss, learningRate float64, optimizer Optimizer) ([]float64, error) {
	r, err := newRun(xTrue, yTrue, model, steps, lossFn, learningRate, optimizer)
	if err != nil {
		return nil, fmt.Errorf("train.LearningLoop: %w", err)
	}
	defer r.close()
	return r.loop()
}

// run es un entrenamiento en marcha: el grafo de los pasos, sus ejecuciones
// compiladas y los tensores que pasan de una llamada a la siguiente.
type run struct {
	model        *nn.Model
	steps        int
	lr           float64
	graph        stepGraph
	stepsPerCall int
	xT, y        *tensors.Tensor   // x traspuesta, [entradas, n], e y, [n, salidas].
	params       []*tensors.Tensor // Una matriz A = [W | b] por capa Linear (ver nn/params.go).
	state        []*tensors.Tensor // Estado del optimizador.
	execs        map[int]*graph.Exec
	losses       []float64
	progress     *show.Training
}

func newRun[T nn.Batch](xTrue, yTrue T, model *nn.Model, steps int, lossFn Loss, lr float64, opt Optimizer) (*run, error) {
	switch {
	case steps <= 0 || steps > MaxSteps:
		return nil, fmt.Errorf("steps = %d, pero el número de pasos debe estar entre 1 y %d (el curso usa 50000)", steps, MaxSteps)
	case math.IsNaN(lr) || math.IsInf(lr, 0) || lr <= 0:
		return nil, fmt.Errorf("learningRate = %v, pero la tasa de aprendizaje debe ser un número positivo (el curso usa 1e-3)", lr)
	case lossFn == nil:
		return nil, fmt.Errorf("lossFn es nil; usa train.MSELoss")
	case opt == nil:
		return nil, fmt.Errorf("optimizer es nil; usa train.SGD o train.Adam")
	}
	x, y, err := nn.Tensors(model, xTrue, yTrue)
	if err != nil {
		return nil, err
	}
	r := &run{model: model, steps: steps, lr: lr, stepsPerCall: stepsPerCall,
		graph: stepGraph{layers: model.Layers(), loss: lossFn, rule: opt(lr)},
		xT:    transposed(x), y: y, params: model.ParamTensors(),
		execs: map[int]*graph.Exec{}, losses: make([]float64, 0, steps)}
	for _, p := range r.params {
		for range r.graph.rule.Slots {
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
	r.progress = show.NewTraining(r.steps)
	defer r.progress.Done()
	for done := 0; done < r.steps; {
		k := min(r.stepsPerCall, r.steps-done)
		chunk, err := r.call(k, done)
		if err != nil {
			return r.losses, fmt.Errorf("train.LearningLoop: falló el paso %d: %w", done, err)
		}
		if i := slices.IndexFunc(chunk, notFinite); i >= 0 {
			r.losses = append(r.losses, chunk[:i]...)
			r.finish()
			return r.losses, r.divergence(done + i)
		}
		r.losses = append(r.losses, chunk...)
		done += k
		r.progress.Update(done, r.losses[len(r.losses)-1])
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
	chunk := make([]float64, k)
	tensors.MustConstFlatData(outs[np+ns], func(flat []float32) {
		for i, v := range flat {
			chunk[i] = float64(v)
		}
	})
	outs[np+ns].FinalizeAll()
	keep, drop := outs[:np+ns], append(append([]*tensors.Tensor{}, r.params...), r.state...)
	if slices.ContainsFunc(chunk, notFinite) {
		keep, drop = drop, keep // Nos quedamos con los parámetros anteriores, los últimos sanos.
	}
	for _, t := range drop {
		t.FinalizeAll()
	}
	r.params, r.state = keep[:np], keep[np:]
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
	e, err := graph.NewExec(backend, func(in []*graph.Node) []*graph.Node { return r.graph.steps(k, in) })
	if err != nil {
		return nil, err
	}
	r.execs[k] = e
	return e, nil
}

// finish copia en el modelo los parámetros entrenados y deja el resumen.
func (r *run) finish() {
	if err := r.model.SetParamTensors(r.params); err != nil {
		panic(err) // Imposible: los tensores salen del propio modelo.
	}
	r.progress.Summary(r.losses)
}

func (r *run) divergence(step int) error {
	last := "ninguna (ya el primer paso dio NaN/Inf)"
	if n := len(r.losses); n > 0 {
		last = fmt.Sprintf("%.6g en el paso %d", r.losses[n-1], n-1)
	}
	return fmt.Errorf("train.LearningLoop: en el paso %d la pérdida dejó de ser un número finito (NaN o infinito): el entrenamiento ha divergido. "+
		"Última pérdida válida: %s. Causa probable: la tasa de aprendizaje (%g) es demasiado grande para estos datos, "+
		"y cada actualización se pasa de largo y agranda los parámetros hasta desbordar. Prueba con una tasa 10 veces menor (%g) "+
		"o con datos de valores más pequeños (normalizados). Se devuelven las %d pérdidas anteriores y el modelo conserva "+
		"los últimos parámetros sanos", step, last, r.lr, r.lr/10, len(r.losses))
}

// notFinite indica si una pérdida es NaN o infinita.
func notFinite(l float64) bool { return math.IsNaN(l) || math.IsInf(l, 0) }

// transposed devuelve la traspuesta de una matriz float32.
func transposed(t *tensors.Tensor) *tensors.Tensor {
	rows, cols := t.Shape().Dimensions[0], t.Shape().Dimensions[1]
	v := tensors.MustCopyFlatData[float32](t)
	tv := make([]float32, len(v))
	for i := range rows {
		for j := range cols {
			tv[j*rows+i] = v[i*cols+j]
		}
	}
	return tensors.FromFlatDataAndDimensions(tv, cols, rows)
}
