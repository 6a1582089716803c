// SPDX-License-Identifier: Apache-2.0

package plots_test

import (
	"bytes"
	"fmt"
	"image/png"
	"math"

	"neuronas/pkg/data"
	"neuronas/pkg/plots"
)

func relu(x float64) float64 { return max(0, x) }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Render2DFunction devuelve el PNG (1280×960) y su texto alternativo sin
// mostrarlos; en el cuaderno se usa Draw2DFunction con los mismos argumentos.
func ExampleRender2DFunction() {
	img, alt, err := plots.Render2DFunction(relu, plots.Options{Label: "ReLU", Title: "Función de activación"})
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(img))
	fmt.Printf("%d×%d\n%s\n", cfg.Width, cfg.Height, alt)
	// Output:
	// 1280×960
	// Gráfica de la función «ReLU» en x de -4 a 4: empieza en y=0 y termina en y=4 (mínimo 0 en x=-4, máximo 4 en x=4); título: «Función de activación».
}

// Una activación y su derivada en la misma figura.
func ExampleRender2DFunctions() {
	dsigmoid := func(x float64) float64 { return sigmoid(x) * (1 - sigmoid(x)) }
	_, alt, err := plots.Render2DFunctions([]plots.Func{
		{F: sigmoid, Label: "sigmoide"},
		{F: dsigmoid, Label: "derivada"},
	}, plots.Options{Range: [2]float64{-6, 3}})
	fmt.Println(alt, err)
	// Output:
	// Gráfica de 2 funciones en x de -6 a 3: «sigmoide» empieza en y=0.002473 y termina en y=0.9526 (mínimo 0.002473 en x=-6, máximo 0.9526 en x=3); «derivada» empieza en y=0.002467 y termina en y=0.04518 (mínimo 0.002467 en x=-6, máximo 0.25 en x=0). <nil>
}

// La primera figura de cada celda de entrenamiento: datos y modelo.
func ExampleRenderFit() {
	d := data.Data{X: []float64{0, 1, 2, 3}, Y: []float64{0.1, 0.9, 4.2, 8.8}}
	model := func(xs []float64) ([]float64, error) { // Como model.Predict de pkg/nn.
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = x * x
		}
		return ys, nil
	}
	_, alt, err := plots.RenderFit(d, model, plots.Options{Title: "Después de entrenar"})
	fmt.Println(alt, err)
	// Output:
	// Gráfica del ajuste: 4 puntos de datos (x de 0 a 3, y de 0.1 a 8.8) y la curva «modelo» en x de 0 a 3, que empieza en y=0 y termina en y=9 (mínimo 0 en x=0, máximo 9 en x=3); título: «Después de entrenar». <nil>
}

// La segunda figura: la pérdida de cada paso, aquí en escala logarítmica.
func ExampleRenderLoss() {
	losses := make([]float64, 50000)
	for i := range losses {
		losses[i] = 1000*math.Exp(-float64(i)/5000) + 12
	}
	_, alt, err := plots.RenderLoss(losses, plots.Options{LogY: true})
	fmt.Println(alt, err)
	// Output:
	// Curva de pérdida: 50000 pasos; empieza en 1012 y termina en 12.05 (mínimo 12.05 en el paso 49999); eje y en escala logarítmica. <nil>
}

// Los errores dicen qué argumento está mal y cómo arreglarlo.
func ExampleFit_errors() {
	model := func(xs []float64) ([]float64, error) { return xs, nil }
	fmt.Println(plots.Fit(data.Data{X: []float64{1, 2}, Y: []float64{1}}, model))
	fmt.Println(plots.Fit(data.Data{X: []float64{1, 2}, Y: []float64{1, math.NaN()}}, model))
	fmt.Println(plots.Loss(nil))
	fmt.Println(plots.Draw2DFunction(relu, plots.Options{Range: [2]float64{4, -4}}))
	// Output:
	// plots.Fit: d.X tiene 2 valores pero d.Y tiene 1; cada punto necesita su x y su y
	// plots.Fit: d.Y[1] es NaN; todos los valores deben ser números finitos (revisa de dónde sale ese valor)
	// plots.Loss: losses está vacía; guarda la pérdida de cada paso del entrenamiento (loss_list en el curso) antes de dibujarla
	// plots.Draw2DFunction: Options.Range = [4, -4] no es válido: el mínimo debe ser menor que el máximo, por ejemplo [-4, 4]
}
