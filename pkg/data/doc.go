// SPDX-License-Identifier: Apache-2.0

// Package data genera los datos de los cuadernos: polinomios y nubes de puntos
// con ruido gaussiano, como las funciones generate_polynomial y
// get_data_from_a_polynomial del curso (cuaderno «Modelos Neuronales I»).
//
// Todo el azar sale de un generador con semilla (random.Rand, el de PyTorch):
// la misma semilla da los mismos datos en cualquier máquina, y los mismos que
// get_data_from_a_polynomial en PyTorch tras torch.manual_seed con esa semilla.
package data

import (
	"fmt"
	"math"
	"strings"
)

// Data es un conjunto de puntos (x, y): X[i] e Y[i] forman el punto i.
// Equivale al tensor n×2 del curso, donde data[:,0] son las x y data[:,1] las y.
type Data struct {
	X, Y []float64
}

// Len devuelve el número de puntos.
func (d Data) Len() int { return len(d.X) }

// Validate comprueba que X e Y tengan la misma longitud, no estén vacías y solo
// contengan números finitos. name es el nombre del argumento en los mensajes.
func (d Data) Validate(name string) error {
	if strings.TrimSpace(name) == "" {
		name = "data.Data.Validate: el conjunto de datos" // Sin nombre, el mensaje empezaría por un espacio.
	}
	if len(d.X) == 0 {
		return fmt.Errorf("%s no tiene puntos; genera datos con data.GetDataFromAPolynomial", name)
	}
	if len(d.X) != len(d.Y) {
		return fmt.Errorf("%s tiene %d valores de x pero %d de y; deben tener la misma longitud", name, len(d.X), len(d.Y))
	}
	for i := range d.X {
		if bad(d.X[i]) || bad(d.Y[i]) {
			return fmt.Errorf("%s: el punto %d es (%v, %v); todos los valores deben ser números finitos", name, i, d.X[i], d.Y[i])
		}
	}
	return nil
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
