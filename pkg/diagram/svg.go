// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"neuronas/pkg/show"
)

// SVG devuelve el dibujo de la red como texto SVG autocontenido (sin
// letras, estilos ni programas externos), de 640 píxeles de ancho (hasta 800
// si el dibujo es muy largo, como AlexNet). Antes comprueba la descripción
// con [Network.Validate] y devuelve su error si lo hay. La misma descripción
// da siempre el mismo texto.
func (n Network) SVG() (string, error) {
	if err := n.Validate(); err != nil {
		return "", err
	}
	body := &canvas{}
	body.title(n.Title)
	var w, h float64
	switch n.Layout {
	case NeuronLevel:
		w, h = n.drawNeurons(body)
	case UShaped:
		w, h = n.drawU(body)
	default:
		w, h = n.drawLayered(body)
	}
	return document(w, h, n.Alt(), body), nil
}

// Show muestra el dibujo en el cuaderno, con [Network.Alt] como texto
// alternativo. Fuera de un cuaderno lo guarda en un fichero (ver el paquete
// show). Devuelve el error de la descripción si no se puede dibujar.
func (n Network) Show() error {
	svg, err := n.SVG()
	if err != nil {
		return err
	}
	return show.SVG(svg, n.Alt())
}

// El lienzo: escribe los elementos SVG.

// canvas acumula los elementos SVG de un dibujo. Todas las coordenadas se
// escriben redondeadas a una décima, así la salida es siempre la misma.
type canvas struct {
	b strings.Builder
}

// tag escribe un elemento vacío <name k="v" .../>; attrs son pares clave, valor.
func (c *canvas) tag(name string, attrs ...string) {
	c.open(name, attrs...)
	c.b.WriteString("/>\n")
}

// open escribe el principio de un elemento sin cerrar el «>».
func (c *canvas) open(name string, attrs ...string) {
	c.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		c.b.WriteString(" " + attrs[i] + `="` + escape(attrs[i+1]) + `"`)
	}
}

// text escribe un texto en (x, y); attrs son atributos extra (text-anchor...).
func (c *canvas) text(x, y float64, s string, attrs ...string) {
	c.open("text", append([]string{"x", num(x), "y", num(y)}, attrs...)...)
	c.b.WriteString(">" + escape(s) + "</text>\n")
}

// group abre un grupo <g> desplazado a (x, y); se cierra con raw("</g>\n").
func (c *canvas) group(x, y float64) {
	c.open("g", "transform", translate(x, y))
	c.raw(">\n")
}

// translate es la transformación SVG que desplaza a (x, y).
func translate(x, y float64) string { return "translate(" + num(x) + "," + num(y) + ")" }

// raw añade texto SVG ya formado.
func (c *canvas) raw(s string) { c.b.WriteString(s) }

// document envuelve el dibujo (de w×h unidades) en un <svg> completo, con
// fondo blanco y el texto alternativo como <title>. Se muestra al ancho de
// las gráficas ([show.DisplayWidth], 640 píxeles) si mide hasta 800
// unidades, o algo más ancho (hasta 800 píxeles) si es más largo, como
// AlexNet, para que sus textos no queden diminutos.
func document(w, h float64, alt string, body *canvas) string {
	px := show.DisplayWidth * min(max(w/800, 1), 1.25)
	var c canvas
	c.open("svg", "xmlns", "http://www.w3.org/2000/svg",
		"width", num(px), "height", num(px*h/w),
		"viewBox", "0 0 "+num(w)+" "+num(h),
		"font-family", "sans-serif", "font-size", "12", "fill", textColor,
		"role", "img", "aria-label", alt)
	c.raw(">\n")
	c.raw("<title>" + escape(alt) + "</title>\n")
	c.tag("rect", "width", num(w), "height", num(h), "fill", "#ffffff")
	c.raw(body.b.String())
	c.raw("</svg>\n")
	return c.b.String()
}

// num escribe un número con como mucho un decimal.
func num(f float64) string {
	f = math.Round(f*10) / 10
	if f == 0 {
		f = 0 // evita "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func escape(s string) string { return escaper.Replace(s) }

// textWidth estima el ancho de un texto en una letra sin serifa de tamaño size.
func textWidth(s string, size float64) float64 {
	return 0.6 * size * float64(utf8.RuneCountInString(s))
}

// maxWidth es el ancho estimado de la línea más larga.
func maxWidth(lines []string, size float64) float64 {
	w := 0.0
	for _, s := range lines {
		w = max(w, textWidth(s, size))
	}
	return w
}

// points escribe una lista de puntos para polygon: "x1,y1 x2,y2 ...".
func points(xy ...float64) string {
	parts := make([]string, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		parts = append(parts, num(xy[i])+","+num(xy[i+1]))
	}
	return strings.Join(parts, " ")
}

// Las figuras que comparten los tres tipos de dibujo.

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
	dx, dy := cuboidOffset(d)
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

// scaled da una longitud proporcional a (v/max)^exp, de modo que el valor max
// mide full; nunca menos de min. Con exp = 0,5 (raíz) las áreas son
// proporcionales a v; con 0,4 las figuras pequeñas crecen algo más (los
// mapas de una red convolucional cambian mucho de tamaño).
func scaled(v, max int, exp, full, min float64) float64 {
	if max <= 0 {
		return min
	}
	return math.Max(min, full*math.Pow(float64(v)/float64(max), exp))
}
