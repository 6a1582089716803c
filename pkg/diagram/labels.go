package diagram

import (
	"fmt"
	"strings"
)

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

// maxWidth es el ancho estimado de la línea más larga.
func maxWidth(lines []string, size float64) float64 {
	w := 0.0
	for _, s := range lines {
		w = max(w, textWidth(s, size))
	}
	return w
}
