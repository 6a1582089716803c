// Package data genera los datos de los cuadernos: polinomios y nubes de puntos
// con ruido gaussiano, como las funciones generate_polynomial y
// get_data_from_a_polynomial del curso (cuaderno «Modelos Neuronales I»).
//
// Todo el azar sale de un [Rand] con semilla: la misma semilla da los mismos
// datos en cualquier máquina.
package data

// Data es un conjunto de puntos (x, y): X[i] e Y[i] forman el punto i.
// Equivale al tensor n×2 del curso, donde data[:,0] son las x y data[:,1] las y.
type Data struct {
	X, Y []float64
}

// Len devuelve el número de puntos.
func (d Data) Len() int { return len(d.X) }
