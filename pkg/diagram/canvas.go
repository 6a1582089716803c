package diagram

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

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

// raw añade texto SVG ya formado.
func (c *canvas) raw(s string) { c.b.WriteString(s) }

// document envuelve el dibujo (de w×h unidades) en un <svg> completo, con
// fondo blanco y el texto alternativo como <title>. Se muestra a 800 píxeles
// de ancho, o algo más (hasta 1000) si el dibujo es muy ancho, para que los
// textos no queden diminutos.
func document(w, h float64, alt string, body *canvas) string {
	px := min(max(w, 800), 1000)
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

// points escribe una lista de puntos para polygon: "x1,y1 x2,y2 ...".
func points(xy ...float64) string {
	parts := make([]string, 0, len(xy)/2)
	for i := 0; i+1 < len(xy); i += 2 {
		parts = append(parts, num(xy[i])+","+num(xy[i+1]))
	}
	return strings.Join(parts, " ")
}
