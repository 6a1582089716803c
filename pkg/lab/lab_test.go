// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"math"
	"strings"
	"testing"

	"neuronas/pkg/data"
	"neuronas/pkg/nn"
	"neuronas/pkg/train"
)

func with(f func(*Settings)) Settings {
	s := Default()
	f(&s)
	return s
}

func TestValidateRejectsAbsurdSettings(t *testing.T) {
	cases := []struct {
		name string
		s    Settings
		want string
	}{
		{"0 neuronas", with(func(s *Settings) { s.Neurons = 0 }), "sube «neuronas por capa» al menos a 1"},
		{"10⁶ pasos", with(func(s *Settings) { s.Steps = 1_000_000 }), "elige en «pasos» como mucho 50000"},
		{"0 pasos", with(func(s *Settings) { s.Steps = 0 }), "no entrenan nada"},
		{"tasa negativa", with(func(s *Settings) { s.LR = -1 }), "número positivo"},
		{"tasa NaN", with(func(s *Settings) { s.LR = math.NaN() }), "número positivo"},
		{"tasa enorme", with(func(s *Settings) { s.LR = 1e6 }), "divergiría"},
		{"activación desconocida", with(func(s *Settings) { s.Activation = "Swish" }), "no existe"},
		{"demasiadas capas", with(func(s *Settings) { s.HiddenLayers = 50 }), "capas ocultas"},
		{"demasiadas neuronas", with(func(s *Settings) { s.Neurons = 1000 }), "demasiadas"},
		{"semilla negativa", with(func(s *Settings) { s.Seed = -3 }), "semilla"},
	}
	for _, c := range cases {
		err := c.s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "lab.Settings.Validate: ") {
			t.Errorf("%s: Validate() = %v; quería un error «lab.Settings.Validate: …» que contenga %q", c.name, err, c.want)
		}
		if _, err := Train(c.s, nil); err == nil {
			t.Errorf("%s: Train no devolvió error", c.name)
		}
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("los ajustes por defecto no son válidos: %v", err)
	}
	// 0 capas ocultas con 0 neuronas es una recta: válido.
	if err := with(func(s *Settings) { s.HiddenLayers = 0; s.Neurons = 0 }).Validate(); err != nil {
		t.Errorf("0 capas ocultas: %v", err)
	}
}

// El suelo y la pérdida de y = x² son los del cuaderno II con la semilla 42
// (24.29 y 51.20) y cambian con la semilla, porque cambian los datos.
func TestFloorOfTheCourseData(t *testing.T) {
	d, err := CourseData(42)
	if err != nil {
		t.Fatal(err)
	}
	floor, err := Floor(d)
	if err != nil {
		t.Fatal(err)
	}
	truth, err := TrueLoss(d)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(floor-24.29) > 0.005 || math.Abs(truth-51.20) > 0.005 {
		t.Errorf("semilla 42: suelo %.4f y pérdida de y = x² %.4f; el cuaderno II dice 24.29 y 51.20", floor, truth)
	}
	d0, _ := CourseData(0)
	if f0, _ := Floor(d0); math.Abs(f0-floor) < 0.5 {
		t.Errorf("el suelo con la semilla 0 (%.2f) es casi el de la 42 (%.2f): ¿no depende de los datos?", f0, floor)
	}
	// Lo que muestra un resultado, con los datos normalizados o no, es el suelo de sus datos originales.
	for _, norm := range []bool{false, true} {
		r, err := Train(with(func(s *Settings) { s.Steps = 10; s.Normalize = norm }), nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Floor != floor || r.TrueLoss != truth {
			t.Errorf("normalizar=%v: el resultado muestra suelo %v y y = x² %v; quería %v y %v", norm, r.Floor, r.TrueLoss, floor, truth)
		}
	}
}

// La semilla 42 mata la red ReLU de In [32] (como en el cuaderno II); la
// LeakyReLU sigue viva y llega cerca del suelo.
func TestDefaultReLUDiesAndLeakyReLULives(t *testing.T) {
	relu, err := Train(Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !relu.Died || !relu.Final || relu.Done != 5000 || len(relu.Losses) != 5000 {
		t.Fatalf("ReLU semilla 42: Died=%v Final=%v Done=%d pérdidas=%d; quería una red muerta tras 5000 pasos", relu.Died, relu.Final, relu.Done, len(relu.Losses))
	}
	if !strings.HasPrefix(relu.Verdict(), "Muerta") || relu.FinalLoss() < 5*relu.Floor {
		t.Errorf("veredicto %q, pérdida %.1f", relu.Verdict(), relu.FinalLoss())
	}
	leaky, err := Train(with(func(s *Settings) { s.Activation = "LeakyReLU" }), nil)
	if err != nil {
		t.Fatal(err)
	}
	if leaky.Died || !strings.HasPrefix(leaky.Verdict(), "Viva") || leaky.FinalLoss() > 1.5*leaky.Floor || !strings.Contains(leaky.Verdict(), "casi en el suelo") {
		t.Errorf("LeakyReLU semilla 42: Died=%v veredicto %q", leaky.Died, leaky.Verdict())
	}
	if alive, total := leaky.AliveCount(); alive != total || total != 15 {
		t.Errorf("LeakyReLU: %d de %d neuronas vivas; quería 15 de 15", alive, total)
	}
	if alive, total := relu.AliveCount(); alive == total {
		t.Errorf("ReLU muerta con todas sus neuronas vivas (%d de %d)", alive, total)
	}
}

// El bucle propio da las mismas pérdidas que train.LearningLoop y deja el
// modelo con los mismos parámetros.
func TestTrainMatchesLearningLoop(t *testing.T) {
	s := with(func(s *Settings) { s.Steps = 137; s.Activation = "Tanh"; s.Seed = 3 })
	r, err := Train(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := CourseData(s.Seed)
	m, err := NewModel(s)
	if err != nil {
		t.Fatal(err)
	}
	losses, err := train.LearningLoop(d.X, d.Y, m, s.Steps, train.MSELoss, s.LR, train.SGD)
	if err != nil {
		t.Fatal(err)
	}
	for i := range losses {
		if losses[i] != r.Losses[i] {
			t.Fatalf("paso %d: pérdida %v con lab.Train y %v con train.LearningLoop", i, r.Losses[i], losses[i])
		}
	}
	a, b := r.Model.Parameters(), m.Parameters()
	for i := range a {
		for j := range a[i].Values {
			if a[i].Values[j] != b[i].Values[j] {
				t.Fatalf("%s[%d]: %v ≠ %v", a[i].Name, j, a[i].Values[j], b[i].Values[j])
			}
		}
	}
}

func TestSameSeedSameNumbers(t *testing.T) {
	s := with(func(s *Settings) { s.Steps = 300; s.Seed = 7 })
	a, _ := Train(s, nil)
	b, _ := Train(s, nil)
	for i := range a.Losses {
		if a.Losses[i] != b.Losses[i] {
			t.Fatalf("paso %d: %v ≠ %v con la misma semilla", i, a.Losses[i], b.Losses[i])
		}
	}
	fa, _ := a.Frame()
	fb, _ := b.Frame()
	if fa.HTML != fb.HTML || fa.Text != fb.Text {
		t.Error("el mismo experimento dio dos fotogramas distintos")
	}
}

// Con datos normalizados la pérdida se da en las unidades originales: la
// pérdida del paso 0 es la del modelo inicial sobre los datos originales.
func TestNormalizedLossIsInOriginalUnits(t *testing.T) {
	s := with(func(s *Settings) { s.Normalize = true; s.Steps = 10; s.LR = 1e-2 })
	r, err := Train(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := NewModel(s)
	xs, ys := r.trainingData()
	pred, err := m.Predict(xs)
	if err != nil {
		t.Fatal(err)
	}
	var mse float64
	for i := range pred {
		e := (pred[i] - ys[i]) * r.norm.sy
		mse += e * e
	}
	mse /= float64(len(pred))
	if math.Abs(r.Losses[0]-mse)/mse > 1e-4 {
		t.Errorf("pérdida inicial %v; la del modelo inicial en unidades originales es %v", r.Losses[0], mse)
	}
	got, _ := r.Predict([]float64{r.norm.mx})
	want, _ := r.Model.Predict([]float64{0})
	if math.Abs(got[0]-(r.norm.my+r.norm.sy*want[0])) > 1e-9 {
		t.Errorf("Predict no deshace la normalización: %v", got[0])
	}
}

func TestDivergenceIsAVerdictNotAnError(t *testing.T) {
	r, err := Train(with(func(s *Settings) { s.LR = 1 }), nil)
	if err != nil {
		t.Fatalf("una tasa que diverge no debe ser un error: %v", err)
	}
	if !r.Diverged || r.Done >= 5000 || !strings.Contains(r.Verdict(), "divergido") {
		t.Fatalf("Diverged=%v Done=%d veredicto %q", r.Diverged, r.Done, r.Verdict())
	}
	for _, l := range r.Losses {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			t.Fatal("Losses contiene NaN o Inf")
		}
	}
	if _, err := r.Frame(); err != nil {
		t.Errorf("no se puede dibujar un entrenamiento que divergió: %v", err)
	}
}

func TestWatchSeesPartialResultsAndCancelStops(t *testing.T) {
	s := with(func(s *Settings) { s.Steps = 50_000 })
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := TrainContext(ctx, s, func(r *Result) {
		calls++
		if r.Final || r.Done == 0 || r.Done >= s.Steps || len(r.Losses) != r.Done || !strings.HasPrefix(r.Verdict(), "Entrenando") {
			t.Errorf("resultado parcial raro: Final=%v Done=%d pérdidas=%d veredicto %q", r.Final, r.Done, len(r.Losses), r.Verdict())
		}
		cancel()
	})
	if calls != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("watch llamado %d veces, err = %v; quería 1 llamada y context.Canceled", calls, err)
	}
}

func TestNeuronsMatchTheModel(t *testing.T) {
	// Una red ReLU 1-2-1 con una neurona que nunca se activa (peso 0, sesgo -1)
	// y otra que se activa con x > 0.
	s := with(func(s *Settings) { s.HiddenLayers = 1; s.Neurons = 2; s.Steps = 1 })
	r := &Result{Settings: s, norm: identity()}
	r.Data, _ = CourseData(0)
	var err error
	if r.Model, err = nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1)); err != nil {
		t.Fatal(err)
	}
	if err := r.Model.SetParameters([]float32{0, 1}, []float32{-1, 0}, []float32{1, 1}, []float32{0}); err != nil {
		t.Fatal(err)
	}
	n := r.neurons()
	positive := 0
	for _, x := range r.Data.X {
		if x > 0 {
			positive++
		}
	}
	if n[0][0].Alive || n[0][0].Active != 0 || !n[0][1].Alive || n[0][1].Active != float64(positive)/float64(len(r.Data.X)) {
		t.Errorf("neuronas = %+v; quería la primera muerta y la segunda activa en %d de %d puntos", n, positive, len(r.Data.X))
	}
}

func TestFiguresAreSmallPNGsWithSpanishAlt(t *testing.T) {
	for _, s := range []Settings{Default(), with(func(s *Settings) { s.HiddenLayers = 0; s.Steps = 50 })} {
		r, err := Train(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, err := r.Figures()
		if err != nil {
			t.Fatal(err)
		}
		for name, fig := range map[string]Figure{"ajuste": f.Fit, "pérdida": f.Loss, "neuronas": f.Neurons} {
			cfg, err := png.DecodeConfig(bytes.NewReader(fig.PNG))
			if err != nil {
				t.Fatalf("%s: no es un PNG: %v", name, err)
			}
			if cfg.Width != 880 || cfg.Height != 660 || fig.Alt == "" {
				t.Errorf("%s: %d×%d, alt %q", name, cfg.Width, cfg.Height, fig.Alt)
			}
		}
		if !strings.Contains(f.Loss.Alt, "el suelo (la pérdida de la mejor predicción posible) es 24.29 y la de y = x², 51.20") || !strings.Contains(f.Neurons.Alt, "Neuronas ocultas") {
			t.Errorf("textos alternativos: %q / %q", f.Loss.Alt, f.Neurons.Alt)
		}
	}
}

func TestTallyCountsDeaths(t *testing.T) {
	s := with(func(s *Settings) { s.Steps = 2000 })
	tr, err := Tally(context.Background(), s, 6, nil)
	if err != nil {
		t.Fatal(err)
	}
	died := 0
	for seed := range 6 {
		s.Seed = seed
		r, _ := Train(s, nil)
		if r.Died {
			died++
		}
		if r.FinalLoss() != tr.Losses[seed] {
			t.Errorf("semilla %d: pérdida %v en el recuento y %v sola", seed, tr.Losses[seed], r.FinalLoss())
		}
	}
	if tr.Died != died || !strings.Contains(tr.Summary(), "muri") {
		t.Errorf("recuento: %d muertas, a mano %d; resumen %q", tr.Died, died, tr.Summary())
	}
	// El verbo concuerda con el número de redes muertas.
	for n, want := range map[int]string{0: "no murió ninguna de las 20 redes", 1: "murió 1 de las 20 redes", 10: "murieron 10 de las 20 redes"} {
		if got := (TallyResult{Settings: s, Seeds: 20, Died: n}).Summary(); !strings.Contains(got, want) {
			t.Errorf("%d muertas: %q no dice %q", n, got, want)
		}
	}
	if _, err := Tally(context.Background(), s, 0, nil); err == nil {
		t.Error("Tally con 0 semillas no dio error")
	}
}

func TestNilResultIsAnErrorNotAPanic(t *testing.T) {
	var r *Result
	if _, err := r.Frame(); err == nil || !strings.HasPrefix(err.Error(), "lab.Result.Frame: ") {
		t.Errorf("Frame de un resultado nil: %v", err)
	}
	if _, err := r.Predict([]float64{1}); err == nil {
		t.Error("Predict de un resultado nil no dio error")
	}
	if _, err := CourseData(-1); err == nil || !strings.HasPrefix(err.Error(), "lab.CourseData: ") {
		t.Errorf("CourseData(-1): %v", err)
	}
	for _, d := range []data.Data{{}, {X: []float64{1, 2}, Y: []float64{1}}} {
		if _, err := Floor(d); err == nil || !strings.HasPrefix(err.Error(), "lab.Floor: ") {
			t.Errorf("Floor(%v): %v", d, err)
		}
		if _, err := TrueLoss(d); err == nil || !strings.HasPrefix(err.Error(), "lab.TrueLoss: ") {
			t.Errorf("TrueLoss(%v): %v", d, err)
		}
	}
	if got := studentMessage(Settings{}.Validate()); strings.HasPrefix(got, "lab") {
		t.Errorf("el mensaje para el estudiante conserva el prefijo: %q", got)
	}
}

// Lo que encontró la segunda sonda de entradas malas (#25): nada de pánicos ni
// de volcados, y los errores en español con el nombre de la función.
func TestProbeRoundThree(t *testing.T) {
	var r *Result
	if alive, total := r.AliveCount(); alive != 0 || total != 0 {
		t.Errorf("AliveCount de un resultado nil: %d, %d", alive, total)
	}
	if !math.IsNaN(r.FinalLoss()) {
		t.Errorf("FinalLoss de un resultado nil: %v", r.FinalLoss())
	}
	for _, s := range []Settings{
		with(func(s *Settings) { s.HiddenLayers = math.MaxInt }),
		with(func(s *Settings) { s.HiddenLayers = -1 }),
		with(func(s *Settings) { s.Neurons = -5 }),
		with(func(s *Settings) { s.Neurons = math.MaxInt }),
	} {
		if got := s.Sizes(); got != nil {
			t.Errorf("Sizes de %d capas de %d neuronas: %v, quería nil", s.HiddenLayers, s.Neurons, got)
		}
		if got := s.String(); !strings.Contains(got, "capas ocultas de") {
			t.Errorf("String de ajustes inválidos: %q", got)
		}
	}
	if got := with(func(s *Settings) { s.HiddenLayers = 0; s.Neurons = -5 }).Sizes(); len(got) != 2 {
		t.Errorf("sin capas ocultas las neuronas no importan: Sizes = %v", got)
	}

	short := with(func(s *Settings) { s.Steps = 20 })
	// Un ctx nil (lo que se prueba) es como context.Background().
	if r, err := TrainContext(nil, short, nil); err != nil || r.Done != 20 { //nolint:staticcheck
		t.Errorf("TrainContext con ctx nil: %v", err)
	}
	if tally, err := Tally(nil, short, 2, nil); err != nil || len(tally.Losses) != 2 { //nolint:staticcheck
		t.Errorf("Tally con ctx nil: %v", err)
	}

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := TrainContext(cancelled, short, nil)
	if err == nil || !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "lab.TrainContext: se ha detenido") {
		t.Errorf("TrainContext cancelado: %v", err)
	}

	long := with(func(s *Settings) { s.Steps = 50_000 })
	_, err = TrainContext(context.Background(), long, func(*Result) { panic("mi fallo") })
	if err == nil || !strings.Contains(err.Error(), "lab.TrainContext: la función watch entró en pánico (mi fallo)") {
		t.Errorf("watch que entra en pánico: %v", err)
	}
	_, err = Tally(context.Background(), short, 2, func(int) { panic("otro fallo") })
	if err == nil || !strings.Contains(err.Error(), "lab.Tally: la función progress entró en pánico (otro fallo)") {
		t.Errorf("progress que entra en pánico: %v", err)
	}
}
