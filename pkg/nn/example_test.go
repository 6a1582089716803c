// SPDX-License-Identifier: Apache-2.0

package nn_test

import (
	"fmt"

	"neuronas/pkg/nn"
)

func ExampleSequential() {
	model, err := nn.Sequential(
		nn.Linear(1, 5),
		nn.Tanh(),
		nn.Linear(5, 1),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(model)
	_, err = nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(3, 1))
	fmt.Println(err)
	// Output:
	// Sequential(
	//   (0): Linear(in_features=1, out_features=5)     10 parámetros
	//   (1): Tanh()
	//   (2): Linear(in_features=5, out_features=1)     6 parámetros
	// )
	// Parámetros entrenables: 16
	// nn.Sequential: la capa 2 es Linear(3, 1), pero la capa lineal anterior (0) tiene 5 salidas; cámbiala a Linear(5, 1) para que encajen
}
