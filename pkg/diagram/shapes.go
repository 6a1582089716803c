package diagram

import "math"

// arrow dibuja una flecha recta de (x1, y1) a (x2, y2) con la punta rellena.
func (c *canvas) arrow(x1, y1, x2, y2 float64, color, class string) {
	dx, dy := x2-x1, y2-y1
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	ux, uy := dx/length, dy/length
	const head, half = 7.0, 3.5
	bx, by := x2-ux*head, y2-uy*head
	c.open("g", "class", class)
	c.raw(">")
	c.tag("line", "x1", num(x1), "y1", num(y1), "x2", num(bx), "y2", num(by),
		"stroke", color, "stroke-width", "2")
	c.tag("polygon", "points", points(x2, y2, bx-uy*half, by+ux*half, bx+uy*half, by-ux*half), "fill", color)
	c.raw("</g>\n")
}

// cuboid dibuja una caja en 3D: la cara frontal mide w×h con la esquina de
// arriba a la izquierda en (x, y); la profundidad d se dibuja en diagonal
// hacia arriba a la derecha.
func (c *canvas) cuboid(x, y, w, h, d float64, s swatch) {
	dx, dy := d*0.75, d*0.6
	c.open("g", "class", "mapa", "stroke", s.stroke, "stroke-width", "1", "stroke-linejoin", "round")
	c.raw(">")
	c.tag("polygon", "points", points(x, y, x+dx, y-dy, x+w+dx, y-dy, x+w, y), "fill", s.top)
	c.tag("polygon", "points", points(x+w, y, x+w+dx, y-dy, x+w+dx, y+h-dy, x+w, y+h), "fill", s.side)
	c.tag("rect", "x", num(x), "y", num(y), "width", num(w), "height", num(h), "fill", s.front)
	c.raw("</g>\n")
}

// cuboidOffset es cuánto se desplaza el fondo de una caja de profundidad d.
func cuboidOffset(d float64) (dx, dy float64) { return d * 0.75, d * 0.6 }

// bar dibuja un rectángulo con esquinas algo redondeadas.
func (c *canvas) bar(x, y, w, h float64, s swatch, class string) {
	c.tag("rect", "class", class, "x", num(x), "y", num(y), "width", num(w), "height", num(h),
		"rx", "2", "fill", s.front, "stroke", s.stroke, "stroke-width", "1.2")
}

// bracket dibuja una llave horizontal de x1 a x2 a la altura y, con su
// nombre debajo.
func (c *canvas) bracket(x1, x2, y float64, label string) {
	mid := (x1 + x2) / 2
	d := "M" + num(x1) + "," + num(y-6) + " Q" + num(x1) + "," + num(y) + " " + num(x1+8) + "," + num(y) +
		" L" + num(mid-6) + "," + num(y) + " L" + num(mid) + "," + num(y+6) + " L" + num(mid+6) + "," + num(y) +
		" L" + num(x2-8) + "," + num(y) + " Q" + num(x2) + "," + num(y) + " " + num(x2) + "," + num(y-6)
	c.tag("path", "class", "grupo", "d", d, "fill", "none", "stroke", mutedColor, "stroke-width", "1.2")
	c.text(mid, y+22, label, "text-anchor", "middle", "font-size", "13", "fill", mutedColor)
}

// title escribe el título del dibujo arriba a la izquierda.
func (c *canvas) title(s string) {
	if s == "" {
		return
	}
	c.text(20, 30, s, "font-size", num(titleSize), "font-weight", "bold")
}
