// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
)

// Este archivo es la única casa de la disposición de los parámetros. Cada
// capa Linear(in, out) guarda sus pesos y sesgos juntos en una matriz
//
//	A = [W | b], de forma [out, in+1]
//
// fila a fila: la fila o son los in pesos de la neurona o (la orientación de
// PyTorch, weight[o][i]) seguidos de su sesgo bias[o]. Es la forma que usan
// todos los grafos (el forward, el entrenamiento, los gradientes), así que los
// parámetros no se reordenan nunca; solo [Pack] y [Unpack] los pasan a los
// weight y bias de PyTorch y de vuelta.

// Pack junta los pesos w ([out, in] fila a fila) y los sesgos b ([out]) de
// una capa Linear(in, out) en su matriz A = [W | b].
func Pack(w, b []float32, in, out int) []float32 {
	a := make([]float32, (in+1)*out)
	for o := range out {
		copy(a[o*(in+1):], w[o*in:(o+1)*in])
		a[o*(in+1)+in] = b[o]
	}
	return a
}

// Unpack separa la matriz A = [W | b] de una capa Linear(in, out) en sus
// pesos ([out, in] fila a fila) y sus sesgos ([out]).
func Unpack(a []float32, in, out int) (w, b []float32) {
	w, b = make([]float32, 0, in*out), make([]float32, out)
	for o := range out {
		row := a[o*(in+1) : (o+1)*(in+1)]
		w = append(w, row[:in]...)
		b[o] = row[in]
	}
	return w, b
}

// PackedSize es cuántos valores tiene la matriz A de una capa Linear(in, out).
func PackedSize(in, out int) int { return (in + 1) * out }

// Tensors devuelve una copia de los parámetros de la red como tensores, una
// matriz A de forma [out, in+1] por capa Linear.
func (n Net) Tensors() []*tensors.Tensor {
	var out []*tensors.Tensor
	for i, l := range n.Linears() {
		out = append(out, tensors.FromFlatDataAndDimensions(append([]float32(nil), n.Params[i]...), l.Out, l.In+1))
	}
	return out
}

// FromTensors lee tensores con la forma de [Net.Tensors] (por ejemplo, los
// parámetros entrenados o sus gradientes), comprobando que encajan con las
// capas de la red.
func (n Net) FromTensors(ts []*tensors.Tensor) ([][]float32, error) {
	ls := n.Linears()
	if len(ts) != len(ls) {
		return nil, fmt.Errorf("engine: se esperaban %d tensores de parámetros (una matriz [W | b] por capa Linear), llegaron %d", len(ls), len(ts))
	}
	packed := make([][]float32, len(ts))
	for i, t := range ts {
		if want := PackedSize(ls[i].In, ls[i].Out); t.Size() != want {
			return nil, fmt.Errorf("engine: el tensor de parámetros %d tiene %d valores, se esperaban %d", i, t.Size(), want)
		}
		v, err := tensors.CopyFlatData[float32](t)
		if err != nil {
			return nil, fmt.Errorf("engine: el tensor de parámetros %d no es float32: %w", i, err)
		}
		packed[i] = v
	}
	return packed, nil
}
