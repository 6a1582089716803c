// SPDX-License-Identifier: Apache-2.0

package train

import "github.com/gomlx/gomlx/core/graph"

// Loss es una función de pérdida, como loss_fn en el curso: compara la
// predicción pred con el valor real target (los dos con forma [n, salidas],
// una fila por punto) y devuelve la pérdida, un escalar.
//
// Devuelve además, si la conoce, su derivada respecto a pred (con la forma de
// pred): el punto de partida de la retropropagación. Puede ser nil: entonces
// el entrenamiento la obtiene con graph.Gradient (diferenciación automática),
// que da el mismo resultado con algunas operaciones más.
type Loss func(pred, target *graph.Node) (loss, dPred *graph.Node)

// MSELoss es el error cuadrático medio, como torch.nn.MSELoss(): la media de
// (pred - target)². Su derivada respecto a cada predicción es
// 2·(pred - target)/N, con N el número de elementos.
func MSELoss(pred, target *graph.Node) (loss, dPred *graph.Node) {
	diff := graph.Sub(pred, target)
	return graph.ReduceAllMean(graph.Square(diff)), graph.MulScalar(diff, 2/float64(pred.Shape().Size()))
}
