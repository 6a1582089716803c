// SPDX-License-Identifier: Apache-2.0

package engine

import "github.com/gomlx/gomlx/core/graph"

// Layer es una capa tal como la ve el motor: una capa Linear(In, Out) si
// Activate es nil, o una función de activación.
type Layer struct {
	In, Out int // Solo Linear: entradas y salidas.
	// Activate aplica la activación dentro de un grafo.
	Activate func(x *graph.Node) *graph.Node
	// Backward es su regla de la cadena: con in la entrada de la capa,
	// out = f(in) su salida y dOut la derivada de la pérdida respecto a out,
	// devuelve dOut·f'(in).
	Backward func(in, out, dOut *graph.Node) *graph.Node
}

// IsLinear indica si la capa es Linear.
func (l Layer) IsLinear() bool { return l.Activate == nil }

// Net es un modelo tal como lo ve el motor: sus capas y una matriz
// A = [W | b] por capa Linear (ver layout.go).
type Net struct {
	Layers []Layer
	Params [][]float32
}

// Linears devuelve solo las capas Linear, en orden.
func (n Net) Linears() []Layer {
	var out []Layer
	for _, l := range n.Layers {
		if l.IsLinear() {
			out = append(out, l)
		}
	}
	return out
}

// InputSize y OutputSize son las entradas de la primera capa Linear y las
// salidas de la última.
func (n Net) InputSize() int  { return n.Linears()[0].In }
func (n Net) OutputSize() int { ls := n.Linears(); return ls[len(ls)-1].Out }
