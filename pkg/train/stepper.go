// SPDX-License-Identifier: Apache-2.0

package train

import (
	"errors"
	"fmt"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/engine"
	"neuronas/pkg/nn"
)

// StepFunc es un paso de entrenamiento escrito como grafo de GoMLX: recibe
// los parámetros del modelo (una matriz [W | b] por capa Linear, la forma que
// espera nn.Model.Forward) y los datos x e y, y devuelve la pérdida y los
// parámetros actualizados.
type StepFunc func(params []*graph.Node, x, y *graph.Node) (loss *graph.Node, newParams []*graph.Node)

// Stepper ejecuta un [StepFunc] paso a paso: lo compila una vez y guarda los
// parámetros de un paso al siguiente, para que un bucle de entrenamiento
// escrito a mano se lea como el de PyTorch. [LearningLoop] hace lo mismo,
// más deprisa.
//
// Mientras un Stepper está abierto (de NewStepper a Finish) el modelo cuenta
// como «entrenándose»: otro entrenamiento del mismo modelo devuelve un error
// (ver nn.Model). Si un paso da una pérdida o unos parámetros que no son
// números finitos, Step devuelve un error y el Stepper conserva los
// parámetros de antes de ese paso.
type Stepper struct {
	model   *nn.Model
	net     engine.Net
	exec    *engine.Exec
	params  []*tensors.Tensor
	x, y    *tensors.Tensor
	step    int    // Pasos dados.
	release func() // Deja el modelo libre para otro entrenamiento.
}

// stepError es un error del StepFunc del estudiante, detectado al construir
// el grafo; GoMLX lo envuelve en sus mensajes en inglés, y Step lo saca.
type stepError struct{ msg string }

func (e *stepError) Error() string { return e.msg }

// NewStepper prepara el paso fn para entrenar model con los datos (xTrue, yTrue).
func NewStepper[T nn.Batch](model *nn.Model, xTrue, yTrue T, fn StepFunc) (*Stepper, error) {
	if fn == nil {
		return nil, fmt.Errorf("train.NewStepper: fn es nil; pasa la función que construye un paso de entrenamiento")
	}
	net, x, y, err := models.Prepare(model, xTrue, yTrue)
	if err != nil {
		return nil, fmt.Errorf("train.NewStepper: %w", err)
	}
	exec, err := engine.Compile(func(in []*graph.Node) []*graph.Node {
		n := len(in) - 2
		loss, params := fn(in[:n], in[n], in[n+1])
		checkStep(in[:n], loss, params)
		return append(params, loss)
	})
	if err != nil {
		return nil, fmt.Errorf("train.NewStepper: %w", err)
	}
	release, err := models.Train(model)
	if err != nil {
		exec.Finalize()
		return nil, fmt.Errorf("train.NewStepper: %w", err)
	}
	return &Stepper{model: model, net: net, exec: exec, params: net.Tensors(), x: x, y: y, release: release}, nil
}

// checkStep comprueba lo que devuelve un StepFunc (al construir el grafo) y,
// si algo no encaja, entra en pánico con un stepError: GoMLX lo convierte en
// el error de la llamada, y Step lo muestra en español.
func checkStep(params []*graph.Node, loss *graph.Node, newParams []*graph.Node) {
	fail := func(format string, args ...any) { panic(&stepError{fmt.Sprintf(format, args...)}) }
	switch {
	case loss == nil:
		fail("el paso devolvió una pérdida nil; devuelve la pérdida que calcula lossFn, por ejemplo loss, _ := lossFn(yPred, yTrue)")
	case !loss.Shape().IsScalar():
		fail("el paso devolvió una pérdida con forma %v; debe ser un escalar (la media, como la de train.MSELoss)", loss.Shape())
	case loss.DType() != dtypes.Float32:
		fail("el paso devolvió una pérdida de tipo %s; debe ser float32, como los parámetros", loss.DType())
	case len(newParams) != len(params):
		fail("el paso devolvió %d parámetros; debe devolver los %d del modelo, actualizados", len(newParams), len(params))
	}
	for i, p := range newParams {
		switch {
		case p == nil:
			fail("el parámetro %d que devolvió el paso es nil; devuelve los parámetros actualizados, por ejemplo opt.Update(params, grads)", i)
		case !p.Shape().Equal(params[i].Shape()):
			fail("el parámetro %d que devolvió el paso tiene forma %v, pero el del modelo tiene forma %v", i, p.Shape(), params[i].Shape())
		}
	}
}

// stepErr convierte el error de una llamada al grafo en uno en español.
func stepErr(fn string, err error) error {
	if se, ok := errors.AsType[*stepError](err); ok {
		return fmt.Errorf("%s: %s", fn, se.msg)
	}
	return fmt.Errorf("%s: falló el paso de entrenamiento (revisa la función del paso): %w", fn, err)
}

// Step da un paso: ejecuta el grafo, se queda con los parámetros nuevos y
// devuelve la pérdida. Si la pérdida o los parámetros nuevos no son números
// finitos, devuelve un error y conserva los parámetros de antes del paso.
func (s *Stepper) Step() (float64, error) {
	const fn = "train.Stepper.Step"
	switch {
	case s == nil || s.model == nil:
		return 0, fmt.Errorf("%s: el Stepper no se creó con train.NewStepper; créalo con train.NewStepper(model, xTrue, yTrue, paso)", fn)
	case s.exec == nil:
		return 0, fmt.Errorf("%s: ya se llamó a Finish; crea otro con train.NewStepper", fn)
	}
	outs, err := s.exec.Call(s.params, s.x, s.y)
	if err != nil {
		return 0, stepErr(fn, err)
	}
	n := len(s.params)
	if len(outs) != n+1 {
		return 0, fmt.Errorf("%s: el paso devolvió %d parámetros; debe devolver los %d del modelo", fn, len(outs)-1, n)
	}
	loss := float64(tensors.ToScalar[float32](outs[n]))
	if notFinite(loss) || !finite(outs[:n]) {
		finalize(outs, nil)
		what := "la pérdida dejó de ser un número finito (NaN o infinito)"
		if !notFinite(loss) {
			what = "la actualización dejó parámetros que no son números finitos (NaN o infinito)"
		}
		return loss, fmt.Errorf("%s: en el paso %d %s: el entrenamiento ha divergido. Causa probable: la tasa de aprendizaje "+
			"es demasiado grande (prueba con una 10 veces menor) o los datos tienen valores muy grandes. El Stepper conserva "+
			"los parámetros de antes de este paso", fn, s.step, what)
	}
	for _, p := range s.params {
		p.FinalizeAll()
	}
	s.params = outs[:n]
	s.step++
	return loss, nil
}

// Parameters devuelve los parámetros del paso actual, con los nombres y
// formas de PyTorch (para imprimirlos mientras se depura); nil si el Stepper
// no se creó con NewStepper.
func (s *Stepper) Parameters() []nn.Parameter {
	if s == nil || s.model == nil {
		return nil
	}
	packed, err := s.net.FromTensors(s.params)
	if err != nil {
		return nil
	}
	return models.Named(s.model, packed)
}

// Finish copia en el modelo los parámetros entrenados, libera el grafo y deja
// el modelo libre para otros entrenamientos. Llamarlo otra vez no hace nada.
func (s *Stepper) Finish() error {
	if s == nil || s.exec == nil {
		return nil
	}
	s.exec.Finalize()
	s.exec = nil
	defer s.release()
	return setParams(s.model, s.net, s.params)
}

// Update aplica la regla a todos los parámetros con sus gradientes, como
// opt.step() en PyTorch, dentro del grafo de un [StepFunc]. Solo sirve para
// reglas sin estado, como la de SGD; con Adam, usa LearningLoop.
//
// Como todo lo que construye un grafo de GoMLX, si algo no encaja (Adam, o
// distinto número de parámetros que de gradientes) no devuelve un error sino
// que detiene la construcción del grafo; [Stepper.Step] lo convierte en un
// error en español y la celda no se cae.
func (r Rule) Update(params, grads []*graph.Node) []*graph.Node {
	fail := func(format string, args ...any) {
		panic(&stepError{"train.Rule.Update: " + fmt.Sprintf(format, args...)})
	}
	switch {
	case r.lrErr != "":
		fail("la regla se creó con %s", r.lrErr)
	case r.Slots > 0:
		fail("este optimizador guarda estado (como Adam) y Update no lo lleva; usa train.LearningLoop (o train.SGD en el bucle escrito a mano)")
	case r.Step == nil:
		fail("la regla no tiene Step; créala con train.SGD(learningRate)")
	case len(params) != len(grads):
		fail("llegaron %d parámetros y %d gradientes; pasa un gradiente por parámetro (graph.Gradient(loss, params...))", len(params), len(grads))
	}
	out := make([]*graph.Node, len(params))
	for i := range params {
		if params[i] == nil || grads[i] == nil {
			fail("el parámetro o el gradiente %d es nil", i)
		}
		out[i], _ = r.Step(nil, params[i], grads[i], nil)
	}
	return out
}
