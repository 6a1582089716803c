// SPDX-License-Identifier: Apache-2.0

package valid

import (
	"math"
	"strings"
	"testing"
)

func TestChecks(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string // "" si no debe haber error
	}{
		{"tamaño válido", Size("p.F", "n", 5, 1, 10, ""), ""},
		{"tamaño cero", Size("p.F", "n", 0, 1, 10, "por ejemplo 5"), "p.F: n = 0, pero debe ser un entero positivo, como mucho 10 (por ejemplo 5)"},
		{"tamaño negativo desde 0", Size("p.F", "n", -1, 0, 10, ""), "p.F: n = -1, pero no puede ser negativo (como mucho 10)"},
		{"tamaño enorme", Size("p.F", "n", 1<<40, 0, 10, ""), "debe estar entre 0 y 10"},
		{"finito", Finite("p.F", "x", 1e300), ""},
		{"NaN", Finite("p.F", "x", math.NaN()), "p.F: x = NaN, pero debe ser un número finito"},
		{"float32 válido", Float32("p.F", "x", -math.MaxFloat32), ""},
		{"float32 grande", Float32("p.F", "x", 1e39), "p.F: x = 1e+39 no cabe en float32"},
		{"float32 Inf", Float32("p.F", "x", math.Inf(-1)), "x = -Inf, pero debe ser un número finito"},
		{"lista float32", Float32s("p.F", "c", []float64{1, 2, -1e300}), "c[2] = -1e+300"},
		{"resultado float32", FiniteFloat32s("p.F", "y", []float32{1, float32(math.Inf(1))}, "reduce x"), "p.F: y[1] da +Inf en float32; reduce x"},
		{"texto válido", Text("p.F", "t", "Título\ncon ñ", 20, true), ""},
		{"texto largo", Text("p.F", "t", strings.Repeat("á", 21), 20, false), "tiene 21 caracteres, más de los 20"},
		{"texto con control", Text("p.F", "t", "a\x1bb", 20, true), "carácter de control (U+001B) en la posición 1"},
		{"salto no admitido", Text("p.F", "t", "a\nb", 20, false), "U+000A"},
		{"texto no UTF-8", Text("p.F", "t", "a\xffb", 20, false), "no es texto UTF-8 válido"},
	} {
		switch {
		case tt.want == "" && tt.err != nil:
			t.Errorf("%s: error inesperado %v", tt.name, tt.err)
		case tt.want != "" && (tt.err == nil || !strings.Contains(tt.err.Error(), tt.want)):
			t.Errorf("%s: error %v, quería uno con %q", tt.name, tt.err, tt.want)
		}
	}
}
