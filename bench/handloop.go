package main

import (
	"math"

	"neuronas/pkg/nn"
)

// handLoop es la referencia escrita a mano: el mismo MLP, la misma pérdida MSE
// y el mismo SGD que train.LearningLoop, en Go puro con float32, sin GoMLX.
// Sirve para medir cuánto cuesta la maquinaria de GoMLX por paso y para
// comprobar que el bucle del paquete calcula lo mismo.
type handLoop struct {
	sizes []int
	act   nn.Layer
	w, b  [][]float32 // w[l] es [in][out] fila a fila, como en nn.Model.
	gw    [][]float32
	gb    [][]float32
	z, h  [][]float32 // Preactivaciones y activaciones por capa: [n][out].
	delta [][]float32
}

func newHandLoop(m *nn.Model, act nn.Layer, n int) *handLoop {
	hl := &handLoop{act: act}
	lin := m.Linears()
	hl.sizes = append(hl.sizes, lin[0].In)
	for i, l := range lin {
		hl.sizes = append(hl.sizes, l.Out)
		p := m.Parameters()
		w := make([]float32, l.In*l.Out)
		for o := 0; o < l.Out; o++ {
			for in := 0; in < l.In; in++ {
				w[in*l.Out+o] = p[2*i].Values[o*l.In+in]
			}
		}
		hl.w = append(hl.w, w)
		hl.b = append(hl.b, p[2*i+1].Values)
		hl.gw = append(hl.gw, make([]float32, len(w)))
		hl.gb = append(hl.gb, make([]float32, l.Out))
	}
	for _, s := range hl.sizes {
		hl.z = append(hl.z, make([]float32, n*s))
		hl.h = append(hl.h, make([]float32, n*s))
		hl.delta = append(hl.delta, make([]float32, n*s))
	}
	return hl
}

func (hl *handLoop) activate(z float32) float32 { return float32(hl.act.Apply(float64(z))) }

func (hl *handLoop) derivative(z float32) float32 {
	if hl.act.Kind == nn.KindTanh {
		t := float32(math.Tanh(float64(z)))
		return 1 - t*t
	}
	if z > 0 {
		return 1
	}
	if hl.act.Kind == nn.KindLeakyReLU {
		return float32(hl.act.Slope)
	}
	return 0
}

// step da un paso de SGD y devuelve la pérdida antes de actualizar.
func (hl *handLoop) step(x, y []float32, lr float32) float32 {
	n, L := len(x), len(hl.w)
	copy(hl.h[0], x)
	for l := 0; l < L; l++ {
		in, out := hl.sizes[l], hl.sizes[l+1]
		for i := 0; i < n; i++ {
			for o := 0; o < out; o++ {
				s := hl.b[l][o]
				for k := 0; k < in; k++ {
					s += hl.h[l][i*in+k] * hl.w[l][k*out+o]
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
		clear(hl.gw[l])
		clear(hl.gb[l])
		clear(hl.delta[l])
		for i := 0; i < n; i++ {
			for o := 0; o < out; o++ {
				d := hl.delta[l+1][i*out+o]
				hl.gb[l][o] += d
				for k := 0; k < in; k++ {
					hl.gw[l][k*out+o] += hl.h[l][i*in+k] * d
					hl.delta[l][i*in+k] += hl.w[l][k*out+o] * d
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
		for j := range hl.w[l] {
			hl.w[l][j] -= lr * hl.gw[l][j]
		}
		for j := range hl.b[l] {
			hl.b[l][j] -= lr * hl.gb[l][j]
		}
	}
	return loss
}
