// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"neuronas/internal/chart"
	"neuronas/pkg/show"
)

// samples es el número de puntos de cada curva, como torch.linspace(…, 100).
const samples = 100

// Draw2DFunction dibuja la función f (evaluada en 100 puntos equiespaciados,
// que deben dar valores finitos) y muestra la figura; es draw_2D_function
// del curso. Usa de opts: Range (por defecto [-4, 4]), Label (etiqueta de la
// leyenda; sin ella no hay leyenda), Title, Data (puntos que se dibujan
// además de la curva, que entonces recorre el rango de x de los datos si no
// se da Range) y LogY.
//
//	plots.Draw2DFunction(relu, plots.Options{Label: "ReLU", Title: "Activación"})
func Draw2DFunction(f func(x float64) float64, opts ...Options) error {
	return display(Render2DFunction(f, opts...))
}

// Render2DFunction es como [Draw2DFunction] pero no muestra nada: devuelve el
// PNG y su texto alternativo.
func Render2DFunction(f func(x float64) float64, opts ...Options) (png []byte, alt string, err error) {
	const fn = "plots.Draw2DFunction"
	o, err := pick(fn, opts)
	if err == nil {
		err = unused(fn, o, true, true, true)
	}
	if err != nil {
		return nil, "", err
	}
	if f == nil {
		return nil, "", fmt.Errorf("%s: f es nil; pasa una función, por ejemplo func(x float64) float64 { return x * x }", fn)
	}
	return renderFunctions(fn, []Func{{F: f, Label: o.Label}}, o)
}

// Draw2DFunctions dibuja varias funciones en la misma figura (por ejemplo una
// activación y su derivada) y la muestra. Cada [Func] lleva su etiqueta; las
// opciones son las de [Draw2DFunction] salvo Label, que no se usa.
//
//	plots.Draw2DFunctions([]plots.Func{{F: sigmoid, Label: "sigmoide"}, {F: tanh, Label: "tanh"}})
func Draw2DFunctions(fs []Func, opts ...Options) error {
	return display(Render2DFunctions(fs, opts...))
}

// Render2DFunctions es como [Draw2DFunctions] pero no muestra nada: devuelve
// el PNG y su texto alternativo.
func Render2DFunctions(fs []Func, opts ...Options) (png []byte, alt string, err error) {
	const fn = "plots.Draw2DFunctions"
	o, err := pick(fn, opts)
	if err == nil {
		err = unused(fn, o, true, false, true)
	}
	if err != nil {
		return nil, "", err
	}
	if len(fs) == 0 {
		return nil, "", fmt.Errorf("%s: fs está vacía; pasa al menos una plots.Func{F: ..., Label: ...}", fn)
	}
	seen := map[string]int{}
	for i, f := range fs {
		if f.F == nil {
			return nil, "", fmt.Errorf("%s: fs[%d].F es nil; pon la función en el campo F", fn, i)
		}
		// Dos curvas con la misma etiqueta no se distinguen en la leyenda ni
		// en el texto alternativo.
		if j, ok := seen[f.Label]; ok && f.Label != "" {
			return nil, "", fmt.Errorf("%s: fs[%d] y fs[%d] tienen la misma etiqueta %q; dale a cada curva una etiqueta distinta", fn, j, i, f.Label)
		}
		seen[f.Label] = i
	}
	return renderFunctions(fn, fs, o)
}

// renderFunctions dibuja las funciones (y los datos, si los hay).
func renderFunctions(fn string, fs []Func, o Options) ([]byte, string, error) {
	if o.Data != nil {
		if err := checkData(fn, "Options.Data", *o.Data); err != nil {
			return nil, "", err
		}
	}
	r, err := xRange(fn, o, o.Data, [2]float64{-4, 4})
	if err != nil {
		return nil, "", err
	}
	fig := &figure{title: o.Title, xLabel: "x", yLabel: "y", logY: o.LogY}
	colors := chart.Cycle
	if o.Data != nil {
		// Como en matplotlib, scatter toma el primer color y las curvas los siguientes.
		fig.series = append(fig.series, series{xs: o.Data.X, ys: o.Data.Y, points: true, color: chart.Blue})
		colors = chart.Cycle[1:]
	}
	xs := linspace(r[0], r[1], samples)
	for i, f := range fs {
		ys, err := sample(fn, funcName(fs, i), f.F, xs)
		if err != nil {
			return nil, "", err
		}
		fig.series = append(fig.series, series{xs: xs, ys: ys, label: f.Label, color: colors[i%len(colors)]})
	}
	if o.Data != nil && fig.hasLegend() {
		fig.series[0].label = "datos"
	}
	return fig.finish(fn, functionsAlt(fig, fs, o))
}

// functionsAlt describe la figura de Draw2DFunction(s).
func functionsAlt(fig *figure, fs []Func, o Options) string {
	curves := fig.series[len(fig.series)-len(fs):]
	xs := curves[0].xs
	var b strings.Builder
	switch {
	case len(fs) > 1:
		fmt.Fprintf(&b, "Gráfica de %d funciones", len(fs))
	case fs[0].Label != "":
		fmt.Fprintf(&b, "Gráfica de la función %s", quote(fs[0].Label))
	default:
		b.WriteString("Gráfica de una función")
	}
	fmt.Fprintf(&b, " en x de %s a %s:", num(xs[0]), num(xs[len(xs)-1]))
	for i, s := range curves {
		if len(fs) > 1 {
			if i > 0 {
				b.WriteString(";")
			}
			b.WriteString(" " + funcTitle(fs, i))
		}
		b.WriteString(" " + describeCurve(s.xs, s.ys))
	}
	if o.Data != nil {
		b.WriteString("; además, " + describeData(o.Data.X, o.Data.Y))
	}
	return b.String() + suffix(o)
}

// funcName nombra la función i en los mensajes de error.
func funcName(fs []Func, i int) string {
	if len(fs) == 1 {
		return "f"
	}
	return fmt.Sprintf("fs[%d]", i)
}

// funcTitle nombra la función i en el texto alternativo.
func funcTitle(fs []Func, i int) string {
	if fs[i].Label != "" {
		return quote(fs[i].Label)
	}
	return fmt.Sprintf("la función %d", i+1)
}

// sample evalúa f en xs y comprueba que todos los valores sean finitos.
func sample(fn, name string, f func(float64) float64, xs []float64) ([]float64, error) {
	var at atomic.Int64 // El punto por el que va f, para el mensaje si no termina.
	type result struct {
		ys  []float64
		err error
	}
	r, ok := within(callTimeout, func() result {
		ys := make([]float64, len(xs))
		for i, x := range xs {
			at.Store(int64(i))
			y, err := callSafely(func() float64 { return f(x) })
			if err != nil {
				return result{err: fmt.Errorf("%s: %s entró en pánico en x=%s (%v); revisa la función", fn, name, num(x), err)}
			}
			ys[i] = y
			if math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
				return result{err: fmt.Errorf("%s: %s devuelve %v en x=%s (punto %d de %d); elige un Options.Range donde la función sea finita",
					fn, name, ys[i], num(x), i+1, len(xs))}
			}
		}
		return result{ys: ys}
	})
	if !ok {
		return nil, fmt.Errorf("%s: %s no ha terminado en %v (se quedó en x=%s); ¿hay un bucle que no acaba? Revisa la condición de salida de tus bucles",
			fn, name, callTimeout, num(xs[at.Load()]))
	}
	return r.ys, r.err
}

// callTimeout es lo que se espera a que el código del estudiante (la
// función que se dibuja, o predict) termine: mucho más de lo que tarda
// cualquier figura del curso, pero la celda no se queda colgada para siempre.
var callTimeout = 30 * time.Second

// within llama a f y espera como mucho d a que termine; ok es false si no
// terminó (f sigue en su goroutine, pero la celda puede acabar).
func within[T any](d time.Duration, f func() T) (v T, ok bool) {
	done := make(chan T, 1)
	go func() { done <- f() }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case v = <-done:
		return v, true
	case <-t.C:
		return v, false
	}
}

// linspace devuelve n valores equiespaciados de lo a hi, ambos incluidos.
func linspace(lo, hi float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	xs[n-1] = hi
	return xs
}

// display muestra la figura con show.PNG, o devuelve el error.
func display(png []byte, alt string, err error) error {
	if err != nil {
		return err
	}
	return show.PNG(png, alt)
}

// callSafely llama a f (código del estudiante) y convierte un pánico en error,
// para que la celda muestre un mensaje en vez de una traza de Go.
func callSafely[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f(), nil
}
