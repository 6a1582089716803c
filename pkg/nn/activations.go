// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/graph"
)

// Este archivo es la única casa de las funciones de activación: cada una
// define aquí, y solo aquí, su valor y su derivada, para números (dibujos,
// tablas, el bucle escrito a mano del banco de pruebas) y dentro de un grafo
// de GoMLX (el forward de [Model.Forward] y la retropropagación del
// entrenamiento, que el motor recibe de Layer.engine). Añadir una activación
// es añadir una entrada a la tabla [activations] y su constructor; las
// pruebas de activations_test.go comprueban cada entrada contra la derivada
// numérica y contra graph.Gradient.

// Tipos de capa: Linear y una por activación.
const (
	KindLinear    Kind = "Linear"
	KindTanh      Kind = "Tanh"
	KindReLU      Kind = "ReLU"
	KindLeakyReLU Kind = "LeakyReLU"
	KindSigmoid   Kind = "Sigmoid"
	KindSoftplus  Kind = "Softplus"
)

// DefaultLeakyReLUSlope es la pendiente de LeakyReLU para x < 0, la de PyTorch.
const DefaultLeakyReLUSlope = 0.01

// Tanh es la activación tangente hiperbólica (torch.nn.Tanh).
func Tanh() Layer { return Layer{Kind: KindTanh} }

// ReLU es la activación max(0, x) (torch.nn.ReLU).
func ReLU() Layer { return Layer{Kind: KindReLU} }

// LeakyReLU es x si x > 0 y 0,01·x si no (torch.nn.LeakyReLU()).
func LeakyReLU() Layer { return LeakyReLUWith(DefaultLeakyReLUSlope) }

// LeakyReLUWith es LeakyReLU con otra pendiente para x < 0
// (torch.nn.LeakyReLU(negative_slope)).
func LeakyReLUWith(slope float64) Layer { return Layer{Kind: KindLeakyReLU, Slope: slope} }

// Sigmoid es la activación 1/(1+e^(-x)) (torch.nn.Sigmoid).
func Sigmoid() Layer { return Layer{Kind: KindSigmoid} }

// Softplus es la activación log(1 + eˣ), una versión suave de ReLU
// (torch.nn.Softplus() con beta = 1; como PyTorch, para x > 20 devuelve x).
// Su derivada es la sigmoide: nunca es exactamente 0.
func Softplus() Layer { return Layer{Kind: KindSoftplus} }

// softplusThreshold es el umbral de torch.nn.Softplus: por encima, log(1+eˣ) = x
// en float32.
const softplusThreshold = 20

// activation es lo que define a una función de activación f.
type activation struct {
	// value es f(x) y derivative es f'(x), para números.
	value, derivative func(l Layer, x float64) float64
	// node es f dentro de un grafo.
	node func(l Layer, x *graph.Node) *graph.Node
	// backward es la regla de la cadena para la retropropagación: a partir
	// de dOut, la derivada de la pérdida respecto a out = f(in), devuelve
	// dOut·f'(in). Recibe in y out para usar el que salga más barato.
	backward func(l Layer, in, out, dOut *graph.Node) *graph.Node
	// check valida los parámetros de la capa (nil si no tiene).
	check func(l Layer) error
}

// activations es la tabla de activaciones disponibles. En x = 0, donde ReLU y
// LeakyReLU no son derivables, la derivada es la de la izquierda (0 y la
// pendiente), como en PyTorch.
var activations = map[Kind]activation{
	KindTanh: {
		value:      func(_ Layer, x float64) float64 { return math.Tanh(x) },
		derivative: func(_ Layer, x float64) float64 { t := math.Tanh(x); return 1 - t*t },
		node:       func(_ Layer, x *graph.Node) *graph.Node { return graph.Tanh(x) },
		backward: func(_ Layer, _, out, dOut *graph.Node) *graph.Node { // 1 - tanh(x)²
			return graph.Mul(dOut, graph.OneMinus(graph.Square(out)))
		},
	},
	KindReLU: {
		value:      func(_ Layer, x float64) float64 { return math.Max(0, x) },
		derivative: func(_ Layer, x float64) float64 { return step(x, 0) },
		node:       func(_ Layer, x *graph.Node) *graph.Node { return graph.Max(x, graph.ZerosLike(x)) },
		backward: func(_ Layer, _, out, dOut *graph.Node) *graph.Node { // el signo de la salida: 1 o 0
			return graph.Mul(dOut, graph.Sign(out))
		},
	},
	KindLeakyReLU: {
		value: func(l Layer, x float64) float64 {
			if x >= 0 {
				return x
			}
			return l.Slope * x
		},
		derivative: func(l Layer, x float64) float64 { return step(x, l.Slope) },
		node: func(l Layer, x *graph.Node) *graph.Node {
			return graph.Where(graph.GreaterThan(x, graph.ZerosLike(x)), x, graph.MulScalar(x, l.Slope))
		},
		backward: func(l Layer, in, _, dOut *graph.Node) *graph.Node {
			return graph.Where(graph.GreaterThan(in, graph.ZerosLike(in)), dOut, graph.MulScalar(dOut, l.Slope))
		},
		check: func(l Layer) error {
			if math.IsNaN(l.Slope) || math.IsInf(l.Slope, 0) {
				return fmt.Errorf("es LeakyReLU con pendiente %v; usa un número finito, como 0.01", l.Slope)
			}
			if math.Abs(l.Slope) > math.MaxFloat32 {
				return fmt.Errorf("es LeakyReLU con pendiente %g, que no cabe en float32 (la red calcula en float32, "+
					"hasta ±3,4e38); usa una pendiente pequeña, como 0.01", l.Slope)
			}
			return nil
		},
	},
	KindSigmoid: {
		value:      func(_ Layer, x float64) float64 { return sigmoid(x) },
		derivative: func(_ Layer, x float64) float64 { s := sigmoid(x); return s * (1 - s) },
		node:       func(_ Layer, x *graph.Node) *graph.Node { return graph.Sigmoid(x) },
		backward: func(_ Layer, _, out, dOut *graph.Node) *graph.Node { // σ(x)·(1 - σ(x))
			return graph.Mul(dOut, graph.Mul(out, graph.OneMinus(out)))
		},
	},
	KindSoftplus: {
		value: func(_ Layer, x float64) float64 {
			if x > softplusThreshold {
				return x
			}
			return math.Log1p(math.Exp(x))
		},
		derivative: func(_ Layer, x float64) float64 {
			if x > softplusThreshold {
				return 1
			}
			return sigmoid(x)
		},
		node: func(_ Layer, x *graph.Node) *graph.Node {
			big := graph.GreaterThan(x, graph.Scalar(x.Graph(), x.DType(), softplusThreshold))
			return graph.Where(big, x, graph.Log1P(graph.Exp(graph.Min(x, graph.Scalar(x.Graph(), x.DType(), softplusThreshold)))))
		},
		backward: func(_ Layer, in, _, dOut *graph.Node) *graph.Node {
			big := graph.GreaterThan(in, graph.Scalar(in.Graph(), in.DType(), softplusThreshold))
			return graph.Where(big, dOut, graph.Mul(dOut, graph.Sigmoid(in)))
		},
	},
}

// step es la derivada de ReLU y LeakyReLU: 1 si x > 0 y left si no.
func step(x, left float64) float64 {
	if x > 0 {
		return 1
	}
	return left
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
