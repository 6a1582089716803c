// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"neuronas/internal/chart"
	"slices"
	"strings"
)

// Sample es una serie de valores agrupados, con su etiqueta en la leyenda
// (por ejemplo, «Go» o «PyTorch»): Values[i] son los valores del grupo i.
type Sample struct {
	Label  string
	Values [][]float64
}

// spreadWidth es cuánto se separan, en unidades de x, las series de un mismo grupo.
const spreadWidth = 0.4

// Spread dibuja la dispersión de varias series de valores agrupados: para
// cada grupo (con su nombre en el eje x), los valores de cada serie como una
// columna de puntos, una serie al lado de otra, para comparar distribuciones
// (por ejemplo, las pérdidas finales de Go y de PyTorch con 50 semillas en
// cada celda del curso). xLabel e yLabel son los nombres de los ejes. Usa de
// opts: Title y LogY.
func Spread(groups []string, samples []Sample, xLabel, yLabel string, opts ...Options) error {
	return display(RenderSpread(groups, samples, xLabel, yLabel, opts...))
}

// RenderSpread es como [Spread] pero no muestra nada: devuelve el PNG y su
// texto alternativo.
func RenderSpread(groups []string, samples []Sample, xLabel, yLabel string, opts ...Options) (png []byte, alt string, err error) {
	const fn = "plots.Spread"
	o, err := pick(fn, opts)
	if err == nil {
		err = unused(fn, o, false, false, false)
	}
	if err == nil {
		err = checkSamples(fn, groups, samples)
	}
	if err == nil {
		err = checkSpreadNames(fn, groups, samples, xLabel, yLabel)
	}
	if err != nil {
		return nil, "", err
	}
	fig := &figure{title: o.Title, xLabel: xLabel, yLabel: yLabel, logY: o.LogY, xTicks: groups}
	for i, s := range samples {
		offset := spreadWidth * (float64(i)/float64(max(len(samples)-1, 1)) - 0.5)
		if len(samples) == 1 {
			offset = 0
		}
		ser := series{label: s.Label, points: true, color: chart.Cycle[i%len(chart.Cycle)]}
		for g, values := range s.Values {
			for _, v := range values {
				ser.xs, ser.ys = append(ser.xs, float64(g)+offset), append(ser.ys, v)
			}
		}
		fig.series = append(fig.series, ser)
	}
	return fig.finish(fn, spreadAlt(groups, samples, xLabel, yLabel)+suffix(o))
}

func checkSamples(fn string, groups []string, samples []Sample) error {
	if len(groups) == 0 || len(samples) == 0 {
		return fmt.Errorf("%s: hacen falta grupos y series (hay %d y %d); por ejemplo, los nombres de las celdas y una serie por implementación", fn, len(groups), len(samples))
	}
	for _, s := range samples {
		if len(s.Values) != len(groups) {
			return fmt.Errorf("%s: la serie %q tiene valores para %d grupos, pero hay %d grupos; pasa una lista de valores por grupo", fn, s.Label, len(s.Values), len(groups))
		}
		for g, values := range s.Values {
			if len(values) == 0 {
				return fmt.Errorf("%s: el grupo %s de la serie %q no tiene valores", fn, quote(groups[g]), s.Label)
			}
			if err := checkFinite(fn, fmt.Sprintf("los valores de %q en %s", s.Label, quote(groups[g])), values); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkSpreadNames comprueba que los ejes tengan nombre y que no se repitan
// los nombres de los grupos ni los de las series: con nombres vacíos o
// repetidos, ni la figura ni su texto alternativo dicen qué es cada cosa.
func checkSpreadNames(fn string, groups []string, samples []Sample, xLabel, yLabel string) error {
	for _, l := range []struct{ arg, v, example string }{{"xLabel", xLabel, "celda del curso"}, {"yLabel", yLabel, "pérdida final"}} {
		if strings.TrimSpace(l.v) == "" {
			return fmt.Errorf("%s: %s está vacío; pon el nombre del eje, por ejemplo %q", fn, l.arg, l.example)
		}
	}
	seen := map[string]int{}
	for i, g := range groups {
		if j, ok := seen[g]; ok {
			return fmt.Errorf("%s: los grupos %d y %d se llaman igual (%s); dale a cada grupo un nombre distinto", fn, j, i, quote(g))
		}
		seen[g] = i
	}
	clear(seen)
	for i, s := range samples {
		if j, ok := seen[s.Label]; ok {
			return fmt.Errorf("%s: las series %d y %d tienen la misma etiqueta %q; dale a cada serie una etiqueta distinta", fn, j, i, s.Label)
		}
		seen[s.Label] = i
	}
	return nil
}

// spreadAlt resume cada grupo de cada serie: mediana, mínimo y máximo.
func spreadAlt(groups []string, samples []Sample, xLabel, yLabel string) string {
	var parts []string
	for _, s := range samples {
		var gs []string
		for g, values := range s.Values {
			v := slices.Sorted(slices.Values(values))
			gs = append(gs, fmt.Sprintf("%s: mediana %s (de %s a %s, %d valores)", groups[g], num(median(v)), num(v[0]), num(v[len(v)-1]), len(v)))
		}
		parts = append(parts, fmt.Sprintf("%s en %s", quote(s.Label), strings.Join(gs, "; ")))
	}
	return fmt.Sprintf("Dispersión de %s por %s. %s", yLabel, xLabel, strings.Join(parts, ". "))
}

// median es la mediana de valores ya ordenados.
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
