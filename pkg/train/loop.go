// SPDX-License-Identifier: Apache-2.0

package train

import (
	"errors"
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
	stepsPerCall int               // engine.StepsPerCall; las pruebas lo cambian.
	xT, y        *tensors.Tensor   // x traspuesta, [entradas, n], e y, [n, salidas].
	params       []*tensors.Tensor // Una matriz A = [W | b] por capa Linear (ver internal/engine/layout.go).
	state        []*tensors.Tensor // Estado del optimizador.
	execs        map[int]*engine.Exec
	losses       []float64
	progress     *show.Training
	release      func() // Deja el modelo libre para otro entrenamiento.
	// prev son los parámetros y el estado al empezar la llamada anterior (en
	// el paso prevDone): desde ahí se repiten los pasos de uno en uno si el
	// entrenamiento diverge, para parar justo en el último paso sano.
	prevParams, prevState []*tensors.Tensor
	prevDone              int
}

func newRun[T nn.Batch](xTrue, yTrue T, model *nn.Model, steps int, lossFn Loss, lr float64, opt Optimizer) (*run, error) {
	switch {
	case steps <= 0 || steps > MaxSteps:
		return nil, fmt.Errorf("steps = %d, pero el número de pasos debe estar entre 1 y %d (el curso usa 50000)", steps, MaxSteps)
	case checkLR(lr) != "":
		return nil, errors.New(checkLR(lr))
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
	if rule.Step == nil {
		return nil, fmt.Errorf("optimizer(learningRate) devolvió una regla sin Step; usa train.SGD o train.Adam")
	}
	release, err := models.Train(model)
	if err != nil {
		return nil, err
	}
	r := &run{model: model, net: net, steps: steps, lr: lr, stepsPerCall: engine.StepsPerCall,
		graph: engine.StepGraph{Layers: net.Layers, Loss: lossFn, Slots: rule.Slots, Update: rule.Step},
		xT:    engine.Transposed(x), y: y, params: net.Tensors(),
		execs: map[int]*engine.Exec{}, losses: make([]float64, 0, steps), release: release}
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
	r.release()
}

func (r *run) loop() ([]float64, error) {
	r.progress = show.NewTraining(r.steps)
	defer r.progress.Done()
	for done := 0; done < r.steps; {
		k := min(r.stepsPerCall, r.steps-done)
		chunk, params, state, err := r.call(k, done, r.params, r.state)
		if err != nil {
			return r.losses, fmt.Errorf("train.LearningLoop: falló el paso %d: %w", done, err)
		}
		if slices.ContainsFunc(chunk, notFinite) || !finite(params) {
			finalize(params, state)
			return r.diverged()
		}
		// Los parámetros de la llamada anterior ya no hacen falta; los de esta
		// se guardan por si la siguiente diverge.
		if r.prevParams != nil {
			finalize(r.prevParams, r.prevState)
		}
		r.prevParams, r.prevState, r.prevDone = r.params, r.state, done
		r.params, r.state = params, state
		r.losses = append(r.losses, chunk...)
		done += k
		r.progress.Update(done, r.losses[len(r.losses)-1])
	}
	r.finish()
	return r.losses, nil
}

// call ejecuta k pasos a partir de los parámetros y el estado del paso done
// y devuelve sus pérdidas y los parámetros y el estado nuevos (no toca r).
func (r *run) call(k, done int, params, state []*tensors.Tensor) (losses []float64, newParams, newState []*tensors.Tensor, err error) {
	exec, err := r.exec(k)
	if err != nil {
		return nil, nil, nil, err
	}
	outs, err := exec.Call(params, state, r.xT, r.y, float32(done))
	if err != nil {
		return nil, nil, nil, err
	}
	np, ns := len(params), len(state)
	losses = make([]float64, k)
	tensors.MustConstFlatData(outs[np+ns], func(flat []float32) {
		for i, v := range flat {
			losses[i] = float64(v)
		}
	})
	outs[np+ns].FinalizeAll()
	return losses, outs[:np], outs[np : np+ns], nil
}

// diverged se llama cuando una llamada dio una pérdida o unos parámetros que
// no son números finitos. Repite los pasos de uno en uno desde el principio
// de la llamada anterior (los resultados son idénticos) hasta el primer paso
// que falla, y deja en el modelo los parámetros que dieron la última pérdida
// válida: la pérdida de cada paso se calcula con los parámetros de antes de
// su actualización, así que si el paso j da una pérdida no finita, se
// conservan los del paso j-1; si da una pérdida finita pero parámetros no
// finitos, los del propio paso j.
func (r *run) diverged() ([]float64, error) {
	params, state, j := r.params, r.state, len(r.losses)
	if r.prevParams != nil {
		params, state, j = r.prevParams, r.prevState, r.prevDone
	}
	losses := slices.Clone(r.losses[:j])
	var before []*tensors.Tensor // Los parámetros del paso j-1 (nil al empezar la repetición).
	for ; j < r.steps; j++ {
		one, newParams, newState, err := r.call(1, j, params, state)
		if err != nil {
			return losses, fmt.Errorf("train.LearningLoop: falló el paso %d: %w", j, err)
		}
		switch {
		case notFinite(one[0]):
			if before != nil {
				params = before
			}
			r.losses = losses
			r.params = params
			r.finish()
			return r.losses, r.lossDivergence(j)
		case !finite(newParams):
			r.losses = append(losses, one[0])
			r.params = params
			r.finish()
			return r.losses, r.paramDivergence(j)
		}
		losses = append(losses, one[0])
		before, params, state = params, newParams, newState
	}
	// Los pasos de uno en uno no divergieron (no debería pasar: los
	// resultados son idénticos): el entrenamiento terminó bien.
	r.losses, r.params, r.state = losses, params, state
	r.finish()
	return r.losses, nil
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

// lossDivergence explica que en el paso step la pérdida dejó de ser finita.
func (r *run) lossDivergence(step int) error {
	if step == 0 {
		// Antes de ninguna actualización: la tasa de aprendizaje no tiene la culpa.
		return fmt.Errorf("train.LearningLoop: ya la primera pérdida (paso 0, antes de ninguna actualización) no es un número finito " +
			"(NaN o infinito), así que la causa no es la tasa de aprendizaje sino los datos o el modelo: valores tan grandes que " +
			"el cálculo en float32 se desborda (hasta ±3,4e38). Usa datos de valores más pequeños (normalizados, por ejemplo " +
			"divididos por su máximo). El modelo se queda como estaba")
	}
	last := fmt.Sprintf("%.6g en el paso %d", r.losses[len(r.losses)-1], len(r.losses)-1)
	return fmt.Errorf("train.LearningLoop: en el paso %d la pérdida dejó de ser un número finito (NaN o infinito): el entrenamiento ha divergido. "+
		"Última pérdida válida: %s. Causa probable: la tasa de aprendizaje (%g) es demasiado grande para estos datos, "+
		"y cada actualización se pasa de largo y agranda los parámetros hasta desbordar. Prueba con una tasa 10 veces menor (%g) "+
		"o con datos de valores más pequeños (normalizados). Se devuelven las %d pérdidas anteriores y el modelo conserva "+
		"los últimos parámetros sanos", step, last, r.lr, r.lr/10, len(r.losses))
}

// paramDivergence explica que la actualización del paso step dio parámetros
// que no son finitos, aunque su pérdida sí lo era.
func (r *run) paramDivergence(step int) error {
	return fmt.Errorf("train.LearningLoop: en el paso %d la actualización dejó parámetros que no son números finitos (NaN o infinito): "+
		"el entrenamiento ha divergido. Última pérdida válida: %.6g en el paso %d. Causa probable: la tasa de aprendizaje (%g) es "+
		"demasiado grande, y la actualización agranda los parámetros hasta desbordar float32. Prueba con una tasa 10 veces menor (%g). "+
		"Se devuelven las %d pérdidas y el modelo conserva los parámetros del paso %d, los últimos sanos",
		step, r.losses[len(r.losses)-1], step, r.lr, r.lr/10, len(r.losses), step)
}

// finite indica si todos los valores de los tensores son números finitos.
func finite(ts []*tensors.Tensor) bool {
	ok := true
	for _, t := range ts {
		tensors.MustConstFlatData(t, func(flat []float32) {
			for _, v := range flat {
				if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
					ok = false
					return
				}
			}
		})
		if !ok {
			return false
		}
	}
	return true
}

// finalize libera los tensores de una lista de parámetros y una de estado.
func finalize(params, state []*tensors.Tensor) {
	for _, t := range params {
		t.FinalizeAll()
	}
	for _, t := range state {
		t.FinalizeAll()
	}
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
