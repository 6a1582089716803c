package train

import (
	"fmt"
	"math"
	"runtime/debug"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// gradsBothWays calcula los gradientes de la pérdida respecto a los
// parámetros de m de dos formas: con la retropropagación escrita a mano de
// LearningLoop y con graph.Gradient sobre model.Forward, el camino de
// PyTorch (diferenciación automática). Los devuelve con la forma de
// nn.Model.ParamTensors.
func gradsBothWays(t *testing.T, m *nn.Model, x, y [][]float64, lossFn Loss) (mine, auto [][]float32) {
	t.Helper()
	r, err := newRun(x, y, m, 1, lossFn, 0.1, SGD)
	if err != nil {
		t.Fatal(err)
	}
	xRows, _, err := Tensors(m, x, y)
	if err != nil {
		t.Fatal(err)
	}
	backend, err := nn.Backend()
	if err != nil {
		t.Fatal(err)
	}
	np := len(r.params)
	exec, err := graph.NewExec(backend, func(in []*graph.Node) []*graph.Node {
		as, xT, xR, yR, ps := in[:np], in[np], in[np+1], in[np+2], in[np+3:]
		pred, trace := r.forward(as, xT)
		_, dPred := r.lossAndGradient(pred, yR)
		out := r.backward(as, trace, dPred)
		return append(out, graph.Gradient(lossFn.Fn(m.Forward(ps, xR), yR), ps...)...)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer exec.Finalize()
	args := []any{}
	for _, a := range r.params {
		args = append(args, a)
	}
	args = append(args, r.xT, xRows, r.y)
	for _, p := range m.ParamTensors() {
		args = append(args, p)
	}
	outs, err := exec.Call(args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range unpackParams(m, outs[:np]) {
		mine = append(mine, tensors.MustCopyFlatData[float32](g))
	}
	for _, g := range outs[np:] {
		auto = append(auto, tensors.MustCopyFlatData[float32](g))
	}
	return mine, auto
}

func TestBackwardMatchesAutodiff(t *testing.T) {
	quartic := Loss{Name: "media de (pred - target)⁴, sin Grad", Fn: func(pred, target *graph.Node) *graph.Node {
		return graph.ReduceAllMean(graph.Square(graph.Square(graph.Sub(pred, target))))
	}}
	mseAuto := Loss{Name: "MSELoss sin Grad", Fn: MSELoss.Fn}
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
		for _, lossFn := range []Loss{MSELoss, mseAuto, quartic} {
			t.Run(fmt.Sprintf("%s, %s", mc.name, lossFn.Name), func(t *testing.T) {
				random.SetSeed(5)
				m, err := nn.Sequential(mc.layers...)
				if err != nil {
					t.Fatal(err)
				}
				x, y := make([][]float64, 9), make([][]float64, 9)
				for i := range x {
					for range mc.in {
						x[i] = append(x[i], float64(g.Uniform(1, -2, 2)[0]))
					}
					for range mc.out {
						y[i] = append(y[i], float64(g.Uniform(1, -1, 1)[0]))
					}
				}
				x[0][0] = 0 // Un punto donde ReLU y LeakyReLU tienen el codo, si cae ahí.
				mine, auto := gradsBothWays(t, m, x, y, lossFn)
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

// Una activación que el entrenamiento no conoce se deriva con graph.Gradient.
func TestActivationGradFallback(t *testing.T) {
	backend, err := nn.Backend()
	if err != nil {
		t.Fatal(err)
	}
	unknown := nn.Layer{Kind: nn.Kind(99)} // Activate la deja como identidad: derivada 1.
	exec, err := graph.NewExec(backend, func(z, dOut *graph.Node) *graph.Node {
		return activationGrad(unknown, z, unknown.Activate(z), dOut)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer exec.Finalize()
	out, err := exec.Call([]float32{1, -2, 3}, []float32{0.5, 0.25, -1})
	if err != nil {
		t.Fatal(err)
	}
	got := tensors.MustCopyFlatData[float32](out[0])
	if got[0] != 0.5 || got[1] != 0.25 || got[2] != -1 {
		t.Errorf("derivada %v, se esperaba dOut sin cambios", got)
	}
}

func TestPackUnpackParams(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
	want := m.ParamTensors()
	packed := packParams(m)
	if s := packed[0].Shape().Dimensions; s[0] != 3 || s[1] != 3 {
		t.Fatalf("A de la primera capa con forma %v, se esperaba [3 3] (3 neuronas, 2 pesos + sesgo)", s)
	}
	p := m.Parameters()
	a := tensors.MustCopyFlatData[float32](packed[0])
	if a[1] != p[0].Values[1] || a[2] != p[1].Values[0] || a[3] != p[0].Values[2] {
		t.Errorf("A = %v no es [W | b] con W = %v y b = %v", a, p[0].Values, p[1].Values)
	}
	for i, got := range unpackParams(m, packed) {
		g, w := tensors.MustCopyFlatData[float32](got), tensors.MustCopyFlatData[float32](want[i])
		if !got.Shape().Equal(want[i].Shape()) || fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("tensor %d: %v %v, se esperaba %v %v", i, got.Shape(), g, want[i].Shape(), w)
		}
	}
}

func TestRelaxGCRestores(t *testing.T) {
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	restore1 := relaxGC()
	restore2 := relaxGC() // Dos entrenamientos a la vez.
	if got := debug.SetGCPercent(trainingGCPercent); got != trainingGCPercent {
		t.Errorf("GOGC durante el entrenamiento %d, se esperaba %d", got, trainingGCPercent)
	}
	restore1()
	restore2()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GOGC tras el entrenamiento %d, se esperaba 150", got)
	}
	debug.SetGCPercent(-1) // Recolector apagado: no se toca.
	restore := relaxGC()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("con el recolector apagado, LearningLoop lo cambió a %d", got)
	}
	restore()
}
