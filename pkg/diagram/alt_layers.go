package diagram

import "strconv"

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
	level, best, bestLevel := 0, n.Layers[0], 0
	for _, l := range n.Layers {
		level += levelStep(l.Kind)
		if level >= bestLevel {
			best, bestLevel = l, level
		}
	}
	return best
}
