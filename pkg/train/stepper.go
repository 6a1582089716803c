package train

import (
	"errors"
	"fmt"

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
type Stepper struct {
	model  *nn.Model
	net    engine.Net
	exec   *engine.Exec
	params []*tensors.Tensor
	x, y   *tensors.Tensor
}

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
		return append(params, loss)
	})
	if err != nil {
		return nil, fmt.Errorf("train.NewStepper: %w", err)
	}
	return &Stepper{model: model, net: net, exec: exec, params: net.Tensors(), x: x, y: y}, nil
}

// Step da un paso: ejecuta el grafo, se queda con los parámetros nuevos y
// devuelve la pérdida.
func (s *Stepper) Step() (float64, error) {
	if s.exec == nil {
		return 0, errors.New("train.Stepper: ya se llamó a Finish; crea otro con train.NewStepper")
	}
	outs, err := s.exec.Call(s.params, s.x, s.y)
	if err != nil {
		return 0, fmt.Errorf("train.Stepper: %w", err)
	}
	n := len(s.params)
	if len(outs) != n+1 {
		return 0, fmt.Errorf("train.Stepper: el paso devolvió %d parámetros; debe devolver los %d del modelo", len(outs)-1, n)
	}
	for _, p := range s.params {
		p.FinalizeAll()
	}
	s.params = outs[:n]
	return float64(tensors.ToScalar[float32](outs[n])), nil
}

// Parameters devuelve los parámetros del paso actual, con los nombres y
// formas de PyTorch (para imprimirlos mientras se depura).
func (s *Stepper) Parameters() []nn.Parameter {
	packed, err := s.net.FromTensors(s.params)
	if err != nil {
		return nil
	}
	return models.Named(s.model, packed)
}

// Finish copia en el modelo los parámetros entrenados y libera el grafo.
func (s *Stepper) Finish() error {
	if s.exec == nil {
		return nil
	}
	s.exec.Finalize()
	s.exec = nil
	return setParams(s.model, s.net, s.params)
}

// Update aplica la regla a todos los parámetros con sus gradientes, como
// opt.step() en PyTorch. Solo sirve para reglas sin estado, como la de SGD;
// con Adam, usa LearningLoop.
func (r Rule) Update(params, grads []*graph.Node) []*graph.Node {
	if r.Slots > 0 {
		panic(errors.New("train.Rule.Update: este optimizador guarda estado (como Adam) y Update no lo lleva; usa train.LearningLoop"))
	}
	out := make([]*graph.Node, len(params))
	for i := range params {
		out[i], _ = r.Step(nil, params[i], grads[i], nil)
	}
	return out
}
