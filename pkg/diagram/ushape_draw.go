package diagram

import (
	"strconv"
)

// uSVG dibuja el esquema en U.
func (n Network) uSVG() (w, h float64, c *canvas) {
	g := n.uLayout()
	top, bottom := g.extent()
	legend := n.legendEntries()
	legendW := legendWidth(legend)
	content := g.right - g.left
	w = max(800, content+40, legendW+40)
	c = &canvas{}
	c.title(n.Title)
	c.open("g", "transform", "translate("+num((w-content)/2-g.left)+","+num(56-top)+")")
	c.raw(">\n")
	n.drawUSkips(c, g)
	for i := range n.Layers {
		n.drawUBar(c, g, i)
	}
	n.drawUArrows(c, g)
	c.raw("</g>\n")
	legendY := 56 - top + bottom + 24
	drawLegend(c, legend, (w-legendW)/2, legendY)
	return w, legendY + 24, c
}

// drawUBar dibuja la barra de la capa i (y la copia que le llega por un
// salto, si la hay) con sus canales y su tamaño.
func (n Network) drawUBar(c *canvas, g uGeometry, i int) {
	l := n.Layers[i]
	y := g.top(i)
	if g.copyW[i] > 0 {
		c.bar(g.x[i]-g.copyW[i], y, g.copyW[i], g.h[i], copyColors, "copia")
	}
	c.bar(g.x[i], y, g.w[i], g.h[i], colorsOf(l, false), "mapa")
	size := strconv.Itoa(l.Width) + "×" + strconv.Itoa(l.Height)
	if textWidth(size, 9)+6 < g.h[i] {
		cx, cy := g.center(i)+3, g.levelY[g.level[i]]
		c.text(0, 0, size, "transform", "translate("+num(cx)+","+num(cy)+") rotate(-90)",
			"text-anchor", "middle", "font-size", "9", "fill", "#1d3b53")
	}
	labelY := y - 5
	if n.labelBelow(i) {
		labelY = g.bottom(i) + 13
	}
	c.text(g.center(i), labelY, strconv.Itoa(l.Channels), "text-anchor", "middle", "font-size", "11", "font-weight", "bold")
	if l.Label != "" {
		c.text(g.center(i), g.bottom(i)+13+lineGap, l.Label, "text-anchor", "middle", "font-size", "12", "font-style", "italic", "fill", mutedColor)
	}
}

// labelBelow indica si el número de canales va debajo de la barra, para no
// chocar con una flecha vertical que sale o llega por arriba.
func (n Network) labelBelow(i int) bool {
	if n.Layers[i].Kind == Pool {
		return true
	}
	return i+1 < len(n.Layers) && n.Layers[i+1].Kind == UpConv
}

// drawUArrows dibuja las flechas entre capas seguidas: horizontales dentro
// de un nivel, hacia abajo en un Pool y hacia arriba en un UpConv.
func (n Network) drawUArrows(c *canvas, g uGeometry) {
	for i := 1; i < len(n.Layers); i++ {
		l, color := n.Layers[i], arrowColor(n.Layers[i])
		switch l.Kind {
		case Pool:
			c.arrow(g.center(i), g.bottom(i-1)+3, g.center(i), g.top(i)-3, color, "flecha")
		case UpConv:
			c.arrow(g.center(i), g.top(i-1)-3, g.center(i), g.bottom(i)+3, color, "flecha")
		default:
			y := g.levelY[g.level[i]]
			c.arrow(g.x[i-1]+g.w[i-1]+3, y, g.x[i]-g.copyW[i]-3, y, color, "flecha")
		}
	}
}

// drawUSkips dibuja las conexiones de salto: de la barra de origen a la
// copia que está junto a la barra de destino.
func (n Network) drawUSkips(c *canvas, g uGeometry) {
	for _, s := range n.Skips {
		y1, y2 := g.levelY[g.level[s.From]], g.levelY[g.level[s.To]]
		c.arrow(g.x[s.From]+g.w[s.From]+3, y1, g.x[s.To]-g.copyW[s.To]-3, y2, skipArrow, "salto")
	}
}
