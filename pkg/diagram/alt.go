// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"fmt"
	"strconv"
	"strings"
)

// Alt devuelve un texto alternativo en español que describe el dibujo, para
// quien no puede ver la imagen. Por ejemplo, para [Perceptron]:
//
//	Perceptrón multicapa 3-4-3-2, esquema neurona a neurona: 3 entradas
//	(círculos rojos), 2 capas ocultas de 4 y 3 neuronas (círculos verdes) y
//	2 salidas (círculos azules); cada neurona está conectada con todas las
//	de la capa anterior (30 conexiones).
//
// Si la descripción no es válida, lo dice y explica por qué.
func (n Network) Alt() string {
	title := strings.TrimSpace(n.Title)
	if title == "" { // Vacío o solo espacios: «   , esquema…» no se entiende.
		title = "Red neuronal"
	}
	if err := n.Validate(); err != nil {
		return title + ": descripción no válida (" + strings.TrimPrefix(err.Error(), "diagram.Network.Validate: ") + ")."
	}
	switch n.Layout {
	case NeuronLevel:
		return title + ", esquema neurona a neurona: " + n.neuronAlt() + "."
	case UShaped:
		return title + ", esquema en U: " + strings.Join(n.layerAlt(), "; ") + "."
	}
	return title + ", esquema por capas: " + strings.Join(n.layerAlt(), "; ") + "."
}

// neuronAlt describe un perceptrón neurona a neurona.
func (n Network) neuronAlt() string {
	last := len(n.Layers) - 1
	in := n.Layers[0].Units
	parts := []string{count(in, "entrada", "entradas") + colorWord(in, "rojo")}
	if last == 0 {
		return parts[0] + " y ninguna capa más"
	}
	var hidden []int
	total, links := 0, 0
	for i := 1; i < last; i++ {
		hidden = append(hidden, n.Layers[i].Units)
		total += n.Layers[i].Units
	}
	if len(hidden) > 0 {
		word := "neuronas"
		if total == 1 {
			word = "neurona"
		}
		parts = append(parts, fmt.Sprintf("%s de %s %s%s", count(len(hidden), "capa oculta", "capas ocultas"), numbers(hidden), word, colorWord(total, "verde")))
	}
	out := n.Layers[last].Units
	parts = append(parts, count(out, "salida", "salidas")+colorWord(out, "azul"))
	for i := 1; i <= last; i++ {
		links += n.Layers[i-1].Units * n.Layers[i].Units
	}
	return listY(parts) + "; cada neurona está conectada con todas las de la capa anterior (" + count(links, "conexión", "conexiones") + ")"
}

// colorWord dice de qué color son los círculos: " (círculos rojos)".
func colorWord(k int, color string) string {
	if k == 1 {
		return " (círculo " + color + ")"
	}
	plural := color + "s"
	if strings.HasSuffix(color, "l") {
		plural = color + "es"
	}
	return " (círculos " + plural + ")"
}

// layerAlt describe un esquema por capas o en U, en frases cortas: la
// entrada, cada tipo de capa, las etiquetas, los saltos y la salida.
func (n Network) layerAlt() []string {
	parts := []string{"entrada de " + shapeAlt(n.Layers[0]) + labelAlt(n.Layers[0])}
	for _, k := range []Kind{Conv, Pool, UpConv, Dense} {
		if s := n.kindAlt(k); s != "" {
			parts = append(parts, s)
		}
	}
	if n.Layout == UShaped {
		parts = append(parts, "el fondo de la U es de "+dims(n.deepest()))
	}
	last := len(n.Layers) - 1
	for i := 1; i < last; i++ {
		if l := n.Layers[i]; l.Label != "" {
			parts = append(parts, l.Label+": "+kindName(l.Kind)+" de "+shapeAlt(l))
		}
	}
	if len(n.Skips) > 0 {
		parts = append(parts, count(len(n.Skips), "conexión de salto", "conexiones de salto")+n.skipWords())
	}
	if len(n.Groups) > 0 {
		var names []string
		for _, g := range n.Groups {
			names = append(names, g.Label)
		}
		parts = append(parts, "partes: "+listY(names))
	}
	if last > 0 {
		parts = append(parts, "salida de "+shapeAlt(n.Layers[last])+labelAlt(n.Layers[last]))
	}
	return parts
}

// kindAlt resume las capas de un tipo: "3 capas densas de 4096, 4096 y 1000
// neuronas". Vacío si no hay ninguna.
func (n Network) kindAlt(k Kind) string {
	var sizes []int
	for _, l := range n.Layers[1:] {
		switch {
		case l.Kind != k:
		case k == Dense:
			sizes = append(sizes, l.Units)
		default:
			sizes = append(sizes, l.Channels)
		}
	}
	if len(sizes) == 0 {
		return ""
	}
	switch k {
	case Conv:
		return count(len(sizes), "capa convolucional", "capas convolucionales") + " de " + numbers(sizes) + " filtros"
	case Pool:
		return count(len(sizes), "capa", "capas") + " de max pooling"
	case UpConv:
		return count(len(sizes), "convolución traspuesta (up-conv)", "convoluciones traspuestas (up-conv)") + " de " + numbers(sizes) + " filtros"
	}
	return count(len(sizes), "capa densa", "capas densas") + " de " + numbers(sizes) + " neuronas"
}

// shapeAlt describe el tamaño de una capa, con su activación y su etiqueta:
// "1000 neuronas con softmax (clases)".
func shapeAlt(l Layer) string {
	s := strconv.Itoa(l.Width) + "×" + strconv.Itoa(l.Height) + "×" + strconv.Itoa(l.Channels)
	switch {
	case l.Kind == Dense:
		s = count(l.Units, "neurona", "neuronas")
	case l.Units > 0:
		s = count(l.Units, "valor", "valores")
	}
	if l.Activation != "" {
		s += " con " + l.Activation
	}
	return s
}

// labelAlt es la etiqueta entre paréntesis: " (imagen)"; vacía si no hay.
func labelAlt(l Layer) string {
	if l.Label == "" {
		return ""
	}
	return " (" + l.Label + ")"
}

// kindName es el nombre en español de un tipo de capa.
func kindName(k Kind) string {
	switch k {
	case Conv:
		return "capa convolucional"
	case Pool:
		return "capa de max pooling"
	case UpConv:
		return "convolución traspuesta"
	case Dense:
		return "capa densa"
	}
	return "entrada"
}

// skipWords explica para qué sirven los saltos según el tipo de dibujo.
func (n Network) skipWords() string {
	if n.Layout == UShaped {
		return " (copiar y recortar) que cruzan la U"
	}
	return " que saltan por encima de otras capas"
}

// deepest es la capa más profunda de la U (la última del nivel más bajo).
func (n Network) deepest() Layer {
	best, bestLevel := n.Layers[0], 0
	for i, level := range n.levels() {
		if level >= bestLevel {
			best, bestLevel = n.Layers[i], level
		}
	}
	return best
}

// Rótulos de las operaciones y tamaños, que usan el dibujo y el texto
// alternativo.

// opLines describe en una o dos líneas cortas la operación que produce la
// capa, por ejemplo ["conv 11×11", "paso 4"] o ["conv 3×3", "+ ReLU"].
// Input y Dense no tienen.
func opLines(l Layer) []string {
	name, extra := opParts(l)
	switch {
	case name == "":
		return nil
	case extra == "":
		return []string{name}
	}
	return []string{name, extra}
}

// opLabel es la operación en una sola línea: "conv 3×3 + ReLU".
func opLabel(l Layer) string {
	name, extra := opParts(l)
	if strings.HasPrefix(extra, "paso") {
		return name + ", " + extra
	}
	return strings.TrimSpace(name + " " + extra)
}

// opParts separa la operación en su nombre ("conv 3×3") y los detalles
// ("paso 2 + ReLU").
func opParts(l Layer) (name, extra string) {
	switch l.Kind {
	case Conv:
		name = "conv"
	case Pool:
		name = "max pool"
	case UpConv:
		name = "up-conv"
	default:
		return "", ""
	}
	if l.Kernel > 0 {
		name += fmt.Sprintf(" %d×%d", l.Kernel, l.Kernel)
	}
	var details []string
	if l.Stride > 1 {
		details = append(details, fmt.Sprintf("paso %d", l.Stride))
	}
	if l.Activation != "" {
		details = append(details, "+ "+l.Activation)
	}
	return name, strings.Join(details, " ")
}

// dims escribe el tamaño de un mapa: "55×55×96".
func dims(l Layer) string {
	return fmt.Sprintf("%d×%d×%d", l.Width, l.Height, l.Channels)
}

// Redacción en español.

// listY une palabras como en español: "a", "a y b", "a, b y c".
func listY(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " y " + items[len(items)-1]
}

// count escribe una cantidad con la palabra en singular o plural: "1 capa",
// "3 capas".
func count(k int, singular, plural string) string {
	if k == 1 {
		return "1 " + singular
	}
	return strconv.Itoa(k) + " " + plural
}

// numbers escribe una lista de números ("96, 256 y 384"); si son muchos,
// solo el menor y el mayor ("entre 2 y 1024"). Si todos son iguales, uno solo.
func numbers(vals []int) string {
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo == hi {
		return strconv.Itoa(lo)
	}
	if len(vals) > 6 {
		return "entre " + strconv.Itoa(lo) + " y " + strconv.Itoa(hi)
	}
	return listY(itoas(vals))
}

// itoas escribe cada número en decimal.
func itoas(vals []int) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strconv.Itoa(v)
	}
	return out
}
