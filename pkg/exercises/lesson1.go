// SPDX-License-Identifier: Apache-2.0

package exercises

import (
	"errors"
	"fmt"
	"math"

	"neuronas/internal/coursenet"
	"neuronas/pkg/data"
	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// Comprobaciones del cuaderno 03-ejercicios-I (lección I: la neurona, la
// pérdida, la tasa de aprendizaje y las funciones de activación).

// lineData son los 100 puntos de la recta y = 2x + 10 de la lección I (ruido
// de desviación típica 2, x en [0, 50], semilla 42).
func lineData() data.Data {
	line, _ := data.GeneratePolynomial([]float64{2, 10})
	d, _ := data.GetDataFromAPolynomial(line, 100, data.Sigma(2), data.Range(50),
		data.WithRand(random.New(random.DefaultSeed)))
	return d
}

// squareData son los 50 puntos de la parábola y = x² de las lecciones I y II
// (ruido de desviación típica 0.5, x en [0, 10], semilla 42).
func squareData() data.Data {
	d, _ := coursenet.Data(random.DefaultSeed) // Los datos declarados del curso no fallan.
	return d
}

// mse es el error cuadrático medio.
func mse(pred, target []float64) float64 {
	s := 0.0
	for i := range pred {
		e := pred[i] - target[i]
		s += e * e
	}
	return s / float64(len(pred))
}

// ZY es la respuesta del ejercicio 1 de la lección I: lo que entra en la
// activación (z) y la salida de la neurona (y).
type ZY struct{ Z, Y float64 }

// NeuronOutput comprueba el ejercicio 1 de la lección I: z y la salida de una
// neurona ReLU con x = (2, −1, 0.5), w = (0.5, 3, −2) y b = 1.
func NeuronOutput(answer func() ZY, opts ...Option) error {
	r := newReport(1, "la salida de una neurona", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	const z, y = -2.0, 0.0
	switch {
	case !finite(got.Z) || !finite(got.Y):
		r.fail(fmt.Sprintf("z = %v, y = %v", got.Z, got.Y), "z e y deben ser números finitos")
	case near(got.Z, -3, 1e-9):
		r.fail("z = -3", "te falta el sesgo: z = w₁x₁ + w₂x₂ + w₃x₃ + b")
	case near(got.Z, 2, 1e-9):
		r.fail("z = 2", "revisa los signos de los productos: w₂ = 3 multiplica a x₂ = −1 y w₃ = −2 a x₃ = 0.5")
	case !near(got.Z, z, 1e-9):
		r.fail(fmt.Sprintf("z = %s", num(got.Z)), "z no es correcta: multiplica cada entrada por su peso, suma los productos y añade el sesgo")
	default:
		r.ok("z = %s", num(got.Z))
		switch {
		case near(got.Y, z, 1e-9):
			r.fail(fmt.Sprintf("y = %s", num(got.Y)), "y es igual a z: te falta aplicar la activación, ReLU(z) = max(0, z)")
		case !near(got.Y, y, 1e-9):
			r.fail(fmt.Sprintf("y = %s", num(got.Y)), "y no es correcta: la salida es ReLU(z) = max(0, z)")
		default:
			r.ok("y = %s", num(got.Y))
		}
	}
	return r.done("z es negativa, así que ReLU deja la salida en 0: para esta entrada la neurona no deja pasar nada (ni gradiente).")
}

// MSE comprueba el ejercicio 2 de la lección I: una función que calcula el
// error cuadrático medio entre predicciones y valores reales.
func MSE(answer func(pred, target []float64) float64, opts ...Option) error {
	r := newReport(2, "la pérdida MSE", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	cases := [][2][]float64{
		{{1, 2, 3}, {1, 2, 3}},
		{{0, 0}, {3, 4}},
		{{1, 2, 3, 4}, {2, 2, 1, 8}},
	}
	if r.hidden {
		g := random.New(7)
		cases = nil
		for _, n := range []int{5, 50, 1} {
			p, errP := g.Uniform(n, -10, 10)
			t, errT := g.Uniform(n, -10, 10)
			if errP != nil || errT != nil {
				panic(errors.Join(errP, errT)) // Imposible: tamaños y extremos fijos y válidos.
			}
			cases = append(cases, [2][]float64{f64(p), f64(t)})
		}
		cases = append(cases, [2][]float64{{-1, -2}, {1, 2}})
	}
	for _, c := range cases {
		pred, target := append([]float64(nil), c[0]...), append([]float64(nil), c[1]...)
		got, err := call(Timeout, func() float64 { return answer(pred, target) })
		if err != nil {
			r.abort(err)
			break
		}
		want := mse(c[0], c[1])
		what := fmt.Sprintf("mse(%v, %v) = %s", c[0], c[1], num(got))
		if r.hidden {
			what = fmt.Sprintf("con %d puntos tu función da %s y debería dar %s", len(c[0]), num(got), num(want))
		}
		switch {
		case !finite(got):
			r.fail(what, "el resultado no es un número finito: revisa la división (¿divides entre cero?) y que no se cuele un NaN")
		case near(got, want, 1e-9):
			r.ok("%s", what)
		case near(got, want*float64(len(c[0])), 1e-9):
			r.fail(what, "has sumado los errores al cuadrado, pero falta dividir entre el número de puntos (la media)")
		case near(got, math.Sqrt(want), 1e-9):
			r.fail(what, "eso es la raíz del error cuadrático medio (RMSE): la MSE no lleva raíz")
		case near(got, mae(c[0], c[1]), 1e-9):
			r.fail(what, "eso es el error absoluto medio: eleva cada diferencia al cuadrado en vez de tomar su valor absoluto")
		default:
			r.fail(what, fmt.Sprintf("el resultado debería ser %s: la media de (pred[i] − target[i])² para todos los i", num(want)))
		}
		if r.failed != nil {
			break
		}
	}
	return r.done("es la pérdida que calcula train.MSELoss y que el entrenamiento hace mínima.")
}

func mae(pred, target []float64) float64 {
	s := 0.0
	for i := range pred {
		s += math.Abs(pred[i] - target[i])
	}
	return s / float64(len(pred))
}

func f64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// TrueLineLoss comprueba el ejercicio 3 de la lección I: la pérdida MSE de la
// recta verdadera y = 2x + 10 sobre los 100 puntos de la lección.
func TrueLineLoss(answer func() float64, opts ...Option) error {
	r := newReport(3, "la pérdida de la recta verdadera", opts)
	got, ok := callFloat(r, answer, TrainingTimeout)
	if ok {
		d := lineData()
		pred := make([]float64, d.Len())
		for i, x := range d.X {
			pred[i] = 2*x + 10
		}
		want := mse(pred, d.Y)
		what := fmt.Sprintf("tu pérdida: %.4f", got)
		switch {
		case near(got, want, 1e-6):
			r.ok("%s", what)
		case near(got, 12.46, 0.01):
			r.fail(what, "esa es la pérdida de la neurona entrenada; aquí se pide la de la recta verdadera, y = 2x + 10, sin entrenar nada")
		case near(got, math.Sqrt(want), 1e-4):
			r.fail(what, "has sacado la raíz cuadrada (RMSE): la MSE es la media de los errores al cuadrado, sin raíz")
		case near(got, want*float64(d.Len()), 1e-4):
			r.fail(what, "has sumado los errores al cuadrado sin dividir entre el número de puntos")
		case near(got, 20, 0.01):
			r.fail(what, "20 es la pérdida que cabe esperar de media, σ²(1 + m²); calcula la de estos 100 puntos concretos")
		default:
			r.fail(what, "calcula ŷ = 2x + 10 para cada x de lineData() y la MSE contra las y; usa los datos de lineData(), sin cambiar la semilla")
		}
	}
	return r.done("ni la recta de la que salen los datos tiene pérdida cero: con ruido, ninguna recta acierta todos los puntos.")
}

// BelowTheTrueLine comprueba el ejercicio 4 de la lección I: por qué la
// neurona entrenada tiene menos pérdida (12.46) que la recta verdadera.
func BelowTheTrueLine(answer func() string, opts ...Option) error {
	return choice{
		n: 4, title: "la neurona entrenada, por debajo de la recta verdadera", correct: "b",
		hints: map[string]string{
			"a": "no es un fallo: el entrenamiento busca la recta con menos pérdida en ESTOS datos, y nada obliga a que sea la verdadera",
			"c": "la MSE está bien calculada (es la del ejercicio 2); piensa en qué minimiza el entrenamiento",
			"d": "con datos nuevos el ruido es otro: lo que la recta entrenada aprendió del ruido de estos 100 puntos ya no le sirve, y nada garantiza que gane («siempre» es demasiado)",
		},
		success: "el entrenamiento se ajusta también al ruido de estos 100 puntos.",
	}.check(answer, opts)
}

// LargestLearningRate comprueba el ejercicio 5 de la lección I: la mayor tasa
// de aprendizaje de la lista 0.0010, 0.0011, …, 0.0020 con la que 20000 pasos
// de SGD sobre la recta no divergen.
//
// La comprobación no entrena: calcula el límite de estabilidad del descenso
// del gradiente, 2/λ, donde λ es el mayor autovalor de la matriz de segundas
// derivadas (hessiana) de la MSE respecto a (w, b), que para una neurona
// lineal es 2·[[media(x²), media(x)], [media(x), 1]].
func LargestLearningRate(answer func() float64, opts ...Option) error {
	r := newReport(5, "la mayor tasa de aprendizaje", opts)
	got, ok := callFloat(r, answer, TrainingTimeout)
	if ok {
		limit := stabilityLimit(lineData())
		want := math.Floor(limit/1e-4) * 1e-4
		what := fmt.Sprintf("tu tasa: %s", num(got))
		inGrid := got > 0.00095 && got < 0.00205 && near(got, math.Round(got/1e-4)*1e-4, 1e-6)
		switch {
		case !inGrid:
			r.fail(what, "la respuesta debe ser una de las tasas de la lista: 0.0010, 0.0011, …, 0.0020")
		case near(got, want, 1e-6):
			r.ok("%s", what)
		case got > want:
			r.fail(what, "con esa tasa el entrenamiento diverge: mira si train.LearningLoop devuelve un error y cuántas pérdidas devuelve")
		default:
			r.fail(what, "con esa tasa no diverge, pero hay otra mayor en la lista que tampoco diverge")
		}
		if r.failed == nil {
			r.ok("el límite teórico, 2/λ, es %.5f", limit)
		}
	}
	return r.done("por encima del límite 2/λ cada paso se pasa de largo y la pérdida crece.")
}

// stabilityLimit es 2/λ para la MSE de una neurona lineal sobre d.
func stabilityLimit(d data.Data) float64 {
	var sx, sxx float64
	for _, x := range d.X {
		sx += x
		sxx += x * x
	}
	n := float64(d.Len())
	a, b, c := 2*sxx/n, 2*sx/n, 2.0
	lambda := (a+c)/2 + math.Sqrt((a-c)*(a-c)/4+b*b)
	return 2 / lambda
}

// derivativeCases compara una derivada escrita por el estudiante con la de
// referencia en unos puntos.
func derivativeCases(r *report, answer func(x float64) float64, want func(x float64) float64,
	xs []float64, wrong func(x, got float64) string) {
	for _, x := range xs {
		got, err := call(Timeout, func() float64 { return answer(x) })
		if err != nil {
			r.abort(err)
			return
		}
		w := want(x)
		what := fmt.Sprintf("en x = %g: %s", x, num(got))
		if r.hidden {
			what = fmt.Sprintf("en x = %g tu función da %s y debería dar %s", x, num(got), num(w))
		}
		switch {
		case !finite(got):
			r.fail(what, "el resultado no es un número finito: con |x| grande, una exponencial desborda (math.Exp(1000) es +Inf); reescribe la fórmula con la propia función, σ(x)·(1 − σ(x)), o trata aparte las x grandes")
		case near(got, w, 1e-9):
			r.ok("%s", what)
		default:
			r.fail(what, wrong(x, got))
		}
		if r.failed != nil {
			return
		}
	}
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// SigmoidDerivative comprueba el ejercicio 6 de la lección I: la derivada de
// la sigmoide.
func SigmoidDerivative(answer func(x float64) float64, opts ...Option) error {
	r := newReport(6, "la derivada de la sigmoide", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	xs := []float64{0, 1, -2, 4}
	if r.hidden {
		xs = []float64{0.5, -0.3, 10, -40, 800, -800}
	}
	_, deriv := nn.Sigmoid().Funcs()
	derivativeCases(r, answer, deriv, xs, func(x, got float64) string {
		switch {
		case near(got, sigmoid(x), 1e-9):
			return "eso es la sigmoide, σ(x), no su derivada"
		case near(got, 1-sigmoid(x), 1e-9):
			return "te falta un factor: la derivada es σ(x)·(1 − σ(x))"
		case near(got, -deriv(x), 1e-9):
			return "el signo está cambiado: σ'(x) = σ(x)·(1 − σ(x)) es siempre positiva"
		}
		return fmt.Sprintf("en x = %g debería dar %s: σ'(x) = σ(x)·(1 − σ(x))", x, num(deriv(x)))
	})
	return r.done("el máximo, 0.25, está en x = 0; lejos del origen la derivada casi desaparece.")
}

// LeakyReLUDerivative comprueba el ejercicio 7 de la lección I: la derivada de
// LeakyReLU con pendiente slope para x ≤ 0 (en x = 0, la del lado izquierdo,
// como PyTorch).
func LeakyReLUDerivative(answer func(x, slope float64) float64, opts ...Option) error {
	r := newReport(7, "la derivada de LeakyReLU", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	type tc struct{ x, slope float64 }
	cases := []tc{{2, 0.01}, {-3, 0.01}, {0, 0.01}, {-1, 0.2}}
	if r.hidden {
		cases = []tc{{1e-9, 0.01}, {-1e-9, 0.01}, {-100, 0.3}, {100, 0.3}, {0, 0.5}, {-5, 0}}
	}
	for _, c := range cases {
		got, err := call(Timeout, func() float64 { return answer(c.x, c.slope) })
		if err != nil {
			r.abort(err)
			break
		}
		want := nn.LeakyReLUWith(c.slope).Derivative(c.x)
		what := fmt.Sprintf("en x = %g con pendiente %g: %s", c.x, c.slope, num(got))
		if r.hidden {
			what = fmt.Sprintf("en x = %g con pendiente %g tu función da %s y debería dar %s", c.x, c.slope, num(got), num(want))
		}
		switch {
		case !finite(got):
			r.fail(what, "el resultado no es un número finito")
		case near(got, want, 1e-12):
			r.ok("%s", what)
		case c.x == 0 && near(got, 1, 1e-12):
			r.fail(what, "en x = 0 tomamos la derivada del lado izquierdo, como PyTorch: la pendiente, no 1")
		case c.x < 0 && got == 0:
			r.fail(what, "eso es la derivada de ReLU: en LeakyReLU, para x negativa, la derivada es la pendiente")
		case c.x < 0 && near(got, c.slope*c.x, 1e-12):
			r.fail(what, "eso es LeakyReLU(x) = pendiente·x, no su derivada: la derivada de pendiente·x es la pendiente")
		case c.x > 0 && near(got, c.x, 1e-12):
			r.fail(what, "eso es LeakyReLU(x) = x, no su derivada: para x > 0 la derivada es 1")
		case c.x < 0 && near(got, 0.01, 1e-12):
			r.fail(what, "usa la pendiente que recibe la función, no 0.01 fija")
		default:
			r.fail(what, fmt.Sprintf("debería dar %s: 1 si x > 0 y la pendiente si x ≤ 0", num(want)))
		}
		if r.failed != nil {
			break
		}
	}
	return r.done("la derivada nunca es cero si la pendiente no lo es: siempre llega algo de gradiente.")
}

// TanhSaturation comprueba el ejercicio 8 de la lección I: el valor de x > 0
// a partir del cual la derivada de tanh es menor que 0.01, con un error menor
// que 0.01 (un bucle con pasos de 0.01 da 2.99 o 3.00; la respuesta exacta es
// 2.9932).
func TanhSaturation(answer func() float64, opts ...Option) error {
	r := newReport(8, "la saturación de tanh", opts)
	got, ok := callFloat(r, answer, Timeout)
	if ok {
		want := math.Atanh(math.Sqrt(0.99))
		what := fmt.Sprintf("tu x: %.4f (tanh'(x) = %.5f)", got, 1-math.Tanh(got)*math.Tanh(got))
		sigmoidX := 2 * math.Acosh(1/(2*math.Sqrt(0.01))) // σ'(x) = 1/(4·cosh²(x/2)) = 0.01
		switch {
		case math.Abs(got-want) < 0.01:
			r.ok("%s", what)
		case math.Abs(-got-want) < 0.01:
			r.fail(what, "se pide la x positiva: por simetría, la negativa es la misma con el signo cambiado")
		case math.Abs(got-sigmoidX) <= 0.01:
			r.fail(what, "esa es la x de la sigmoide; aquí se pide la de tanh, cuya derivada es 1 − tanh²(x)")
		case got < want:
			r.fail(what, "en esa x la derivada todavía es mayor que 0.01: busca una x mayor (con un error menor que 0.01)")
		default:
			r.fail(what, "en esa x la derivada ya es menor que 0.01, pero se pide la primera x en la que lo es: busca una x menor (con un error menor que 0.01)")
		}
	}
	return r.done("a partir de |x| ≈ 3, tanh está saturada: su derivada no llega a la centésima.")
}

// WB es la respuesta del ejercicio 9 de la lección I: el peso y el sesgo de
// una neurona con una entrada.
type WB struct{ W, B float64 }

// DeadFromTheStart comprueba el ejercicio 9 de la lección I: un peso y un sesgo
// en [−1, 1] (donde los pone la inicialización) con los que una neurona ReLU
// está muerta para todos los datos de la parábola. Comprueba que z = wx + b < 0
// en todos los puntos y que los gradientes (gradients.Of) son exactamente 0.
// Pide z < 0 y no z ≤ 0 porque gradients.Of (la derivación automática de
// GoMLX) toma en z = 0 la derivada 1 de ReLU, no la de la izquierda.
func DeadFromTheStart(answer func() WB, opts ...Option) error {
	r := newReport(9, "una neurona ReLU muerta desde el principio", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	w, b := got.W, got.B
	d := squareData()
	switch {
	case !finite(w) || !finite(b):
		r.fail(fmt.Sprintf("w = %v, b = %v", w, b), "w y b deben ser números finitos")
	case math.Abs(w) > 1 || math.Abs(b) > 1:
		r.fail(fmt.Sprintf("w = %g, b = %g", w, b), "w y b deben estar entre −1 y 1, donde los pone la inicialización de nn.Linear(1, 1)")
	default:
		r.ok("w = %g y b = %g están en [−1, 1]", w, b)
		alive := 0
		var first float64
		for _, x := range d.X {
			if w*x+b >= 0 {
				if alive == 0 {
					first = x
				}
				alive++
			}
		}
		if alive > 0 {
			r.fail(fmt.Sprintf("z = wx + b es positiva o cero en %d de %d puntos (por ejemplo, x = %.3f)", alive, d.Len(), first),
				"z debe ser negativa (< 0) en todos los puntos; las x van de un poco menos de 0 a un poco más de 10 (el ruido las saca de [0, 10])")
			break
		}
		r.ok("z = wx + b < 0 en los %d puntos", d.Len())
		model, err := nn.Sequential(nn.Linear(1, 1), nn.ReLU())
		if err == nil {
			err = model.SetParameters([]float32{float32(w)}, []float32{float32(b)})
		}
		var g *gradients.Gradients
		if err == nil {
			g, err = gradients.Of(model, d.X, d.Y, train.MSELoss)
		}
		if err != nil {
			r.abort(err)
			break
		}
		if zeros, total := g.Zeros(); zeros != total {
			r.fail(fmt.Sprintf("%d de %d gradientes son 0", zeros, total), "al redondear a float32, algún z ha quedado en 0 o por encima: aléjate un poco más del borde")
			break
		}
		r.ok("los gradientes del peso y del sesgo son exactamente 0")
	}
	return r.done("con esos valores iniciales, el descenso del gradiente no movería nunca la neurona.")
}

// OneNeuronParabola comprueba el ejercicio 10 de la lección I: si una neurona
// con una entrada puede ajustar la parábola en [−5, 5].
func OneNeuronParabola(answer func() string, opts ...Option) error {
	return choice{
		n: 10, title: "una neurona frente a la parábola", correct: "c",
		hints: map[string]string{
			"a": "ReLU(wx + b) tiene un solo codo y nunca baja y luego sube: es monótona",
			"b": "no es cuestión de pasos: ninguna elección de w y b da esa forma",
			"d": "con la pendiente pequeña y positiva de la lección (0.01), LeakyReLU es creciente, y f(wx + b) es monótona",
		},
		success: "f(wx + b) es monótona, y la parábola en [−5, 5] baja y después sube.",
	}.check(answer, opts)
}
