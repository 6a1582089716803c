// SPDX-License-Identifier: Apache-2.0

package train_test

import (
	"fmt"

	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

func ExampleLearningLoop() {
	random.SetSeed(1)
	xTrue := []float64{0, 1, 2, 3}
	yTrue := []float64{1, 3, 5, 7} // y = 2x + 1
	model, _ := nn.Sequential(nn.Linear(1, 1))
	losses, err := train.LearningLoop(xTrue, yTrue, model, 2000, train.MSELoss, 0.05, train.SGD)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := model.Parameters()
	fmt.Printf("pasos: %d, pérdida final: %.4f\n", len(losses), losses[len(losses)-1])
	fmt.Printf("w = %.2f, b = %.2f\n", p[0].Values[0], p[1].Values[0])
	_, err = train.LearningLoop(xTrue, yTrue, model, 0, train.MSELoss, 0.05, train.SGD)
	fmt.Println(err)
	// Output:
	// pasos: 2000, pérdida final: 0.0000
	// w = 2.00, b = 1.00
	// train.LearningLoop: steps = 0, pero el número de pasos debe estar entre 1 y 10000000 (el curso usa 50000)
}
