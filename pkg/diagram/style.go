package diagram

import "math"

// Colores de texto.
const (
	textColor  = "#222222"
	mutedColor = "#555555"
	titleSize  = 18
)

// swatch son los colores de una figura: relleno de la cara frontal, de la
// cara de arriba (más claro), de la cara lateral (más oscuro) y del borde.
type swatch struct {
	front, top, side, stroke string
}

var (
	inputColors  = swatch{"#f4a6a3", "#f9d0ce", "#e07b77", "#b23a36"}
	convColors   = swatch{"#8ec5ea", "#c6e2f6", "#5fa3d3", "#2b6a9b"}
	poolColors   = swatch{"#f7c07a", "#fbe0b8", "#e29d3c", "#a8621a"}
	upColors     = swatch{"#9fdcb5", "#cdeed9", "#6cc08c", "#2e8b57"}
	denseColors  = swatch{"#a9d7a0", "#d2ebcc", "#7cbf70", "#3d7a37"}
	outputColors = swatch{"#90bff0", "#c4ddf7", "#5f9bd9", "#1f5fa8"}
	copyColors   = swatch{"#ffffff", "#ffffff", "#ffffff", "#8a8a8a"}
)

// Colores de las flechas del esquema en U.
const (
	convArrow = "#2b6a9b"
	poolArrow = "#c0392b"
	upArrow   = "#2e8b57"
	skipArrow = "#8a8a8a"
	oneArrow  = "#16a085"
	flowArrow = "#777777"
)

// colorsOf devuelve los colores de una capa; last indica si es la última.
func colorsOf(l Layer, last bool) swatch {
	switch l.Kind {
	case Input:
		return inputColors
	case Pool:
		return poolColors
	case UpConv:
		return upColors
	case Dense:
		if last {
			return outputColors
		}
		return denseColors
	}
	return convColors
}

// arrowColor es el color de la flecha que produce la capa l.
func arrowColor(l Layer) string {
	switch {
	case l.Kind == Pool:
		return poolArrow
	case l.Kind == UpConv:
		return upArrow
	case l.Kind == Conv && l.Kernel == 1:
		return oneArrow
	}
	return convArrow
}

// sqrtScale da una longitud proporcional a la raíz de v, de modo que el
// valor max mide full; nunca menos de min.
func sqrtScale(v, max int, full, min float64) float64 {
	if max <= 0 {
		return min
	}
	return math.Max(min, full*math.Sqrt(float64(v)/float64(max)))
}

// powScale es como sqrtScale pero con exponente 0,4, que agranda más las
// figuras pequeñas (los mapas de una red convolucional cambian mucho de tamaño).
func powScale(v, max int, full, min float64) float64 {
	if max <= 0 {
		return min
	}
	return math.Max(min, full*math.Pow(float64(v)/float64(max), 0.4))
}
