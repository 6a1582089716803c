package diagram

// span es lo que ocupa una capa en horizontal (para llaves y saltos) y
// dónde empieza por arriba.
type span struct{ left, right, top float64 }

// layeredSVG dibuja el esquema por capas.
func (n Network) layeredSVG() (w, h float64, c *canvas) {
	items := n.layeredItems()
	total := placeItems(items)
	w = max(800, total+40)
	top, bottom := verticalExtent(items)
	skipsH := 0.0
	if len(n.Skips) > 0 {
		skipsH = 20 + 16*float64(len(n.Skips))
	}
	midY := 56 + skipsH - top
	c = &canvas{}
	c.title(n.Title)
	c.open("g", "transform", "translate("+num((w-total)/2)+","+num(midY)+")")
	c.raw(">\n")
	spans := n.drawItems(c, items)
	n.drawSkips(c, spans, top)
	groupsH := n.drawGroups(c, spans, bottom)
	c.raw("</g>\n")
	return w, midY + bottom + groupsH + 16, c
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
