// SPDX-License-Identifier: Apache-2.0

package diagram

import "strings"

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
	n := Network{Title: strings.TrimSpace("Perceptrón multicapa " + joinSizes(sizes)), Layout: NeuronLevel}
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
	return strings.Join(itoas(sizes), "-")
}

// AlexNet devuelve la descripción de AlexNet (Krizhevsky, Sutskever y
// Hinton, 2012), la red que clasifica imágenes de 224×224 en 1000 clases:
// cinco capas convolucionales, tres de max pooling y tres densas.
func AlexNet() Network {
	return Network{
		Title: "AlexNet",
		Layers: []Layer{
			{Kind: Input, Width: 224, Height: 224, Channels: 3, Label: "imagen"},
			{Kind: Conv, Kernel: 11, Stride: 4, Width: 55, Height: 55, Channels: 96},
			{Kind: Pool, Kernel: 3, Stride: 2, Width: 27, Height: 27, Channels: 96},
			{Kind: Conv, Kernel: 5, Width: 27, Height: 27, Channels: 256},
			{Kind: Pool, Kernel: 3, Stride: 2, Width: 13, Height: 13, Channels: 256},
			{Kind: Conv, Kernel: 3, Width: 13, Height: 13, Channels: 384},
			{Kind: Conv, Kernel: 3, Width: 13, Height: 13, Channels: 384},
			{Kind: Conv, Kernel: 3, Width: 13, Height: 13, Channels: 256},
			{Kind: Pool, Kernel: 3, Stride: 2, Width: 6, Height: 6, Channels: 256},
			{Kind: Dense, Units: 4096},
			{Kind: Dense, Units: 4096},
			{Kind: Dense, Units: 1000, Activation: "softmax", Label: "clases"},
		},
		Groups: []Group{
			{From: 1, To: 8, Label: "extracción de características"},
			{From: 9, To: 11, Label: "clasificación"},
		},
	}
}

// Autoencoder devuelve la descripción de un autoencoder denso para imágenes
// de 28×28 = 784 píxeles: el codificador reduce la imagen a un código
// latente de 16 números y el decodificador la reconstruye a partir de él.
func Autoencoder() Network {
	return Network{
		Title: "Autoencoder",
		Layers: []Layer{
			{Kind: Input, Units: 784, Label: "imagen"},
			{Kind: Dense, Units: 256},
			{Kind: Dense, Units: 64},
			{Kind: Dense, Units: 16, Label: "código latente"},
			{Kind: Dense, Units: 64},
			{Kind: Dense, Units: 256},
			{Kind: Dense, Units: 784, Label: "reconstrucción"},
		},
		Groups: []Group{
			{From: 1, To: 3, Label: "codificador"},
			{From: 4, To: 6, Label: "decodificador"},
		},
	}
}

// UNet devuelve la descripción de U-Net (Ronneberger, Fischer y Brox, 2015)
// con los tamaños del artículo original: la resolución baja cuatro veces
// (64, 128, 256 y 512 canales, 1024 en el fondo), vuelve a subir y cada
// nivel de subida recibe, por una conexión de salto, el mapa del mismo
// nivel de bajada.
func UNet() Network {
	n := Network{Title: "U-Net", Layout: UShaped}
	n.Layers = append(n.Layers, Layer{Kind: Input, Width: 572, Height: 572, Channels: 1})
	side := 572
	var skipFrom []int
	for i, ch := range []int{64, 128, 256, 512, 1024} {
		if i > 0 {
			skipFrom = append(skipFrom, len(n.Layers)-1)
			side /= 2
			n.Layers = append(n.Layers, Layer{Kind: Pool, Kernel: 2, Width: side, Height: side, Channels: ch / 2})
		}
		side = n.addConvPair(side, ch)
	}
	for i, ch := range []int{512, 256, 128, 64} {
		side *= 2
		n.Skips = append(n.Skips, Skip{From: skipFrom[len(skipFrom)-1-i], To: len(n.Layers)})
		n.Layers = append(n.Layers, Layer{Kind: UpConv, Kernel: 2, Width: side, Height: side, Channels: ch})
		side = n.addConvPair(side, ch)
	}
	n.Layers = append(n.Layers, Layer{Kind: Conv, Kernel: 1, Width: side, Height: side, Channels: 2, Label: "segmentación"})
	return n
}

// addConvPair añade dos convoluciones 3×3 sin relleno (cada una quita 2
// píxeles de lado) y devuelve el lado resultante.
func (n *Network) addConvPair(side, channels int) int {
	for range 2 {
		side -= 2
		n.Layers = append(n.Layers, Layer{Kind: Conv, Kernel: 3, Activation: "ReLU", Width: side, Height: side, Channels: channels})
	}
	return side
}

// Perceptron devuelve el perceptrón multicapa 3-4-3-2 del texto del curso:
// 3 entradas, dos capas ocultas de 4 y 3 neuronas y 2 salidas, dibujado
// neurona a neurona. Es lo mismo que MLP(3, 4, 3, 2).
func Perceptron() Network {
	return MLP(3, 4, 3, 2)
}
