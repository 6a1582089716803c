package diagram

import "math"

// Medidas del esquema en U.
const (
	uGapX   = 22.0 // separación horizontal entre barras de un mismo nivel
	uGapY   = 48.0 // separación vertical entre niveles
	uMaxH   = 130.0
	uLabelH = 18.0 // sitio para el número de canales
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
	g := uGeometry{level: make([]int, k), x: make([]float64, k), w: make([]float64, k), h: make([]float64, k), copyW: make([]float64, k)}
	sc := n.scales()
	for _, s := range n.Skips {
		g.copyW[s.To] = barWidth(n.Layers[s.From].Channels)
	}
	for i, l := range n.Layers {
		g.w[i] = barWidth(l.Channels)
		g.h[i] = sqrtScale(l.Height, sc.side, uMaxH, 36)
		if i > 0 {
			g.level[i] = g.level[i-1] + levelStep(l.Kind)
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

// barWidth da a cada barra un ancho que crece con el logaritmo de los canales.
func barWidth(channels int) float64 {
	return 10 + 1.6*math.Log2(float64(channels))
}
