// SPDX-License-Identifier: Apache-2.0

package random

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Vector de prueba conocido de MT19937: con la semilla 5489, el valor número
// 10000 de std::mt19937 es 4123659995.
func TestMT19937KnownValue(t *testing.T) {
	var m mt19937
	m.seed(5489)
	var v uint32
	for range 10000 {
		v = m.uint32()
	}
	if v != 4123659995 {
		t.Fatalf("valor 10000 = %d, esperado 4123659995", v)
	}
}

func TestOnlyLow32BitsOfSeedCount(t *testing.T) {
	a, b := must(New(7).Rand(5)), must(New(1<<32+7).Rand(5))
	if !slices.Equal(a, b) {
		t.Fatalf("semillas 7 y 2^32+7: %v != %v", a, b)
	}
	if slices.Equal(must(New(7).Rand(5)), must(New(8).Rand(5))) {
		t.Fatal("semillas distintas dieron los mismos números")
	}
}

// must devuelve v; si err no es nil, la prueba falla con un pánico que lo muestra.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustLinear(t testing.TB, g *Rand, in, out int) (w, b []float32) {
	t.Helper()
	w, b, err := g.Linear(in, out)
	if err != nil {
		t.Fatal(err)
	}
	return w, b
}

func TestNegativeSeed(t *testing.T) {
	g := New(-3)
	err := g.Err()
	if err == nil || !strings.Contains(err.Error(), "semilla") || !strings.Contains(err.Error(), "≥ 0") {
		t.Fatalf("New(-3).Err() = %v", err)
	}
	if g.Seed() != -3 {
		t.Fatalf("Seed() = %d", g.Seed())
	}
	if New(0).Err() != nil {
		t.Fatal("la semilla 0 es válida")
	}
}

// Un generador no válido (semilla negativa, Rand{} vacío o nil) no da números
// en silencio: cada método devuelve el error, en español y con su prefijo.
func TestInvalidGenerator(t *testing.T) {
	var nilRand *Rand
	for _, tt := range []struct {
		name string
		g    *Rand
		want string
	}{
		{"semilla negativa", New(-3), "semilla"},
		{"Rand{} vacío", &Rand{}, "random.New"},
		{"nil", nilRand, "nil"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.g.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Err() = %v", err)
			}
			_ = tt.g.Seed()
			calls := map[string]func() error{
				"Rand":    func() error { _, err := tt.g.Rand(3); return err },
				"Uniform": func() error { _, err := tt.g.Uniform(2, 0, 1); return err },
				"Normal":  func() error { _, err := tt.g.Normal([]float32{1}, []float32{1}); return err },
				"Linear":  func() error { _, _, err := tt.g.Linear(2, 3); return err },
			}
			for name, call := range calls {
				if err := call(); err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "random.") {
					t.Errorf("%s: error = %v, quería uno con %q", name, err, tt.want)
				}
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	g := New(1)
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"Rand(-1)", func() error { _, err := g.Rand(-1); return err }, "random.Rand.Rand: n = -1"},
		{"Rand(1<<40)", func() error { _, err := g.Rand(1 << 40); return err }, "entre 0 y 16777216"},
		{"Uniform(-2)", func() error { _, err := g.Uniform(-2, 0, 1); return err }, "random.Rand.Uniform: n = -2"},
		{"Uniform(1<<30)", func() error { _, err := g.Uniform(1<<30, 0, 1); return err }, "entre 0 y"},
		{"Uniform al revés", func() error { _, err := g.Uniform(2, 1, 0); return err }, "mayor que to"},
		{"Uniform NaN", func() error { _, err := g.Uniform(2, math.NaN(), 1); return err }, "from = NaN"},
		{"Uniform 1e39", func() error { _, err := g.Uniform(2, 0, 1e39); return err }, "no cabe en float32"},
		{"Uniform ancho", func() error { _, err := g.Uniform(2, -3e38, 3e38); return err }, "demasiado ancho"},
		{"Normal tamaños", func() error { _, err := g.Normal([]float32{0, 0}, []float32{1}); return err }, "mean tiene 2 valores y std 1"},
		{"Normal std<0", func() error { _, err := g.Normal([]float32{0}, []float32{-1}); return err }, "negativa"},
		{"Normal NaN", func() error { _, err := g.Normal([]float32{float32(math.NaN())}, []float32{1}); return err }, "mean[0]"},
		{"Normal enorme", func() error {
			_, err := g.Normal(make([]float32, 16), slices.Repeat([]float32{math.MaxFloat32}, 16))
			return err
		}, "no cabe en float32"},
		{"Linear(0, 3)", func() error { _, _, err := g.Linear(0, 3); return err }, "random.Rand.Linear: in = 0"},
		{"Linear(3, -1)", func() error { _, _, err := g.Linear(3, -1); return err }, "out = -1"},
		{"Linear enorme", func() error { _, _, err := g.Linear(1<<20, 1<<20); return err }, "in·out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, quería uno con %q", err, tt.want)
			}
		})
	}
	if v := mustRand0(t, g); len(v) != 0 {
		t.Errorf("Rand(0) = %v", v)
	}
}

func TestRanges(t *testing.T) {
	g := New(3)
	for _, v := range must(g.Rand(1000)) {
		if v < 0 || v >= 1 {
			t.Fatalf("rand fuera de [0, 1): %v", v)
		}
	}
	for _, v := range must(g.Uniform(1000, -2, 5)) {
		if v < -2 || v > 5 {
			t.Fatalf("uniform fuera de [-2, 5]: %v", v)
		}
	}
	bound := float32(math.Sqrt(1.0 / 5))
	w, b := mustLinear(t, g, 5, 4)
	for _, v := range append(w, b...) {
		if v < -bound || v > bound {
			t.Fatalf("Linear(5, 4) fuera de ±1/√5: %v", v)
		}
	}
	// Media y desviación de muchas normales.
	n := 20000
	mean, std := make([]float32, n), make([]float32, n)
	for i := range mean {
		mean[i], std[i] = 3, 2
	}
	var s, s2 float64
	for _, v := range must(g.Normal(mean, std)) {
		s += float64(v)
		s2 += float64(v) * float64(v)
	}
	m := s / float64(n)
	sd := math.Sqrt(s2/float64(n) - m*m)
	if math.Abs(m-3) > 0.05 || math.Abs(sd-2) > 0.05 {
		t.Fatalf("normal(3, 2): media %.3f, desviación %.3f", m, sd)
	}
}

func TestSetSeed(t *testing.T) {
	defer SetSeed(DefaultSeed)
	if err := SetSeed(3); err != nil {
		t.Fatal(err)
	}
	if Seed() != 3 {
		t.Fatalf("Seed() = %d", Seed())
	}
	x := must(Global().Rand(2))
	SetSeed(3)
	if y := must(Global().Rand(2)); !slices.Equal(x, y) {
		t.Fatalf("SetSeed no reinicia: %v != %v", x, y)
	}
	err := SetSeed(-1)
	if err == nil || !strings.Contains(err.Error(), "random.SetSeed") || !strings.Contains(err.Error(), "-1") {
		t.Fatalf("SetSeed(-1) = %v", err)
	}
	if Seed() != 3 || Global().Err() != nil {
		t.Fatal("SetSeed(-1) no debe cambiar el generador global")
	}
}

// Varias goroutines sobre el mismo generador: ningún número se repite ni se
// pierde (se comprueba con go test -race).
func TestConcurrentUse(t *testing.T) {
	g := New(9)
	var wg sync.WaitGroup
	results := make([][]float32, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = g.Rand(250)
		}()
	}
	wg.Wait()
	var all []float32
	for _, r := range results {
		all = append(all, r...)
	}
	want := must(New(9).Rand(1000))
	slices.Sort(all)
	slices.Sort(want)
	if !slices.Equal(all, want) {
		t.Fatal("el uso concurrente perdió o repitió números")
	}
}

func mustRand0(_ *testing.T, g *Rand) []float32 { return must(g.Rand(0)) }
