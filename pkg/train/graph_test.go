// SPDX-License-Identifier: Apache-2.0

package train

import (
	"fmt"
	"math"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/engine"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// gradsBothWays calcula los gradientes de la pérdida respecto a los
// parámetros de m de dos formas: con la retropropagación escrita a mano de
// LearningLoop y con graph.Gradient sobre model.Forward, el camino de
// PyTorch (diferenciación automática). Los dos salen como matrices [W | b],
// una por capa Linear.
func gradsBothWays(t *testing.T, m *nn.Model, x, y [][]float64, lossFn Loss) (mine, auto [][]float32) {
	t.Helper()
	r, err := newRun(x, y, m, 1, lossFn, 0.1, SGD)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	_, xRows, _, err := models.Prepare(m, x, y)
	if err != nil {
		t.Fatal(err)
	}
	np := len(r.params)
	outs, err := engine.Run(func(in []*graph.Node) []*graph.Node {
		as, xT, xR, yR := in[:np], in[np], in[np+1], in[np+2]
		pred, trace := r.graph.Forward(as, xT)
		_, dPred := r.graph.LossAndGradient(pred, yR)
		out := r.graph.Backward(as, trace, dPred)
		loss, _ := lossFn(m.Forward(as, xR), yR)
		return append(out, graph.Gradient(loss, as...)...)
	}, r.params, r.xT, xRows, r.y)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range outs[:np] {
		mine = append(mine, tensors.MustCopyFlatData[float32](g))
	}
	for _, g := range outs[np:] {
		auto = append(auto, tensors.MustCopyFlatData[float32](g))
	}
	return mine, auto
}

func TestBackwardMatchesAutodiff(t *testing.T) {
	quartic := func(pred, target *graph.Node) (*graph.Node, *graph.Node) { // Sin derivada: graph.Gradient.
		return graph.ReduceAllMean(graph.Square(graph.Square(graph.Sub(pred, target)))), nil
	}
	mseAuto := func(pred, target *graph.Node) (*graph.Node, *graph.Node) {
		loss, _ := MSELoss(pred, target)
		return loss, nil
	}
	losses := []struct {
		name string
		fn   Loss
	}{{"MSELoss", MSELoss}, {"MSELoss sin derivada", mseAuto}, {"media de (pred - target)⁴ sin derivada", quartic}}
	models := []struct {
		name    string
		layers  []nn.Layer
		in, out int
	}{
		{"1-5-5-1 Tanh/Sigmoid", []nn.Layer{nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 5), nn.Sigmoid(), nn.Linear(5, 1)}, 1, 1},
		{"1-5-3-1 ReLU/LeakyReLU", []nn.Layer{nn.Linear(1, 5), nn.ReLU(), nn.Linear(5, 3), nn.LeakyReLU(), nn.Linear(3, 1)}, 1, 1},
		{"2-3-2 Tanh", []nn.Layer{nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2)}, 2, 2},
		{"activaciones al principio y al final", []nn.Layer{nn.Tanh(), nn.Linear(2, 3), nn.LeakyReLUWith(0.2), nn.Linear(3, 1), nn.Sigmoid()}, 2, 1},
		{"una sola capa", []nn.Layer{nn.Linear(3, 1)}, 3, 1},
	}
	g := random.New(7)
	for _, mc := range models {
		for _, lossFn := range losses {
			t.Run(fmt.Sprintf("%s, %s", mc.name, lossFn.name), func(t *testing.T) {
				random.SetSeed(5)
				m, err := nn.Sequential(mc.layers...)
				if err != nil {
					t.Fatal(err)
				}
				x, y := make([][]float64, 9), make([][]float64, 9)
				for i := range x {
					for range mc.in {
						x[i] = append(x[i], uniform1(t, g, -2, 2))
					}
					for range mc.out {
						y[i] = append(y[i], uniform1(t, g, -1, 1))
					}
				}
				x[0][0] = 0 // Un punto donde ReLU y LeakyReLU tienen el codo, si cae ahí.
				mine, auto := gradsBothWays(t, m, x, y, lossFn.fn)
				for p := range auto {
					for i := range auto[p] {
						a, b := float64(mine[p][i]), float64(auto[p][i])
						if math.Abs(a-b) > 1e-5*math.Max(1, math.Abs(b)) {
							t.Fatalf("parámetro %d, elemento %d: retropropagación %v, graph.Gradient %v", p, i, a, b)
						}
					}
				}
			})
		}
	}
}
