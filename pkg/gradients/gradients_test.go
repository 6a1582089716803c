// SPDX-License-Identifier: Apache-2.0

package gradients

import (
	"errors"
	"github.com/gomlx/gomlx/core/graph"
	"math"
	"strings"
	"testing"

	"neuronas/pkg/nn"
	"neuronas/pkg/train"
)

func lossAt(t *testing.T, m *nn.Model, x, y []float64) float64 {
	t.Helper()
	ys, err := m.Predict(x)
	if err != nil {
		t.Fatal(err)
	}
	l := 0.0
	for i := range ys {
		l += (ys[i] - y[i]) * (ys[i] - y[i])
	}
	return l / float64(len(ys))
}

func TestMatchesFiniteDifferences(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
	x, y := []float64{-1, 0.5, 2}, []float64{1, 0, 3}
	g, err := Of(m, x, y, train.MSELoss)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(g.Loss-lossAt(t, m, x, y)) > 1e-5 {
		t.Errorf("pérdida %v, esperada %v", g.Loss, lossAt(t, m, x, y))
	}
	// Mueve el sesgo de salida (último parámetro) y compara con la derivada numérica.
	h := float32(1e-2)
	shifted := func(d float32) float64 {
		var values [][]float32
		for _, p := range m.Parameters() {
			values = append(values, p.Values)
		}
		values[3][0] += d
		mm, _ := nn.Sequential(m.Layers()...)
		if err := mm.SetParameters(values...); err != nil {
			t.Fatal(err)
		}
		return lossAt(t, mm, x, y)
	}
	num := (shifted(h) - shifted(-h)) / (2 * float64(h))
	got := float64(g.Params[3].Values[0])
	if math.Abs(num-got) > 1e-3*math.Max(1, math.Abs(num)) {
		t.Errorf("gradiente del sesgo %v, numérico %v", got, num)
	}
	if g.Params[0].Name != "0.weight" || len(g.Params[2].Shape) != 2 || g.Params[2].Shape[0] != 1 || g.Params[2].Shape[1] != 3 {
		t.Errorf("nombres/formas: %+v", g.Params)
	}
}

func TestDeadReLUHasZeroGradients(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1))
	// Pesos y sesgos negativos: con x > 0 ninguna neurona oculta se activa.
	err := m.SetParameters([]float32{-1, -2}, []float32{-0.5, -0.1}, []float32{0.3, 0.4}, []float32{0.2})
	if err != nil {
		t.Fatal(err)
	}
	g, err := Of(m, []float64{1, 2, 3}, []float64{1, 4, 9}, train.MSELoss)
	if err != nil {
		t.Fatal(err)
	}
	zeros, total := g.Zeros()
	if total != 7 || zeros != 6 { // Solo el sesgo de salida tiene gradiente.
		t.Errorf("%d de %d a cero\n%s", zeros, total, g)
	}
	r := g.Report()
	for _, want := range []string{"0.weight  [2×1]    2 de  2 a cero", "2.bias    [1]      0 de  1 a cero", "6 de 7 gradientes son exactamente 0"} {
		if !strings.Contains(r, want) {
			t.Errorf("falta %q en\n%s", want, r)
		}
	}
}

// En z = 0, donde ReLU no es derivable, el gradiente es el de la izquierda (0),
// como en PyTorch y en el entrenamiento: con w = b = 0 la neurona ReLU no deja
// pasar gradiente a su capa.
func TestReLUDerivativeAtZero(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1), nn.ReLU(), nn.Linear(1, 1))
	if err := m.SetParameters([]float32{0}, []float32{0}, []float32{0.5}, []float32{0.1}); err != nil {
		t.Fatal(err)
	}
	g, err := Of(m, []float64{1, 2, 3}, []float64{1, 4, 9}, train.MSELoss)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range g.Params[:3] { // 0.weight, 0.bias, 2.weight: 0 con z = 0.
		for _, v := range p.Values {
			if v != 0 {
				t.Errorf("%s: gradiente %v con z = 0; PyTorch da 0\n%s", p.Name, p.Values, g)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1))
	if _, err := Of(nil, []float64{1}, []float64{1}, train.MSELoss); err == nil || !strings.Contains(err.Error(), "model es nil") {
		t.Errorf("nil: %v", err)
	}
	if _, err := Of(m, []float64{1}, []float64{1, 2}, train.MSELoss); err == nil || !strings.Contains(err.Error(), "deben tener los mismos") {
		t.Errorf("longitudes: %v", err)
	}
	if _, err := Of(m, []float64{1}, []float64{1}, nil); err == nil || !strings.Contains(err.Error(), "lossFn") {
		t.Errorf("pérdida: %v", err)
	}
	for _, tt := range []struct {
		name  string
		x, y  []float64
		want  string
		model *nn.Model
	}{
		{"x 1e39", []float64{1e39}, []float64{1}, "xTrue[0] contiene 1e+39, que no cabe en float32", m},
		{"pérdida infinita", []float64{1e30}, []float64{-1e30}, "gradients.Of: la pérdida es +Inf", m},
		{"modelo vacío", []float64{1}, []float64{1}, "nn.Model{} vacío", &nn.Model{}},
	} {
		if _, err := Of(tt.model, tt.x, tt.y, train.MSELoss); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, se esperaba %q", tt.name, err, tt.want)
		}
	}
	nilLoss := func(pred, target *graph.Node) (*graph.Node, *graph.Node) { return nil, nil }
	if _, err := Of(m, []float64{1}, []float64{1}, nilLoss); err == nil || err.Error() != "gradients.Of: lossFn devolvió una pérdida nil; devuelve la pérdida, un escalar (como train.MSELoss)" {
		t.Errorf("pérdida nil: %v", err)
	}
	// Una pérdida que entra en pánico con un error (suyo o de una operación
	// de GoMLX): mensaje en español, sin el envoltorio en inglés de GoMLX.
	panicLoss := func(pred, target *graph.Node) (*graph.Node, *graph.Node) { panic(errors.New("mi fallo")) }
	if _, err := Of(m, []float64{1}, []float64{1}, panicLoss); err == nil || err.Error() != "gradients.Of: el código que construye el grafo falló (mi fallo); revisa la función de pérdida o del paso" {
		t.Errorf("pérdida que entra en pánico con un error: %v", err)
	}
	shapeLoss := func(pred, target *graph.Node) (*graph.Node, *graph.Node) {
		return graph.ReduceAllSum(graph.Reshape(pred, 7)), nil // pred tiene 1 valor: no cabe en 7.
	}
	if _, err := Of(m, []float64{1}, []float64{1}, shapeLoss); err == nil || !strings.HasPrefix(err.Error(), "gradients.Of: el código que construye el grafo falló (") ||
		strings.Contains(err.Error(), "failed during graph construction") {
		t.Errorf("pérdida con formas que no encajan: %v", err)
	}
	// Unos Gradients vacíos o nil no entran en pánico al mostrarlos.
	var nilGrads *Gradients
	for _, g := range []*Gradients{nilGrads, {}, {Params: []nn.Parameter{{Name: "x", Values: []float32{1, 0}}}}} {
		if z, total := g.Zeros(); z > total {
			t.Errorf("Zeros: %d de %d", z, total)
		}
		if r := g.Report(); r == "" || g.String() != r {
			t.Errorf("Report: %q", r)
		}
	}
}
