package train

import (
	"math"

	"github.com/gomlx/gomlx/core/graph"
)

// Optimizer decide cómo se mueve cada parámetro a partir de su gradiente.
// Se usa como en el curso: se pasa el optimizador y la tasa de aprendizaje al
// bucle, que lo crea para los parámetros del modelo.
type Optimizer struct {
	Name string
	// Slots es cuántos tensores de estado guarda por parámetro (0 en SGD, 2 en Adam).
	Slots int
	// Update devuelve el parámetro actualizado y su nuevo estado. step es el
	// número de paso (1, 2, …) como escalar float32.
	Update func(lr float64, step, param, grad *graph.Node, state []*graph.Node) (*graph.Node, []*graph.Node)
}

// SGD es el descenso del gradiente estocástico simple de torch.optim.SGD:
// param = param - lr·grad, con la tasa de aprendizaje fija (sin decaimiento).
var SGD = Optimizer{Name: "SGD", Update: func(lr float64, _, p, g *graph.Node, _ []*graph.Node) (*graph.Node, []*graph.Node) {
	return graph.Sub(p, graph.MulScalar(g, lr)), nil
}}

// Parámetros de Adam, los de torch.optim.Adam por defecto.
const (
	AdamBeta1   = 0.9
	AdamBeta2   = 0.999
	AdamEpsilon = 1e-8
)

// Adam es el optimizador de torch.optim.Adam (betas 0,9 y 0,999, eps 1e-8):
// guarda medias móviles del gradiente y de su cuadrado, y da pasos del tamaño
// aproximado de la tasa de aprendizaje en cada parámetro.
var Adam = Optimizer{Name: "Adam", Slots: 2, Update: adamUpdate}

func adamUpdate(lr float64, step, p, g *graph.Node, state []*graph.Node) (*graph.Node, []*graph.Node) {
	m := graph.Add(graph.MulScalar(state[0], AdamBeta1), graph.MulScalar(g, 1-AdamBeta1))
	v := graph.Add(graph.MulScalar(state[1], AdamBeta2), graph.MulScalar(graph.Square(g), 1-AdamBeta2))
	// Corrección del sesgo inicial, como PyTorch: 1 - beta^paso.
	c1 := graph.OneMinus(graph.Exp(graph.MulScalar(step, math.Log(AdamBeta1))))
	c2 := graph.OneMinus(graph.Exp(graph.MulScalar(step, math.Log(AdamBeta2))))
	denom := graph.AddScalar(graph.Div(graph.Sqrt(v), graph.Sqrt(c2)), AdamEpsilon)
	delta := graph.Div(graph.MulScalar(m, lr), graph.Mul(c1, denom))
	return graph.Sub(p, delta), []*graph.Node{m, v}
}
