// SPDX-License-Identifier: Apache-2.0

package data

import (
	"math"
	"strings"
	"testing"

	"github.com/gomlx/compute/gobackend"
	"github.com/gomlx/gomlx/core/graph"

	"neuronas/pkg/random"
)

func TestPolynomialAt(t *testing.T) {
	p, err := GeneratePolynomial([]float64{2, 1, 0})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ x, y float64 }{{0, 0}, {1, 3}, {-1, 1}, {3, 21}} {
		if got := p.At(c.x); got != c.y {
			t.Errorf("2x²+x en %v = %v, esperado %v", c.x, got, c.y)
		}
	}
	if got := p.Apply([]float64{1, 2}); got[0] != 3 || got[1] != 10 {
		t.Errorf("Apply = %v", got)
	}
}

func TestPolynomialNode(t *testing.T) {
	p, _ := GeneratePolynomial([]float64{1, -2, 3})
	out := graph.MustExecOnce(gobackend.GetBackend(), func(x *graph.Node) *graph.Node { return p.Node(x) },
		[]float64{0, 1, 2})
	got := out.Value().([]float64)
	for i, x := range []float64{0, 1, 2} {
		if got[i] != p.At(x) {
			t.Errorf("Node(%v) = %v, At = %v", x, got[i], p.At(x))
		}
	}
}

func TestPolynomialString(t *testing.T) {
	cases := map[string][]float64{
		"y = x²":             {1, 0, 0},
		"y = 2x² + x":        {2, 1, 0},
		"y = -x³ - 0.5x + 4": {-1, 0, -0.5, 4},
		"y = 0":              {0},
	}
	for want, c := range cases {
		p, _ := GeneratePolynomial(c)
		if got := p.String(); got != want {
			t.Errorf("%v: %q, esperado %q", c, got, want)
		}
	}
}

func TestGetDataReproducible(t *testing.T) {
	p, _ := GeneratePolynomial([]float64{1, 0, 0})
	a, err := GetDataFromAPolynomial(p, 50, Sigma(0.5), Range(10), WithRand(random.New(1)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := GetDataFromAPolynomial(p, 50, Sigma(0.5), Range(10), WithRand(random.New(1)))
	for i := range a.X {
		if a.X[i] != b.X[i] || a.Y[i] != b.Y[i] {
			t.Fatalf("misma semilla, punto %d distinto", i)
		}
	}
	if a.Len() != 50 || a.Validate("d") != nil {
		t.Fatalf("Len = %d, Validate = %v", a.Len(), a.Validate("d"))
	}
}

func TestGetDataNoiseAndRange(t *testing.T) {
	p, _ := GeneratePolynomial([]float64{1, 0})
	d, _ := GetDataFromAPolynomial(p, 2000, Sigma(0), Range(10), WithRand(random.New(2)))
	for i := range d.X {
		if d.X[i] < 0 || d.X[i] >= 10 || d.Y[i] != d.X[i] {
			t.Fatalf("sin ruido, punto %d = (%v, %v)", i, d.X[i], d.Y[i])
		}
	}
	d, _ = GetDataFromAPolynomial(p, 20000, WithRand(random.New(3)))
	var sum, sq float64
	for i := range d.X {
		r := d.Y[i] - d.X[i] // ruido_y - ruido_x: desviación sigma·√2
		sum += r
		sq += r * r
	}
	n := float64(len(d.X))
	std := math.Sqrt(sq/n - (sum/n)*(sum/n))
	if want := DefaultSigma * math.Sqrt2; math.Abs(std-want) > 0.1 {
		t.Errorf("desviación del ruido %v, esperada %v", std, want)
	}
}

func TestBadInput(t *testing.T) {
	if _, err := GeneratePolynomial(nil); err == nil || !strings.Contains(err.Error(), "vacía") {
		t.Errorf("coeficientes vacíos: %v", err)
	}
	if _, err := GeneratePolynomial([]float64{1, math.NaN()}); err == nil || !strings.Contains(err.Error(), "coeficiente 1") {
		t.Errorf("NaN: %v", err)
	}
	for _, tt := range []struct {
		name string
		c    []float64
		want string
	}{
		{"coeficiente 1e39", []float64{1e39, 0}, "data.GeneratePolynomial: el coeficiente 0 = 1e+39 no cabe en float32"},
		{"coeficiente -1e300", []float64{1, -1e300}, "el coeficiente 1 = -1e+300 no cabe en float32"},
		{"grado enorme", make([]float64, 1<<20), "grado máximo es 100"},
	} {
		if _, err := GeneratePolynomial(tt.c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, quería %q", tt.name, err, tt.want)
		}
	}
	p, _ := GeneratePolynomial([]float64{1, 0, 0})
	x25 := make([]float64, 26)
	x25[0] = 1
	p25, err := GeneratePolynomial(x25)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		poly Polynomial
		n    int
		opts []Option
		want string
	}{
		{"n cero", p, 0, nil, "n = 0"},
		{"n negativo", p, -3, nil, "n = -3"},
		{"n enorme", p, 1 << 40, nil, "entre 1 y 1000000"},
		{"sigma negativa", p, 5, []Option{Sigma(-1)}, "sigma = -1"},
		{"sigma NaN", p, 5, []Option{Sigma(math.NaN())}, "sigma = NaN"},
		{"rango cero", p, 5, []Option{Range(0)}, "rango = 0"},
		{"rango infinito", p, 5, []Option{Range(math.Inf(1))}, "rango = +Inf"},
		{"polinomio vacío", Polynomial{}, 5, nil, "polinomio está vacío"},
		{"sigma 1e39", p, 5, []Option{Sigma(1e39)}, "sigma (data.Sigma) = 1e+39 no cabe en float32"},
		{"rango 1e39", p, 5, []Option{Range(1e39)}, "rango (data.Range) = 1e+39 no cabe en float32"},
		{"rango subnormal", p, 5, []Option{Range(5e-324)}, "rango (data.Range) = 5e-324 es tan pequeño que en float32"},
		{"sigma subnormal", p, 5, []Option{Sigma(1e-46)}, "sigma (data.Sigma) = 1e-46 es tan pequeño que en float32"},
		{"x² en rango 1e30", p, 5, []Option{Range(1e30)}, "da y = +Inf"},
		{"x²⁵ en el rango por defecto", p25, 50, nil, "reduce el rango con data.Range"},
		{"ruido enorme", p, 50, []Option{Sigma(3e38)}, "reduce data.Sigma"},
		{"generador vacío", p, 5, []Option{WithRand(&random.Rand{})}, "data.GetDataFromAPolynomial: random.Rand.Rand: el generador no se creó con random.New"},
		{"semilla negativa", p, 5, []Option{WithRand(random.New(-1))}, "semilla"},
		{"opción nil", p, 5, []Option{Sigma(1), nil}, "la opción 1 es nil"},
	}
	for _, c := range cases {
		_, err := GetDataFromAPolynomial(c.poly, c.n, c.opts...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, se esperaba que mencionara %q", c.name, err, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	cases := map[string]Data{
		"no tiene puntos":        {},
		"3 valores de x":         {X: []float64{1, 2, 3}, Y: []float64{1}},
		"el punto 1 es (2, NaN)": {X: []float64{1, 2}, Y: []float64{1, math.NaN()}},
	}
	for want, d := range cases {
		if err := d.Validate("datos"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %v, esperado %q", d, err, want)
		}
	}
	// Sin nombre, el mensaje no empieza por un espacio: dice quién habla.
	if err := (Data{}).Validate(" "); err == nil || err.Error() != "data.Data.Validate: el conjunto de datos no tiene puntos; genera datos con data.GetDataFromAPolynomial" {
		t.Errorf("Validate sin nombre: %v", err)
	}
}
