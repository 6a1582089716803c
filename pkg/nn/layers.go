// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/internal/engine"
)

// Kind es el tipo de una capa: [KindLinear] o el nombre de una activación.
type Kind string

// Layer describe una capa del modelo: una capa lineal (densa) o una función de
// activación. Se crea con [Linear] o con el constructor de una activación
// ([Tanh], [ReLU], [LeakyReLU], [Sigmoid], [Softplus]).
type Layer struct {
	Kind    Kind
	In, Out int     `json:",omitempty"` // Solo para Linear: entradas y salidas (neuronas).
	Slope   float64 `json:",omitempty"` // Solo para LeakyReLU: pendiente para x < 0.
}

// MaxLinearSize es el máximo de entradas o de salidas de una capa Linear: de
// sobra para el curso, y lejos de agotar la memoria de un portátil.
const MaxLinearSize = 4096

// Linear es una capa de out neuronas lineales (densas), cada una conectada a
// las in entradas: y = x·Wᵀ + b. Equivale a torch.nn.Linear(in, out).
func Linear(in, out int) Layer { return Layer{Kind: KindLinear, In: in, Out: out} }

// String escribe la capa como la escribe PyTorch.
func (l Layer) String() string {
	switch l.Kind {
	case KindLinear:
		return fmt.Sprintf("Linear(in_features=%d, out_features=%d)", l.In, l.Out)
	case KindLeakyReLU:
		return fmt.Sprintf("LeakyReLU(negative_slope=%g)", l.Slope)
	}
	return string(l.Kind) + "()"
}

// IsActivation indica si la capa es una función de activación conocida.
func (l Layer) IsActivation() bool {
	_, ok := activations[l.Kind]
	return ok
}

// Apply aplica la activación a un número (útil para dibujarla).
// Para una capa Linear devuelve x sin cambios; para una capa de un tipo
// desconocido (un nn.Layer{} escrito a mano con un Kind que no existe)
// devuelve NaN, para que el error se vea en vez de pasar por la identidad.
func (l Layer) Apply(x float64) float64 {
	value, _ := l.Funcs()
	return value(x)
}

// Derivative es la derivada de la activación en x. En x = 0, donde ReLU y
// LeakyReLU no son derivables, se toma el valor de la izquierda (0 y la
// pendiente), como hace PyTorch. Para Linear devuelve 1; para un tipo
// desconocido, NaN.
func (l Layer) Derivative(x float64) float64 {
	_, derivative := l.Funcs()
	return derivative(x)
}

// Funcs devuelve la activación y su derivada como funciones de un número,
// ya resueltas: para bucles que las llaman muchas veces (Apply y Derivative
// buscan la activación en cada llamada). Para Linear, la identidad y 1; para
// un tipo desconocido, funciones que dan NaN.
func (l Layer) Funcs() (value, derivative func(float64) float64) {
	a, ok := activations[l.Kind]
	switch {
	case ok:
		return func(x float64) float64 { return a.value(l, x) }, func(x float64) float64 { return a.derivative(l, x) }
	case l.Kind == KindLinear:
		return func(x float64) float64 { return x }, func(float64) float64 { return 1 }
	}
	nan := func(float64) float64 { return math.NaN() }
	return nan, nan
}

// engine devuelve la capa tal como la ve el motor: una Linear con sus
// tamaños, o una activación con su función y su regla de la cadena dentro de
// un grafo (las de la tabla activations).
func (l Layer) engine() engine.Layer {
	a, ok := activations[l.Kind]
	if !ok {
		return engine.Layer{In: l.In, Out: l.Out}
	}
	return engine.Layer{
		Activate: func(x *graph.Node) *graph.Node { return a.node(l, x) },
		Backward: func(in, out, dOut *graph.Node) *graph.Node { return a.backward(l, in, out, dOut) },
	}
}

// check comprueba los parámetros de una capa; el error dice qué cambiar.
func (l Layer) check() error {
	if l.Kind == KindLinear {
		if l.In <= 0 || l.Out <= 0 || l.In > MaxLinearSize || l.Out > MaxLinearSize {
			return fmt.Errorf("es Linear(%d, %d); entradas y salidas deben estar entre 1 y %d, por ejemplo Linear(1, 5)",
				l.In, l.Out, MaxLinearSize)
		}
		return nil
	}
	a, ok := activations[l.Kind]
	if !ok {
		return fmt.Errorf("tiene un tipo desconocido (%q); crea las capas con nn.Linear o con una activación: %s",
			string(l.Kind), activationNames())
	}
	if a.check != nil {
		return a.check(l)
	}
	return nil
}

// activationNames lista los constructores de las activaciones disponibles.
func activationNames() string {
	var names []string
	for k := range activations {
		names = append(names, "nn."+string(k))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
