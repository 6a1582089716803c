// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"neuronas/internal/chart"
	"neuronas/internal/valid"
)

// Tamaño de las figuras: 8×6 pulgadas, como figsize=(8,6) en el curso, a
// 160 ppp: el PNG mide 1280×960 píxeles y el cuaderno lo muestra a 640 de
// ancho (ver show.PNG). Con el doble de píxeles de los que ocupa se ve
// nítido en pantallas de alta densidad y al imprimir; letras y líneas se
// miden en puntos, así que la figura se ve igual que a 100 ppp.
const (
	Width  = 8 * vg.Inch
	Height = 6 * vg.Inch
	DPI    = 160
)

// series es una curva (línea) o una nube de puntos de una figura.
type series struct {
	xs, ys []float64
	label  string
	points bool // true: marcadores circulares; false: línea
	color  color.Color
}

// figure es la descripción de una figura, independiente de gonum/plot.
type figure struct {
	title, xLabel, yLabel string
	logY                  bool
	integerX              bool     // el eje x cuenta pasos: marcas enteras
	xTicks                []string // si no es nil, nombres de las marcas x = 0, 1, 2, …
	series                []series
}

// render dibuja la figura y la codifica como PNG. Las entradas ya están
// validadas; si aun así gonum/plot entra en pánico, se devuelve como error.
func (f *figure) render(fn string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: gonum/plot no pudo dibujar la figura (%v); revisa que los valores no sean enormes ni todos iguales", fn, r)
		}
	}()
	p, err := f.plot()
	if err != nil {
		return nil, err
	}
	out, err = chart.PNG(Width, Height, DPI, func(c draw.Canvas) {
		// Márgenes exteriores para que el marco no toque el borde de la imagen.
		p.Draw(draw.Crop(c, vg.Points(6), -vg.Points(16), vg.Points(6), -vg.Points(12)))
	})
	if err != nil {
		return nil, fmt.Errorf("plots: no se pudo codificar el PNG: %w", err)
	}
	return out, nil
}

// plot construye el gráfico de gonum/plot: rejilla, series, marco y leyenda.
func (f *figure) plot() (*plot.Plot, error) {
	p := plot.New()
	setStyle(p, f)
	p.Add(newGrid())
	leg := newLegendBox()
	for _, s := range f.series {
		pl, err := s.plotter()
		if err != nil {
			return nil, fmt.Errorf("plots: no se pudo dibujar la serie %q: %w", s.label, err)
		}
		p.Add(pl)
		leg.avoid(s)
		if s.label != "" {
			leg.add(s.label, pl.(plot.Thumbnailer))
		}
	}
	padAxis(&p.X, false)
	padAxis(&p.Y, f.logY)
	p.Add(frame{})
	if leg.entries > 0 {
		p.Add(leg)
	}
	return p, nil
}

// plotter convierte la serie en una línea o en una nube de puntos.
func (s series) plotter() (plot.Plotter, error) {
	xys := make(plotter.XYs, len(s.xs))
	for i := range s.xs {
		xys[i] = plotter.XY{X: s.xs[i], Y: s.ys[i]}
	}
	if s.points {
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.color, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		return sc, nil
	}
	l, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	l.LineStyle = draw.LineStyle{Color: s.color, Width: vg.Points(1.8)}
	if len(xys) <= strokeChunk {
		return l, nil
	}
	return newChunkedLine(l), nil
}

// strokeChunk es el número de segmentos de cada trazo de una línea larga.
//
// El rasterizador de gonum/plot (el de freetype) tarda un tiempo cuadrático
// en el ancho de un trazo casi horizontal con muchos vértices: la curva de
// pérdida de la red 1-1-1 del curso (2000 vértices, casi plana y con ruido)
// tardaba 2,6 s de CPU en dibujarse. En tramos de 100 segmentos tarda unos
// milisegundos y se ve igual.
var strokeChunk = 100

// chunkedLine es una línea que se dibuja en tramos de strokeChunk segmentos.
// Cada tramo comparte con el siguiente su último segmento, para que todos los
// vértices tengan su unión (sin muescas). Para todo lo demás (rango de los
// datos, leyenda) es la línea entera.
type chunkedLine struct {
	*plotter.Line
	parts []*plotter.Line
}

func newChunkedLine(l *plotter.Line) chunkedLine {
	c := chunkedLine{Line: l}
	for a := 0; ; a += strokeChunk {
		end := min(a+strokeChunk+2, len(l.XYs))
		part := *l
		part.XYs = l.XYs[a:end]
		c.parts = append(c.parts, &part)
		if end == len(l.XYs) {
			return c
		}
	}
}

// Plot dibuja los tramos.
func (c chunkedLine) Plot(canvas draw.Canvas, p *plot.Plot) {
	for _, part := range c.parts {
		part.Plot(canvas, p)
	}
}

// hasLegend indica si alguna serie tiene etiqueta.
func (f *figure) hasLegend() bool {
	for _, s := range f.series {
		if s.label != "" {
			return true
		}
	}
	return false
}

// finish comprueba la escala, dibuja la figura y la devuelve con su texto
// alternativo.
func (f *figure) finish(fn, alt string) ([]byte, string, error) {
	if err := f.checkLogY(fn); err != nil {
		return nil, "", err
	}
	if err := f.checkTexts(fn); err != nil {
		return nil, "", err
	}
	if err := f.checkSize(fn); err != nil {
		return nil, "", err
	}
	if err := f.checkAxes(fn); err != nil {
		return nil, "", err
	}
	png, err := f.render(fn)
	if err != nil {
		return nil, "", err
	}
	return png, alt, nil
}

// checkLogY comprueba que, con escala logarítmica, todas las y sean positivas.
func (f *figure) checkLogY(fn string) error {
	if !f.logY {
		return nil
	}
	for _, s := range f.series {
		for j, y := range s.ys {
			if y <= 0 {
				return fmt.Errorf("%s: Options.LogY necesita y > 0, pero %s vale y=%s en x=%s; quita LogY o dibuja valores positivos",
					fn, s.name(), num(y), num(s.xs[j]))
			}
		}
	}
	return nil
}

// name nombra la serie en los mensajes de error.
func (s series) name() string {
	switch {
	case s.label != "":
		return "la serie " + quote(s.label)
	case s.points:
		return "los datos"
	}
	return "una curva"
}

// Límites de lo que se puede dibujar: gonum/plot calcula con la diferencia
// entre el mínimo y el máximo de cada eje, que con valores de más de 1e300
// puede desbordarse (la figura sale en blanco o falla), y con una diferencia
// de menos de 1e-300 (números subnormales) no sabe poner marcas en el eje.
const (
	maxPlot  = 1e300
	minSpan  = 1e-300
	maxText  = 300 // caracteres de un título, una etiqueta o un nombre de grupo
	maxTitle = 300
)

// MaxPoints es el máximo de puntos sueltos (datos) de una figura: con 100 000
// se dibuja en unos segundos; con un millón tardaría casi un minuto.
const MaxPoints = 100_000

// MaxSeries es el máximo de series (curvas o grupos de puntos) de una figura.
const MaxSeries = 100

// checkSize comprueba que la figura no tenga más puntos ni series de los que
// se dibujan en un tiempo razonable.
func (f *figure) checkSize(fn string) error {
	if len(f.series) > MaxSeries {
		return fmt.Errorf("%s: la figura tendría %d series, más de las %d que se pueden distinguir; dibuja menos a la vez", fn, len(f.series), MaxSeries)
	}
	points := 0
	for _, s := range f.series {
		if s.points {
			points += len(s.xs)
		}
	}
	if points > MaxPoints {
		return fmt.Errorf("%s: la figura tendría %d puntos de datos, más de los %d que se dibujan en un tiempo razonable; "+
			"dibuja una muestra (por ejemplo, uno de cada %d)", fn, points, MaxPoints, (points+MaxPoints-1)/MaxPoints)
	}
	return nil
}

// checkAxes comprueba que los valores de cada eje se puedan dibujar (ver maxPlot).
func (f *figure) checkAxes(fn string) error {
	for _, axis := range []struct {
		name string
		vals func(series) []float64
	}{{"x", func(s series) []float64 { return s.xs }}, {"y", func(s series) []float64 { return s.ys }}} {
		lo, hi, any := 0.0, 0.0, false
		for _, s := range f.series {
			for _, v := range axis.vals(s) {
				if !any {
					lo, hi, any = v, v, true
				}
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if !any {
			continue
		}
		if max(math.Abs(lo), math.Abs(hi)) > maxPlot {
			return fmt.Errorf("%s: los valores de %s llegan a %s, demasiado grandes para dibujarlos (como mucho ±1e300); "+
				"revisa de dónde salen (¿un entrenamiento que diverge?) o dibuja un rango más pequeño", fn, axis.name, num(maxAbs(lo, hi)))
		}
		if hi > lo && hi-lo < minSpan {
			return fmt.Errorf("%s: los valores de %s van de %s a %s, tan juntos (diferencia menor que 1e-300) que el eje "+
				"no se puede rotular; multiplícalos por una escala o amplía Options.Range", fn, axis.name, num(lo), num(hi))
		}
	}
	return nil
}

func maxAbs(a, b float64) float64 {
	if math.Abs(a) > math.Abs(b) {
		return a
	}
	return b
}

// checkTexts comprueba el título, las etiquetas de los ejes y de las series y
// los nombres de las marcas: texto normal, sin caracteres de control.
func (f *figure) checkTexts(fn string) error {
	if err := valid.Text(fn, "Options.Title", f.title, maxTitle, false); err != nil {
		return err
	}
	for _, t := range []struct{ name, text string }{{"la etiqueta del eje x", f.xLabel}, {"la etiqueta del eje y", f.yLabel}} {
		if err := valid.Text(fn, t.name, t.text, maxText, false); err != nil {
			return err
		}
	}
	for _, s := range f.series {
		if err := valid.Text(fn, "la etiqueta "+quote(s.label), s.label, maxText, false); err != nil {
			return err
		}
	}
	// Solo espacios no es «sin título» ni «sin etiqueta»: la figura dejaría
	// un hueco y el texto alternativo diría «título: «   »».
	blank := func(t string) bool { return t != "" && strings.TrimSpace(t) == "" }
	if blank(f.title) {
		return fmt.Errorf("%s: Options.Title solo tiene espacios; escribe un título o déjalo vacío (\"\")", fn)
	}
	for i, s := range f.series {
		if blank(s.label) {
			return fmt.Errorf("%s: la etiqueta de la curva %d solo tiene espacios; escribe una o déjala vacía (\"\")", fn, i)
		}
	}
	for i, t := range f.xTicks {
		if err := valid.Text(fn, fmt.Sprintf("el grupo %d", i), t, maxText, false); err != nil {
			return err
		}
	}
	return nil
}
