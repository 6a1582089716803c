// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"neuronas/pkg/data"
)

func identity(xs []float64) ([]float64, error) { return xs, nil }

func square(x float64) float64 { return x * x }

func errOf(_ []byte, _ string, err error) error { return err }

func TestErrors(t *testing.T) {
	good := data.Data{X: []float64{0, 1, 2}, Y: []float64{1, 2, 3}}
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"función nil", errOf(Render2DFunction(nil)), []string{"plots.Draw2DFunction", "f es nil"}},
		{"Range al revés", errOf(Render2DFunction(square, Options{Range: [2]float64{4, -4}})), []string{"Options.Range = [4, -4]", "menor que el máximo"}},
		{"Range vacío", errOf(Render2DFunction(square, Options{Range: [2]float64{1, 1}})), []string{"Options.Range = [1, 1]"}},
		{"Range NaN", errOf(Render2DFunction(square, Options{Range: [2]float64{math.NaN(), 1}})), []string{"Options.Range[0] es NaN"}},
		{"función NaN", errOf(Render2DFunction(math.Log, Options{Range: [2]float64{-1, 1}})), []string{"f devuelve NaN en x=-1 (punto 1 de 100)", "Options.Range"}},
		{"función Inf", errOf(Render2DFunction(func(x float64) float64 { return 1 / x }, Options{Range: [2]float64{0, 1}})), []string{"f devuelve +Inf en x=0"}},
		{"dos Options", errOf(Render2DFunction(square, Options{}, Options{})), []string{"recibí 2 Options"}},
		{"Data vacía", errOf(Render2DFunction(square, Options{Data: &data.Data{}})), []string{"Options.Data no tiene puntos"}},
		{"Data con Inf", errOf(Render2DFunction(square, Options{Data: &data.Data{X: []float64{0, math.Inf(-1)}, Y: []float64{0, 1}}})), []string{"Options.Data.X[1] es -Inf"}},
		{"LogY con y<=0", errOf(Render2DFunction(func(x float64) float64 { return x }, Options{LogY: true})), []string{"Options.LogY necesita y > 0", "una curva vale y=-4 en x=-4"}},
		{"lista vacía", errOf(Render2DFunctions(nil)), []string{"plots.Draw2DFunctions", "fs está vacía"}},
		{"Func sin F", errOf(Render2DFunctions([]Func{{F: square}, {Label: "b"}})), []string{"fs[1].F es nil"}},
		{"fs[i] NaN", errOf(Render2DFunctions([]Func{{F: square}, {F: math.Sqrt}})), []string{"fs[1] devuelve NaN en x=-4"}},
		{"Label en Functions", errOf(Render2DFunctions([]Func{{F: square}}, Options{Label: "x"})), []string{"Options.Label no se usa", "Func.Label"}},
		{"Fit sin puntos", errOf(RenderFit(data.Data{}, identity)), []string{"plots.Fit", "d no tiene puntos"}},
		{"Fit X e Y distintos", errOf(RenderFit(data.Data{X: []float64{1, 2}, Y: []float64{1}}, identity)), []string{"d.X tiene 2 valores pero d.Y tiene 1"}},
		{"Fit NaN", errOf(RenderFit(data.Data{X: []float64{1, 2}, Y: []float64{1, math.NaN()}}, identity)), []string{"d.Y[1] es NaN"}},
		{"Fit predict nil", errOf(RenderFit(good, nil)), []string{"predict es nil"}},
		{"Fit predict corto", errOf(RenderFit(good, func([]float64) ([]float64, error) { return []float64{1}, nil })), []string{"predict devolvió 1 valores para 100 x"}},
		{"Fit predict NaN", errOf(RenderFit(good, func(xs []float64) ([]float64, error) { ys, _ := identity(xs); ys[99] = math.NaN(); return ys, nil })), []string{"predict devuelve NaN en x=2 (punto 100 de 100)", "divergido"}},
		{"Fit predict Inf", errOf(RenderFit(good, func(xs []float64) ([]float64, error) { ys, _ := identity(xs); ys[5] = math.Inf(1); return ys, nil })), []string{"predict devuelve +Inf en x=0.101 (punto 6 de 100)"}},
		{"Fit una sola x", errOf(RenderFit(data.Data{X: []float64{3, 3}, Y: []float64{1, 2}}, identity)), []string{"todos los puntos tienen x = 3", "Options.Range"}},
		{"Fit con Data", errOf(RenderFit(good, identity, Options{Data: &good})), []string{"Options.Data no se usa"}},
		{"Loss vacía", errOf(RenderLoss(nil)), []string{"plots.Loss", "losses está vacía"}},
		{"Loss NaN", errOf(RenderLoss([]float64{3, 2, math.NaN()})), []string{"losses[2] es NaN", "tasa de aprendizaje"}},
		{"Loss LogY cero", errOf(RenderLoss([]float64{3, 0}, Options{LogY: true})), []string{"losses[1] = 0", "quita LogY"}},
		{"Loss con Range", errOf(RenderLoss([]float64{1}, Options{Range: [2]float64{0, 1}})), []string{"Options.Range no se usa"}},
		// Valores que gonum/plot no sabe dibujar: un error claro, no una figura en blanco.
		{"Loss ±1e308", errOf(RenderLoss([]float64{1e308, -1e308})), []string{"plots.Loss: los valores de y llegan a 1.00e+308", "como mucho ±1e300"}},
		{"Loss 1e308", errOf(RenderLoss([]float64{1e308, 1e307})), []string{"demasiado grandes para dibujarlos"}},
		{"Loss subnormal", errOf(RenderLoss([]float64{1e-310, 2e-310})), []string{"plots.Loss: los valores de y van de 1.00e-310 a 2.00e-310", "no se puede rotular"}},
		{"función enorme", errOf(Render2DFunction(func(x float64) float64 { return math.Exp(700 * x) }, Options{Range: [2]float64{-1, 1}})), []string{"plots.Draw2DFunction: los valores de y llegan a 1.01e+304"}},
		{"Range ±1e308", errOf(Render2DFunction(square, Options{Range: [2]float64{-1e308, 1e308}})), []string{"Options.Range = [-1.00e+308, 1.00e+308] no se puede dibujar"}},
		{"Range subnormal", errOf(Render2DFunction(square, Options{Range: [2]float64{0, 1e-320}})), []string{"separados al menos 1e-300"}},
		{"Fit datos subnormales", errOf(RenderFit(data.Data{X: []float64{0, 1e-310}, Y: []float64{0, 1e-310}}, identity)), []string{"plots.Fit: los valores de x van de 0 a 1.00e-310"}},
		{"Title con control", errOf(RenderLoss([]float64{1, 2}, Options{Title: "a\x07b"})), []string{"plots.Loss: Options.Title tiene un carácter de control (U+0007)"}},
		{"Label con salto", errOf(Render2DFunction(square, Options{Label: "a\nb"})), []string{"plots.Draw2DFunction: la etiqueta «a\nb» tiene un carácter de control"}},
		{"Title larguísimo", errOf(RenderLoss([]float64{1, 2}, Options{Title: strings.Repeat("x", 301)})), []string{"Options.Title tiene 301 caracteres"}},
		{"Fit con demasiados puntos", errOf(RenderFit(data.Data{X: make([]float64, MaxPoints+1), Y: make([]float64, MaxPoints+1)}, identity, Options{Range: [2]float64{0, 1}})), []string{"plots.Fit: la figura tendría 100001 puntos de datos, más de los 100000", "uno de cada 2"}},
		{"demasiadas curvas", errOf(Render2DFunctions(slices.Repeat([]Func{{F: square}}, MaxSeries+1))), []string{"plots.Draw2DFunctions: la figura tendría 101 series"}},
		{"función que entra en pánico", errOf(Render2DFunction(func(x float64) float64 { panic("índice fuera de rango") })), []string{"plots.Draw2DFunction: f entró en pánico en x=-4 (índice fuera de rango)"}},
		{"Spread sin nombre de eje", errOf(RenderSpread([]string{"a"}, []Sample{{Label: "G", Values: [][]float64{{1}}}}, " ", "y")), []string{"plots.Spread: xLabel está vacío; pon el nombre del eje"}},
		{"Spread con grupos repetidos", errOf(RenderSpread([]string{"a", "a"}, []Sample{{Label: "G", Values: [][]float64{{1}, {2}}}}, "x", "y")), []string{"plots.Spread: los grupos 0 y 1 se llaman igual («a»)"}},
		{"Spread con series repetidas", errOf(RenderSpread([]string{"a"}, []Sample{{Label: "G", Values: [][]float64{{1}}}, {Label: "G", Values: [][]float64{{2}}}}, "x", "y")), []string{"plots.Spread: las series 0 y 1 tienen la misma etiqueta \"G\""}},
		{"título de solo espacios", errOf(RenderLoss([]float64{1, 2}, Options{Title: "   "})), []string{"plots.Loss: Options.Title solo tiene espacios"}},
		{"etiqueta de solo espacios", errOf(Render2DFunction(math.Sin, Options{Label: "  "})), []string{"plots.Draw2DFunction: la etiqueta de la curva 0 solo tiene espacios"}},
		{"predict que devuelve un error", errOf(RenderFit(good, func([]float64) ([]float64, error) { return nil, errors.New("boom") })), []string{"plots.Fit: predict devolvió un error: boom"}},
		{"dos curvas con la misma etiqueta", errOf(Render2DFunctions([]Func{{F: math.Sin, Label: "a"}, {F: math.Cos, Label: "b"}, {F: math.Tan, Label: "a"}})), []string{"plots.Draw2DFunctions: fs[0] y fs[2] tienen la misma etiqueta \"a\""}},
		{"predict que entra en pánico", errOf(RenderFit(good, func([]float64) ([]float64, error) { var m map[string]int; m["x"]++; return nil, nil })), []string{"plots.Fit: predict entró en pánico", "nil map"}},
		{"Spread grupo con control", errOf(RenderSpread([]string{"a\x00"}, []Sample{{Label: "s", Values: [][]float64{{1}}}}, "x", "y")), []string{"plots.Spread", "carácter de control"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatalf("esperaba un error que contuviera %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(tt.err.Error(), w) {
					t.Errorf("error %q\nno contiene %q", tt.err, w)
				}
			}
		})
	}
}

// Una función (o un predict) que no termina no deja la celda colgada: pasado
// callTimeout, un error dice dónde se quedó.
func TestStudentCodeThatNeverReturns(t *testing.T) {
	defer func(d time.Duration) { callTimeout = d }(callTimeout)
	callTimeout = 50 * time.Millisecond
	block := make(chan struct{})
	defer close(block)
	_, _, err := Render2DFunction(func(x float64) float64 {
		if x > 0 {
			<-block
		}
		return x
	})
	if err == nil || !strings.HasPrefix(err.Error(), "plots.Draw2DFunction: f no ha terminado en 50ms (se quedó en x=0.0404)") {
		t.Errorf("f que no termina: %v", err)
	}
	good := data.Data{X: []float64{0, 1}, Y: []float64{0, 1}}
	_, _, err = RenderFit(good, func(xs []float64) ([]float64, error) { <-block; return xs, nil })
	if err == nil || !strings.HasPrefix(err.Error(), "plots.Fit: predict no ha terminado en 50ms") {
		t.Errorf("predict que no termina: %v", err)
	}
}

// Valores que solo difieren en el redondeo (1 y 1+2e-16) se dibujan como
// constantes; antes gonum pedía millones de marcas y el programa se quedaba
// sin memoria.
func TestRoundingNoiseSpan(t *testing.T) {
	d := data.Data{X: []float64{1, 1 + 2.3e-16}, Y: []float64{1, 2}}
	if png, _, err := RenderFit(d, identity); err != nil || len(png) == 0 {
		t.Errorf("Fit con x casi iguales: %d bytes, %v", len(png), err)
	}
	one := func(x float64) float64 { return math.Sin(x)*math.Sin(x) + math.Cos(x)*math.Cos(x) }
	if png, _, err := Render2DFunction(one); err != nil || len(png) == 0 {
		t.Errorf("sin² + cos²: %d bytes, %v", len(png), err)
	}
}
