// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"math"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/engine"
)

// Cada activación de la tabla, con las variantes que tienen parámetros.
func allActivations() []Layer {
	out := []Layer{LeakyReLUWith(0.3)}
	for k := range activations {
		switch k {
		case KindLeakyReLU:
			out = append(out, LeakyReLU())
		default:
			out = append(out, Layer{Kind: k})
		}
	}
	return out
}

// Puntos de prueba: a ambos lados del 0, en el 0 y lejos, donde algunas
// activaciones cambian de fórmula.
var probes = []float64{-25, -3, -0.5, 0, 0.7, 2, 25}

func TestDerivativeMatchesApply(t *testing.T) {
	for _, act := range allActivations() {
		for _, x := range probes {
			if x == 0 {
				continue // ReLU y LeakyReLU no son derivables en 0.
			}
			h := 1e-6
			num := (act.Apply(x+h) - act.Apply(x-h)) / (2 * h)
			if math.Abs(num-act.Derivative(x)) > 1e-6 {
				t.Errorf("%s'(%v) = %v, numérica %v", act, x, act.Derivative(x), num)
			}
		}
	}
	if got := LeakyReLU().Apply(-2); got != -0.02 {
		t.Errorf("LeakyReLU(-2) = %v, esperado -0.02 (pendiente de PyTorch)", got)
	}
	if ReLU().Derivative(0) != 0 || LeakyReLU().Derivative(0) != 0.01 {
		t.Errorf("en 0 la derivada debe ser la de la izquierda, como en PyTorch")
	}
}

// En un grafo, la activación que recibe el motor debe dar lo mismo que
// Apply, y su regla de la cadena lo mismo que Derivative y que graph.Gradient
// de la activación (lo que haría loss.backward() de PyTorch).
func TestGraphMatchesScalar(t *testing.T) {
	xs := make([]float32, len(probes))
	dOut := make([]float32, len(probes))
	for i, x := range probes {
		xs[i], dOut[i] = float32(x), float32(i+1)/4
	}
	for _, act := range allActivations() {
		t.Run(act.String(), func(t *testing.T) {
			e := act.engine()
			outs, err := engine.Run(func(in []*graph.Node) []*graph.Node {
				x, d := in[0], in[1]
				out := e.Activate(x)
				auto := graph.Gradient(graph.ReduceAllSum(graph.Mul(out, graph.StopGradient(d))), x)[0]
				return []*graph.Node{out, e.Backward(x, out, d), auto}
			}, xs, dOut)
			if err != nil {
				t.Fatal(err)
			}
			value, mine, auto := flat(outs[0]), flat(outs[1]), flat(outs[2])
			for i, x := range probes {
				if want := act.Apply(x); !close32(value[i], want) {
					t.Errorf("f(%v): grafo %v, Apply %v", x, value[i], want)
				}
				if want := float64(dOut[i]) * act.Derivative(x); !close32(mine[i], want) {
					t.Errorf("Backward en %v: %v, Derivative·dOut %v", x, mine[i], want)
				}
				if x != 0 && !close32(mine[i], float64(auto[i])) {
					t.Errorf("Backward en %v: %v, graph.Gradient %v", x, mine[i], auto[i])
				}
			}
		})
	}
}

func TestActivationNamesAndErrors(t *testing.T) {
	for _, act := range allActivations() {
		if !act.IsActivation() || act.check() != nil {
			t.Errorf("%s: IsActivation %v, check %v", act, act.IsActivation(), act.check())
		}
	}
	err := Layer{Kind: "Raro"}.check()
	for k := range activations {
		if err == nil || !contains(err.Error(), "nn."+string(k)) {
			t.Errorf("el error de un tipo desconocido debe listar nn.%s: %v", k, err)
		}
	}
}

func flat(t *tensors.Tensor) []float32 { return tensors.MustCopyFlatData[float32](t) }

func close32(got float32, want float64) bool {
	return math.Abs(float64(got)-want) <= 1e-6*math.Max(1, math.Abs(want))
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestSoftplus(t *testing.T) {
	sp := Softplus()
	if got := sp.Apply(0); math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("Softplus(0) = %v, esperado ln 2", got)
	}
	if sp.Derivative(0) != 0.5 || sp.Apply(30) != 30 || sp.Derivative(30) != 1 {
		t.Errorf("Softplus'(0) = %v, Softplus(30) = %v, Softplus'(30) = %v", sp.Derivative(0), sp.Apply(30), sp.Derivative(30))
	}
	if d := sp.Derivative(-30); d <= 0 {
		t.Errorf("Softplus'(-30) = %v; su gradiente nunca es exactamente 0", d)
	}
	if sp.String() != "Softplus()" {
		t.Errorf("String() = %q", sp.String())
	}
}

func TestFuncsMatchApplyAndDerivative(t *testing.T) {
	for _, act := range append(allActivations(), Linear(1, 1)) {
		f, d := act.Funcs()
		for _, x := range probes {
			if f(x) != act.Apply(x) || d(x) != act.Derivative(x) {
				t.Errorf("%s en %v: Funcs da %v, %v; Apply y Derivative %v, %v", act, x, f(x), d(x), act.Apply(x), act.Derivative(x))
			}
		}
	}
}
