// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"math"
	"strings"
	"testing"
)

func TestRenderSpread(t *testing.T) {
	groups := []string{"In [19]", "In [32]"}
	samples := []Sample{
		{Label: "Go", Values: [][]float64{{3, 1, 2}, {700, 20, 19}}},
		{Label: "PyTorch", Values: [][]float64{{2, 2.5, 1.5}, {780, 18, 21}}},
	}
	png, alt, err := RenderSpread(groups, samples, "celda", "pérdida final", Options{LogY: true, Title: "Semillas"})
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 1000 || string(png[1:4]) != "PNG" {
		t.Fatalf("no es un PNG (%d bytes)", len(png))
	}
	for _, want := range []string{"«Go» en In [19]: mediana 2 (de 1 a 3, 3 valores)", "In [32]: mediana 21 (de 18 a 780, 3 valores)", "escala logarítmica"} {
		if !strings.Contains(alt, want) {
			t.Errorf("falta %q en el texto alternativo:\n%s", want, alt)
		}
	}
}

func TestSpreadBadInput(t *testing.T) {
	cases := map[string][]Sample{
		"hacen falta grupos y series": nil,
		"valores para 0 grupos":       {{Label: "Go"}},
		"no tiene valores":            {{Label: "Go", Values: [][]float64{{}}}},
		"números finitos":             {{Label: "Go", Values: [][]float64{{1, math.NaN()}}}},
	}
	for want, s := range cases {
		if _, _, err := RenderSpread([]string{"a"}, s, "x", "y"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %v, se esperaba %q", s, err, want)
		}
	}
	ok := []Sample{{Label: "Go", Values: [][]float64{{1}}}}
	if _, _, err := RenderSpread([]string{"a"}, ok, "x", "y", Options{Label: "no"}); err == nil {
		t.Errorf("Spread aceptó Options.Label, que no usa")
	}
}
