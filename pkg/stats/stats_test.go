// SPDX-License-Identifier: Apache-2.0

package stats

import (
	"math"
	"strings"
	"testing"
)

// Valores de referencia calculados con scipy 1.17.1:
// mannwhitneyu(a, b, method="asymptotic") y fisher_exact([[k1, n1-k1], [k2, n2-k2]]).
func TestMannWhitneyMatchesScipy(t *testing.T) {
	a := []float64{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30}
	b := []float64{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29}
	u, p, err := MannWhitney(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// scipy: U = 58.0, p = 0.13291945818531892 (con empates en b).
	if u != 58 || math.Abs(p-0.13291945818531892) > 1e-12 {
		t.Errorf("U = %v, p = %v; scipy da U = 58, p = 0.13291945818531892", u, p)
	}
	same := []float64{3, 1, 2, 5, 4}
	if _, p, _ := MannWhitney(same, same); p != 1 {
		t.Errorf("la misma muestra dos veces: p = %v, se esperaba 1", p)
	}
	far := []float64{100, 101, 102, 103, 104, 105, 106, 107, 108, 109}
	if _, p, _ := MannWhitney(same, far); math.Abs(p-0.002694262019295913) > 1e-12 {
		t.Errorf("muestras separadas: p = %v, scipy da 0.002694262019295913", p)
	}
	if _, _, err := MannWhitney(nil, same); err == nil || !strings.Contains(err.Error(), "dos muestras") {
		t.Errorf("muestra vacía: %v", err)
	}
}

func TestFisherExactMatchesScipy(t *testing.T) {
	cases := []struct {
		k1, n1, k2, n2 int
		want           float64
	}{
		{8, 10, 1, 6, 0.034965034965034975},  // fisher_exact([[8, 2], [1, 5]])
		{12, 50, 15, 50, 0.6528501938756925}, // fisher_exact([[12, 38], [15, 35]])
		{0, 20, 0, 20, 1},
		{20, 20, 0, 20, 1.4508889103849688e-11},
	}
	for _, c := range cases {
		p, err := FisherExact(c.k1, c.n1, c.k2, c.n2)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p-c.want) > 1e-9*c.want {
			t.Errorf("%d/%d frente a %d/%d: p = %v, scipy %v", c.k1, c.n1, c.k2, c.n2, p, c.want)
		}
	}
	if _, err := FisherExact(5, 3, 0, 1); err == nil || !strings.Contains(err.Error(), "imposible") {
		t.Errorf("tabla imposible: %v", err)
	}
}

// Tablas enormes: un error al momento (antes tardaban horas, o con n1+n2
// desbordado daban p = 0 para proporciones idénticas); la mayor admitida, al
// momento y con p = 1 para proporciones idénticas.
func TestFisherExactBounds(t *testing.T) {
	for _, tt := range []struct {
		name           string
		k1, n1, k2, n2 int
		want           string
	}{
		{"n1 enorme", 1, 1 << 40, 1, 10, "stats.FisherExact: n1 = 1099511627776, pero debe estar entre 1 y 1000000"},
		{"n2 enorme", 1, 10, 1 << 40, 1 << 41, "n2 = 2199023255552"},
		{"suma desbordada", math.MaxInt / 2, math.MaxInt / 2, math.MaxInt / 2, math.MaxInt / 2, "n1 ="},
		{"n1 cero", 0, 0, 1, 1, "n1 = 0"},
		{"k negativo", -1, 5, 1, 5, "imposible"},
	} {
		if _, err := FisherExact(tt.k1, tt.n1, tt.k2, tt.n2); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, quería %q", tt.name, err, tt.want)
		}
	}
	p, err := FisherExact(MaxFisherN/2, MaxFisherN, MaxFisherN/2, MaxFisherN)
	if err != nil || math.Abs(p-1) > 1e-6 {
		t.Errorf("proporciones idénticas con %d casos: p = %v, %v; quería 1", MaxFisherN, p, err)
	}
}
