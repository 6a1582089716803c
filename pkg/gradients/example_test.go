// SPDX-License-Identifier: Apache-2.0

package gradients_test

import (
	"fmt"

	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/train"
)

func ExampleOf() {
	model, _ := nn.Sequential(nn.Linear(1, 2), nn.ReLU(), nn.Linear(2, 1))
	// Una red con las neuronas ocultas «muertas» para x > 0.
	_ = model.SetParameters([]float32{-1, -2}, []float32{-0.5, -0.1}, []float32{0.3, 0.4}, []float32{0.2})
	g, err := gradients.Of(model, []float64{1, 2, 3}, []float64{1, 4, 9}, train.MSELoss)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g)
	// Output:
	// pérdida: 30.8400
	// 0.weight  [2×1]    2 de  2 a cero, máx |grad| = 0
	//     [ 0.0000]
	//     [ 0.0000]
	// 0.bias    [2]      2 de  2 a cero, máx |grad| = 0
	//     [ 0.0000,  0.0000]
	// 2.weight  [1×2]    2 de  2 a cero, máx |grad| = 0
	//     [ 0.0000,  0.0000]
	// 2.bias    [1]      0 de  1 a cero, máx |grad| = 8.933
	//     [-8.9333]
	// en total, 6 de 7 gradientes son exactamente 0 (86 %)
}
