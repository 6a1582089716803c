// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/internal/engine"
)

// Los parámetros de cada capa Linear(in, out) se guardan juntos en una
// matriz A = [W | b] de forma [out, in+1], la disposición del motor (ver
// internal/engine/layout.go); [Model.Parameters] solo los corta en los weight
// y bias con nombre de PyTorch.

// Parameter es un parámetro entrenable, en el orden y la forma de PyTorch:
// los pesos de Linear(in, out) tienen forma [out, in] y los sesgos [out].
type Parameter struct {
	Name   string    // Por ejemplo "0.weight" o "0.bias", como model.named_parameters().
	Layer  int       // Índice de la capa Linear dentro del modelo.
	Shape  []int     // [out, in] para los pesos, [out] para los sesgos.
	Values []float32 // Valores fila a fila en esa forma.
}

// Parameters devuelve una copia de los parámetros en el orden de
// model.parameters() de PyTorch: pesos y sesgos de cada capa Linear.
// Con un modelo vacío o nil devuelve nil.
func (m *Model) Parameters() []Parameter {
	if m == nil {
		return nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.named(m.params)
}

// named corta matrices A (parámetros o sus gradientes) en los weight y bias
// de PyTorch, con sus nombres.
func (m *Model) named(packed [][]float32) []Parameter {
	if len(packed) != len(m.Linears()) {
		return nil
	}
	var out []Parameter
	p := 0
	for i, l := range m.layers {
		if l.Kind != KindLinear {
			continue
		}
		w, b := engine.Unpack(packed[p], l.In, l.Out)
		out = append(out,
			Parameter{Name: fmt.Sprintf("%d.weight", i), Layer: i, Shape: []int{l.Out, l.In}, Values: w},
			Parameter{Name: fmt.Sprintf("%d.bias", i), Layer: i, Shape: []int{l.Out}, Values: b})
		p++
	}
	return out
}

// SetParameters fija los parámetros a partir de los valores en el orden y la
// forma de PyTorch (weight [out, in] fila a fila y bias [out] de cada capa
// Linear), como los da model.parameters(). Todos deben ser números finitos;
// si algo no encaja, devuelve un error y deja el modelo como estaba.
func (m *Model) SetParameters(values ...[]float32) error {
	if err := m.check("el modelo"); err != nil {
		return fmt.Errorf("nn.SetParameters: %w", err)
	}
	if m.busy.Load() {
		return fmt.Errorf("nn.SetParameters: %w", errBusy)
	}
	ls := m.Linears()
	if len(values) != 2*len(ls) {
		return fmt.Errorf("nn.SetParameters: llegaron %d listas de valores; el modelo tiene %d parámetros (weight y bias de cada capa Linear)",
			len(values), 2*len(ls))
	}
	packed := make([][]float32, len(ls))
	for i, l := range ls {
		w, b := values[2*i], values[2*i+1]
		if len(w) != l.In*l.Out || len(b) != l.Out {
			return fmt.Errorf("nn.SetParameters: la capa Linear %d espera %d pesos y %d sesgos; llegaron %d y %d",
				i, l.In*l.Out, l.Out, len(w), len(b))
		}
		for j, v := range append(w[:len(w):len(w)], b...) {
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				what, k := "weight", j
				if j >= len(w) {
					what, k = "bias", j-len(w)
				}
				return fmt.Errorf("nn.SetParameters: el %s de la capa Linear %d tiene %v en la posición %d; "+
					"todos los parámetros deben ser números finitos", what, i, v, k)
			}
		}
		packed[i] = engine.Pack(w, b, l.In, l.Out)
	}
	m.setParams(packed)
	return nil
}

// Forward construye, dentro de un grafo de GoMLX, la salida del modelo para la
// entrada x (forma [n, in]) con los parámetros params: una matriz [W | b] por
// capa Linear, como los que recibe el paso de un train.StepFunc. Es lo que
// hace model(x) en PyTorch: cada Linear calcula x·Wᵀ + b.
//
// Como las demás funciones que construyen un grafo de GoMLX, si los
// argumentos no encajan con el modelo (params de otro modelo, o de menos; x
// con otro número de columnas) se detiene con un pánico con un mensaje en
// español, que [train.Stepper.Step] devuelve como error.
func (m *Model) Forward(params []*graph.Node, x *graph.Node) *graph.Node {
	checkForward(m, params, x)
	return engine.Forward(m.engineLayers(), params, x)
}

// checkForward comprueba los argumentos de [Model.Forward] y, si no encajan,
// detiene la construcción del grafo con un engine.GraphError.
func checkForward(m *Model, params []*graph.Node, x *graph.Node) {
	const fn = "nn.Model.Forward"
	fail := func(format string, args ...any) {
		panic(&engine.GraphError{Msg: fn + ": " + fmt.Sprintf(format, args...)})
	}
	if err := m.check("el modelo"); err != nil {
		fail("%v", err)
	}
	lin := m.Linears()
	if len(params) != len(lin) {
		fail("params tiene %d matrices, pero el modelo tiene %d capas Linear; pasa los params que recibe la función del paso (una matriz [W | b] por capa Linear)", len(params), len(lin))
	}
	for i, p := range params {
		l := lin[i]
		if p == nil {
			fail("params[%d] es nil; pasa los params que recibe la función del paso", i)
		}
		if d := p.Shape().Dimensions; len(d) != 2 || d[0] != l.Out || d[1] != l.In+1 {
			fail("params[%d] tiene forma %v, pero la capa Linear %d (Linear(%d, %d)) necesita [%d %d] (W y b juntos); pasa los params de este modelo, en orden", i, p.Shape().Dimensions, i, l.In, l.Out, l.Out, l.In+1)
		}
	}
	if x == nil {
		fail("x es nil; pasa la entrada x que recibe la función del paso")
	}
	if d := x.Shape().Dimensions; len(d) != 2 || d[1] != lin[0].In {
		fail("x tiene forma %v, pero el modelo espera [n %d] (n puntos de %d valores)", x.Shape().Dimensions, lin[0].In, lin[0].In)
	}
}

// engineLayers son las capas del modelo tal como las ve el motor.
func (m *Model) engineLayers() []engine.Layer {
	if m == nil {
		return nil
	}
	out := make([]engine.Layer, len(m.layers))
	for i, l := range m.layers {
		out[i] = l.engine()
	}
	return out
}

// net comprueba el modelo (name es el nombre del argumento en el error) y
// devuelve su vista para el motor, con una copia de los parámetros.
func (m *Model) net(name string) (engine.Net, error) {
	if err := m.check(name); err != nil {
		return engine.Net{}, err
	}
	m.mu.RLock()
	params := make([][]float32, len(m.params))
	for i, p := range m.params {
		params[i] = append([]float32(nil), p...)
	}
	m.mu.RUnlock()
	return engine.Net{Layers: m.engineLayers(), Params: params}, nil
}

// Los paquetes train y gradients llegan a net, a los parámetros y a named
// por el puente del motor, sin que nn tenga que exportarlos.
func init() {
	engine.Register(engine.Bridge[*Model, Parameter]{
		Net:       (*Model).net,
		SetParams: (*Model).setParams,
		Named:     (*Model).named,
		Train:     (*Model).train,
	})
}
