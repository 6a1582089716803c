package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
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
func (f *figure) render() (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: gonum/plot no pudo dibujar la figura (%v); revisa que los valores no sean enormes ni todos iguales", r)
		}
	}()
	p, err := f.plot()
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(DPI))
	// Márgenes exteriores para que el marco no toque el borde de la imagen.
	p.Draw(draw.Crop(draw.New(c), vg.Points(6), -vg.Points(16), vg.Points(6), -vg.Points(12)))
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Image()); err != nil {
		return nil, fmt.Errorf("plots: no se pudo codificar el PNG: %w", err)
	}
	return buf.Bytes(), nil
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
	png, err := f.render()
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
