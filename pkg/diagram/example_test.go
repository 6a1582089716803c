// SPDX-License-Identifier: Apache-2.0

package diagram_test

import (
	"fmt"
	"strings"

	"neuronas/pkg/diagram"
)

// El perceptrón 3-4-3-2 del texto del curso, dibujado neurona a neurona.
// En un cuaderno basta con diagram.Perceptron().Show().
func ExamplePerceptron() {
	red := diagram.Perceptron()
	fmt.Println(red.Alt())
	// Output:
	// Perceptrón multicapa 3-4-3-2, esquema neurona a neurona: 3 entradas (círculos rojos), 2 capas ocultas de 4 y 3 neuronas (círculos verdes) y 2 salidas (círculos azules); cada neurona está conectada con todas las de la capa anterior (30 conexiones).
}

// MLP dibuja cualquier perceptrón pequeño dado por el tamaño de sus capas,
// por ejemplo la red 1-5-5-5-1 que se entrena en el curso.
func ExampleMLP() {
	fmt.Println(diagram.MLP(1, 5, 5, 5, 1).Alt())
	// Output:
	// Perceptrón multicapa 1-5-5-5-1, esquema neurona a neurona: 1 entrada (círculo rojo), 3 capas ocultas de 5 neuronas (círculos verdes) y 1 salida (círculo azul); cada neurona está conectada con todas las de la capa anterior (60 conexiones).
}

// Con más de diagram.MaxNeurons neuronas en una capa, el dibujo neurona a
// neurona no se distingue: SVG y Show devuelven un error que lo explica.
func ExampleMLP_tooBig() {
	red := diagram.MLP(784, 64, 10)
	_, err := red.SVG()
	fmt.Println(err)
	red.Layout = diagram.Layered // la misma red, dibujada por capas
	_, err = red.SVG()
	fmt.Println(err)
	// Output:
	// diagram.Network.Validate: Layers[0] tiene 784 entradas y el dibujo neurona a neurona admite como mucho 16 por capa; dibuja la red por capas con Layout: diagram.Layered
	// <nil>
}

func ExampleAlexNet() {
	fmt.Println(diagram.AlexNet().Alt())
	// Output:
	// AlexNet, esquema por capas: entrada de 224×224×3 (imagen); 5 capas convolucionales de 96, 256, 384, 384 y 256 filtros; 3 capas de max pooling; 3 capas densas de 4096, 4096 y 1000 neuronas; partes: extracción de características y clasificación; salida de 1000 neuronas con softmax (clases).
}

// Las descripciones ya hechas son datos normales: se pueden cambiar antes de
// dibujarlas.
func ExampleAutoencoder() {
	red := diagram.Autoencoder()
	red.Layers[3].Units = 2 // un código latente de solo 2 números
	fmt.Println(red.Alt())
	// Output:
	// Autoencoder, esquema por capas: entrada de 784 valores (imagen); 6 capas densas de 256, 64, 2, 64, 256 y 784 neuronas; código latente: capa densa de 2 neuronas; partes: codificador y decodificador; salida de 784 neuronas (reconstrucción).
}

func ExampleUNet() {
	fmt.Println(diagram.UNet().Alt())
	// Output:
	// U-Net, esquema en U: entrada de 572×572×1; 19 capas convolucionales de entre 2 y 1024 filtros; 4 capas de max pooling; 4 convoluciones traspuestas (up-conv) de 512, 256, 128 y 64 filtros; el fondo de la U es de 28×28×1024; 4 conexiones de salto (copiar y recortar) que cruzan la U; salida de 388×388×2 (segmentación).
}

// Un esquema por capas hecho a mano: una red convolucional pequeña para
// imágenes de 28×28 en gris.
func ExampleLayers() {
	red := diagram.Layers("Red convolucional pequeña",
		diagram.Layer{Kind: diagram.Input, Width: 28, Height: 28, Channels: 1},
		diagram.Layer{Kind: diagram.Conv, Kernel: 3, Width: 26, Height: 26, Channels: 32, Activation: "ReLU"},
		diagram.Layer{Kind: diagram.Pool, Kernel: 2, Stride: 2, Width: 13, Height: 13, Channels: 32},
		diagram.Layer{Kind: diagram.Dense, Units: 10, Activation: "softmax"},
	)
	svg, err := red.SVG()
	fmt.Println(err, strings.HasPrefix(svg, "<svg"))
	fmt.Println(red.Alt())
	// Output:
	// <nil> true
	// Red convolucional pequeña, esquema por capas: entrada de 28×28×1; 1 capa convolucional de 32 filtros; 1 capa de max pooling; 1 capa densa de 10 neuronas; salida de 10 neuronas con softmax.
}

// Validate dice qué está mal en la descripción y cómo arreglarlo.
func ExampleNetwork_Validate() {
	red := diagram.AlexNet()
	red.Skips = []diagram.Skip{{From: 3, To: 20}}
	fmt.Println(red.Validate())
	// Output:
	// diagram.Network.Validate: Skips[0] va de la capa 3 a la 20, pero solo hay capas de la 0 a la 11; usa índices de Layers dentro de ese rango
}
