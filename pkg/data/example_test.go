// SPDX-License-Identifier: Apache-2.0

package data_test

import (
	"fmt"

	"neuronas/pkg/data"
	"neuronas/pkg/random"
)

func ExampleGeneratePolynomial() {
	poly, err := data.GeneratePolynomial([]float64{2, 1, 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(poly)
	fmt.Println(poly.At(3))
	// Output:
	// y = 2x² + x
	// 21
}

func ExampleGetDataFromAPolynomial() {
	poly, _ := data.GeneratePolynomial([]float64{1, 0, 0})
	d, _ := data.GetDataFromAPolynomial(poly, 3, data.Sigma(0.5), data.Range(10), data.WithRand(random.New(7)))
	for i := range d.X {
		fmt.Printf("(%.3f, %.3f)\n", d.X[i], d.Y[i])
	}
	_, err := data.GetDataFromAPolynomial(poly, 0)
	fmt.Println(err)
	// Output:
	// (5.333, 28.829)
	// (2.494, 3.346)
	// (7.478, 43.854)
	// data.GetDataFromAPolynomial: n = 0, pero el número de puntos debe estar entre 1 y 1000000 (el curso usa 50)
}
