package nn

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/graph"
)

// Kind es el tipo de una capa.
type Kind int

// Tipos de capa disponibles.
const (
	KindLinear Kind = iota
	KindTanh
	KindReLU
	KindLeakyReLU
	KindSigmoid
)

// DefaultLeakyReLUSlope es la pendiente de LeakyReLU para x < 0, la de PyTorch.
const DefaultLeakyReLUSlope = 0.01

// Layer describe una capa del modelo: una capa lineal (densa) o una función de
// activación. Se crea con [Linear], [Tanh], [ReLU], [LeakyReLU] o [Sigmoid].
type Layer struct {
	Kind    Kind
	In, Out int     // Solo para Linear: entradas y salidas (neuronas).
	Slope   float64 // Solo para LeakyReLU: pendiente para x < 0.
}

// Linear es una capa de out neuronas lineales (densas), cada una conectada a
// las in entradas: y = x·W + b. Equivale a torch.nn.Linear(in, out).
func Linear(in, out int) Layer { return Layer{Kind: KindLinear, In: in, Out: out} }

// Tanh es la activación tangente hiperbólica (torch.nn.Tanh).
func Tanh() Layer { return Layer{Kind: KindTanh} }

// ReLU es la activación max(0, x) (torch.nn.ReLU).
func ReLU() Layer { return Layer{Kind: KindReLU} }

// LeakyReLU es x si x > 0 y 0,01·x si no (torch.nn.LeakyReLU()).
func LeakyReLU() Layer { return LeakyReLUWith(DefaultLeakyReLUSlope) }

// LeakyReLUWith es LeakyReLU con otra pendiente para x < 0.
func LeakyReLUWith(slope float64) Layer { return Layer{Kind: KindLeakyReLU, Slope: slope} }

// Sigmoid es la activación 1/(1+e^(-x)) (torch.nn.Sigmoid).
func Sigmoid() Layer { return Layer{Kind: KindSigmoid} }

// String escribe la capa como la escribe PyTorch.
func (l Layer) String() string {
	switch l.Kind {
	case KindLinear:
		return fmt.Sprintf("Linear(in_features=%d, out_features=%d)", l.In, l.Out)
	case KindTanh:
		return "Tanh()"
	case KindReLU:
		return "ReLU()"
	case KindLeakyReLU:
		return fmt.Sprintf("LeakyReLU(negative_slope=%g)", l.Slope)
	case KindSigmoid:
		return "Sigmoid()"
	}
	return fmt.Sprintf("Layer(%d)", int(l.Kind))
}

// Activate aplica la función de activación de la capa a x dentro de un grafo.
// Para una capa Linear devuelve x sin cambios.
func (l Layer) Activate(x *graph.Node) *graph.Node {
	switch l.Kind {
	case KindTanh:
		return graph.Tanh(x)
	case KindReLU:
		return graph.Max(x, graph.ZerosLike(x))
	case KindLeakyReLU:
		return graph.Where(graph.GreaterThan(x, graph.ZerosLike(x)), x, graph.MulScalar(x, l.Slope))
	case KindSigmoid:
		return graph.Sigmoid(x)
	}
	return x
}

// Apply aplica la activación a un número (útil para dibujarla).
// Para una capa Linear devuelve x sin cambios.
func (l Layer) Apply(x float64) float64 {
	switch l.Kind {
	case KindTanh:
		return math.Tanh(x)
	case KindReLU:
		return math.Max(0, x)
	case KindLeakyReLU:
		if x >= 0 {
			return x
		}
		return l.Slope * x
	case KindSigmoid:
		return 1 / (1 + math.Exp(-x))
	}
	return x
}

// Derivative es la derivada de la activación en x. En x = 0, donde ReLU y
// LeakyReLU no son derivables, se toma el valor de la izquierda (0 y la
// pendiente), como hace PyTorch. Para Linear devuelve 1.
func (l Layer) Derivative(x float64) float64 {
	switch l.Kind {
	case KindTanh:
		t := math.Tanh(x)
		return 1 - t*t
	case KindReLU:
		if x > 0 {
			return 1
		}
		return 0
	case KindLeakyReLU:
		if x > 0 {
			return 1
		}
		return l.Slope
	case KindSigmoid:
		s := 1 / (1 + math.Exp(-x))
		return s * (1 - s)
	}
	return 1
}
