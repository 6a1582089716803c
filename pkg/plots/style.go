// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sans devuelve la fuente Liberation Sans (incluida en gonum/plot) del
// tamaño pedido en puntos.
func sans(size float64) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, vg.Points(size))
}

// setStyle aplica el aspecto común: fuentes, ejes, marcas y escala.
func setStyle(p *plot.Plot, f *figure) {
	p.Title.Text = f.title
	p.Title.TextStyle.Font = sans(15)
	p.Title.Padding = vg.Points(8)
	styleAxis(&p.X, f.xLabel, niceTicks{n: 9, integer: f.integerX})
	if f.xTicks != nil {
		ticks := make(plot.ConstantTicks, len(f.xTicks))
		for i, label := range f.xTicks {
			ticks[i] = plot.Tick{Value: float64(i), Label: label}
		}
		p.X.Tick.Marker = ticks
	}
	styleAxis(&p.Y, f.yLabel, niceTicks{n: 7})
	if f.logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
}

func styleAxis(a *plot.Axis, label string, t plot.Ticker) {
	a.Label.Text = label
	a.Label.TextStyle.Font = sans(13)
	a.Label.Padding = vg.Points(4)
	a.Tick.Label.Font = sans(11)
	a.Tick.Length = vg.Points(4)
	a.Tick.Marker = t
	a.Padding = 0
	a.LineStyle.Width = 0 // la línea del eje la dibuja el marco
	a.Tick.LineStyle.Width = vg.Points(0.8)
}

// newGrid devuelve la rejilla (plt.grid(True)): líneas grises finas en las
// marcas principales.
func newGrid() *plotter.Grid {
	g := plotter.NewGrid()
	line := draw.LineStyle{Color: color.Gray{0xd0}, Width: vg.Points(0.8)}
	g.Vertical, g.Horizontal = line, line
	return g
}

// padAxis deja un margen del 5 % a cada lado, como matplotlib. En escala
// logarítmica el margen se mide en décadas.
func padAxis(a *plot.Axis, logScale bool) {
	if logScale {
		lo, hi := math.Log10(a.Min), math.Log10(a.Max)
		d := margin(lo, hi)
		a.Min, a.Max = math.Pow(10, lo-d), math.Pow(10, hi+d)
		return
	}
	d := margin(a.Min, a.Max)
	a.Min, a.Max = a.Min-d, a.Max+d
}

func margin(lo, hi float64) float64 {
	// Un intervalo que es solo ruido de redondeo (1 y 1+2e-16) se dibuja
	// como uno constante: con un margen de ese tamaño, gonum pediría millones
	// de marcas y el programa se quedaría sin memoria.
	if d := 0.05 * (hi - lo); d > 0 && hi-lo > 1e-9*max(math.Abs(lo), math.Abs(hi)) {
		return d
	}
	if lo == 0 {
		return 0.05
	}
	return 0.05 * math.Abs(lo)
}

// frame dibuja el marco completo alrededor de la zona de datos.
type frame struct{}

func (frame) Plot(c draw.Canvas, _ *plot.Plot) {
	r := c.Rectangle
	pts := []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
	c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}, pts)
}
