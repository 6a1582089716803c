// SPDX-License-Identifier: Apache-2.0

package engine

import "github.com/gomlx/gomlx/core/graph"

// Forward construye, dentro de un grafo de GoMLX, la salida de las capas para
// la entrada x (forma [n, in]) con los parámetros params (una matriz
// A = [W | b] por capa Linear). Es lo que hace model(x) en PyTorch: cada
// Linear calcula x·Wᵀ + b.
func Forward(layers []Layer, params []*graph.Node, x *graph.Node) *graph.Node {
	h, p := x, 0
	for _, l := range layers {
		if !l.IsLinear() {
			h = l.Activate(h)
			continue
		}
		w := graph.Slice(params[p], graph.AxisRange(), graph.AxisRange(0, l.In))
		b := graph.Reshape(graph.Slice(params[p], graph.AxisRange(), graph.AxisElem(l.In)), 1, l.Out)
		h = graph.Add(graph.DotGeneral(h, []int{1}, nil, w, []int{1}, nil), b)
		p++
	}
	return h
}
