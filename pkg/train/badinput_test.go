// SPDX-License-Identifier: Apache-2.0

package train

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// finiteModel falla si algún parámetro del modelo no es un número finito.
func finiteModel(t *testing.T, m *nn.Model) {
	t.Helper()
	for _, p := range m.Parameters() {
		for _, v := range p.Values {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Fatalf("%s quedó con %v", p.Name, v)
			}
		}
	}
}

func TestBadInputFloat32(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1))
	wide, _ := nn.Sequential(nn.Linear(1, 100), nn.ReLU(), nn.Linear(100, 1))
	x, y := []float64{1, 2}, []float64{1, 2}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"lr 1e300", err(LearningLoop(x, y, m, 1, MSELoss, 1e300, SGD)), "learningRate = 1e+300 no cabe en float32"},
		{"lr 1e-50", err(LearningLoop(x, y, m, 1, MSELoss, 1e-50, SGD)), "learningRate = 1e-50 no cabe en float32"},
		{"x 1e39", err(LearningLoop([]float64{1, 1e39}, y, m, 1, MSELoss, 1e-3, SGD)), "xTrue[1] contiene 1e+39, que no cabe en float32"},
		{"y -1e39", err(LearningLoop(x, []float64{-1e39, 1}, m, 1, MSELoss, 1e-3, SGD)), "yTrue[0] contiene -1e+39"},
		{"demasiados valores intermedios", err(LearningLoop(make([]float64, 1_000_000), make([]float64, 1_000_000), wide, 1, MSELoss, 1e-3, SGD)), "xTrue tiene 1000000 puntos y la red 101 neuronas"},
		{"regla sin Step", err(LearningLoop(x, y, m, 1, MSELoss, 1e-3, func(float64) Rule { return Rule{} })), "regla sin Step"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) || !strings.HasPrefix(tt.err.Error(), "train.LearningLoop: ") {
			t.Errorf("%s: %v, se esperaba %q", tt.name, tt.err, tt.want)
		}
	}
}

// Datos que caben en float32 pero cuyo cuadrado no: la primera pérdida ya es
// infinita, y el error culpa a los datos, no a la tasa de aprendizaje.
func TestDivergenceAtStepZeroBlamesData(t *testing.T) {
	m, _ := nn.Sequential(nn.Linear(1, 1))
	before := m.Parameters()
	losses, err := LearningLoop([]float64{1e30, 2e30}, []float64{-1e30, 1e30}, m, 20, MSELoss, 1e-3, SGD)
	if err == nil || !strings.Contains(err.Error(), "la causa no es la tasa de aprendizaje sino los datos") {
		t.Fatalf("error %v", err)
	}
	if len(losses) != 0 {
		t.Errorf("%d pérdidas, quería 0", len(losses))
	}
	if after := m.Parameters(); after[0].Values[0] != before[0].Values[0] {
		t.Errorf("el modelo cambió: %v → %v", before[0].Values, after[0].Values)
	}
}

// Una tasa enorme (que cabe en float32): el primer paso tiene una pérdida
// finita pero deja parámetros infinitos. Antes «terminaba bien» con pesos +Inf.
func TestHugeLearningRateKeepsFiniteParameters(t *testing.T) {
	x, y := course(t)
	for _, steps := range []int{1, 5, 10, 11, 25} {
		random.SetSeed(1)
		m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
		losses, err := LearningLoop(x, y, m, steps, MSELoss, 1e37, SGD)
		if err == nil || !strings.Contains(err.Error(), "divergido") {
			t.Fatalf("%d pasos: error %v", steps, err)
		}
		finiteModel(t, m)
		for i, l := range losses {
			if math.IsNaN(l) || math.IsInf(l, 0) {
				t.Fatalf("%d pasos: pérdida %d = %v", steps, i, l)
			}
		}
	}
}

// La divergencia cae en cualquier punto de una llamada de stepsPerCall pasos
// (también en su último paso, o justo en el primero de la siguiente): las
// pérdidas devueltas y los parámetros que quedan en el modelo son los mismos
// que con un paso por llamada, y el modelo da la última pérdida válida.
func TestDivergenceAtEveryBoundary(t *testing.T) {
	x, y := course(t)
	type result struct {
		losses []float64
		params []nn.Parameter
		msg    string
	}
	run := func(perCall int, lr float64) result {
		random.SetSeed(3)
		m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
		r, err := newRun(x, y, m, 200, MSELoss, lr, SGD)
		if err != nil {
			t.Fatal(err)
		}
		r.stepsPerCall = perCall
		losses, err := r.loop()
		r.close()
		if err == nil {
			return result{losses: losses}
		}
		return result{losses, m.Parameters(), err.Error()}
	}
	diverged := 0
	for _, lr := range []float64{0.05, 0.08, 0.1, 0.2, 0.5, 1, 2, 5} {
		want := run(1, lr)
		if want.msg == "" {
			continue
		}
		diverged++
		for _, k := range []int{2, 3, 7, 10} {
			got := run(k, lr)
			if got.msg != want.msg || len(got.losses) != len(want.losses) {
				t.Fatalf("lr %g, %d pasos por llamada: %d pérdidas y %q; con 1: %d y %q", lr, k, len(got.losses), got.msg, len(want.losses), want.msg)
			}
			for i := range got.params {
				for j := range got.params[i].Values {
					if got.params[i].Values[j] != want.params[i].Values[j] {
						t.Fatalf("lr %g, %d pasos por llamada: %s[%d] = %v, con 1 paso %v", lr, k, got.params[i].Name, j, got.params[i].Values[j], want.params[i].Values[j])
					}
				}
			}
		}
	}
	if diverged < 3 {
		t.Fatalf("solo %d tasas divergieron; la prueba no prueba nada", diverged)
	}
}

// Dos entrenamientos del mismo modelo a la vez: uno de los dos recibe un
// error; mientras tanto se puede predecir con el modelo (sin carreras, con
// go test -race). Con modelos distintos, los dos entrenan.
func TestConcurrentTraining(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := make(chan struct{})
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = LearningLoop(x, y, m, 3000, MSELoss, 1e-4, SGD)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		for range 20 {
			if _, err := m.Predict([]float64{1, 2}); err != nil {
				t.Error(err)
			}
			_ = m.Parameters()
		}
	}()
	close(start)
	wg.Wait()
	busy := 0
	for _, err := range errs {
		if err != nil {
			if !strings.Contains(err.Error(), "ya se está entrenando") {
				t.Errorf("error inesperado: %v", err)
			}
			busy++
		}
	}
	// Los dos pueden no solaparse si uno termina antes de que empiece el otro.
	if busy > 1 {
		t.Errorf("%d entrenamientos rechazados; debería terminar al menos uno", busy)
	}
	// Un Stepper abierto también ocupa el modelo hasta Finish.
	s, err := NewStepper(m, x, y, sgdStep(m))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LearningLoop(x, y, m, 10, MSELoss, 1e-3, SGD); err == nil || !strings.Contains(err.Error(), "Finish") {
		t.Errorf("LearningLoop con un Stepper abierto: %v", err)
	}
	if err := m.SetParameters(); err == nil || !strings.Contains(err.Error(), "ya se está entrenando") {
		t.Errorf("SetParameters con un Stepper abierto: %v", err)
	}
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := LearningLoop(x, y, m, 10, MSELoss, 1e-3, SGD); err != nil {
		t.Errorf("tras Finish: %v", err)
	}
}

func sgdStep(m *nn.Model) StepFunc {
	opt := SGD(1e-3)
	return func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
		loss, _ := MSELoss(m.Forward(params, x), y)
		return loss, opt.Update(params, graph.Gradient(loss, params...))
	}
}

func TestStepperBadInput(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
	for _, tt := range []struct {
		name string
		fn   StepFunc
		want string
	}{
		{"pérdida nil", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) { return nil, params }, "train.Stepper.Step: el paso devolvió una pérdida nil"},
		{"pérdida no escalar", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			return graph.Sub(m.Forward(params, x), y), params
		}, "debe ser un escalar"},
		{"sin parámetros", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			loss, _ := MSELoss(m.Forward(params, x), y)
			return loss, nil
		}, "el paso devolvió 0 parámetros; debe devolver los 2"},
		{"parámetro nil", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			loss, _ := MSELoss(m.Forward(params, x), y)
			return loss, []*graph.Node{params[0], nil}
		}, "el parámetro 1 que devolvió el paso es nil"},
		{"forma cambiada", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			loss, _ := MSELoss(m.Forward(params, x), y)
			return loss, []*graph.Node{params[1], params[0]}
		}, "tiene forma"},
		{"Adam", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			loss, _ := MSELoss(m.Forward(params, x), y)
			return loss, Adam(1e-3).Update(params, graph.Gradient(loss, params...))
		}, "train.Stepper.Step: train.Rule.Update: este optimizador guarda estado"},
		{"gradientes de menos", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			loss, _ := MSELoss(m.Forward(params, x), y)
			return loss, SGD(1e-3).Update(params, graph.Gradient(loss, params[0]))
		}, "llegaron 2 parámetros y 1 gradientes"},
		// Una tasa que no sirve en el bucle escrito a mano: el error lo dice
		// (antes, NaN acababa en «ha divergido… tasa demasiado grande» y una
		// tasa negativa subía la pérdida sin avisar).
		{"SGD con tasa NaN", sgdStepLR(m, math.NaN()), "train.Stepper.Step: train.Rule.Update: la regla se creó con learningRate = NaN, pero la tasa de aprendizaje debe ser un número positivo"},
		{"SGD con tasa negativa", sgdStepLR(m, -0.1), "train.Rule.Update: la regla se creó con learningRate = -0.1"},
		{"SGD con tasa 1e39", sgdStepLR(m, 1e39), "train.Rule.Update: la regla se creó con learningRate = 1e+39 no cabe en float32"},
		// Forward con los params de otro modelo.
		{"Forward de otro modelo", func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
			other, _ := nn.Sequential(nn.Linear(1, 7), nn.Tanh(), nn.Linear(7, 1))
			loss, _ := MSELoss(other.Forward(params, x), y)
			return loss, params
		}, "train.Stepper.Step: falló el paso de entrenamiento (revisa la función del paso): nn.Model.Forward: params[0] tiene forma [3 2], pero la capa Linear 0 (Linear(1, 7)) necesita [7 2]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewStepper(m, x, y, tt.fn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Finish()
			if _, err := s.Step(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, se esperaba %q", err, tt.want)
			}
		})
	}
	// Un Stepper vacío o nil: errores, no pánicos.
	var nilStepper *Stepper
	for _, s := range []*Stepper{{}, nilStepper} {
		if _, err := s.Step(); err == nil || !strings.Contains(err.Error(), "no se creó con train.NewStepper") {
			t.Errorf("Step: %v", err)
		}
		if s.Parameters() != nil || s.Finish() != nil {
			t.Error("Parameters o Finish de un Stepper vacío")
		}
	}
}

// El bucle escrito a mano (Stepper) avisa cuando la pérdida o los parámetros
// dejan de ser finitos, y conserva los parámetros de antes de ese paso.
func TestStepperReportsDivergence(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1))
	opt := SGD(1e37)
	s, err := NewStepper(m, x, y, func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
		loss, _ := MSELoss(m.Forward(params, x), y)
		return loss, opt.Update(params, graph.Gradient(loss, params...))
	})
	if err != nil {
		t.Fatal(err)
	}
	var stepErr error
	for range 20 {
		if _, stepErr = s.Step(); stepErr != nil {
			break
		}
	}
	if stepErr == nil || !strings.Contains(stepErr.Error(), "train.Stepper.Step: en el paso") || !strings.Contains(stepErr.Error(), "divergido") {
		t.Fatalf("error %v", stepErr)
	}
	if err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	finiteModel(t, m)
}

// Una función de pérdida o de paso que entra en pánico con algo que no es
// un error (GoMLX solo recoge los errores): un error en español, no una traza.
func TestStudentPanics(t *testing.T) {
	x, y := course(t)
	m, _ := nn.Sequential(nn.Linear(1, 1))
	badLoss := func(pred, target *graph.Node) (*graph.Node, *graph.Node) { panic("mi pérdida no está terminada") }
	if _, err := LearningLoop(x, y, m, 5, badLoss, 1e-3, SGD); err == nil ||
		!strings.Contains(err.Error(), "train.LearningLoop: falló el paso 0: el código que construye el grafo entró en pánico (mi pérdida no está terminada)") {
		t.Errorf("LearningLoop: %v", err)
	}
	for _, tt := range []struct {
		name string
		loss Loss
		want string
	}{
		{"nil", func(pred, target *graph.Node) (*graph.Node, *graph.Node) { return nil, nil }, "lossFn devolvió una pérdida nil"},
		{"no escalar", func(pred, target *graph.Node) (*graph.Node, *graph.Node) { return graph.Sub(pred, target), nil }, "lossFn devolvió una pérdida con forma"},
		{"derivada", func(pred, target *graph.Node) (*graph.Node, *graph.Node) {
			l, _ := MSELoss(pred, target)
			return l, l
		}, "lossFn devolvió una derivada con forma"},
	} {
		if _, err := LearningLoop(x, y, m, 5, tt.loss, 1e-3, SGD); err == nil || !strings.HasPrefix(err.Error(), "train.LearningLoop: falló el paso 0: "+tt.want) {
			t.Errorf("pérdida %s: %v", tt.name, err)
		}
	}
	s, err := NewStepper(m, x, y, func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) { panic(42) })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Finish()
	if _, err := s.Step(); err == nil || !strings.Contains(err.Error(), "train.Stepper.Step") || !strings.Contains(err.Error(), "entró en pánico (42)") {
		t.Errorf("Stepper: %v", err)
	}
}

// sgdStepLR es el paso del bucle escrito a mano del cuaderno 02 con SGD(lr).
func sgdStepLR(m *nn.Model, lr float64) StepFunc {
	opt := SGD(lr)
	return func(params []*graph.Node, x, y *graph.Node) (*graph.Node, []*graph.Node) {
		loss, _ := MSELoss(m.Forward(params, x), y)
		return loss, opt.Update(params, graph.Gradient(loss, params...))
	}
}
