// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"neuronas/pkg/data"
)

// parabola son 50 puntos de y = x² con un ruido determinista.
func parabola() data.Data {
	var d data.Data
	for i := range 50 {
		x := -0.7 + 11*float64(i)/49
		d.X = append(d.X, x)
		d.Y = append(d.Y, x*x+3*math.Sin(7*x))
	}
	return d
}

// longLoss es una pérdida de 50 000 pasos que baja de ~1000 a ~10 con ruido.
func longLoss() []float64 {
	losses := make([]float64, 50000)
	for i := range losses {
		t := float64(i)
		losses[i] = 1000*math.Exp(-t/3000) + 10 + 5*math.Sin(t*1.7)*math.Exp(-t/10000)
	}
	return losses
}

func renderers() map[string]func() ([]byte, string, error) {
	d := parabola()
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	return map[string]func() ([]byte, string, error){
		"función": func() ([]byte, string, error) {
			return Render2DFunction(square, Options{Label: "x²", Title: "Parábola"})
		},
		"con datos": func() ([]byte, string, error) { return Render2DFunction(square, Options{Data: &d}) },
		"funciones": func() ([]byte, string, error) {
			return Render2DFunctions([]Func{{F: sig, Label: "sigmoide"}, {F: math.Tanh, Label: "tanh"}})
		},
		"ajuste":      func() ([]byte, string, error) { return RenderFit(d, identity, Options{Title: "Recta"}) },
		"pérdida":     func() ([]byte, string, error) { return RenderLoss(longLoss()) },
		"pérdida log": func() ([]byte, string, error) { return RenderLoss(longLoss(), Options{LogY: true}) },
	}
}

func TestRenderPNG(t *testing.T) {
	for name, render := range renderers() {
		t.Run(name, func(t *testing.T) {
			b1, alt1, err := render()
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b1))
			if err != nil {
				t.Fatalf("el PNG no es válido: %v", err)
			}
			if got := img.Bounds().Size(); got.X != 1280 || got.Y != 960 {
				t.Errorf("tamaño %v, quiero 1280×960", got)
			}
			if len(b1) > 80_000 {
				t.Errorf("el PNG ocupa %d bytes, quiero menos de 80 000", len(b1))
			}
			b2, alt2, _ := render()
			if !bytes.Equal(b1, b2) || alt1 != alt2 {
				t.Error("dos llamadas con las mismas entradas dan resultados distintos")
			}
		})
	}
}

// BenchmarkLoss mide lo que tarda en dibujarse la curva de 50 000 pasos de
// una celda de entrenamiento (objetivo: bastante menos de 100 ms).
func BenchmarkLoss(b *testing.B) {
	losses := longLoss()
	RenderLoss(losses) // calienta la caché de fuentes
	b.ResetTimer()
	for range b.N {
		if _, _, err := RenderLoss(losses); err != nil {
			b.Fatal(err)
		}
	}
}

func TestAltText(t *testing.T) {
	d := data.Data{X: []float64{-0.7, 2, 10.3}, Y: []float64{-0.4, 5, 101.2}}
	tests := []struct {
		name string
		alt  string
		want []string
	}{
		{"función", altOf(Render2DFunction(square, Options{Label: "x²", Title: "Parábola"})),
			[]string{"Gráfica de la función «x²» en x de -4 a 4", "empieza en y=16 y termina en y=16", "título: «Parábola»."}},
		{"funciones", altOf(Render2DFunctions([]Func{{F: square, Label: "a"}, {F: math.Sin}}, Options{Data: &d})),
			[]string{"Gráfica de 2 funciones en x de -0.7 a 10.3", "«a» empieza en y=0.49", "; la función 2 empieza", "además, 3 puntos de datos"}},
		{"ajuste", altOf(RenderFit(d, identity, Options{LogY: false})),
			[]string{"3 puntos de datos (x de -0.7 a 10.3, y de -0.4 a 101.2)", "la curva «modelo» en x de -0.7 a 10.3", "empieza en y=-0.7 y termina en y=10.3"}},
		{"pérdida", altOf(RenderLoss([]float64{1234.5, 50, 12.1, 12.3}, Options{LogY: true, Title: "Entrenamiento"})),
			[]string{"Curva de pérdida: 4 pasos; empieza en 1234 y termina en 12.3 (mínimo 12.1 en el paso 2)", "escala logarítmica", "título: «Entrenamiento»"}},
	}
	for _, tt := range tests {
		for _, w := range tt.want {
			if !strings.Contains(tt.alt, w) {
				t.Errorf("%s: el texto alternativo %q\nno contiene %q", tt.name, tt.alt, w)
			}
		}
	}
}

func altOf(_ []byte, alt string, err error) string {
	if err != nil {
		return err.Error()
	}
	return alt
}

func TestDownsampleKeepsShape(t *testing.T) {
	losses := longLoss()
	losses[12345] = 5000 // un pico aislado debe seguir viéndose
	xs, ys := downsample(losses, buckets)
	if len(xs) > 2*buckets+2 {
		t.Errorf("quedan %d puntos, quiero como mucho %d", len(xs), 2*buckets+2)
	}
	if xs[0] != 0 || xs[len(xs)-1] != float64(len(losses)-1) || ys[len(ys)-1] != losses[len(losses)-1] {
		t.Error("no se conservan el primer y el último paso")
	}
	lo, hi := minMax(losses)
	glo, ghi := minMax(ys)
	if glo != lo || ghi != hi {
		t.Errorf("mínimo/máximo %v/%v, quiero %v/%v", glo, ghi, lo, hi)
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] < xs[i-1] {
			t.Fatalf("los pasos no están en orden en la posición %d", i)
		}
	}
}

func TestTicks(t *testing.T) {
	tests := []struct {
		name   string
		ticker plot.Ticker
		lo, hi float64
		want   string // etiquetas de las marcas principales
	}{
		{"de -4 a 4", niceTicks{n: 9}, -4.4, 4.4, "-4 -3 -2 -1 0 1 2 3 4"},
		{"de -1 a 1", niceTicks{n: 7}, -1.1, 1.1, "-1.0 -0.5 0.0 0.5 1.0"},
		{"cuartos", niceTicks{n: 7}, 0, 1.5, "0.00 0.25 0.50 0.75 1.00 1.25 1.50"},
		{"pasos", niceTicks{n: 9, integer: true}, -0.1, 2.1, "0 1 2"},
		{"grandes", niceTicks{n: 7}, -4.4e7, 4.4e7, "-4e+07 -2e+07 0 2e+07 4e+07"},
		{"log", logTicks{}, 8, 1100, "10 100 1000"},
		{"log estrecho", logTicks{}, 1.5, 9, "2 5"},
		{"log muy estrecho", logTicks{}, 4.4, 5.6, "4.4 4.6 4.8 5.0 5.2 5.4 5.6"},
		{"log muchas décadas", logTicks{}, 1e-14, 1e14, "1e-12 1e-08 0.0001 1 10000 1e+08 1e+12"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range tt.ticker.Ticks(tt.lo, tt.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: marcas %q, quiero %q", tt.name, g, tt.want)
		}
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", -0.7: "-0.7", 101.2: "101.2", 1234.5: "1234", 12.3: "12.3",
		0.012345: "0.01235", 2.5e-5: "2.50e-05", 3e7: "3.00e+07", -0.00001: "-1.00e-05",
	} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, quiero %q", v, got, want)
		}
	}
}
