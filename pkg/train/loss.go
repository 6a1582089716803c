package train

import "github.com/gomlx/gomlx/core/graph"

// Loss es una función de pérdida: compara la predicción con el valor real y
// devuelve un escalar.
//
// pred y target tienen la misma forma, [n, salidas]: una fila por punto.
type Loss struct {
	Name string
	Fn   func(pred, target *graph.Node) *graph.Node
	// Grad es la derivada de Fn respecto a pred, con la forma de pred: el
	// punto de partida de la retropropagación. Es opcional: si falta,
	// LearningLoop la obtiene de Fn con graph.Gradient (diferenciación
	// automática), que da el mismo resultado con algunas operaciones más.
	Grad func(pred, target *graph.Node) *graph.Node
}

// MSELoss es el error cuadrático medio, como torch.nn.MSELoss():
// la media de (pred - target)². Su derivada respecto a cada predicción es
// 2·(pred - target)/N, con N el número de elementos.
var MSELoss = Loss{
	Name: "MSELoss",
	Fn: func(pred, target *graph.Node) *graph.Node {
		return graph.ReduceAllMean(graph.Square(graph.Sub(pred, target)))
	},
	Grad: func(pred, target *graph.Node) *graph.Node {
		return graph.MulScalar(graph.Sub(pred, target), 2/float64(pred.Shape().Size()))
	},
}
