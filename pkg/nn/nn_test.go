// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"neuronas/pkg/random"
)

func TestSequentialBadInput(t *testing.T) {
	cases := []struct {
		name   string
		layers []Layer
		want   string
	}{
		{"sin capas", nil, "no hay capas"},
		{"entradas cero", []Layer{Linear(0, 5)}, "Linear(0, 5)"},
		{"salidas negativas", []Layer{Linear(1, -2)}, "deben estar entre 1 y"},
		{"no encadenan", []Layer{Linear(1, 5), Tanh(), Linear(4, 1)}, "cámbiala a Linear(5, 1)"},
		{"sin Linear", []Layer{Tanh()}, "ninguna capa Linear"},
		{"pendiente NaN", []Layer{Linear(1, 1), LeakyReLUWith(math.NaN())}, "pendiente NaN"},
		{"tipo raro", []Layer{Linear(1, 1), {Kind: "Raro"}}, "tipo desconocido"},
		{"capa enorme", []Layer{Linear(1, 1<<20)}, "entre 1 y 4096"},
		{"demasiados parámetros", []Layer{Linear(1, 4096), Tanh(), Linear(4096, 4096), Tanh(), Linear(4096, 1)}, "más de los"},
	}
	for _, c := range cases {
		m, err := Sequential(c.layers...)
		if err == nil || !strings.Contains(err.Error(), c.want) || m != nil {
			t.Errorf("%s: error %v, se esperaba que dijera %q", c.name, err, c.want)
		}
	}
}

func TestPyTorchInit(t *testing.T) {
	random.SetSeed(5)
	defer random.SetSeed(random.DefaultSeed)
	m, err := Sequential(Linear(4, 50), ReLU(), Linear(50, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Parameters() {
		bound := 1 / math.Sqrt(float64(map[int]int{0: 4, 2: 50}[p.Layer]))
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range p.Values {
			lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
		}
		if lo < -bound || hi > bound || (len(p.Values) > 1 && hi-lo < bound) {
			t.Errorf("%s: valores en [%v, %v], se esperaba que llenaran ±%v", p.Name, lo, hi, bound)
		}
	}
	random.SetSeed(5)
	again, _ := Sequential(Linear(4, 50), ReLU(), Linear(50, 1))
	if a, b := m.Parameters()[0].Values[7], again.Parameters()[0].Values[7]; a != b {
		t.Errorf("misma semilla, pesos distintos: %v != %v", a, b)
	}
}

// setParams fija los parámetros de un modelo en el orden y la forma de PyTorch.
func setParams(t *testing.T, m *Model, values ...[]float32) {
	t.Helper()
	if err := m.SetParameters(values...); err != nil {
		t.Fatal(err)
	}
}

func TestPredictMatchesHandComputation(t *testing.T) {
	for _, act := range []Layer{Tanh(), ReLU(), LeakyReLU(), Sigmoid()} {
		m, _ := Sequential(Linear(1, 2), act, Linear(2, 1))
		setParams(t, m, []float32{0.5, -1}, []float32{0.1, 0.2}, []float32{2, 3}, []float32{-0.5})
		xs := []float64{-2, 0, 1.5}
		ys, err := m.Predict(xs)
		if err != nil {
			t.Fatal(err)
		}
		for i, x := range xs {
			want := 2*act.Apply(0.5*x+0.1) + 3*act.Apply(-x+0.2) - 0.5
			if math.Abs(ys[i]-want) > 1e-5 {
				t.Errorf("%s: model(%v) = %v, esperado %v", act, x, ys[i], want)
			}
		}
	}
}

func TestPredictBadInput(t *testing.T) {
	m, _ := Sequential(Linear(1, 1))
	if _, err := m.Predict(nil); err == nil || !strings.Contains(err.Error(), "vacío") {
		t.Errorf("vacío: %v", err)
	}
	if _, err := m.Predict([]float64{1, math.Inf(1)}); err == nil || !strings.Contains(err.Error(), "+Inf") {
		t.Errorf("Inf: %v", err)
	}
	m2, _ := Sequential(Linear(2, 1))
	if _, err := m2.Predict([]float64{1}); err == nil || !strings.Contains(err.Error(), "PredictBatch") {
		t.Errorf("2 entradas: %v", err)
	}
	if _, err := m2.PredictBatch([][]float64{{1, 2}, {3}}); err == nil || !strings.Contains(err.Error(), "la fila 1") {
		t.Errorf("fila corta: %v", err)
	}
}

func TestStringSummary(t *testing.T) {
	m, _ := Sequential(Linear(1, 5), Tanh(), Linear(5, 1))
	s := m.String()
	for _, want := range []string{"(0): Linear(in_features=1, out_features=5)", "10 parámetros", "(1): Tanh()", "Parámetros entrenables: 16"} {
		if !strings.Contains(s, want) {
			t.Errorf("falta %q en\n%s", want, s)
		}
	}
	if m.NumParameters() != 16 {
		t.Errorf("NumParameters = %d", m.NumParameters())
	}
}

func TestSaveLoad(t *testing.T) {
	t.Setenv("NEURONAS_MODELOS", t.TempDir())
	m, _ := Sequential(Linear(1, 3), LeakyReLU(), Linear(3, 1))
	if err := m.Save("prueba"); err != nil {
		t.Fatal(err)
	}
	back, err := Load("prueba")
	if err != nil {
		t.Fatal(err)
	}
	if back.String() != m.String() {
		t.Errorf("capas distintas:\n%s\n%s", back, m)
	}
	a, b := m.Parameters(), back.Parameters()
	for i := range a {
		for j := range a[i].Values {
			if a[i].Values[j] != b[i].Values[j] {
				t.Fatalf("%s[%d]: %v != %v", a[i].Name, j, a[i].Values[j], b[i].Values[j])
			}
		}
	}
	if _, err := Load("otro"); err == nil || !strings.Contains(err.Error(), "ejecuta primero la celda") {
		t.Errorf("modelo inexistente: %v", err)
	}
	if err := m.Save("../fuera"); err == nil || !strings.Contains(err.Error(), "no es válido") {
		t.Errorf("nombre con barra: %v", err)
	}
}

// Un nn.Model{} vacío (sin pasar por Sequential) da un error claro, no un pánico.
func TestZeroModel(t *testing.T) {
	var m Model
	if _, err := m.Predict([]float64{1}); err == nil || !strings.Contains(err.Error(), "nn.Model{} vacío") {
		t.Errorf("Predict: %v", err)
	}
	if err := m.Save("x"); err == nil || !strings.Contains(err.Error(), "nn.Sequential") {
		t.Errorf("Save: %v", err)
	}
	if _, err := m.net("model"); err == nil || !strings.Contains(err.Error(), "model no tiene capas") {
		t.Errorf("el puente del motor aceptó un modelo vacío: %v", err)
	}
}

// Fuera de GoNB los modelos se guardan en la carpeta temporal, nunca en la de trabajo.
func TestModelsDirOutsideNotebook(t *testing.T) {
	t.Setenv("NEURONAS_MODELOS", "")
	t.Setenv("GONB_TMP_DIR", "")
	if d := ModelsDir(); !strings.HasPrefix(d, os.TempDir()) {
		t.Errorf("ModelsDir() = %q, se esperaba dentro de %q", d, os.TempDir())
	}
}

// La disposición [W | b]: SetParameters y Parameters son inversas, y el motor
// recibe una matriz [out, in+1] por capa con el sesgo al final de cada fila.
func TestParameterLayout(t *testing.T) {
	m, _ := Sequential(Linear(2, 3), Tanh(), Linear(3, 1))
	w0 := []float32{1, 2, 3, 4, 5, 6}
	setParams(t, m, w0, []float32{-1, -2, -3}, []float32{7, 8, 9}, []float32{-4})
	net, err := m.net("m")
	if err != nil {
		t.Fatal(err)
	}
	a := flat(net.Tensors()[0])
	if want := []float32{1, 2, -1, 3, 4, -2, 5, 6, -3}; fmt.Sprint(a) != fmt.Sprint(want) {
		t.Errorf("A = %v, se esperaba %v", a, want)
	}
	if s := net.Tensors()[0].Shape().Dimensions; s[0] != 3 || s[1] != 3 {
		t.Errorf("forma %v, se esperaba [3 3]", s)
	}
	p := m.Parameters()
	if fmt.Sprint(p[0].Values) != fmt.Sprint(w0) || p[3].Values[0] != -4 || p[2].Shape[1] != 3 {
		t.Errorf("Parameters() = %+v", p)
	}
	if err := m.SetParameters(w0); err == nil || !strings.Contains(err.Error(), "llegaron 1") {
		t.Errorf("SetParameters con pocos valores: %v", err)
	}
}

// Usar nn no cambia nada del programa: ni el recolector de basura (eso es
// cosa del paquete memory, que importan los cuadernos) ni otra cosa que la
// salida del modelo.
func TestNoProcessWideEffects(t *testing.T) {
	if gogc, ok := os.LookupEnv("GOGC"); ok {
		t.Skipf("GOGC=%s fijado en el entorno", gogc)
	}
	m, _ := Sequential(Linear(1, 2), Tanh(), Linear(2, 1))
	if _, err := m.Predict([]float64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC tras crear el backend y predecir: %d; nn no debe tocarlo", got)
	}
}
