// SPDX-License-Identifier: Apache-2.0

package train

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/graph"
)

// Optimizer es un optimizador, como torch.optim.SGD en el curso: se pasa al
// bucle de entrenamiento junto con la tasa de aprendizaje, y el bucle lo crea
// con ella (en PyTorch, optimizer(model.parameters(), lr=learning_rate)).
// Son optimizadores [SGD] y [Adam].
type Optimizer func(learningRate float64) Rule

// Rule es un optimizador ya creado: cómo se actualiza cada parámetro en cada
// paso (lo que hace opt.step() en PyTorch).
type Rule struct {
	// Slots es cuántos tensores de estado guarda por parámetro (0 en SGD, 2 en Adam).
	Slots int
	// Step devuelve el parámetro actualizado a partir de su gradiente, y su
	// nuevo estado. step es el número de paso (1, 2, …) como escalar float32.
	Step func(step, param, grad *graph.Node, state []*graph.Node) (*graph.Node, []*graph.Node)

	// lrErr explica por qué la tasa con que se creó la regla no sirve (vacío
	// si sirve). SGD y Adam devuelven Rule, sin error, así que lo dice
	// [Rule.Update] al construir el paso (train.LearningLoop comprueba la tasa
	// antes, con su propio mensaje).
	lrErr string
}

// checkLR explica por qué lr no sirve como tasa de aprendizaje ("" si sirve).
func checkLR(lr float64) string {
	switch {
	case math.IsNaN(lr) || math.IsInf(lr, 0) || lr <= 0:
		return fmt.Sprintf("learningRate = %v, pero la tasa de aprendizaje debe ser un número positivo (el curso usa 1e-3)", lr)
	case lr > math.MaxFloat32 || float32(lr) == 0:
		return fmt.Sprintf("learningRate = %g no cabe en float32 (la red calcula en float32, de 1,4e-45 a 3,4e38); "+
			"usa una tasa de aprendizaje razonable, como 1e-3", lr)
	}
	return ""
}

// SGD es el descenso del gradiente simple de torch.optim.SGD:
// param = param - lr·grad, con la tasa de aprendizaje fija (sin decaimiento).
func SGD(learningRate float64) Rule {
	return Rule{lrErr: checkLR(learningRate), Step: func(_, p, g *graph.Node, _ []*graph.Node) (*graph.Node, []*graph.Node) {
		return graph.Sub(p, graph.MulScalar(g, learningRate)), nil
	}}
}

// Parámetros de Adam, los de torch.optim.Adam por defecto.
const (
	AdamBeta1   = 0.9
	AdamBeta2   = 0.999
	AdamEpsilon = 1e-8
)

// Adam es el optimizador de torch.optim.Adam (betas 0,9 y 0,999, eps 1e-8):
// guarda medias móviles del gradiente y de su cuadrado, y da pasos del tamaño
// aproximado de la tasa de aprendizaje en cada parámetro.
func Adam(learningRate float64) Rule {
	return Rule{Slots: 2, lrErr: checkLR(learningRate), Step: func(step, p, g *graph.Node, state []*graph.Node) (*graph.Node, []*graph.Node) {
		m := graph.Add(graph.MulScalar(state[0], AdamBeta1), graph.MulScalar(g, 1-AdamBeta1))
		v := graph.Add(graph.MulScalar(state[1], AdamBeta2), graph.MulScalar(graph.Square(g), 1-AdamBeta2))
		// Corrección del sesgo inicial, como PyTorch: 1 - beta^paso.
		c1 := graph.OneMinus(graph.Exp(graph.MulScalar(step, math.Log(AdamBeta1))))
		c2 := graph.OneMinus(graph.Exp(graph.MulScalar(step, math.Log(AdamBeta2))))
		denom := graph.AddScalar(graph.Div(graph.Sqrt(v), graph.Sqrt(c2)), AdamEpsilon)
		delta := graph.Div(graph.MulScalar(m, learningRate), graph.Mul(c1, denom))
		return graph.Sub(p, delta), []*graph.Node{m, v}
	}}
}
