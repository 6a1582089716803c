// SPDX-License-Identifier: Apache-2.0

package exercises_test

import (
	"fmt"

	"neuronas/pkg/exercises"
)

// Una respuesta correcta: el informe va a la salida estándar y no hay error.
func ExampleLeakyReLUDerivative() {
	derivative := func(x, slope float64) float64 {
		if x > 0 {
			return 1
		}
		return slope
	}
	err := exercises.LeakyReLUDerivative(derivative)
	fmt.Println("error:", err)
	// Output:
	// Ejercicio 7 (la derivada de LeakyReLU)
	//   ✔ en x = 2 con pendiente 0.01: 1
	//   ✔ en x = -3 con pendiente 0.01: 0.01
	//   ✔ en x = 0 con pendiente 0.01: 0.01
	//   ✔ en x = -1 con pendiente 0.2: 0.2
	// ¡Correcto! la derivada nunca es cero si la pendiente no lo es: siempre llega algo de gradiente.
	// error: <nil>
}

// Una respuesta equivocada: el informe marca la prueba que falla y el error lleva la pista.
// En un cuaderno, check.OK escribe ese error y detiene la celda.
func ExampleMSE() {
	sum := func(pred, target []float64) float64 { // olvida dividir entre n
		s := 0.0
		for i := range pred {
			s += (pred[i] - target[i]) * (pred[i] - target[i])
		}
		return s
	}
	err := exercises.MSE(sum)
	fmt.Println("error:", err)
	// Output:
	// Ejercicio 2 (la pérdida MSE)
	//   ✔ mse([1 2 3], [1 2 3]) = 0
	//   ✘ mse([0 0], [3 4]) = 25
	// error: Ejercicio 2: has sumado los errores al cuadrado, pero falta dividir entre el número de puntos (la media)
}

// La copia del estudiante, antes de responder: la función entra en pánico con el texto de
// nbgrader, y la comprobación lo dice sin traza de pila.
func ExampleTanhSaturation() {
	stub := func() float64 {
		panic("ejercicio sin responder: escribe tu solución en lugar de esta línea")
	}
	err := exercises.TanhSaturation(stub)
	fmt.Println("error:", err)
	// Output:
	// Ejercicio 8 (la saturación de tanh)
	//   ✘ todavía sin responder
	// error: Ejercicio 8: todavía no has respondido: escribe tu solución en la celda de respuesta (en lugar de la línea «TU CÓDIGO AQUÍ» y el panic), ejecútala y vuelve a ejecutar esta celda
}
