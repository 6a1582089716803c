// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks pone como mucho unas n marcas en valores «redondos» (1, 2, 2.5
// o 5 por una potencia de 10), como hace matplotlib. Con integer, el paso es
// como mínimo 1 (para ejes de números de paso).
type niceTicks struct {
	n       int
	integer bool
}

func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	step, last := niceStep((hi - lo) / float64(t.n))
	if t.integer && step < 1 {
		step, last = 1, 0
	}
	format := labelFormat(max(math.Abs(lo), math.Abs(hi)), last)
	var ticks []plot.Tick
	for k := math.Ceil(lo / step); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: format(v)})
	}
	return ticks
}

// niceStep devuelve el menor paso «redondo» mayor o igual que raw y la
// potencia de 10 de su última cifra significativa (-1 para 0.5, -2 para 0.25).
func niceStep(raw float64) (step float64, last int) {
	e := int(math.Floor(math.Log10(raw)))
	mag := math.Pow10(e)
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw*(1-1e-9) {
			if m == 2.5 {
				return m * mag, e - 1
			}
			return m * mag, e
		}
	}
	return 10 * mag, e + 1
}

// labelFormat elige cómo escribir las marcas de un eje cuyo valor absoluto
// máximo es maxAbs y cuyo paso acaba en la cifra 10^last: con decimales
// fijos si es razonable, o en notación científica con las cifras justas para
// distinguir unas marcas de otras.
func labelFormat(maxAbs float64, last int) func(float64) string {
	dec := max(0, -last)
	if maxAbs < 1e6 && dec <= 6 {
		return func(v float64) string { return strconv.FormatFloat(v, 'f', dec, 64) }
	}
	prec := max(0, int(math.Floor(math.Log10(maxAbs)))-last)
	return func(v float64) string {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v, 'e', prec, 64)
	}
}

// logTicks pone marcas en las potencias de 10 y marcas menores en sus
// múltiplos. Si hay muchas décadas, solo etiqueta una de cada pocas; si el
// rango no contiene al menos dos potencias de 10, etiqueta también los
// múltiplos 2 y 5, y si ni así hay dos marcas, usa marcas lineales.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	e0, e1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	stride := max(1, (e1-e0+7)/8)
	if stride > 1 {
		return decadeTicks(lo, hi, e0, e1, stride)
	}
	for _, labelled := range []map[int]bool{{1: true}, {1: true, 2: true, 5: true}} {
		if ticks, n := multipleTicks(lo, hi, e0, e1, labelled); n >= 2 {
			return ticks
		}
	}
	return niceTicks{n: 7}.Ticks(lo, hi)
}

// decadeTicks marca cada potencia de 10 y etiqueta una de cada stride.
func decadeTicks(lo, hi float64, e0, e1, stride int) []plot.Tick {
	var ticks []plot.Tick
	for e := e0; e <= e1; e++ {
		v := math.Pow10(e)
		if v < lo || v > hi {
			continue
		}
		t := plot.Tick{Value: v}
		if e%stride == 0 {
			t.Label = strconv.FormatFloat(v, 'g', -1, 64)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// multipleTicks marca los múltiplos 1…9 de cada potencia de 10 y etiqueta
// los que están en labelled; devuelve también cuántas etiquetas puso.
func multipleTicks(lo, hi float64, e0, e1 int, labelled map[int]bool) ([]plot.Tick, int) {
	var ticks []plot.Tick
	n := 0
	for e := e0; e <= e1; e++ {
		for m := 1; m <= 9; m++ {
			v := float64(m) * math.Pow10(e)
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if labelled[m] {
				t.Label = strconv.FormatFloat(v, 'g', 6, 64)
				n++
			}
			ticks = append(ticks, t)
		}
	}
	return ticks, n
}
