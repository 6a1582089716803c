// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendBox dibuja la leyenda dentro de un recuadro blanco, en la esquina
// de la zona de datos que menos tapa las curvas (como loc="best").
type legendBox struct {
	leg     plot.Legend
	entries int
	series  []series
}

func newLegendBox() *legendBox {
	l := &legendBox{leg: plot.NewLegend()}
	l.leg.TextStyle.Font = sans(12)
	l.leg.Left = true
	l.leg.Padding = vg.Points(5)
	l.leg.ThumbnailWidth = vg.Points(24)
	return l
}

func (l *legendBox) add(label string, th plot.Thumbnailer) {
	l.leg.Add(label, th)
	l.entries++
}

// avoid apunta una serie que la leyenda no debe tapar.
func (l *legendBox) avoid(s series) { l.series = append(l.series, s) }

const (
	legendInset  = vg.Length(8) // separación entre el recuadro y el marco
	legendMargin = vg.Length(6) // margen interior del recuadro
)

// Plot dibuja el recuadro y la leyenda.
func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	size := l.leg.Rectangle(c).Size()
	box := l.best(c, p, size.X+2*legendMargin, size.Y+2*legendMargin)
	r := box.Rectangle
	corners := []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
	c.FillPolygon(color.NRGBA{R: 255, G: 255, B: 255, A: 230}, corners)
	c.StrokeLines(draw.LineStyle{Color: color.Gray{0xcc}, Width: vg.Points(0.8)}, append(corners, r.Min))
	l.leg.Draw(draw.Crop(box, legendMargin, -legendMargin, legendMargin, -legendMargin))
}

// best elige, entre las cuatro esquinas, la que cubre menos puntos de las
// series; a igualdad, en el orden arriba-derecha, arriba-izquierda,
// abajo-izquierda, abajo-derecha.
func (l *legendBox) best(c draw.Canvas, p *plot.Plot, w, h vg.Length) draw.Canvas {
	r := c.Rectangle
	left, right := r.Min.X+legendInset, r.Max.X-legendInset-w
	bottom, top := r.Min.Y+legendInset, r.Max.Y-legendInset-h
	cands := []vg.Point{{X: right, Y: top}, {X: left, Y: top}, {X: left, Y: bottom}, {X: right, Y: bottom}}
	pts := l.screenPoints(c, p)
	bestI, bestN := 0, math.MaxInt
	for i, o := range cands {
		rect := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + w, Y: o.Y + h}}
		if n := countInside(pts, rect); n < bestN {
			bestI, bestN = i, n
		}
	}
	o := cands[bestI]
	return draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: o, Max: vg.Point{X: o.X + w, Y: o.Y + h}}}
}

// screenPoints pasa las series a coordenadas de la figura. En las líneas
// añade puntos intermedios cada ~4 pt para no perder tramos largos.
func (l *legendBox) screenPoints(c draw.Canvas, p *plot.Plot) []vg.Point {
	trX, trY := p.Transforms(&c)
	var pts []vg.Point
	for _, s := range l.series {
		var prev vg.Point
		for i := range s.xs {
			pt := vg.Point{X: trX(s.xs[i]), Y: trY(s.ys[i])}
			if i > 0 && !s.points {
				pts = append(pts, between(prev, pt)...)
			}
			pts = append(pts, pt)
			prev = pt
		}
	}
	return pts
}

func between(a, b vg.Point) []vg.Point {
	d := b.Sub(a)
	n := int(math.Hypot(float64(d.X), float64(d.Y)) / 4)
	pts := make([]vg.Point, 0, n)
	for k := 1; k < n; k++ {
		t := vg.Length(float64(k) / float64(n))
		pts = append(pts, vg.Point{X: a.X + t*d.X, Y: a.Y + t*d.Y})
	}
	return pts
}

func countInside(pts []vg.Point, r vg.Rectangle) int {
	n := 0
	for _, p := range pts {
		if p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y {
			n++
		}
	}
	return n
}
