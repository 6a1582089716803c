package main

import (
	"neuronas/pkg/data"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// Cell es una celda de entrenamiento del curso.
type Cell struct {
	Number int
	Sizes  []int
	Act    func() nn.Layer
	Name   string
}

// Cells son las redes de las celdas In [19]–In [36].
var Cells = []Cell{
	{19, []int{1, 1, 1}, nn.Tanh, "1-1-1 Tanh"},
	{20, []int{1, 2, 1}, nn.Tanh, "1-2-1 Tanh"},
	{21, []int{1, 3, 1}, nn.Tanh, "1-3-1 Tanh"},
	{22, []int{1, 5, 1}, nn.Tanh, "1-5-1 Tanh"},
	{27, []int{1, 5, 5, 1}, nn.Tanh, "1-5-5-1 Tanh"},
	{28, []int{1, 5, 5, 5, 1}, nn.Tanh, "1-5-5-5-1 Tanh"},
	{32, []int{1, 5, 5, 5, 1}, nn.ReLU, "1-5-5-5-1 ReLU"},
	{36, []int{1, 5, 5, 5, 1}, nn.LeakyReLU, "1-5-5-5-1 LeakyReLU"},
}

// Model crea la red de la celda como la crea el curso: justo después de
// torch.manual_seed(seed), con los mismos pesos iniciales que PyTorch.
func (c Cell) Model(seed int) (*nn.Model, error) {
	if err := random.SetSeed(seed); err != nil {
		return nil, err
	}
	var layers []nn.Layer
	for i := 0; i+1 < len(c.Sizes); i++ {
		if i > 0 {
			layers = append(layers, c.Act())
		}
		layers = append(layers, nn.Linear(c.Sizes[i], c.Sizes[i+1]))
	}
	return nn.Sequential(layers...)
}

// CourseData son los datos del curso: y = x², 50 puntos, sigma 0,5, rango
// 10, generados justo después de torch.manual_seed(seed).
func CourseData(seed int) (data.Data, error) {
	poly, err := data.GeneratePolynomial([]float64{1, 0, 0})
	if err != nil {
		return data.Data{}, err
	}
	return data.GetDataFromAPolynomial(poly, 50, data.Sigma(0.5), data.Range(10), data.WithRand(random.New(seed)))
}
