// SPDX-License-Identifier: Apache-2.0

package main

import (
	"neuronas/internal/engine"
	"neuronas/pkg/nn"
)

// handLoop es la referencia escrita a mano: el mismo MLP, la misma pérdida MSE
// y el mismo SGD que train.LearningLoop, en Go puro con float32, sin GoMLX.
// Sirve para medir cuánto cuesta la maquinaria de GoMLX por paso y para
// comprobar que el bucle del paquete calcula lo mismo. Los parámetros tienen
// la disposición del motor (una matriz [W | b] de [out, in+1] por capa, ver
// internal/engine/layout.go) y las activaciones, su valor y su derivada,
// salen de nn.
type handLoop struct {
	sizes      []int
	act, deriv func(float64) float64 // La activación de nn y su derivada.
	a, g       [][]float32           // a[l] es [W | b] de la capa l, fila a fila; g[l], su gradiente.
	z, h       [][]float32           // Preactivaciones y activaciones por capa: [n][out].
	delta      [][]float32
}

func newHandLoop(m *nn.Model, act nn.Layer, n int) *handLoop {
	hl := &handLoop{}
	hl.act, hl.deriv = act.Funcs()
	lin, ps := m.Linears(), m.Parameters()
	hl.sizes = append(hl.sizes, lin[0].In)
	for i, l := range lin {
		hl.sizes = append(hl.sizes, l.Out)
		a := engine.Pack(ps[2*i].Values, ps[2*i+1].Values, l.In, l.Out)
		hl.a = append(hl.a, a)
		hl.g = append(hl.g, make([]float32, len(a)))
	}
	for _, s := range hl.sizes {
		hl.z = append(hl.z, make([]float32, n*s))
		hl.h = append(hl.h, make([]float32, n*s))
		hl.delta = append(hl.delta, make([]float32, n*s))
	}
	return hl
}

func (hl *handLoop) activate(z float32) float32   { return float32(hl.act(float64(z))) }
func (hl *handLoop) derivative(z float32) float32 { return float32(hl.deriv(float64(z))) }

// step da un paso de SGD y devuelve la pérdida antes de actualizar.
func (hl *handLoop) step(x, y []float32, lr float32) float32 {
	n, L := len(x), len(hl.a)
	copy(hl.h[0], x)
	for l := 0; l < L; l++ {
		in, out := hl.sizes[l], hl.sizes[l+1]
		for i := 0; i < n; i++ {
			for o := 0; o < out; o++ {
				row := hl.a[l][o*(in+1) : (o+1)*(in+1)]
				s := row[in]
				for k := 0; k < in; k++ {
					s += hl.h[l][i*in+k] * row[k]
				}
				hl.z[l+1][i*out+o] = s
				if l < L-1 {
					s = hl.activate(s)
				}
				hl.h[l+1][i*out+o] = s
			}
		}
	}
	var loss float32
	for i := 0; i < n; i++ {
		e := hl.h[L][i] - y[i]
		loss += e * e
		hl.delta[L][i] = 2 * e / float32(n)
	}
	loss /= float32(n)
	for l := L - 1; l >= 0; l-- {
		in, out := hl.sizes[l], hl.sizes[l+1]
		clear(hl.g[l])
		clear(hl.delta[l])
		for i := 0; i < n; i++ {
			for o := 0; o < out; o++ {
				d := hl.delta[l+1][i*out+o]
				row, grow := hl.a[l][o*(in+1):(o+1)*(in+1)], hl.g[l][o*(in+1):(o+1)*(in+1)]
				grow[in] += d
				for k := 0; k < in; k++ {
					grow[k] += hl.h[l][i*in+k] * d
					hl.delta[l][i*in+k] += row[k] * d
				}
			}
		}
		if l > 0 {
			for j := range hl.delta[l] {
				hl.delta[l][j] *= hl.derivative(hl.z[l][j])
			}
		}
	}
	for l := 0; l < L; l++ {
		for j := range hl.a[l] {
			hl.a[l][j] -= lr * hl.g[l][j]
		}
	}
	return loss
}
