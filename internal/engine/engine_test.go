// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

func TestBackendEnv(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "xla:cuda")
	if _, err := newBackend(); err == nil || !strings.Contains(err.Error(), "GOMLX_BACKEND=go") {
		t.Errorf("xla: %v", err)
	}
	t.Setenv("GOMLX_BACKEND", "go:ops_sequential")
	if b, err := newBackend(); err != nil || b == nil {
		t.Errorf("go: %v", err)
	}
}

// Pack pone el sesgo al final de cada fila de pesos, y Unpack lo deshace.
func TestPackUnpack(t *testing.T) {
	w, b := []float32{1, 2, 3, 4, 5, 6}, []float32{-1, -2, -3}
	a := Pack(w, b, 2, 3)
	if want := []float32{1, 2, -1, 3, 4, -2, 5, 6, -3}; fmt.Sprint(a) != fmt.Sprint(want) {
		t.Errorf("Pack = %v, se esperaba %v", a, want)
	}
	if len(a) != PackedSize(2, 3) {
		t.Errorf("PackedSize(2, 3) = %d, Pack dio %d valores", PackedSize(2, 3), len(a))
	}
	w2, b2 := Unpack(a, 2, 3)
	if fmt.Sprint(w2, b2) != fmt.Sprint(w, b) {
		t.Errorf("Unpack = %v %v, se esperaba %v %v", w2, b2, w, b)
	}
}

// Tensors y FromTensors son inversas y FromTensors rechaza lo que no encaja.
func TestNetTensors(t *testing.T) {
	n := Net{Layers: []Layer{{In: 2, Out: 3}, {Activate: graph.Tanh}, {In: 3, Out: 1}},
		Params: [][]float32{Pack([]float32{1, 2, 3, 4, 5, 6}, []float32{7, 8, 9}, 2, 3), {10, 11, 12, 13}}}
	ts := n.Tensors()
	if d := ts[0].Shape().Dimensions; d[0] != 3 || d[1] != 3 {
		t.Errorf("forma de A0: %v, se esperaba [3 3]", d)
	}
	back, err := n.FromTensors(ts)
	if err != nil || fmt.Sprint(back) != fmt.Sprint(n.Params) {
		t.Errorf("FromTensors(Tensors()) = %v, %v; se esperaba %v", back, err, n.Params)
	}
	if _, err := n.FromTensors(ts[:1]); err == nil || !strings.Contains(err.Error(), "llegaron 1") {
		t.Errorf("un tensor de menos: %v", err)
	}
	if n.InputSize() != 2 || n.OutputSize() != 1 {
		t.Errorf("InputSize, OutputSize = %d, %d", n.InputSize(), n.OutputSize())
	}
}

// Call aplana las listas de tensores en entradas sueltas, en orden.
func TestCallFlattensTensorLists(t *testing.T) {
	one := func(v float32) *tensors.Tensor { return tensors.FromValue(v) }
	outs, err := Run(func(in []*graph.Node) []*graph.Node {
		// (a - b)·c - d: distingue el orden de las cuatro entradas.
		return []*graph.Node{graph.Sub(graph.Mul(graph.Sub(in[0], in[1]), in[2]), in[3])}
	}, one(5), []*tensors.Tensor{one(2), one(3)}, float32(1))
	if err != nil {
		t.Fatal(err)
	}
	if got := tensors.ToScalar[float32](outs[0]); got != 8 {
		t.Errorf("(5 - 2)·3 - 1 = %v, se esperaba 8", got)
	}
}

func TestDataChecks(t *testing.T) {
	n := Net{Layers: []Layer{{In: 1, Out: 2}}}
	if _, _, err := n.Data([]float64{1, 2}, []float64{1}); err == nil || !strings.Contains(err.Error(), "los mismos") {
		t.Errorf("tamaños distintos: %v", err)
	}
	if _, _, err := n.Data([]float64{1}, [][]float64{{1}}); err == nil || !strings.Contains(err.Error(), "espera 2") {
		t.Errorf("una salida de menos: %v", err)
	}
	x, y, err := n.Data([]float64{1, 2}, [][]float64{{1, 2}, {3, 4}})
	if err != nil || x.Shape().Dimensions[1] != 1 || y.Shape().Dimensions[1] != 2 {
		t.Errorf("Data: %v", err)
	}
	if tt := Transposed(y); fmt.Sprint(tensors.MustCopyFlatData[float32](tt)) != "[1 3 2 4]" {
		t.Errorf("Transposed = %v", tt)
	}
}
