// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"math"
	"strconv"
)

// Medidas del esquema en U.
const (
	uGapX    = 14.0  // separación horizontal entre barras de un mismo nivel
	uGapY    = 40.0  // separación vertical entre niveles
	uMaxH    = 140.0 // alto de la barra más alta
	uLabelH  = 20.0  // sitio para el número de canales
	uNumSize = 13.0  // letra de los números: canales y tamaño (girado, dentro de la barra)
)

// uGeometry es la posición de cada barra del esquema en U. Cada capa es una
// barra de ancho según sus canales y alto según su tamaño espacial.
type uGeometry struct {
	level       []int
	x, w, h     []float64
	copyW       []float64 // ancho de la copia que llega por un salto (0 si no hay)
	levelY      []float64 // y del centro de cada nivel
	left, right float64
}

func (n Network) uLayout() uGeometry {
	k := len(n.Layers)
	g := uGeometry{level: n.levels(), x: make([]float64, k), w: make([]float64, k), h: make([]float64, k), copyW: make([]float64, k)}
	sc := n.scales()
	for _, s := range n.Skips {
		g.copyW[s.To] = barWidth(n.Layers[s.From].Channels)
	}
	for i, l := range n.Layers {
		g.w[i] = barWidth(l.Channels)
		g.h[i] = scaled(l.Height, sc.side, 0.4, uMaxH, 46) // con 46 cabe «28×28» girado
		if i > 0 {
			g.x[i] = g.nextX(i, l.Kind)
		}
	}
	g.levelY = g.levelCenters()
	g.left, g.right = math.Inf(1), math.Inf(-1)
	for i, l := range n.Layers {
		half := textWidth(l.Label, labelSize) / 2
		g.left = min(g.left, g.x[i]-g.copyW[i], g.center(i)-half)
		g.right = max(g.right, g.x[i]+g.w[i], g.center(i)+half)
	}
	return g
}

// nextX coloca la barra i: a la derecha de la anterior si sigue en el mismo
// nivel, o justo debajo o encima (centrada) si cambia de nivel.
func (g uGeometry) nextX(i int, k Kind) float64 {
	if k == Pool || k == UpConv {
		return g.x[i-1] + g.w[i-1]/2 - g.w[i]/2
	}
	return g.x[i-1] + g.w[i-1] + uGapX + g.copyW[i]
}

// levelCenters calcula la y del centro de cada nivel, dejando sitio para la
// barra más alta de cada uno.
func (g uGeometry) levelCenters() []float64 {
	var half []float64
	for i, lv := range g.level {
		for len(half) <= lv {
			half = append(half, 0)
		}
		half[lv] = max(half[lv], g.h[i]/2)
	}
	ys := make([]float64, len(half))
	for lv := 1; lv < len(half); lv++ {
		ys[lv] = ys[lv-1] + half[lv-1] + uGapY + half[lv]
	}
	return ys
}

func (g uGeometry) top(i int) float64    { return g.levelY[g.level[i]] - g.h[i]/2 }
func (g uGeometry) bottom(i int) float64 { return g.levelY[g.level[i]] + g.h[i]/2 }
func (g uGeometry) center(i int) float64 { return g.x[i] + g.w[i]/2 }

// extent devuelve lo más alto y lo más bajo del dibujo, con los textos.
func (g uGeometry) extent() (top, bottom float64) {
	for i := range g.x {
		top = min(top, g.top(i)-uLabelH)
		bottom = max(bottom, g.bottom(i)+uLabelH+lineGap)
	}
	return top, bottom
}

// barWidth da a cada barra un ancho que crece con el logaritmo de los canales;
// la más estrecha (14) aún deja dentro las cifras giradas de su tamaño.
func barWidth(channels int) float64 {
	return 14 + 1.2*math.Log2(float64(channels))
}

// drawU dibuja el esquema en U y devuelve su tamaño.
func (n Network) drawU(c *canvas) (w, h float64) {
	g := n.uLayout()
	top, bottom := g.extent()
	legend := n.legendEntries()
	legendW := legendWidth(legend)
	content := g.right - g.left
	w = max(800, content+40, legendW+40)
	c.group((w-content)/2-g.left, 56-top)
	n.drawUSkips(c, g)
	for i := range n.Layers {
		n.drawUBar(c, g, i)
	}
	n.drawUArrows(c, g)
	c.raw("</g>\n")
	legendY := 56 - top + bottom + 24
	drawLegend(c, legend, (w-legendW)/2, legendY)
	return w, legendY + 24
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
	if textWidth(size, uNumSize)+6 < g.h[i] {
		// Girado, la altura de las cifras (unos 0,72 del tamaño) queda a lo
		// ancho de la barra: se centra desplazando la línea base la mitad.
		cx, cy := g.center(i)+0.36*uNumSize, g.levelY[g.level[i]]
		c.text(0, 0, size, "class", "medida", "transform", translate(cx, cy)+" rotate(-90)",
			"text-anchor", "middle", "font-size", num(uNumSize), "fill", "#1d3b53")
	}
	labelY := y - 5
	if n.labelBelow(i) {
		labelY = g.bottom(i) + uNumSize + 2
	}
	c.text(g.center(i), labelY, strconv.Itoa(l.Channels), "text-anchor", "middle", "font-size", num(uNumSize), "font-weight", "bold")
	if l.Label != "" {
		c.text(g.center(i), g.bottom(i)+uNumSize+2+lineGap, l.Label, "text-anchor", "middle", "font-size", "12", "font-style", "italic", "fill", mutedColor)
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

// La leyenda de colores de las flechas, debajo de la U.

// legendEntry es una línea de la leyenda: una flecha de un color y su significado.
type legendEntry struct{ color, label string }

// legendEntries enumera las operaciones del esquema en U en el orden en que
// aparecen, sin repetir.
func (n Network) legendEntries() []legendEntry {
	var out []legendEntry
	seen := map[string]bool{}
	add := func(color, label string) {
		if label != "" && !seen[label] {
			seen[label] = true
			out = append(out, legendEntry{color, label})
		}
	}
	for i, l := range n.Layers {
		add(arrowColor(l), opLabel(l))
		for _, s := range n.Skips {
			if s.To == i {
				add(skipArrow, "copiar y recortar")
			}
		}
	}
	return out
}

const (
	legendArrow = 30.0
	legendSize  = 13.0
	legendGap   = 20.0
)

func legendWidth(entries []legendEntry) float64 {
	w := 0.0
	for k, e := range entries {
		if k > 0 {
			w += legendGap
		}
		w += legendArrow + 6 + textWidth(e.label, legendSize)
	}
	return w
}

// drawLegend dibuja la leyenda en una fila que empieza en (x, y).
func drawLegend(c *canvas, entries []legendEntry, x, y float64) {
	for _, e := range entries {
		c.arrow(x, y-4, x+legendArrow, y-4, e.color, "leyenda")
		x += legendArrow + 6
		c.text(x, y, e.label, "font-size", num(legendSize))
		x += textWidth(e.label, legendSize) + legendGap
	}
}
