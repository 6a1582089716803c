// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// num escribe v con unas 4 cifras significativas, sin ceros sobrantes.
func num(v float64) string {
	a := math.Abs(v)
	switch {
	case v == 0:
		return "0"
	case a >= 1e6 || a < 1e-3:
		return strconv.FormatFloat(v, 'e', 2, 64)
	}
	dec := max(0, 3-int(math.Floor(math.Log10(a))))
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// minMax devuelve el mínimo y el máximo de vs (no vacío).
func minMax(vs []float64) (lo, hi float64) {
	lo, hi = vs[0], vs[0]
	for _, v := range vs[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// argMinMax devuelve las posiciones del mínimo y del máximo de vs (la
// primera si se repiten).
func argMinMax(vs []float64) (iMin, iMax int) {
	for i, v := range vs {
		if v < vs[iMin] {
			iMin = i
		}
		if v > vs[iMax] {
			iMax = i
		}
	}
	return iMin, iMax
}

// describeData resume una nube de puntos: «50 puntos de datos (x de … a …,
// y de … a …)».
func describeData(xs, ys []float64) string {
	if len(xs) == 1 {
		return fmt.Sprintf("1 punto de datos (x=%s, y=%s)", num(xs[0]), num(ys[0]))
	}
	x0, x1 := minMax(xs)
	y0, y1 := minMax(ys)
	return fmt.Sprintf("%d puntos de datos (x de %s a %s, y de %s a %s)",
		len(xs), num(x0), num(x1), num(y0), num(y1))
}

// describeCurve resume una curva: dónde empieza y acaba, y sus extremos.
func describeCurve(xs, ys []float64) string {
	iMin, iMax := argMinMax(ys)
	if ys[iMin] == ys[iMax] {
		return fmt.Sprintf("es constante, y=%s", num(ys[0]))
	}
	return fmt.Sprintf("empieza en y=%s y termina en y=%s (mínimo %s en x=%s, máximo %s en x=%s)",
		num(ys[0]), num(ys[len(ys)-1]), num(ys[iMin]), num(xs[iMin]), num(ys[iMax]), num(xs[iMax]))
}

// suffix añade la escala logarítmica y el título al final del texto.
func suffix(o Options) string {
	var s string
	if o.LogY {
		s += "; eje y en escala logarítmica"
	}
	if o.Title != "" {
		s += fmt.Sprintf("; título: «%s»", o.Title)
	}
	return s + "."
}

func quote(label string) string { return "«" + label + "»" }
