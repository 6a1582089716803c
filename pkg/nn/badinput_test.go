// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"math"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/internal/engine"
	"neuronas/pkg/random"
)

// Un nn.Model{} vacío o un *nn.Model nil: ningún método entra en pánico; los
// que devuelven error dan uno en español.
func TestZeroAndNilModel(t *testing.T) {
	var nilModel *Model
	for name, m := range map[string]*Model{"vacío": {}, "nil": nilModel} {
		if m.InputSize() != 0 || m.OutputSize() != 0 || m.NumParameters() != 0 || m.Parameters() != nil ||
			m.Layers() != nil || m.Linears() != nil {
			t.Errorf("%s: tamaños o listas no vacías", name)
		}
		_ = m.String()
		for what, err := range map[string]error{
			"SetParameters": m.SetParameters([]float32{1}, []float32{1}),
			"Reset":         m.Reset(random.New(1)),
			"Save":          m.Save("x"),
			"Predict":       func() error { _, err := m.Predict([]float64{1}); return err }(),
			"PredictBatch":  func() error { _, err := m.PredictBatch([][]float64{{1}}); return err }(),
		} {
			if err == nil || !strings.Contains(err.Error(), "nn.Sequential") {
				t.Errorf("%s.%s: %v", name, what, err)
			}
		}
	}
}

func TestBadInputModel(t *testing.T) {
	m, err := Sequential(Linear(1, 2), Tanh(), Linear(2, 1))
	if err != nil {
		t.Fatal(err)
	}
	w0, b0, w1, b1 := []float32{1, 2}, []float32{0, 0}, []float32{1, 1}, []float32{0}
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	before := m.Parameters()
	huge := make([]Layer, 0, MaxLayers+1)
	for range MaxLayers/2 + 1 {
		huge = append(huge, Linear(1, 1), Tanh())
	}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"SetParameters NaN", m.SetParameters([]float32{1, nan}, b0, w1, b1), "nn.SetParameters: el weight de la capa Linear 0 tiene NaN en la posición 1"},
		{"SetParameters Inf", m.SetParameters(w0, b0, w1, []float32{inf}), "el bias de la capa Linear 1 tiene +Inf en la posición 0"},
		{"SetParameters de menos", m.SetParameters(w0, b0), "llegaron 2 listas"},
		{"Reset(nil)", m.Reset(nil), "nn.Model.Reset: el generador (rng) es nil"},
		{"Reset(Rand{})", m.Reset(&random.Rand{}), "no se creó con random.New"},
		{"Reset semilla negativa", m.Reset(random.New(-1)), "semilla"},
		{"LeakyReLU 1e300", errOf(Sequential(Linear(1, 1), LeakyReLUWith(1e300))), "pendiente 1e+300, que no cabe en float32"},
		{"demasiadas capas", errOf(Sequential(huge...)), "hay 1002 capas, más de las 1000"},
		{"Predict 1e39", errOf(m.Predict([]float64{1, 1e39})), "x[1] contiene 1e+39, que no cabe en float32"},
		{"Predict con demasiados valores intermedios", errOf(mustWide(t).Predict(make([]float64, 100_000))), "nn.PredictBatch: x tiene 100000 puntos y la red 4097 neuronas"},
		{"Predict desbordado", errOf(mustModel(t, 1e30).Predict([]float64{1e30})), "nn.PredictBatch: la salida del modelo para la fila 0 de x es +Inf"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: %v, se esperaba %q", tt.name, tt.err, tt.want)
		}
	}
	after := m.Parameters()
	for i := range after {
		for j := range after[i].Values {
			if after[i].Values[j] != before[i].Values[j] {
				t.Fatalf("una llamada fallida cambió %s", after[i].Name)
			}
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

// mustModel es una neurona lineal y = w·x.
func mustModel(t *testing.T, w float32) *Model {
	t.Helper()
	m, err := Sequential(Linear(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.SetParameters([]float32{w}, []float32{0}); err != nil {
		t.Fatal(err)
	}
	return m
}

// Un tipo de capa desconocido usado directamente da NaN, no la identidad.
func TestUnknownKind(t *testing.T) {
	for _, l := range []Layer{{Kind: "Swish"}, {}} {
		value, derivative := l.Funcs()
		if !math.IsNaN(l.Apply(1)) || !math.IsNaN(l.Derivative(1)) || !math.IsNaN(value(2)) || !math.IsNaN(derivative(2)) {
			t.Errorf("%q: no da NaN", l.Kind)
		}
		if _, err := Sequential(Linear(1, 1), l); err == nil || !strings.Contains(err.Error(), "tipo desconocido") {
			t.Errorf("%q en Sequential: %v", l.Kind, err)
		}
	}
	if l := Linear(1, 1); l.Apply(3) != 3 || l.Derivative(3) != 1 {
		t.Error("Linear debe ser la identidad")
	}
}

// mustWide es una red 1 → 4096 → 1.
func mustWide(t *testing.T) *Model {
	t.Helper()
	m, err := Sequential(Linear(1, MaxLinearSize), Tanh(), Linear(MaxLinearSize, 1))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Model.Forward con argumentos que no encajan se detiene con un
// engine.GraphError en español (el que train.Stepper.Step devuelve como
// error), no con un índice fuera de rango de Go.
func TestForwardBadInput(t *testing.T) {
	m, err := Sequential(Linear(1, 2), Tanh(), Linear(2, 1))
	if err != nil {
		t.Fatal(err)
	}
	forward := func(m *Model, params []*graph.Node) (msg string) {
		defer func() {
			r := recover()
			ge, ok := r.(*engine.GraphError)
			if !ok {
				t.Errorf("pánico %T %v; quería un *engine.GraphError", r, r)
				return
			}
			msg = ge.Msg
		}()
		m.Forward(params, nil)
		return "sin pánico"
	}
	for _, tt := range []struct {
		name   string
		m      *Model
		params []*graph.Node
		want   string
	}{
		{"params nil", m, nil, "params tiene 0 matrices, pero el modelo tiene 2 capas Linear"},
		{"params de menos", m, make([]*graph.Node, 1), "params tiene 1 matrices"},
		{"params con nil", m, make([]*graph.Node, 2), "params[0] es nil"},
		{"modelo vacío", &Model{}, nil, "el modelo no tiene capas"},
		{"modelo nil", nil, nil, "el modelo es nil"},
	} {
		if got := forward(tt.m, tt.params); !strings.HasPrefix(got, "nn.Model.Forward: ") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q; quería %q", tt.name, got, tt.want)
		}
	}
}
