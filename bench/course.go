package main

import (
	"strconv"
	"strings"

	"neuronas/pkg/data"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// Cell es una celda de entrenamiento del curso.
type Cell struct {
	Number int
	Sizes  []int
	Act    func() nn.Layer
}

// Cells son las redes de las celdas In [19]–In [36].
var Cells = []Cell{
	{19, []int{1, 1, 1}, nn.Tanh},
	{20, []int{1, 2, 1}, nn.Tanh},
	{21, []int{1, 3, 1}, nn.Tanh},
	{22, []int{1, 5, 1}, nn.Tanh},
	{27, []int{1, 5, 5, 1}, nn.Tanh},
	{28, []int{1, 5, 5, 5, 1}, nn.Tanh},
	{32, []int{1, 5, 5, 5, 1}, nn.ReLU},
	{36, []int{1, 5, 5, 5, 1}, nn.LeakyReLU},
}

// Name es la red de la celda, por ejemplo «1-5-5-5-1 ReLU».
func (c Cell) Name() string {
	sizes := make([]string, len(c.Sizes))
	for i, s := range c.Sizes {
		sizes[i] = strconv.Itoa(s)
	}
	return strings.Join(sizes, "-") + " " + string(c.Act().Kind)
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
