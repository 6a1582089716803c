// SPDX-License-Identifier: Apache-2.0

// Package coursenet construye en Go lo que declara pkg/course: los datos del
// curso, la red de cada celda de entrenamiento (con los pesos iniciales de
// PyTorch), el entrenamiento con los ajustes del curso y la prueba de si una
// red ha muerto. Lo usan el banco de pruebas (bench), las pruebas y los
// barridos frente a PyTorch (internal/parity), cmd/parity y el laboratorio
// (pkg/lab: sus datos y su prueba de red muerta son estos).
package coursenet

import (
	"fmt"
	"math"

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

// TrueLoss es la pérdida MSE de la función verdadera (el polinomio del curso,
// y = x²) sobre d: 51.20 con los datos de la semilla 42 (cuaderno II).
func TrueLoss(d data.Data) (float64, error) {
	if err := sameLength("coursenet.TrueLoss", d); err != nil {
		return 0, err
	}
	poly, err := data.GeneratePolynomial(course.Training().Polynomial)
	if err != nil {
		return 0, fmt.Errorf("coursenet.TrueLoss: %w", err)
	}
	var sum float64
	for i, x := range d.X {
		e := poly.At(x) - d.Y[i]
		sum += e * e
	}
	return sum / float64(len(d.X)), nil
}

// Floor es el suelo del cuaderno II: la pérdida MSE sobre d de la mejor
// predicción posible de y a partir de la x medida (24.29 con los datos de la
// semilla 42). Como el ruido está también en las x, la mejor predicción no es
// el polinomio en x sino la media del polinomio en las x verdaderas x0
// (uniformes en [0, rango]) que, con un ruido de desviación típica sigma,
// darían esa x medida. Es el mismo cálculo que la celda del cuaderno II
// (2001 valores de x0).
func Floor(d data.Data) (float64, error) {
	if err := sameLength("coursenet.Floor", d); err != nil {
		return 0, err
	}
	s := course.Training()
	poly, err := data.GeneratePolynomial(s.Polynomial)
	if err != nil {
		return 0, fmt.Errorf("coursenet.Floor: %w", err)
	}
	var sum float64
	for i, x := range d.X {
		best := poly.At(x) // Sin ruido en x, la mejor predicción es el polinomio.
		if s.Sigma > 0 {
			num, den := 0.0, 0.0
			for j := range 2001 {
				x0 := s.Range * float64(j) / 2000
				// w: lo probable que es medir x si la x verdadera es x0.
				w := math.Exp(-0.5 * math.Pow((x-x0)/s.Sigma, 2))
				num, den = num+w*poly.At(x0), den+w
			}
			if den > 0 {
				best = num / den
			} else { // x tan lejos de [0, rango] que ningún peso es representable.
				best = poly.At(min(max(x, 0), s.Range))
			}
		}
		e := best - d.Y[i]
		sum += e * e
	}
	return sum / float64(len(d.X)), nil
}

// sameLength comprueba que d tiene puntos y tantas y como x.
func sameLength(fn string, d data.Data) error {
	if len(d.X) == 0 || len(d.X) != len(d.Y) {
		return fmt.Errorf("%s: los datos tienen %d x y %d y; hacen falta los mismos, al menos uno (obtenlos con lab.CourseData)", fn, len(d.X), len(d.Y))
	}
	return nil
}
