package diagram

import (
	"strconv"
	"strings"
)

// Layers devuelve un esquema por capas ([Layered]) con el título y las capas
// dadas. La primera capa debe ser la entrada:
//
//	diagram.Layers("Mi red",
//		diagram.Layer{Kind: diagram.Input, Width: 28, Height: 28, Channels: 1},
//		diagram.Layer{Kind: diagram.Conv, Kernel: 3, Width: 26, Height: 26, Channels: 32},
//		diagram.Layer{Kind: diagram.Dense, Units: 10, Activation: "softmax"},
//	).Show()
func Layers(title string, layers ...Layer) Network {
	return Network{Title: title, Layout: Layered, Layers: layers}
}

// MLP devuelve un perceptrón multicapa dibujado neurona a neurona
// ([NeuronLevel]): sizes[0] es el número de entradas, el último es el número
// de salidas y los del medio son las capas ocultas. Por ejemplo, MLP(1, 5, 5,
// 5, 1) es la red de una entrada, tres capas ocultas de 5 neuronas y una
// salida. Si alguna capa tiene más de [MaxNeurons] neuronas, SVG y Show
// devuelven un error: entonces conviene dibujarla por capas (cambiando
// Layout a [Layered]).
func MLP(sizes ...int) Network {
	n := Network{Title: "Perceptrón multicapa " + joinSizes(sizes), Layout: NeuronLevel}
	for i, s := range sizes {
		kind := Dense
		if i == 0 {
			kind = Input
		}
		n.Layers = append(n.Layers, Layer{Kind: kind, Units: s})
	}
	return n
}

// joinSizes escribe los tamaños separados por guiones: "3-4-3-2".
func joinSizes(sizes []int) string {
	parts := make([]string, len(sizes))
	for i, s := range sizes {
		parts[i] = strconv.Itoa(s)
	}
	return strings.Join(parts, "-")
}
