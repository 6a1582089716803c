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
	a, b := New(7).Rand(5), New(1<<32+7).Rand(5)
	if !slices.Equal(a, b) {
		t.Fatalf("semillas 7 y 2^32+7: %v != %v", a, b)
	}
	if slices.Equal(New(7).Rand(5), New(8).Rand(5)) {
		t.Fatal("semillas distintas dieron los mismos números")
	}
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
	for _, v := range g.Rand(3) {
		if v != 0 {
			t.Fatal("un generador no válido debe dar ceros")
		}
	}
	w, b := g.Linear(2, 3)
	if len(w) != 6 || len(b) != 3 || w[0] != 0 || b[0] != 0 {
		t.Fatalf("Linear con generador no válido: %v %v", w, b)
	}
	if v := g.Normal([]float32{1}, []float32{1}); len(v) != 1 || v[0] != 0 {
		t.Fatalf("Normal con generador no válido: %v", v)
	}
	if v := g.Uniform(2, 0, 1); len(v) != 2 || v[0] != 0 {
		t.Fatalf("Uniform con generador no válido: %v", v)
	}
	if New(0).Err() != nil {
		t.Fatal("la semilla 0 es válida")
	}
}

func TestBadSizes(t *testing.T) {
	g := New(1)
	if g.Normal([]float32{0, 0}, []float32{1}) != nil {
		t.Error("Normal con tamaños distintos debe devolver nil")
	}
	if w, b := g.Linear(0, 3); w != nil || b != nil {
		t.Error("Linear(0, 3) debe devolver nil, nil")
	}
	if len(g.Rand(-1)) != 0 || len(g.Uniform(-2, 0, 1)) != 0 {
		t.Error("un tamaño negativo debe dar un resultado vacío")
	}
}

func TestRanges(t *testing.T) {
	g := New(3)
	for _, v := range g.Rand(1000) {
		if v < 0 || v >= 1 {
			t.Fatalf("rand fuera de [0, 1): %v", v)
		}
	}
	for _, v := range g.Uniform(1000, -2, 5) {
		if v < -2 || v > 5 {
			t.Fatalf("uniform fuera de [-2, 5]: %v", v)
		}
	}
	bound := float32(math.Sqrt(1.0 / 5))
	w, b := g.Linear(5, 4)
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
	for _, v := range g.Normal(mean, std) {
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
	x := Global().Rand(2)
	SetSeed(3)
	if y := Global().Rand(2); !slices.Equal(x, y) {
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
			results[i] = g.Rand(250)
		}()
	}
	wg.Wait()
	var all []float32
	for _, r := range results {
		all = append(all, r...)
	}
	want := New(9).Rand(1000)
	slices.Sort(all)
	slices.Sort(want)
	if !slices.Equal(all, want) {
		t.Fatal("el uso concurrente perdió o repitió números")
	}
}
