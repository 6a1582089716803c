package train

import "github.com/gomlx/gomlx/core/graph"

// Loss es una función de pérdida: compara la predicción con el valor real y
// devuelve un escalar.
type Loss struct {
	Name string
	Fn   func(pred, target *graph.Node) *graph.Node
}

// MSELoss es el error cuadrático medio, como torch.nn.MSELoss():
// la media de (pred - target)².
var MSELoss = Loss{Name: "MSELoss", Fn: func(pred, target *graph.Node) *graph.Node {
	return graph.ReduceAllMean(graph.Square(graph.Sub(pred, target)))
}}
