package train

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/engine"
	"neuronas/pkg/nn"
	"neuronas/pkg/show"
)

// models es el puente del motor hacia las tripas de nn.Model (ver
// internal/engine/bridge.go).
var models = engine.Models[*nn.Model, nn.Parameter]()

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
	net          engine.Net
	steps        int
	lr           float64
	graph        engine.StepGraph
	stepsPerCall int
	xT, y        *tensors.Tensor   // x traspuesta, [entradas, n], e y, [n, salidas].
	params       []*tensors.Tensor // Una matriz A = [W | b] por capa Linear (ver internal/engine/layout.go).
	state        []*tensors.Tensor // Estado del optimizador.
	execs        map[int]*engine.Exec
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
	net, x, y, err := models.Prepare(model, xTrue, yTrue)
	if err != nil {
		return nil, err
	}
	rule := opt(lr)
	r := &run{model: model, net: net, steps: steps, lr: lr, stepsPerCall: stepsPerCall,
		graph: engine.StepGraph{Layers: net.Layers, Loss: lossFn, Slots: rule.Slots, Update: rule.Step},
		xT:    engine.Transposed(x), y: y, params: net.Tensors(),
		execs: map[int]*engine.Exec{}, losses: make([]float64, 0, steps)}
	for _, p := range r.params {
		for range rule.Slots {
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
	outs, err := exec.Call(r.params, r.state, r.xT, r.y, float32(done))
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
func (r *run) exec(k int) (*engine.Exec, error) {
	if e, ok := r.execs[k]; ok {
		return e, nil
	}
	e, err := engine.Compile(func(in []*graph.Node) []*graph.Node { return r.graph.Steps(k, in) })
	if err != nil {
		return nil, err
	}
	r.execs[k] = e
	return e, nil
}

// finish copia en el modelo los parámetros entrenados y deja el resumen.
func (r *run) finish() {
	if err := setParams(r.model, r.net, r.params); err != nil {
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

// setParams copia en el modelo los parámetros de tensores con la forma de
// net.Tensors().
func setParams(model *nn.Model, net engine.Net, params []*tensors.Tensor) error {
	packed, err := net.FromTensors(params)
	if err != nil {
		return err
	}
	models.SetParams(model, packed)
	return nil
}
