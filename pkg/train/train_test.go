// SPDX-License-Identifier: Apache-2.0

package train

import (
	"github.com/gomlx/gomlx/core/graph"

	"math"
	"strings"
	"testing"

	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

func course(t *testing.T) ([]float64, []float64) {
	t.Helper()
	g := random.New(1)
	x := make([]float64, 50)
	y := make([]float64, 50)
	for i := range x {
		x[i] = uniform1(t, g, 0, 10)
		y[i] = x[i]*x[i] + normal1(t, g, 0.5)
	}
	return x, y
}

func TestOneSGDStepByHand(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1))
	p := m.Parameters()
	w, b := float64(p[0].Values[0]), float64(p[1].Values[0])
	x, y := []float64{1, 2, 3}, []float64{2, 1, 5}
	var dw, db, loss float64
	for i := range x {
		e := w*x[i] + b - y[i]
		loss += e * e / 3
		dw += 2 * e * x[i] / 3
		db += 2 * e / 3
	}
	losses, err := LearningLoop(x, y, m, 1, MSELoss, 0.1, SGD)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(losses[0]-loss) > 1e-5 {
		t.Errorf("pérdida %v, esperada %v", losses[0], loss)
	}
	p = m.Parameters()
	if math.Abs(float64(p[0].Values[0])-(w-0.1*dw)) > 1e-6 || math.Abs(float64(p[1].Values[0])-(b-0.1*db)) > 1e-6 {
		t.Errorf("tras un paso w=%v b=%v, esperados %v %v", p[0].Values[0], p[1].Values[0], w-0.1*dw, b-0.1*db)
	}
}

func TestLossDecreasesAndChunkingIsExact(t *testing.T) {
	x, y := course(t)
	run := func(k int) ([]float64, []nn.Parameter) {
		random.SetSeed(3)
		m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
		r, err := newRun(x, y, m, 2003, MSELoss, 1e-3, SGD)
		if err != nil {
			t.Fatal(err)
		}
		defer r.close()
		r.stepsPerCall = k
		losses, err := r.loop()
		if err != nil {
			t.Fatal(err)
		}
		return losses, m.Parameters()
	}
	a, pa := run(1)
	b, pb := run(7)
	c, _ := run(7)
	for i := range b {
		if b[i] != c[i] {
			t.Fatalf("paso %d: %v y %v en dos ejecuciones iguales; el entrenamiento debe ser reproducible", i, b[i], c[i])
		}
	}
	if len(a) != 2003 || a[len(a)-1] > a[0]/4 {
		t.Errorf("%d pérdidas, de %v a %v: no aprende", len(a), a[0], a[len(a)-1])
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("paso %d: %v con 1 paso por llamada y %v con 7", i, a[i], b[i])
		}
	}
	if pa[0].Values[3] != pb[0].Values[3] {
		t.Errorf("parámetros distintos según los pasos por llamada")
	}
}

func TestAdam(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 1))
	before := m.Parameters()
	losses, err := LearningLoop(x, y, m, 1, MSELoss, 0.01, Adam)
	if err != nil {
		t.Fatal(err)
	}
	// El primer paso de Adam mueve cada parámetro ≈ lr en sentido contrario al gradiente.
	after := m.Parameters()
	for i := range after {
		if d := math.Abs(float64(after[i].Values[0] - before[i].Values[0])); math.Abs(d-0.01) > 1e-4 {
			t.Errorf("%s se movió %v, se esperaba 0.01", after[i].Name, d)
		}
	}
	losses, _ = LearningLoop(x, y, m, 3000, MSELoss, 0.05, Adam)
	if losses[len(losses)-1] > losses[0]/2 {
		t.Errorf("Adam no aprende: %v → %v", losses[0], losses[len(losses)-1])
	}
}

func TestDivergenceStops(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
	losses, err := LearningLoop(x, y, m, 5000, MSELoss, 1, SGD)
	if err == nil || !strings.Contains(err.Error(), "divergido") || !strings.Contains(err.Error(), "0.1") {
		t.Fatalf("error %v", err)
	}
	if len(losses) == 0 || len(losses) >= 5000 {
		t.Fatalf("%d pérdidas devueltas", len(losses))
	}
	for i, l := range losses {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			t.Fatalf("pérdida %d no finita: %v", i, l)
		}
	}
	for _, p := range m.Parameters() {
		for _, v := range p.Values {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("%s quedó con %v", p.Name, v)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1))
	m2, _ := nn.Sequential(nn.Linear(2, 1))
	x, y := []float64{1, 2}, []float64{1, 2}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"steps 0", err(LearningLoop(x, y, m, 0, MSELoss, 1e-3, SGD)), "steps = 0"},
		{"steps enorme", err(LearningLoop(x, y, m, 1<<40, MSELoss, 1e-3, SGD)), "entre 1 y 10000000"},
		{"modelo vacío", err(LearningLoop(x, y, &nn.Model{}, 10, MSELoss, 1e-3, SGD)), "nn.Model{} vacío"},
		{"lr 0", err(LearningLoop(x, y, m, 10, MSELoss, 0, SGD)), "learningRate = 0"},
		{"lr negativa", err(LearningLoop(x, y, m, 10, MSELoss, -1, SGD)), "learningRate = -1"},
		{"lr NaN", err(LearningLoop(x, y, m, 10, MSELoss, math.NaN(), SGD)), "learningRate = NaN"},
		{"modelo nil", err(LearningLoop(x, y, nil, 10, MSELoss, 1e-3, SGD)), "model es nil"},
		{"longitudes", err(LearningLoop(x, []float64{1}, m, 10, MSELoss, 1e-3, SGD)), "xTrue tiene 2 puntos e yTrue 1"},
		{"NaN en y", err(LearningLoop(x, []float64{1, math.NaN()}, m, 10, MSELoss, 1e-3, SGD)), "yTrue[1] contiene NaN"},
		{"vacío", err(LearningLoop([]float64{}, []float64{}, m, 10, MSELoss, 1e-3, SGD)), "xTrue está vacío"},
		{"entradas", err(LearningLoop(x, y, m2, 10, MSELoss, 1e-3, SGD)), "el modelo espera 2"},
		{"sin pérdida", err(LearningLoop(x, y, m, 10, nil, 1e-3, SGD)), "lossFn es nil"},
		{"sin optimizador", err(LearningLoop(x, y, m, 10, MSELoss, 1e-3, nil)), "optimizer es nil"},
	}
	for _, c := range cases {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: %v, se esperaba %q", c.name, c.err, c.want)
		}
	}
}

func err(_ []float64, e error) error { return e }

// Un bucle escrito a mano con Stepper (forward, pérdida, graph.Gradient y
// SGD) da las mismas pérdidas que LearningLoop: es la celda In [17].
func TestStepperMatchesLearningLoop(t *testing.T) {
	x, y := course(t)
	random.SetSeed(4)
	m, _ := nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
	random.SetSeed(4)
	m2, _ := nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
	opt := SGD(1e-3)
	s, err := NewStepper(m, x, y, func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
		loss, _ := MSELoss(m.Forward(params, x), y)
		return loss, opt.Update(params, graph.Gradient(loss, params...))
	})
	if err != nil {
		t.Fatal(err)
	}
	var mine []float64
	for range 30 {
		l, err := s.Step()
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, l)
	}
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	want, err := LearningLoop(x, y, m2, 30, MSELoss, 1e-3, SGD)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if math.Abs(mine[i]-want[i]) > 1e-5*math.Max(1, want[i]) {
			t.Fatalf("paso %d: Stepper %v, LearningLoop %v", i, mine[i], want[i])
		}
	}
	if a, b := m.Parameters()[0].Values[0], m2.Parameters()[0].Values[0]; math.Abs(float64(a-b)) > 1e-5 {
		t.Errorf("Finish no copió los parámetros: %v frente a %v", a, b)
	}
	if _, err := s.Step(); err == nil || !strings.Contains(err.Error(), "Finish") {
		t.Errorf("Step tras Finish: %v", err)
	}
	adam := Adam(1e-3)
	s, _ = NewStepper(m, x, y, func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
		loss, _ := MSELoss(m.Forward(params, x), y)
		return loss, adam.Update(params, graph.Gradient(loss, params...))
	})
	if _, err := s.Step(); err == nil || !strings.Contains(err.Error(), "usa train.LearningLoop") {
		t.Errorf("Update con Adam: %v", err)
	}
	s.Finish()
}

// uniform1 es un número de g.Uniform(1, from, to).
func uniform1(t testing.TB, g *random.Rand, from, to float64) float64 {
	t.Helper()
	u, err := g.Uniform(1, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return float64(u[0])
}

// normal1 es un número de la normal de media 0 y desviación std.
func normal1(t testing.TB, g *random.Rand, std float32) float64 {
	t.Helper()
	v, err := g.Normal([]float32{0}, []float32{std})
	if err != nil {
		t.Fatal(err)
	}
	return float64(v[0])
}
