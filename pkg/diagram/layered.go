// SPDX-License-Identifier: Apache-2.0

package diagram

import "strconv"

// Medidas del esquema por capas.
const (
	opSize    = 11.0 // letra de las operaciones sobre las flechas
	labelSize = 12.0 // letra de los tamaños bajo las capas
	lineGap   = 15.0 // separación entre líneas de texto
	denseW    = 16.0 // ancho de los rectángulos de las capas densas
)

// item es una figura del esquema por capas: una caja 3D para un mapa o un
// rectángulo para un vector. Las capas Pool intermedias no tienen figura:
// se escriben sobre la flecha que lleva a la siguiente.
type item struct {
	layer  int
	ops    []string // operaciones sobre la flecha que llega a la figura
	shapeW float64  // ancho de la figura (con la profundidad 3D)
	beside string   // texto a la derecha (neuronas de una capa densa)
	below  []string // textos debajo, centrados en la figura
	h, d   float64  // alto de la cara frontal y profundidad 3D
	t      float64  // grosor de la cara frontal de una caja
	x      float64  // izquierda de la figura
}

// scales guarda los valores máximos que miden lo más grande del dibujo.
type scales struct{ side, channels, units int }

func (n Network) scales() scales {
	var s scales
	for _, l := range n.Layers {
		if l.isMap() {
			s.side = max(s.side, l.Width, l.Height)
			s.channels = max(s.channels, l.Channels)
		} else {
			s.units = max(s.units, l.Units)
		}
	}
	return s
}

// layeredItems convierte las capas en figuras.
func (n Network) layeredItems() []item {
	sc := n.scales()
	var items []item
	var pending []string
	last := len(n.Layers) - 1
	for i, l := range n.Layers {
		if l.Kind == Pool && i < last {
			pending = append(pending, opLines(l)...)
			continue
		}
		ops := append(pending, opLines(l)...)
		if !l.isMap() && i > 0 && n.Layers[i-1].isMap() {
			ops = append(ops, "aplanar")
		}
		pending = nil
		items = append(items, newItem(i, l, i == last, ops, sc))
	}
	return items
}

func newItem(i int, l Layer, last bool, ops []string, sc scales) item {
	it := item{layer: i, ops: ops}
	if l.isMap() {
		it.h = scaled(l.Height, sc.side, 0.4, 130, 14)
		it.d = scaled(l.Width, sc.side, 0.4, 130, 14) * 0.42
		it.t = scaled(l.Channels, sc.channels, 0.4, 30, 4)
		dx, _ := cuboidOffset(it.d)
		it.shapeW = it.t + dx
		it.below = []string{dims(l)}
	} else {
		it.h = scaled(l.Units, sc.units, 0.5, 170, 14)
		it.shapeW = denseW
		it.beside = strconv.Itoa(l.Units)
		if l.Activation != "" {
			it.below = append(it.below, l.Activation)
		}
	}
	if l.Label != "" {
		it.below = append(it.below, l.Label)
	}
	return it
}

func besideWidth(s string) float64 {
	if s == "" {
		return 0
	}
	return 6 + textWidth(s, 13)
}

// bodyW es el ancho de la figura con el texto de al lado.
func (it item) bodyW() float64 { return it.shapeW + besideWidth(it.beside) }

// overhang es cuánto sobresalen los textos de debajo por la izquierda y por
// la derecha de la figura.
func (it item) overhang() (left, right float64) {
	half := maxWidth(it.below, labelSize) / 2
	return max(0, half-it.shapeW/2), max(0, half-(it.bodyW()-it.shapeW/2))
}

// top y bottom son los extremos de la figura respecto a la línea media (y = 0).
func (it item) top() float64 {
	_, dy := cuboidOffset(it.d)
	return -(it.h + dy) / 2
}

func (it item) bottom() float64 { return -it.top() }

// placeItems reparte las figuras de izquierda a derecha y devuelve el ancho
// total. Entre dos figuras cabe la flecha con sus operaciones (encima de la
// línea media) y lo que sobresalen los textos de debajo de cada una.
func placeItems(items []item) float64 {
	x, prevRight := 0.0, 0.0
	for k := range items {
		left, right := items[k].overhang()
		if k == 0 {
			x = left
		} else {
			x += max(40, maxWidth(items[k].ops, opSize)+12, prevRight+left+12)
		}
		items[k].x = x
		x += items[k].bodyW()
		prevRight = right
	}
	return x + prevRight
}

// span es lo que ocupa una capa en horizontal (para llaves y saltos) y
// dónde empieza por arriba.
type span struct{ left, right, top float64 }

// drawLayered dibuja el esquema por capas y devuelve su tamaño.
func (n Network) drawLayered(c *canvas) (w, h float64) {
	items := n.layeredItems()
	total := placeItems(items)
	w = max(800, total+40)
	top, bottom := verticalExtent(items)
	skipsH := 0.0
	if len(n.Skips) > 0 {
		skipsH = 20 + 16*float64(len(n.Skips))
	}
	midY := 56 + skipsH - top
	c.group((w-total)/2, midY)
	spans := n.drawItems(c, items)
	n.drawSkips(c, spans, top)
	groupsH := n.drawGroups(c, spans, bottom)
	c.raw("</g>\n")
	return w, midY + bottom + groupsH + 16
}

// verticalExtent devuelve lo más alto y lo más bajo del dibujo respecto a la
// línea media, contando los textos.
func verticalExtent(items []item) (top, bottom float64) {
	for _, it := range items {
		top = min(top, it.top(), -10-lineGap*float64(len(it.ops)))
		bottom = max(bottom, it.bottom()+6+lineGap*float64(len(it.below)))
	}
	return top, bottom
}

// drawItems dibuja las figuras y las flechas entre ellas, y devuelve lo que
// ocupa cada capa.
func (n Network) drawItems(c *canvas, items []item) []span {
	spans := make([]span, len(n.Layers))
	prevRight := 0.0
	for k, it := range items {
		x := it.x
		if k > 0 {
			mid := n.drawConnector(c, prevRight, x, it.ops)
			for j := items[k-1].layer + 1; j < it.layer; j++ {
				spans[j] = span{mid, mid, -10 - lineGap*float64(len(it.ops))}
			}
		}
		n.drawItem(c, it, x)
		spans[it.layer] = span{x, x + it.shapeW, it.top()}
		prevRight = x + it.shapeW + besideWidth(it.beside)
	}
	return spans
}

// drawConnector dibuja la flecha de x1 a x2 con las operaciones encima y
// devuelve su punto medio.
func (n Network) drawConnector(c *canvas, x1, x2 float64, ops []string) float64 {
	c.arrow(x1+5, 0, x2-5, 0, flowArrow, "flecha")
	mid := (x1 + x2) / 2
	for k, s := range ops {
		y := -8 - lineGap*float64(len(ops)-1-k)
		c.text(mid, y, s, "text-anchor", "middle", "font-size", num(opSize), "fill", mutedColor)
	}
	return mid
}

// drawItem dibuja una figura con sus textos.
func (n Network) drawItem(c *canvas, it item, x float64) {
	l := n.Layers[it.layer]
	s := colorsOf(l, it.layer == len(n.Layers)-1)
	center := x + it.shapeW/2
	if l.isMap() {
		_, dy := cuboidOffset(it.d)
		c.cuboid(x, it.top()+dy, it.t, it.h, it.d, s)
		center = x + it.t/2 + (it.shapeW-it.t)/2
	} else {
		c.bar(x, -it.h/2, denseW, it.h, s, "densa")
		c.text(x+denseW+6, 5, it.beside, "font-size", "13", "font-weight", "bold")
	}
	for k, s := range it.below {
		attrs := []string{"text-anchor", "middle", "font-size", num(labelSize)}
		if k > 0 || !l.isMap() {
			attrs = append(attrs, "font-style", "italic", "fill", mutedColor)
		}
		c.text(center, it.bottom()+16+lineGap*float64(k), s, attrs...)
	}
}

// drawSkips dibuja cada conexión de salto como un arco por encima.
func (n Network) drawSkips(c *canvas, spans []span, top float64) {
	for k, s := range n.Skips {
		a, b := spans[s.From], spans[s.To]
		x1, x2 := (a.left+a.right)/2, (b.left+b.right)/2
		peak := top - 18 - 16*float64(k)
		d := "M" + num(x1) + "," + num(a.top-3) + " C" + num(x1) + "," + num(peak) + " " +
			num(x2) + "," + num(peak) + " " + num(x2) + "," + num(b.top-10)
		c.tag("path", "class", "salto", "d", d, "fill", "none", "stroke", skipArrow, "stroke-width", "2")
		c.tag("polygon", "points", points(x2, b.top-3, x2-4, b.top-11, x2+4, b.top-11), "fill", skipArrow)
	}
}

// drawGroups dibuja las llaves de los grupos y devuelve el alto que ocupan.
func (n Network) drawGroups(c *canvas, spans []span, bottom float64) float64 {
	if len(n.Groups) == 0 {
		return 0
	}
	for _, g := range n.Groups {
		left, right := spans[g.From].left, spans[g.From].right
		for j := g.From; j <= g.To; j++ {
			left, right = min(left, spans[j].left), max(right, spans[j].right)
		}
		c.bracket(left, right, bottom+14, g.Label)
	}
	return 44
}
