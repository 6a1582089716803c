package diagram

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
	legendSize  = 12.0
	legendGap   = 26.0
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
