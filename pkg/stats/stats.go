// SPDX-License-Identifier: Apache-2.0

// Package stats tiene las dos pruebas estadísticas con las que el proyecto
// compara Go con PyTorch sobre muchas semillas: si las pérdidas finales de
// un lado tienden a ser mayores (o menores) que las del otro ([MannWhitney])
// y si la proporción de redes ReLU que «mueren» es la misma ([FisherExact]).
//
// Un valor p alto (por encima de 0,05) quiere decir que la prueba no
// distingue los dos lados: las diferencias caben en lo que da el azar.
package stats

import (
	"fmt"
	"math"
	"slices"

	"neuronas/internal/valid"
)

// MannWhitney es la prueba U de Mann–Whitney (o de Wilcoxon de suma de
// rangos) de dos colas: ¿tienden los valores de a a ser mayores o menores que
// los de b? Devuelve el estadístico U de a y el valor p, con la aproximación
// normal corregida por empates y por continuidad (la de scipy con
// method="asymptotic"), adecuada desde unas 10 muestras por lado.
func MannWhitney(a, b []float64) (u, p float64, err error) {
	n1, n2 := len(a), len(b)
	if n1 == 0 || n2 == 0 {
		return 0, 0, fmt.Errorf("stats.MannWhitney: hacen falta valores en las dos muestras (hay %d y %d)", n1, n2)
	}
	for _, v := range append(append([]float64{}, a...), b...) {
		if math.IsNaN(v) {
			return 0, 0, fmt.Errorf("stats.MannWhitney: una muestra contiene NaN; quita los valores que no son números")
		}
	}
	ranks, ties := rank(append(append([]float64{}, a...), b...))
	r1 := 0.0
	for _, r := range ranks[:n1] {
		r1 += r
	}
	f1, f2, n := float64(n1), float64(n2), float64(n1+n2)
	u = r1 - f1*(f1+1)/2
	mu := f1 * f2 / 2
	sigma := math.Sqrt(f1 * f2 / 12 * ((n + 1) - ties/(n*(n-1))))
	if sigma == 0 {
		return u, 1, nil // Todos los valores son iguales: nada que distinguir.
	}
	z := (math.Abs(u-mu) - 0.5) / sigma
	return u, math.Min(1, math.Erfc(math.Max(z, 0)/math.Sqrt2)), nil
}

// rank devuelve el rango de cada valor (1 el menor; los empates reciben la
// media de sus rangos) y la suma de t³ - t sobre los grupos de empates.
func rank(v []float64) (ranks []float64, ties float64) {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int { return cmpFloat(v[i], v[j]) })
	ranks = make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && v[idx[j]] == v[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			ranks[idx[k]] = float64(i+j+1) / 2
		}
		t := float64(j - i)
		ties += t*t*t - t
		i = j
	}
	return ranks, ties
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MaxFisherN es el máximo de casos por grupo de [FisherExact]: la prueba
// recorre todas las tablas posibles, y con más casos tardaría demasiado (para
// tablas tan grandes, una prueba aproximada como la de χ² da lo mismo).
const MaxFisherN = 1_000_000

// FisherExact es la prueba exacta de Fisher de dos colas para una tabla 2×2:
// de n1 casos del primer grupo, k1 cumplen algo (por ejemplo, la red murió);
// de n2 del segundo, k2. ¿Es la proporción la misma en los dos grupos?
// Devuelve el valor p: la probabilidad, con los márgenes fijos, de las tablas
// tan improbables como la observada o más (como scipy.stats.fisher_exact).
// Cada grupo tiene como mucho [MaxFisherN] casos.
func FisherExact(k1, n1, k2, n2 int) (float64, error) {
	const fn = "stats.FisherExact"
	for _, c := range []struct {
		name string
		n    int
	}{{"n1", n1}, {"n2", n2}} {
		if err := valid.Size(fn, c.name, c.n, 1, MaxFisherN, "el número de casos de cada grupo"); err != nil {
			return 0, err
		}
	}
	if k1 < 0 || k2 < 0 || k1 > n1 || k2 > n2 {
		return 0, fmt.Errorf("%s: tabla imposible (%d de %d y %d de %d); cada k debe estar entre 0 y su n, y cada n ser positivo", fn, k1, n1, k2, n2)
	}
	k := k1 + k2 // Total de casos que cumplen.
	logP := func(x int) float64 { return logChoose(n1, x) + logChoose(n2, k-x) - logChoose(n1+n2, k) }
	observed := logP(k1)
	p := 0.0
	for x := max(0, k-n2); x <= min(k, n1); x++ {
		if lp := logP(x); lp <= observed+1e-7 {
			p += math.Exp(lp)
		}
	}
	return math.Min(1, p), nil
}

func logChoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}
