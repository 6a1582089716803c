// SPDX-License-Identifier: Apache-2.0

// Package coursenet construye en Go lo que declara pkg/course: los datos del
// curso, la red de cada celda de entrenamiento (con los pesos iniciales de
// PyTorch), el entrenamiento con los ajustes del curso y la prueba de si una
// red ha muerto. Lo usan el banco de pruebas (bench), las pruebas y los
// barridos frente a PyTorch (internal/parity) y cmd/parity.
package coursenet

import (
	"fmt"

	"neuronas/pkg/course"
	"neuronas/pkg/data"
	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// Activation devuelve la capa de activación de la celda (nn.Tanh, …).
func Activation(c course.Cell) (func() nn.Layer, error) {
	switch c.Activation {
	case "Tanh":
		return nn.Tanh, nil
	case "ReLU":
		return nn.ReLU, nil
	case "LeakyReLU":
		return nn.LeakyReLU, nil
	case "Sigmoid":
		return nn.Sigmoid, nil
	}
	return nil, fmt.Errorf("coursenet.Activation: In [%d] declara la activación %q, que pkg/nn no tiene; usa una de %v",
		c.Number, c.Activation, course.Activations)
}

// Model crea la red de la celda como la crea el curso: justo después de
// torch.manual_seed(seed), con los mismos pesos iniciales que PyTorch. Cambia
// la semilla del generador global de pkg/random.
func Model(c course.Cell, seed int) (*nn.Model, error) {
	act, err := Activation(c)
	if err != nil {
		return nil, err
	}
	if err := random.SetSeed(seed); err != nil {
		return nil, err
	}
	var layers []nn.Layer
	for i := 0; i+1 < len(c.Sizes); i++ {
		if i > 0 {
			layers = append(layers, act())
		}
		layers = append(layers, nn.Linear(c.Sizes[i], c.Sizes[i+1]))
	}
	return nn.Sequential(layers...)
}

// Data son los datos del curso (course.Training: polinomio, puntos, sigma,
// rango), generados justo después de torch.manual_seed(seed).
func Data(seed int) (data.Data, error) {
	s := course.Training()
	poly, err := data.GeneratePolynomial(s.Polynomial)
	if err != nil {
		return data.Data{}, err
	}
	return data.GetDataFromAPolynomial(poly, s.N, data.Sigma(s.Sigma), data.Range(s.Range), data.WithRand(random.New(seed)))
}

// Loss es la pérdida declarada (train.MSELoss).
func Loss() (train.Loss, error) {
	if l := course.Training().Loss; l != "MSELoss" {
		return nil, fmt.Errorf("coursenet.Loss: %s declara la pérdida %q, que este paquete no sabe traducir", course.File, l)
	}
	return train.MSELoss, nil
}

// Optimizer es el optimizador declarado (train.SGD: sin decaimiento de la
// tasa de aprendizaje, como torch.optim.SGD).
func Optimizer() (train.Optimizer, error) {
	if o := course.Training().Optimizer; o != "SGD" {
		return nil, fmt.Errorf("coursenet.Optimizer: %s declara el optimizador %q, que este paquete no sabe traducir", course.File, o)
	}
	return train.SGD, nil
}

// Train entrena m con los datos d durante steps pasos con train.LearningLoop
// y la tasa de aprendizaje, la pérdida y el optimizador del curso; devuelve
// la pérdida de cada paso.
func Train(m *nn.Model, d data.Data, steps int) ([]float64, error) {
	loss, err := Loss()
	if err != nil {
		return nil, err
	}
	opt, err := Optimizer()
	if err != nil {
		return nil, err
	}
	return train.LearningLoop(d.X, d.Y, m, steps, loss, course.Training().LR, opt)
}

// Died dice si la red está muerta (course.Declared().Died): el gradiente de
// la pérdida respecto a los pesos y sesgos de la primera Linear es
// exactamente cero. internal/parity/curso.py usa la misma definición.
func Died(m *nn.Model, x, y []float64) (bool, error) {
	loss, err := Loss()
	if err != nil {
		return false, err
	}
	g, err := gradients.Of(m, x, y, loss)
	if err != nil {
		return false, err
	}
	for _, p := range g.Params[:2] {
		for _, v := range p.Values {
			if v != 0 {
				return false, nil
			}
		}
	}
	return true, nil
}
