// SPDX-License-Identifier: Apache-2.0

// Package diagram dibuja esquemas de redes neuronales como imágenes SVG a
// partir de una descripción de sus capas.
//
// Una red se describe con un [Network]: un título, una lista de capas
// ([Layer]) y, si hace falta, conexiones de salto ([Skip]) y grupos de capas
// ([Group]). El campo Layout elige el tipo de dibujo:
//
//   - [Layered]: esquema por capas, de izquierda a derecha. Los mapas de
//     características (imagen de entrada, convoluciones) se dibujan como cajas
//     en 3D cuyo tamaño refleja el tamaño espacial y el número de canales; las
//     capas densas, como rectángulos verticales con el número de neuronas al
//     lado. Sirve para AlexNet o un autoencoder.
//   - [UShaped]: esquema en U, como U-Net: la resolución baja con cada
//     [Pool], sube con cada [UpConv] y las conexiones de salto cruzan la U.
//   - [NeuronLevel]: cada neurona es un círculo y cada peso una línea. Solo
//     para perceptrones pequeños (como mucho [MaxNeurons] neuronas por capa).
//
// Hay descripciones ya hechas: [AlexNet], [Autoencoder], [UNet] y
// [Perceptron]; y dos atajos: [MLP] para un perceptrón dado por el tamaño de
// sus capas y [Layers] para un esquema por capas. En un cuaderno basta una
// línea:
//
//	diagram.AlexNet().Show()
//	diagram.MLP(1, 5, 5, 5, 1).Show()
//
// Como las descripciones son datos normales de Go, se pueden mirar y cambiar
// antes de dibujarlas:
//
//	red := diagram.Autoencoder()
//	red.Layers[3].Units = 2 // un código latente de solo 2 números
//	red.Show()
//
// Todos los dibujos tienen [Network.SVG] (el texto SVG), [Network.Alt] (un
// texto alternativo en español que describe la figura) y [Network.Show]
// (los muestra en el cuaderno con el paquete show). La misma descripción da
// siempre exactamente el mismo SVG. Si la descripción tiene un error (una
// capa sin tamaño, un índice fuera de rango...), SVG y Show devuelven un
// error en español que dice qué capa falla y cómo arreglarla.
package diagram

import "fmt"

// Network describe una red neuronal para dibujarla: qué capas tiene, en qué
// orden y cómo se dibuja. Se puede escribir a mano o partir de una
// descripción ya hecha ([AlexNet], [Autoencoder], [UNet], [Perceptron]) y
// cambiarla.
type Network struct {
	// Title es el nombre de la red; aparece arriba del dibujo y al principio
	// del texto alternativo. Por ejemplo "AlexNet".
	Title string
	// Layout elige el tipo de dibujo: [Layered] (el valor por defecto),
	// [UShaped] o [NeuronLevel].
	Layout Layout
	// Layers son las capas en orden, empezando por la entrada (Kind: [Input]).
	// Los índices de Skips y Groups se refieren a posiciones de esta lista,
	// contando desde 0.
	Layers []Layer
	// Skips son conexiones de salto (residuales o «copiar y concatenar»)
	// entre dos capas no consecutivas. En el esquema por capas se dibujan
	// como arcos por encima; en el de U, como flechas que cruzan la U. El
	// dibujo neurona a neurona no las admite.
	Skips []Skip
	// Groups marcan con una llave, debajo del dibujo, un tramo de capas con
	// un nombre, por ejemplo "codificador". Solo en el esquema [Layered].
	Groups []Group
}

// Layer es una capa de la red. Qué campos hay que rellenar depende de Kind:
//
//   - [Input]: o bien Width, Height y Channels (una imagen), o bien Units
//     (un vector de Units números).
//   - [Conv], [Pool], [UpConv]: Width, Height y Channels del mapa de
//     características que sale de la capa; Kernel y Stride son opcionales.
//   - [Dense]: Units, el número de neuronas.
type Layer struct {
	// Kind es el tipo de capa: [Input], [Conv], [Pool], [UpConv] o [Dense].
	Kind Kind
	// Width, Height y Channels son el ancho, el alto y el número de canales
	// del mapa de características de salida (para una convolución, Channels
	// es el número de filtros).
	Width, Height, Channels int
	// Units es el número de neuronas de una capa densa, o el tamaño de una
	// entrada que es un vector.
	Units int
	// Kernel es el lado del filtro o de la ventana (11 significa 11×11).
	// 0 significa «no lo pongas en el dibujo».
	Kernel int
	// Stride es el paso con que se mueve el filtro. 0 o 1 no se dibujan.
	Stride int
	// Activation es la función de activación, por ejemplo "ReLU" o
	// "softmax". Opcional.
	Activation string
	// Label es una etiqueta extra que se escribe debajo de la capa, por
	// ejemplo "código latente". En el dibujo neurona a neurona sustituye al
	// rótulo "entrada", "capa oculta 1"... Opcional.
	Label string
}

// Kind es el tipo de una capa.
type Kind int

const (
	// Input es la entrada de la red: una imagen (Width, Height, Channels) o
	// un vector (Units). Tiene que ser la primera capa, y solo puede haber una.
	Input Kind = iota
	// Conv es una capa convolucional.
	Conv
	// Pool es una capa de max pooling, que reduce el tamaño espacial.
	Pool
	// UpConv es una convolución traspuesta («up-conv»), que aumenta el
	// tamaño espacial.
	UpConv
	// Dense es una capa densa (totalmente conectada) de Units neuronas.
	Dense
)

// String devuelve el nombre de Go del tipo de capa ("Conv", "Dense"...), el
// mismo que se escribe en la descripción.
func (k Kind) String() string { return goName(k, "Kind", "Input", "Conv", "Pool", "UpConv", "Dense") }

// Layout es el tipo de dibujo de una red.
type Layout int

const (
	// Layered dibuja la red capa a capa, de izquierda a derecha (AlexNet,
	// autoencoder). Es el valor por defecto.
	Layered Layout = iota
	// UShaped dibuja la red en forma de U (U-Net): cada Pool baja un nivel,
	// cada UpConv sube uno y las conexiones de salto cruzan la U.
	UShaped
	// NeuronLevel dibuja cada neurona como un círculo y cada conexión como
	// una línea. Solo admite una entrada vectorial y capas densas de como
	// mucho [MaxNeurons] neuronas.
	NeuronLevel
)

// String devuelve el nombre de Go del tipo de dibujo ("Layered"...).
func (l Layout) String() string { return goName(l, "Layout", "Layered", "UShaped", "NeuronLevel") }

// goName es el nombre de Go de la constante v de tipo typ (names en el orden
// de sus valores), o "typ(v)" si no existe.
func goName[T ~int](v T, typ string, names ...string) string {
	if v >= 0 && int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, int(v))
}

// Skip es una conexión de salto: la salida de la capa From se lleva
// directamente a la capa To (que tiene que estar más adelante). En U-Net es
// la flecha «copiar y recortar» que cruza la U.
type Skip struct {
	From, To int
}

// Group marca un tramo de capas, de From a To (ambas incluidas), con un
// nombre que se escribe debajo de una llave. Por ejemplo, las capas del
// codificador de un autoencoder.
type Group struct {
	From, To int
	Label    string
}

// MaxNeurons es el número máximo de neuronas por capa en el dibujo neurona
// a neurona ([NeuronLevel]). Con más, los círculos y las líneas no se
// distinguen: para redes más grandes hay que usar el esquema por capas.
const MaxNeurons = 16

// isMap indica si la capa produce un mapa de características (ancho × alto
// × canales) en vez de un vector.
func (l Layer) isMap() bool {
	return l.Kind != Dense && !(l.Kind == Input && l.Units > 0)
}
