package diagram

import (
	"strconv"
)

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
		it.h = powScale(l.Height, sc.side, 130, 14)
		it.d = powScale(l.Width, sc.side, 130, 14) * 0.42
		it.t = powScale(l.Channels, sc.channels, 30, 4)
		dx, _ := cuboidOffset(it.d)
		it.shapeW = it.t + dx
		it.below = []string{dims(l)}
	} else {
		it.h = sqrtScale(l.Units, sc.units, 170, 14)
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
