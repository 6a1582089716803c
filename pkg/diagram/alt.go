package diagram

import (
	"fmt"
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
	title := n.Title
	if title == "" {
		title = "Red neuronal"
	}
	if err := n.Validate(); err != nil {
		return title + ": descripción no válida (" + strings.TrimPrefix(err.Error(), "diagram: ") + ")."
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
