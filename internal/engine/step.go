// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/gomlx/core/graph"
)

// Este archivo construye el grafo de los pasos de entrenamiento: forward,
// pérdida, retropropagación (backward) y actualización, los mismos cuatro
// pasos del bucle de PyTorch del curso.
//
// El grafo calcula lo mismo que [Forward] y graph.Gradient (salvo el
// orden de algunas sumas, que cambia el redondeo de float32; las pruebas lo
// comprueban), pero con una disposición de los datos pensada para que el
// backend de Go, que paga un coste fijo por cada operación, haga pocas y
// baratas:
//
//   - Cada capa Linear(in, out) se entrena como una sola matriz A = [W | b] de
//     forma [out, in+1]: los pesos con la orientación de PyTorch (una fila por
//     neurona) y el sesgo como última columna.
//   - Las activaciones viajan traspuestas, una columna por punto: [neuronas, n].
//     Con una fila de unos debajo, A·[h; 1] = W·h + b es un solo producto de
//     matrices, sin suma de sesgos aparte.
//   - La retropropagación está escrita a mano con la regla de la cadena:
//     dA = δ·[h; 1]ᵀ da a la vez el gradiente de los pesos y el del sesgo, y
//     δ_anterior = Wᵀ·δ. Ninguno de los productos necesita trasponer
//     activaciones (solo la pequeña W), y no hay sumas por columnas.

// LayerTrace guarda lo que la retropropagación necesita de cada capa.
type LayerTrace struct {
	// in es la entrada de la capa: [in, n], o [in+1, n] con la fila de unos
	// si la capa es Linear.
	in *graph.Node
	// out es la salida de la capa: A·in si es Linear, la activación de in si no.
	out *graph.Node
}

// StepGraph construye el grafo de los pasos de entrenamiento de un modelo:
// sabe qué capas tiene, con qué pérdida se mide y con qué regla se actualiza.
// No guarda tensores; eso es cosa del bucle de train.
type StepGraph struct {
	Layers []Layer
	// Loss es la pérdida (train.Loss): compara pred y target, los dos
	// [n, salidas], y devuelve la pérdida y, si la conoce, su derivada
	// respecto a pred (si es nil, se obtiene con graph.Gradient).
	Loss func(pred, target *graph.Node) (loss, dPred *graph.Node)
	// Slots es cuántos tensores de estado guarda el optimizador por parámetro.
	Slots int
	// Update es la regla del optimizador (train.Rule.Step): el parámetro
	// actualizado y su nuevo estado; step es el número de paso (1, 2, …).
	Update func(step, param, grad *graph.Node, state []*graph.Node) (*graph.Node, []*graph.Node)
}

// Inputs cuenta las entradas del grafo antes de los datos: las matrices A de
// cada capa Linear y su estado del optimizador.
func (g StepGraph) Inputs() (params, state int) {
	params = len(Net{Layers: g.Layers}.Linears())
	return params, params * g.Slots
}

// Steps construye k pasos de entrenamiento encadenados. Entradas: las
// matrices A de cada capa Linear, el estado del optimizador, x traspuesta
// ([entradas, n]), y ([n, salidas]) y el número de pasos ya dados. Salidas:
// las matrices y el estado nuevos y las k pérdidas.
func (g StepGraph) Steps(k int, in []*graph.Node) []*graph.Node {
	np, ns := g.Inputs()
	params, state := in[:np], in[np:np+ns]
	xT, y, done := in[np+ns], in[np+ns+1], in[np+ns+2]
	losses := make([]*graph.Node, k)
	for i := range k {
		pred, trace := g.Forward(params, xT)
		loss, dPred := g.LossAndGradient(pred, y)
		grads := g.Backward(params, trace, dPred)
		step := graph.AddScalar(done, float64(i+1))
		params, state = g.update(step, params, grads, state)
		losses[i] = loss
	}
	out := append(append([]*graph.Node{}, params...), state...)
	return append(out, graph.ConvertDType(graph.Stack(losses, 0), dtypes.Float32))
}

// Forward aplica las capas del modelo a xT ([entradas, n]) y devuelve la
// predicción ([salidas, n]) y lo que cada capa recibió y produjo.
func (g StepGraph) Forward(params []*graph.Node, xT *graph.Node) (*graph.Node, []LayerTrace) {
	trace := make([]LayerTrace, len(g.Layers))
	h, p := xT, 0
	for i, l := range g.Layers {
		if l.IsLinear() {
			h = withOnesRow(h)
			trace[i].in = h
			h = graph.DotGeneral(params[p], []int{1}, nil, h, []int{0}, nil) // A·[h; 1] = W·h + b
			p++
		} else {
			trace[i].in = h
			h = l.Activate(h)
		}
		trace[i].out = h
	}
	return h, trace
}

// withOnesRow añade a h ([filas, n]) una fila de unos debajo.
func withOnesRow(h *graph.Node) *graph.Node {
	n := h.Shape().Dimensions[1]
	ones := make([][]float32, 1)
	ones[0] = make([]float32, n)
	for i := range ones[0] {
		ones[0][i] = 1
	}
	return graph.Concatenate([]*graph.Node{h, graph.Const(h.Graph(), ones)}, 0)
}

// LossAndGradient calcula la pérdida y su derivada respecto a la predicción,
// pred con forma [salidas, n]. La función de pérdida recibe la predicción en
// la forma del curso, [n, salidas], y la derivada vuelve a [salidas, n].
func (g StepGraph) LossAndGradient(pred, y *graph.Node) (loss, dPred *graph.Node) {
	predRows := transposeMatrix(pred)
	loss, grad := g.Loss(predRows, y)
	CheckLoss(loss, grad, predRows)
	if grad == nil {
		grad = graph.Gradient(loss, predRows)[0]
	}
	return loss, transposeMatrix(grad)
}

// transposeMatrix traspone una matriz; si una de sus dimensiones es 1 basta
// con cambiarle la forma, que no mueve datos.
func transposeMatrix(m *graph.Node) *graph.Node {
	dims := m.Shape().Dimensions
	if dims[0] == 1 || dims[1] == 1 {
		return graph.Reshape(m, dims[1], dims[0])
	}
	return graph.Transpose(m, 0, 1)
}

// Backward es la retropropagación: recorre las capas de la última a la
// primera llevando δ, la derivada de la pérdida respecto a la salida de cada
// capa, y devuelve el gradiente de la pérdida respecto a cada matriz A.
func (g StepGraph) Backward(params []*graph.Node, trace []LayerTrace, dPred *graph.Node) []*graph.Node {
	first := 0 // Índice de la primera capa Linear: antes de ella no hay nada que aprender.
	for !g.Layers[first].IsLinear() {
		first++
	}
	grads := make([]*graph.Node, len(params))
	delta, p := dPred, len(params)
	for i := len(g.Layers) - 1; i >= first; i-- {
		l, t := g.Layers[i], trace[i]
		if !l.IsLinear() {
			delta = l.Backward(t.in, t.out, delta) // δ·f'(entrada)
			continue
		}
		p--
		// out = A·in, así que dA = δ·inᵀ ([out, in+1]): pesos y sesgo a la vez.
		grads[p] = graph.DotGeneral(delta, []int{1}, nil, t.in, []int{1}, nil)
		if i > first {
			// δ de la entrada: Wᵀ·δ, con W las primeras in columnas de A.
			wT := graph.Slice(graph.Transpose(params[p], 0, 1), graph.AxisRange(0, l.In))
			delta = graph.DotGeneral(wT, []int{1}, nil, delta, []int{0}, nil)
		}
	}
	return grads
}

// update aplica la regla del optimizador a cada matriz con su gradiente.
func (g StepGraph) update(step *graph.Node, params, grads, state []*graph.Node) ([]*graph.Node, []*graph.Node) {
	newParams := make([]*graph.Node, len(params))
	newState := make([]*graph.Node, 0, len(state))
	s := g.Slots
	for i := range params {
		var st []*graph.Node
		newParams[i], st = g.Update(step, params[i], grads[i], state[i*s:(i+1)*s])
		newState = append(newState, st...)
	}
	return newParams, newState
}
