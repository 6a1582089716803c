// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"math"
	"slices"

	"neuronas/internal/chart"
	"neuronas/pkg/data"
)

// Fit dibuja los datos d como círculos rojos («datos») y la curva del modelo
// («modelo») sobre 100 puntos entre la x mínima y la máxima de d, con
// leyenda y rejilla, y muestra la figura. Es la primera figura de cada celda
// de entrenamiento del curso.
//
// predict recibe las 100 x de la curva y devuelve una predicción por cada
// una (o un error): model.Predict de un modelo de [nn] sirve tal cual. Usa de opts: Range (para dibujar la curva en otro intervalo), Label
// (en vez de «modelo»), Title y LogY.
//
//	plots.Fit(d, model.Predict, plots.Options{Title: "Después de entrenar"})
func Fit(d data.Data, predict func(xs []float64) ([]float64, error), opts ...Options) error {
	return display(RenderFit(d, predict, opts...))
}

// RenderFit es como [Fit] pero no muestra nada: devuelve el PNG y su texto
// alternativo.
func RenderFit(d data.Data, predict func(xs []float64) ([]float64, error), opts ...Options) (png []byte, alt string, err error) {
	const fn = "plots.Fit"
	o, err := pick(fn, opts)
	if err == nil {
		err = unused(fn, o, true, true, false)
	}
	if err == nil {
		err = checkData(fn, "d", d)
	}
	if err != nil {
		return nil, "", err
	}
	if predict == nil {
		return nil, "", fmt.Errorf("%s: predict es nil; pasa una función que reciba las x y devuelva las predicciones del modelo", fn)
	}
	r, err := xRange(fn, o, &d, [2]float64{})
	if err != nil {
		return nil, "", err
	}
	xs := linspace(r[0], r[1], samples)
	ys, err := predictAll(fn, predict, xs)
	if err != nil {
		return nil, "", err
	}
	label := cmpOr(o.Label, "modelo")
	fig := &figure{title: o.Title, xLabel: "x", yLabel: "y", logY: o.LogY, series: []series{
		{xs: d.X, ys: d.Y, label: "datos", points: true, color: chart.Red},
		{xs: xs, ys: ys, label: label, color: chart.Blue},
	}}
	alt = fmt.Sprintf("Gráfica del ajuste: %s y la curva %s en x de %s a %s, que %s",
		describeData(d.X, d.Y), quote(label), num(r[0]), num(r[1]), describeCurve(xs, ys))
	return fig.finish(fn, alt+suffix(o))
}

// predictAll llama a predict y comprueba su respuesta.
func predictAll(fn string, predict func([]float64) ([]float64, error), xs []float64) ([]float64, error) {
	type result struct {
		ys  []float64
		err error
	}
	type safe struct {
		r        result
		panicked error
	}
	s, ok := within(callTimeout, func() safe {
		r, panicked := callSafely(func() result { ys, err := predict(slices.Clone(xs)); return result{ys, err} })
		return safe{r, panicked}
	})
	if !ok {
		return nil, fmt.Errorf("%s: predict no ha terminado en %v; ¿hay un bucle que no acaba? Revisa la función", fn, callTimeout)
	}
	r, panicked := s.r, s.panicked
	if panicked != nil {
		return nil, fmt.Errorf("%s: predict entró en pánico (%v); revisa la función", fn, panicked)
	}
	ys, err := r.ys, r.err
	if err != nil {
		return nil, fmt.Errorf("%s: predict devolvió un error: %w", fn, err)
	}
	if len(ys) != len(xs) {
		return nil, fmt.Errorf("%s: predict devolvió %d valores para %d x; debe devolver una predicción por cada x", fn, len(ys), len(xs))
	}
	for i, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("%s: predict devuelve %v en x=%s (punto %d de %d); revisa el modelo (¿ha divergido el entrenamiento?)",
				fn, y, num(xs[i]), i+1, len(xs))
		}
	}
	return ys, nil
}

// cmpOr devuelve s, o def si s está vacía.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
