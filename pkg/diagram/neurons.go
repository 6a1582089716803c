// SPDX-License-Identifier: Apache-2.0

package diagram

import "strconv"

// neuronGeometry es la posición de cada neurona del dibujo neurona a neurona.
type neuronGeometry struct {
	x      []float64   // x de cada capa
	y      [][]float64 // y de cada neurona de cada capa
	r      float64     // radio de los círculos
	bottom float64     // y más baja de los círculos
}

func (n Network) neuronLayout() neuronGeometry {
	maxN := 1
	for _, l := range n.Layers {
		maxN = max(maxN, l.Units)
	}
	spacing := min(64, 420/float64(maxN))
	g := neuronGeometry{r: min(18, spacing*0.36)}
	top, mid := 70.0, 70+float64(maxN-1)*spacing/2
	const left, right = 110.0, 690.0
	for i, l := range n.Layers {
		x := (left + right) / 2
		if len(n.Layers) > 1 {
			x = left + (right-left)*float64(i)/float64(len(n.Layers)-1)
		}
		g.x = append(g.x, x)
		ys := make([]float64, l.Units)
		for j := range ys {
			ys[j] = mid + (float64(j)-float64(l.Units-1)/2)*spacing
		}
		g.y = append(g.y, ys)
	}
	g.bottom = top + float64(maxN-1)*spacing + g.r
	return g
}

// drawNeurons dibuja la red neurona a neurona y devuelve su tamaño.
func (n Network) drawNeurons(c *canvas) (w, h float64) {
	g := n.neuronLayout()
	c.raw(`<g class="conexiones" stroke="#9aa3ab" stroke-width="1" stroke-opacity="0.75">` + "\n")
	for i := 1; i < len(g.x); i++ {
		for _, y0 := range g.y[i-1] {
			for _, y1 := range g.y[i] {
				c.tag("line", "class", "conexion", "x1", num(g.x[i-1]+g.r), "y1", num(y0), "x2", num(g.x[i]-g.r), "y2", num(y1))
			}
		}
	}
	c.raw("</g>\n")
	for i := range g.x {
		n.drawNeuronColumn(c, g, i)
	}
	return 800, g.bottom + 70
}

// drawNeuronColumn dibuja los círculos de la capa i, sus nombres de entrada
// o salida y el rótulo de debajo.
func (n Network) drawNeuronColumn(c *canvas, g neuronGeometry, i int) {
	last := len(g.x) - 1
	s := neuronColors(i, last)
	for j, y := range g.y[i] {
		c.tag("circle", "class", "neurona", "cx", num(g.x[i]), "cy", num(y), "r", num(g.r),
			"fill", s.front, "stroke", s.stroke, "stroke-width", "1.5")
		switch {
		case i == 0:
			c.text(g.x[i]-g.r-8, y+5, "x"+subscript(j+1), "text-anchor", "end", "font-size", "15", "font-style", "italic")
		case i == last:
			c.text(g.x[i]+g.r+8, y+5, "ŷ"+subscript(j+1), "font-size", "15", "font-style", "italic")
		}
	}
	units := count(n.Layers[i].Units, "neurona", "neuronas")
	if i == 0 { // Las entradas son datos, no neuronas (como advierte el curso).
		units = count(n.Layers[i].Units, "entrada", "entradas")
	}
	c.text(g.x[i], g.bottom+30, neuronCaption(n.Layers[i], i, last), "text-anchor", "middle", "font-size", "14", "font-weight", "bold", "fill", s.stroke)
	c.text(g.x[i], g.bottom+48, units, "text-anchor", "middle", "font-size", "12", "fill", mutedColor)
}

// neuronColors: entradas en rojo, capas ocultas en verde, salidas en azul.
func neuronColors(i, last int) swatch {
	switch {
	case i == 0:
		return inputColors
	case i == last:
		return outputColors
	}
	return denseColors
}

// neuronCaption es el rótulo de la capa i: su Label o "entrada", "capa
// oculta i", "salida".
func neuronCaption(l Layer, i, last int) string {
	switch {
	case l.Label != "":
		return l.Label
	case i == 0:
		return "entrada"
	case i == last:
		return "salida"
	}
	return "capa oculta " + strconv.Itoa(i)
}

// subscript escribe un número con dígitos de subíndice: 12 → "₁₂".
func subscript(k int) string {
	out := []rune{}
	for _, d := range strconv.Itoa(k) {
		out = append(out, '₀'+(d-'0'))
	}
	return string(out)
}
