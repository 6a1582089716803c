// SPDX-License-Identifier: Apache-2.0

package exercises

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"neuronas/internal/coursenet"
	"neuronas/pkg/data"
	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
)

// Comprobaciones del cuaderno 04-ejercicios-II (lección II: capas, el
// perceptrón multicapa, la pérdida de la función verdadera, las neuronas
// muertas de ReLU y cómo evitarlas, y la activación de la última capa).

// ParameterCount comprueba el ejercicio 1 de la lección II: una función que
// cuenta los parámetros entrenables de un perceptrón multicapa dado por el
// tamaño de cada capa (entradas, ocultas…, salidas).
func ParameterCount(answer func(sizes []int) int, opts ...Option) error {
	r := newReport(1, "los parámetros de un perceptrón multicapa", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	cases := [][]int{{1, 5, 1}, {1, 5, 5, 5, 1}, {3, 4, 3, 2}, {1, 1}}
	if r.hidden {
		cases = [][]int{{7, 1}, {2, 9, 1}, {10, 20, 30, 40, 5}, {1, 1, 1, 1, 1, 1}}
	}
	for _, sizes := range cases {
		got, err := call(Timeout, func() int { return answer(slices.Clone(sizes)) })
		if err != nil {
			r.abort(err)
			break
		}
		want, weights, neurons := 0, 0, 0
		for i := 1; i < len(sizes); i++ {
			want += (sizes[i-1] + 1) * sizes[i]
			weights += sizes[i-1] * sizes[i]
			neurons += sizes[i]
		}
		what := fmt.Sprintf("capas %v: %d", sizes, got)
		if r.hidden {
			what = fmt.Sprintf("con capas %v tu función da %d y debería dar %d", sizes, got, want)
		}
		switch {
		case got == want:
			r.ok("%s", what)
		case got == weights:
			r.fail(what, "has contado los pesos, pero faltan los sesgos: cada neurona tiene uno")
		case got == neurons:
			r.fail(what, "has contado neuronas; cada neurona tiene un peso por entrada y un sesgo")
		case got == want-sizes[len(sizes)-1]:
			r.fail(what, "te faltan los sesgos de la capa de salida")
		case got == want+sizes[0]:
			r.fail(what, "las entradas no son neuronas: no tienen sesgo; solo lo tienen las neuronas de cada capa Linear")
		default:
			r.fail(what, "cada capa Linear(entradas, salidas) tiene entradas×salidas pesos y salidas sesgos; súmalos capa a capa")
		}
		if r.failed != nil {
			break
		}
	}
	return r.done("coincide con lo que imprime fmt.Println(model): los parámetros de cada capa Linear y su total.")
}

// ModelAnswer es la respuesta de un ejercicio que construye un modelo.
type ModelAnswer struct {
	Model *nn.Model
	Err   error
}

// DrawnNetwork comprueba el ejercicio 2 de la lección II: el modelo de
// nn.Sequential que corresponde al dibujo diagram.MLP(2, 4, 3, 1), con ReLU
// tras cada capa oculta y sin activación en la salida.
func DrawnNetwork(answer func() (*nn.Model, error), opts ...Option) error {
	r := newReport(2, "la red del dibujo", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, func() ModelAnswer { m, err := answer(); return ModelAnswer{m, err} })
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	want := []nn.Layer{nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1)}
	switch {
	case got.Err != nil:
		r.fail("nn.Sequential ha devuelto un error", fmt.Sprintf("nn.Sequential no ha podido montar tu red: %v", got.Err))
	case got.Model == nil:
		r.fail("tu función devuelve un modelo nil", "devuelve el resultado de nn.Sequential(...)")
	default:
		layers := got.Model.Layers()
		r.compareLayers(layers, want, "")
	}
	params := 0
	if r.failed == nil {
		params = got.Model.NumParameters()
	}
	return r.done(fmt.Sprintf("2 entradas, dos capas ocultas (4 y 3 neuronas, con ReLU) y una salida lineal: %d parámetros.", params))
}

// compareLayers compara las capas de un modelo con las esperadas y da una
// pista sobre la primera diferencia.
func (r *report) compareLayers(layers, want []nn.Layer, prefix string) {
	names := func(ls []nn.Layer) string {
		var s []string
		for _, l := range ls {
			s = append(s, l.String())
		}
		return strings.Join(s, ", ")
	}
	what := "tus capas: " + names(layers)
	fail := func(hint string) { r.fail(what, prefix+hint) }
	var linears, wantLinears []nn.Layer
	for _, l := range layers {
		if !l.IsActivation() {
			linears = append(linears, l)
		}
	}
	for _, l := range want {
		if !l.IsActivation() {
			wantLinears = append(wantLinears, l)
		}
	}
	switch {
	case slices.Equal(layers, want):
		r.ok("%s", what)
	case len(linears) != len(wantLinears):
		fail(fmt.Sprintf("hay %d capas Linear y deberían ser %d: una por cada columna de círculos del dibujo salvo la de entrada", len(linears), len(wantLinears)))
	case !slices.Equal(linears, wantLinears):
		fail("los tamaños de las capas Linear no son los del dibujo: nn.Linear(entradas, salidas), y las salidas de una capa son las entradas de la siguiente")
	case len(layers) > 0 && layers[len(layers)-1].IsActivation():
		fail("la salida no lleva activación: la última capa es lineal")
	default:
		fail("las activaciones no son las pedidas: ReLU después de cada capa oculta y ninguna en la salida")
	}
}

// tinyNet es la red 1-2-1 con tanh del ejercicio 3 de la lección II.
func tinyNet() (*nn.Model, error) {
	m, err := nn.Sequential(nn.Linear(1, 2), nn.Tanh(), nn.Linear(2, 1))
	if err != nil {
		return nil, err
	}
	return m, m.SetParameters([]float32{2, -1}, []float32{-1, 0.5}, []float32{1.5, -2}, []float32{0.5})
}

// ForwardByHand comprueba el ejercicio 3 de la lección II: la salida de la red
// 1-2-1 con tanh de pesos W₁ = [2, −1]ᵀ, b₁ = [−1, 0.5], W₂ = [1.5, −2],
// b₂ = 0.5, calculada a mano (sin nn), comparada con model.Predict.
func ForwardByHand(answer func(x float64) float64, opts ...Option) error {
	r := newReport(3, "una red calculada a mano", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	model, err := tinyNet()
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	xs := []float64{0, 1, -2}
	if r.hidden {
		xs = []float64{0.25, 3, -0.7, 10}
	}
	want, err := model.Predict(xs)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	for i, x := range xs {
		got, err := call(Timeout, func() float64 { return answer(x) })
		if err != nil {
			r.abort(err)
			break
		}
		h1, h2 := 2*x-1, -x+0.5
		what := fmt.Sprintf("x = %g: %.6f", x, got)
		if r.hidden {
			what = fmt.Sprintf("en x = %g tu función da %.6f y el modelo %.6f", x, got, want[i])
		}
		switch {
		case !finite(got):
			r.fail(what, "el resultado no es un número finito")
		case near(got, want[i], 1e-5): // el modelo calcula en float32
			r.ok("%s (model.Predict: %.6f)", what, want[i])
		case near(got, 1.5*h1-2*h2+0.5, 1e-6):
			r.fail(what, "te falta la tanh de la capa oculta: h = tanh(W₁x + b₁)")
		case near(got, math.Tanh(1.5*math.Tanh(h1)-2*math.Tanh(h2)+0.5), 1e-6):
			r.fail(what, "la capa de salida no lleva activación: y = W₂h + b₂, sin tanh")
		case near(got, 1.5*math.Tanh(h1)-2*math.Tanh(h2), 1e-6):
			r.fail(what, "te falta el sesgo de la salida, b₂ = 0.5")
		default:
			r.fail(what, "calcula primero las dos neuronas ocultas, cada una con su peso y su sesgo de la capa 0 y su tanh, y después la salida: cada h por su peso de la capa 2, más el sesgo b₂. Revisa qué peso va con qué neurona y los signos")
		}
		if r.failed != nil {
			break
		}
	}
	return r.done("es lo mismo que hace model.Predict (Forward), capa a capa.")
}

// CL es la respuesta del ejercicio 4 de la lección II: una constante c y la
// pérdida de predecir c para todas las x.
type CL struct{ C, Loss float64 }

// ConstantPrediction comprueba el ejercicio 4 de la lección II: la constante c
// que minimiza la MSE en los datos de la parábola (la media de las y) y su
// pérdida (la varianza de las y).
func ConstantPrediction(answer func() CL, opts ...Option) error {
	r := newReport(4, "la mejor predicción constante", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	d := squareData()
	mean := 0.0
	for _, y := range d.Y {
		mean += y
	}
	mean /= float64(d.Len())
	pred := make([]float64, d.Len())
	for i := range pred {
		pred[i] = mean
	}
	loss := mse(pred, d.Y)
	ys := slices.Clone(d.Y)
	sort.Float64s(ys)
	median := (ys[len(ys)/2-1] + ys[len(ys)/2]) / 2
	switch {
	case !finite(got.C) || !finite(got.Loss):
		r.fail(fmt.Sprintf("c = %v, pérdida = %v", got.C, got.Loss), "c y la pérdida deben ser números finitos")
	case near(got.C, median, 1e-4):
		r.fail(fmt.Sprintf("c = %.4f", got.C), "esa es la mediana de las y: la mediana minimiza el error absoluto; el cuadrático lo minimiza otra medida de centro")
	case !near(got.C, mean, 1e-6):
		r.fail(fmt.Sprintf("c = %.4f", got.C), "la constante que minimiza la MSE es la media de las y (deriva Σ(c − yᵢ)² respecto a c e iguala a 0)")
	default:
		r.ok("c = %.4f", got.C)
		switch {
		case near(got.Loss, loss, 1e-6):
			r.ok("pérdida = %.2f", got.Loss)
		case near(got.Loss, math.Sqrt(loss), 1e-4):
			r.fail(fmt.Sprintf("pérdida = %.2f", got.Loss), "esa es la desviación típica; la MSE de la media es la varianza, sin raíz")
		case near(got.Loss, loss*float64(d.Len())/float64(d.Len()-1), 1e-6):
			r.fail(fmt.Sprintf("pérdida = %.2f", got.Loss), "has dividido entre n − 1, como la varianza muestral; la MSE es la media: divide entre n")
		case near(got.Loss, loss*float64(d.Len()), 1e-6):
			r.fail(fmt.Sprintf("pérdida = %.2f", got.Loss), "has sumado los errores al cuadrado sin dividir entre el número de puntos")
		default:
			r.fail(fmt.Sprintf("pérdida = %.2f", got.Loss), "calcula la MSE de predecir c para todas las x: la media de (c − yᵢ)²")
		}
	}
	return r.done("ninguna red que merezca la pena debería quedarse por encima de esta pérdida.")
}

// NoiseFloor comprueba el ejercicio 5 de la lección II: la pérdida de la
// función verdadera, y = x², sobre los 50 puntos del curso (51.20). No es el
// suelo: como hay ruido también en las x, la mejor predicción posible pierde
// menos (24.29, el suelo del cuaderno II).
func NoiseFloor(answer func() float64, opts ...Option) error {
	r := newReport(5, "la pérdida de la función verdadera", opts)
	got, ok := callFloat(r, answer, TrainingTimeout)
	if ok {
		d := squareData()
		want, _ := coursenet.TrueLoss(d) // Con los datos del curso no falla.
		what := fmt.Sprintf("tu pérdida: %.4f", got)
		switch {
		case near(got, want, 1e-6):
			r.ok("%s", what)
		case near(got, math.Sqrt(want), 1e-4):
			r.fail(what, "has sacado la raíz cuadrada: la MSE es la media de los errores al cuadrado")
		case near(got, want*float64(d.Len()), 1e-4):
			r.fail(what, "has sumado los errores al cuadrado sin dividir entre el número de puntos")
		default:
			r.fail(what, "calcula ŷ = x² para cada x de los datos y la MSE contra las y; usa los datos del curso (semilla 42, 50 puntos, σ = 0.5, x en [0, 10])")
		}
	}
	return r.done("ni la función de la que salen los datos acierta todos los puntos. Pero no es el suelo: como vimos en la lección, la mejor predicción posible a partir de la x medida pierde menos.")
}

// lessonFinalLosses son las pérdidas finales del cuaderno II (Go, semilla 42),
// celda a celda.
var lessonFinalLosses = map[int]float64{
	19: 132.8174, 20: 129.6781, 21: 37.2064, 22: 20.1693,
	27: 17.9223, 28: 20.0811, 32: 888.7956, 36: 27.6084,
}

// NetsBelowTheFloor comprueba el ejercicio 6 de la lección II: qué celdas del
// cuaderno II (19, 20, 21, 22, 27, 28, 32, 36) acaban con una pérdida menor que
// la de la mejor predicción posible (el suelo, 24.29), no solo que la de y = x²
// (51.20).
func NetsBelowTheFloor(answer func() []int, opts ...Option) error {
	r := newReport(6, "las redes por debajo del suelo", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	d := squareData()
	floor, _ := coursenet.Floor(d) // Con los datos del curso no fallan.
	trueLoss, _ := coursenet.TrueLoss(d)
	var want []int
	for cell, loss := range lessonFinalLosses {
		if loss < floor {
			want = append(want, cell)
		}
	}
	sort.Ints(want)
	got = slices.Clone(got)
	sort.Ints(got)
	got = slices.Compact(got)
	what := fmt.Sprintf("tus celdas: %v", got)
	var unknown, above, between, missing []int
	for _, c := range got {
		loss, ok := lessonFinalLosses[c]
		switch {
		case !ok:
			unknown = append(unknown, c)
		case loss >= trueLoss:
			above = append(above, c)
		case loss >= floor:
			between = append(between, c)
		}
	}
	for _, c := range want {
		if !slices.Contains(got, c) {
			missing = append(missing, c)
		}
	}
	switch {
	case len(unknown) > 0:
		r.fail(what, fmt.Sprintf("%v no son celdas de entrenamiento del cuaderno II: usa los números In [N] de la tabla", unknown))
	case len(above) > 0:
		r.fail(what, fmt.Sprintf("la pérdida final de %v ni siquiera baja de la de y = x² (%.2f)", above, trueLoss))
	case len(between) > 0:
		r.fail(what, fmt.Sprintf("%v bajan de la pérdida de y = x² (%.2f), pero no del suelo de %.2f: la mejor predicción posible pierde menos que y = x², porque hay ruido también en las x", between, trueLoss, floor))
	case len(missing) > 0:
		r.fail(what, fmt.Sprintf("te falta alguna celda con pérdida final menor que %.2f (hay %d)", floor, len(want)))
	default:
		r.ok("%s", what)
	}
	return r.done(fmt.Sprintf("%d redes acaban por debajo del suelo de %.2f, la pérdida de la mejor predicción posible.", len(want), floor))
}

// BelowTheFloor comprueba el ejercicio 7 de la lección II: qué significa que
// una red acabe con menos pérdida que la mejor predicción posible (el suelo).
func BelowTheFloor(answer func() string, opts ...Option) error {
	return choice{
		n: 7, title: "qué significa bajar del suelo", correct: "c",
		hints: map[string]string{
			"a": "el suelo es la pérdida de la mejor predicción posible sabiendo cómo se generaron los datos: ninguna función de x predice mejor en general; solo en estos 50 puntos, acertando su ruido",
			"b": "no hay ningún error de cálculo: la MSE de las redes y la del suelo se miden sobre los mismos 50 puntos",
			"d": "al revés: con datos nuevos el ruido es otro, y lo aprendido del ruido de estos 50 puntos ya no ayuda",
		},
		success: "por debajo del suelo, la red se está aprendiendo el ruido de estos 50 puntos (sobreajuste).",
	}.check(answer, opts)
}

// DeadNeurons comprueba el ejercicio 8 de la lección II: una función que cuenta
// las neuronas muertas de una red a partir de sus gradientes. Una neurona de
// una capa oculta (cualquier capa Linear salvo la última) está muerta si el
// gradiente de su sesgo y los de todos sus pesos de entrada (su fila de la
// matriz de pesos) son exactamente 0.
func DeadNeurons(answer func(g *gradients.Gradients) int, opts ...Option) error {
	r := newReport(8, "contar neuronas muertas", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	fixtures := deadFixtures()
	if r.hidden {
		fixtures = hiddenDeadFixtures()
	}
	for _, f := range fixtures {
		got, err := call(Timeout, func() int { return answer(cloneGradients(f.g)) })
		if err != nil {
			r.abort(err)
			break
		}
		want := countDead(f.g)
		what := fmt.Sprintf("%s: %d", f.name, got)
		if r.hidden {
			what = fmt.Sprintf("%s: tu función da %d y debería dar %d", f.name, got, want)
		}
		switch {
		case got == want:
			r.ok("%s", what)
		case got == countDeadWithOutput(f.g):
			r.fail(what, "no cuentes la capa de salida: solo las neuronas de las capas ocultas pueden estar muertas en este sentido")
		case got == countZeroRows(f.g):
			r.fail(what, "mira también el sesgo: una neurona cuyos pesos tienen gradiente 0 pero su sesgo no, todavía aprende")
		case got == zeroGrads(f.g):
			r.fail(what, "has contado gradientes a cero; hay que contar neuronas (una fila de la matriz de pesos más su sesgo)")
		default:
			r.fail(what, "recorre las capas Linear de dos en dos parámetros (pesos «N.weight» de forma [salidas×entradas] y sesgos «N.bias»), sin la última, y cuenta las filas cuyos gradientes y sesgo son todos 0")
		}
		if r.failed != nil {
			break
		}
	}
	return r.done("una neurona sin gradiente no puede cambiar: ni aprende ni deja aprender a las de antes.")
}

type deadFixture struct {
	name string
	g    *gradients.Gradients
}

// layerGrads arma los gradientes de una capa Linear (pesos [out×in] fila a fila y sesgos).
func layerGrads(layer, in, out int, w, b []float32) []nn.Parameter {
	return []nn.Parameter{
		{Name: fmt.Sprintf("%d.weight", layer), Layer: layer, Shape: []int{out, in}, Values: w},
		{Name: fmt.Sprintf("%d.bias", layer), Layer: layer, Shape: []int{out}, Values: b},
	}
}

func grads(layers ...[]nn.Parameter) *gradients.Gradients {
	g := &gradients.Gradients{}
	for _, l := range layers {
		g.Params = append(g.Params, l...)
	}
	return g
}

func deadFixtures() []deadFixture {
	return []deadFixture{
		{"red 1-2-1, las dos neuronas ocultas muertas", grads(
			layerGrads(0, 1, 2, []float32{0, 0}, []float32{0, 0}),
			layerGrads(2, 2, 1, []float32{0, 0}, []float32{8.93}))},
		{"red 1-3-3-1, una muerta en cada capa oculta", grads(
			layerGrads(0, 1, 3, []float32{0.5, 0, -1.2}, []float32{0.1, 0, -0.3}),
			layerGrads(2, 3, 3, []float32{0.2, 0, 0.1, 0, 0, 0, -0.4, 0, 0.3}, []float32{0.05, 0, -0.2}),
			layerGrads(4, 3, 1, []float32{1.1, 0, 0.7}, []float32{0.9}))},
		// Pesos a cero pero sesgo vivo: la neurona recibe entradas nulas pero aprende su sesgo.
		{"red 1-2-2-1, con una neurona que aprende solo su sesgo", grads(
			layerGrads(0, 1, 2, []float32{0, 0}, []float32{0, 0}),
			layerGrads(2, 2, 2, []float32{0, 0, 0, 0}, []float32{0.3, 0}),
			layerGrads(4, 2, 1, []float32{0.2, 0}, []float32{0.5}))},
		{"red 1-4-1 viva", grads(
			layerGrads(0, 1, 4, []float32{0.1, -0.2, 0.3, 1e-7}, []float32{0.01, 0.02, -0.03, 1e-8}),
			layerGrads(2, 4, 1, []float32{0.5, 0.6, 0.7, 0.8}, []float32{0.1}))},
	}
}

func hiddenDeadFixtures() []deadFixture {
	return []deadFixture{
		{"red 2-3-1 con una neurona muerta", grads(
			layerGrads(0, 2, 3, []float32{0, 0, 0.4, 0.1, -0.2, 0}, []float32{0, 0.2, 0.3}),
			layerGrads(2, 3, 1, []float32{0, 0.5, 0.1}, []float32{0.7}))},
		// Salida sin gradiente (pérdida mínima): no cuenta.
		{"red con la salida sin gradiente", grads(
			layerGrads(0, 2, 2, []float32{0, 0, 0.4, 0.1}, []float32{0, 0.2}),
			layerGrads(2, 2, 1, []float32{0, 0}, []float32{0}))},
		{"red 1-5-5-5-1 como la de la lección", grads(
			layerGrads(0, 1, 5, make([]float32, 5), make([]float32, 5)),
			layerGrads(2, 5, 5, make([]float32, 25), []float32{0, -2e-4, -1e-4, -1e-4, 0}),
			layerGrads(4, 5, 5, []float32{0, 0, 0, 0, 0, 0, -2e-4, -1e-4, -1e-4, 0, 0, 0, 0, 0, 0, 0, 2e-5, 6e-6, 1e-5, 0, 0, 0, 0, 0, 0},
				[]float32{0, -1e-4, 0, 7e-6, 0}),
			layerGrads(6, 5, 1, []float32{0, -2e-4, 0, -6e-13, 0}, []float32{8.5e-3}))},
	}
}

func cloneGradients(g *gradients.Gradients) *gradients.Gradients {
	c := &gradients.Gradients{Loss: g.Loss}
	for _, p := range g.Params {
		p.Shape = slices.Clone(p.Shape)
		p.Values = slices.Clone(p.Values)
		c.Params = append(c.Params, p)
	}
	return c
}

// deadIn cuenta las neuronas muertas de las capas Linear de índices [0, upto).
func deadIn(g *gradients.Gradients, upto int, useBias, useWeights bool) int {
	dead := 0
	for l := 0; l+1 < len(g.Params) && l/2 < upto; l += 2 {
		w, b := g.Params[l], g.Params[l+1]
		out, in := w.Shape[0], w.Shape[1]
		for i := range out {
			zero := true
			if useWeights {
				for j := range in {
					if w.Values[i*in+j] != 0 {
						zero = false
					}
				}
			}
			if useBias && b.Values[i] != 0 {
				zero = false
			}
			if zero {
				dead++
			}
		}
	}
	return dead
}

func countDead(g *gradients.Gradients) int { return deadIn(g, len(g.Params)/2-1, true, true) }
func countDeadWithOutput(g *gradients.Gradients) int {
	return deadIn(g, len(g.Params)/2, true, true)
}
func countZeroRows(g *gradients.Gradients) int { return deadIn(g, len(g.Params)/2-1, false, true) }
func zeroGrads(g *gradients.Gradients) int     { z, _ := g.Zeros(); return z }

// DeadInTheLessonNet comprueba el ejercicio 9 de la lección II: cuántas
// neuronas muertas tiene la red ReLU de la lección (celda In [32]: semilla 42,
// 1-5-5-5-1, 50000 pasos de SGD con tasa 0.001) al terminar de entrenar. La
// respuesta se compara con el resultado medido al escribir el ejercicio.
func DeadInTheLessonNet(answer func() int, opts ...Option) error {
	r := newReport(9, "las neuronas muertas de la red ReLU de la lección", opts)
	const want = 10
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(TrainingTimeout, answer)
	switch {
	case err != nil:
		r.abort(err)
	case got == want:
		r.ok("%d de las 15 neuronas ocultas", got)
	case got == 5:
		r.fail(fmt.Sprintf("%d neuronas", got), "5 son las de la primera capa; cuenta también las de las otras dos capas ocultas")
	case got > 15:
		r.fail(fmt.Sprintf("%d neuronas", got), "la red solo tiene 15 neuronas ocultas: ¿cuentas gradientes en vez de neuronas?")
	default:
		r.fail(fmt.Sprintf("%d neuronas", got), "entrena la red de In [32] exactamente como en la lección (semilla 42 con random.SetSeed antes de nn.Sequential, 50000 pasos, tasa 0.001, SGD) y pasa sus gradientes a tu función del ejercicio 8")
	}
	return r.done("dos tercios de las neuronas ocultas no reciben gradiente, entre ellas toda la primera capa (como vimos en la lección, solo dos de sus cinco neuronas están apagadas para todos los puntos; a las otras tres no les llega gradiente porque la capa siguiente está apagada justo donde ellas se activan). Sin gradiente no aprenden, y la curva se queda en una recta horizontal.")
}

// RescueSeeds son las semillas con las que RescueReLU entrena la red.
var RescueSeeds = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}

// RescueAnswer es lo que devuelve la función del ejercicio 10 de la lección II.
type RescueAnswer struct {
	Model   *nn.Model
	Predict func(xs []float64) ([]float64, error)
	Err     error
}

// RescueReLU comprueba el ejercicio 10 de la lección II: rescatar la red ReLU
// 1-5-5-5-1 sin cambiar de activación. Para cada semilla de RescueSeeds, fija
// la semilla (random.SetSeed), genera los 50 puntos de la parábola con esa
// semilla y llama a la función del estudiante, que entrena la red y devuelve el
// modelo y una función que predice y (en las unidades de los datos). Aprueba si
// la arquitectura es la de la lección y al menos 16 de las 20 redes acaban con
// una pérdida menor que 100 (sin rescate, con tasa 0.001 y 2000 pasos, solo 2
// de 20 lo consiguen).
func RescueReLU(answer func(d data.Data) (*nn.Model, func(xs []float64) ([]float64, error), error), opts ...Option) error {
	r := newReport(10, "rescatar la red ReLU", opts)
	const threshold, needed = 100.0, 16
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	want := []nn.Layer{nn.Linear(1, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 1)}
	square, _ := data.GeneratePolynomial([]float64{1, 0, 0})
	good := 0
	var losses []string
	for i, seed := range RescueSeeds {
		d, err := data.GetDataFromAPolynomial(square, 50, data.Sigma(0.5), data.Range(10), data.WithRand(random.New(seed)))
		if err == nil {
			err = random.SetSeed(seed)
		}
		if err != nil {
			r.abort(err)
			break
		}
		got, err := call(TrainingTimeout, func() RescueAnswer {
			m, p, err := answer(data.Data{X: slices.Clone(d.X), Y: slices.Clone(d.Y)})
			return RescueAnswer{m, p, err}
		})
		if err != nil {
			r.abort(err)
			break
		}
		if got.Err != nil {
			r.fail(fmt.Sprintf("semilla %d: tu función devuelve un error", seed), fmt.Sprintf("con la semilla %d tu función ha devuelto el error: %v (si el entrenamiento diverge, baja la tasa de aprendizaje)", seed, got.Err))
			break
		}
		if got.Model == nil || got.Predict == nil {
			r.fail(fmt.Sprintf("semilla %d: modelo o predict nil", seed), "devuelve el modelo entrenado y una función de predicción que no sean nil")
			break
		}
		if i == 0 {
			r.compareLayers(got.Model.Layers(), want, "la red debe ser la de la lección, 1-5-5-5-1 con ReLU (sin LeakyReLU ni otra activación): ")
			if r.failed != nil {
				break
			}
		}
		type prediction struct {
			ys  []float64
			err error
		}
		pred, err := call(TrainingTimeout, func() prediction {
			ys, err := got.Predict(slices.Clone(d.X))
			return prediction{ys, err}
		})
		if err == nil {
			err = pred.err
		}
		if err != nil {
			r.abort(fmt.Errorf("tu función de predicción ha fallado con la semilla %d: %v", seed, err))
			break
		}
		ys := pred.ys
		if len(ys) != d.Len() {
			r.fail(fmt.Sprintf("semilla %d: tu predicción tiene %d valores para %d x", seed, len(ys), d.Len()), "la función de predicción debe devolver un valor por cada x")
			break
		}
		loss := mse(ys, d.Y)
		if !finite(loss) {
			r.fail(fmt.Sprintf("semilla %d: pérdida %v", seed, loss), "el entrenamiento ha divergido o la predicción no es finita: baja la tasa de aprendizaje")
			break
		}
		if loss < threshold {
			good++
		}
		losses = append(losses, fmt.Sprintf("%d: %.0f", seed, loss))
	}
	if r.failed == nil {
		fmt.Fprintf(out(), "  pérdida final por semilla (en las unidades de los datos): %s\n", strings.Join(losses, ", "))
		what := fmt.Sprintf("%d de %d redes acaban con una pérdida menor que %g", good, len(RescueSeeds), threshold)
		if good >= needed {
			r.ok("%s (sin rescate: 2 de 20)", what)
		} else {
			r.fail(what, fmt.Sprintf("se necesitan al menos %d de %d. Prueba una tasa de aprendizaje menor o normaliza x e y (por ejemplo, x/10 e y/100) y deshaz la normalización al predecir", needed, len(RescueSeeds)))
		}
	}
	return r.done("la misma ReLU, con pasos más suaves, muere mucho menos.")
}

// lastActivationNames traduce los nombres aceptados a la forma canónica.
var lastActivationNames = map[string]string{
	"sigmoide": "sigmoide", "sigmoid": "sigmoide",
	"tanh": "tanh", "relu": "relu", "leakyrelu": "leakyrelu", "softplus": "softplus",
	"ninguna": "ninguna", "lineal": "ninguna", "identidad": "ninguna", "none": "ninguna",
}

// LastActivation comprueba el ejercicio 11 de la lección II: la activación de
// la última capa para tres problemas: (1) la probabilidad de que un correo sea
// basura, (2) la temperatura de mañana en grados Celsius y (3) el número de
// visitas de una web mañana.
func LastActivation(answer func() []string, opts ...Option) error {
	r := newReport(11, "la activación de la última capa", opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	if len(got) != 3 {
		r.fail(fmt.Sprintf("tu respuesta tiene %d elementos", len(got)), "devuelve tres nombres, uno por problema, en orden: []string{\"...\", \"...\", \"...\"}")
		return r.done("")
	}
	accept := []map[string]string{
		{"sigmoide": ""},
		{"ninguna": "", "leakyrelu": ""},
		{"relu": "", "softplus": ""},
	}
	hints := []map[string]string{
		{"tanh": "tanh da valores entre −1 y 1; una probabilidad está entre 0 y 1", "relu": "ReLU no tiene techo y una probabilidad no pasa de 1", "ninguna": "sin activación la salida puede ser cualquier número, y una probabilidad está entre 0 y 1"},
		{"relu": "la temperatura puede ser negativa, y ReLU nunca lo es", "sigmoide": "la sigmoide no pasa de 1", "tanh": "tanh no sale de [−1, 1]"},
		{"ninguna": "sin activación la red podría predecir un número negativo de visitas, y nunca lo es", "sigmoide": "la sigmoide no pasa de 1", "tanh": "tanh no pasa de 1", "leakyrelu": "LeakyReLU puede dar números negativos, y las visitas nunca lo son"},
	}
	problems := []string{"probabilidad de correo basura", "temperatura de mañana", "visitas de mañana"}
	for i, raw := range got {
		name, known := lastActivationNames[strings.ToLower(strings.TrimSpace(raw))]
		what := fmt.Sprintf("(%d) %s: %q", i+1, problems[i], raw)
		if _, ok := accept[i][name]; ok && known {
			r.ok("%s", what)
			continue
		}
		switch {
		case !known:
			r.fail(what, "usa uno de estos nombres: \"sigmoide\", \"tanh\", \"relu\", \"leakyrelu\" o \"ninguna\"")
		case hints[i][name] != "":
			r.fail(what, fmt.Sprintf("problema %d: %s", i+1, hints[i][name]))
		default:
			r.fail(what, fmt.Sprintf("problema %d: piensa en qué valores puede tomar la salida", i+1))
		}
		break
	}
	return r.done("en la última capa, el recorrido de la activación tiene que ser el de la respuesta.")
}
