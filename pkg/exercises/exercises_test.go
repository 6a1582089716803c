// SPDX-License-Identifier: Apache-2.0

package exercises

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"neuronas/internal/coursenet"
	"neuronas/pkg/data"
	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// result ejecuta una comprobación con el informe capturado.
func result(t *testing.T, run func() error) (string, error) {
	t.Helper()
	var buf bytes.Buffer
	old := Out
	Out = &buf
	defer func() { Out = old }()
	err := run()
	return buf.String(), err
}

// checkCase es una respuesta y lo que debe decir la comprobación: si pasa
// (wantErr vacío) o un trozo del error.
type checkCase struct {
	name    string
	run     func(opts ...Option) error
	wantErr string // si el nombre empieza por «oculta:», solo lo encuentran las pruebas ocultas
}

func runCases(t *testing.T, cases []checkCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, opts := range [][]Option{nil, {Hidden()}} {
				out, err := result(t, func() error { return c.run(opts...) })
				if c.wantErr == "" {
					if err != nil {
						t.Fatalf("hidden=%v: la respuesta correcta falla: %v\n%s", len(opts) > 0, err, out)
					}
					if !strings.Contains(out, "✔") || strings.Contains(out, "✘") {
						t.Fatalf("informe raro:\n%s", out)
					}
					continue
				}
				if len(opts) == 0 && strings.HasPrefix(c.name, "oculta:") {
					if err != nil {
						t.Fatalf("las pruebas visibles no deberían encontrar este error: %v", err)
					}
					continue
				}
				if err == nil {
					if len(opts) > 0 {
						continue // algunas respuestas equivocadas solo las pillan las pruebas visibles
					}
					t.Fatalf("la respuesta equivocada pasa:\n%s", out)
				}
				if !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("hidden=%v: error %q; se esperaba que contuviera %q", len(opts) > 0, err, c.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "Ejercicio ") || !strings.Contains(out, "✘") {
					t.Fatalf("el error no nombra el ejercicio o el informe no marca el fallo: %q\n%s", err, out)
				}
			}
		})
	}
}

func stub[T any]() T { panic("ejercicio sin responder: escribe tu solución en lugar de esta línea") }

func TestRobustness(t *testing.T) {
	old := Timeout
	Timeout = 200 * time.Millisecond
	defer func() { Timeout = old }()
	runCases(t, []checkCase{
		{"sin responder", func(o ...Option) error {
			return SigmoidDerivative(func(float64) float64 { return stub[float64]() }, o...)
		}, "todavía no has respondido"},
		{"nil", func(o ...Option) error { return MSE(nil, o...) }, "la respuesta es nil"},
		{"pánico", func(o ...Option) error {
			return MSE(func(p, t []float64) float64 { return p[len(p)] }, o...)
		}, "pánico de Go"},
		{"bucle sin fin", func(o ...Option) error {
			return TanhSaturation(func() float64 {
				for {
					time.Sleep(time.Millisecond)
				}
			}, o...)
		}, "no ha terminado en 0.2 s"},
		{"NaN", func(o ...Option) error { return TrueLineLoss(func() float64 { return math.NaN() }, o...) }, "no es un número finito"},
		{"pocas respuestas", func(o ...Option) error { return LastActivation(func() []string { return []string{"sigmoide"} }, o...) }, "tres nombres"},
		{"opción desconocida", func(o ...Option) error { return OneNeuronParabola(func() string { return "z" }, o...) }, "una sola letra"},
	})
	_, err := result(t, func() error {
		return SigmoidDerivative(func(x float64) float64 { e := math.Exp(-x); return e / ((1 + e) * (1 + e)) }, Hidden())
	})
	if err == nil || !strings.Contains(err.Error(), "exponencial desborda") {
		t.Fatalf("la fórmula que desborda en x = -800 debería fallar en las pruebas ocultas: %v", err)
	}
}

func TestLessonI(t *testing.T) {
	runCases(t, []checkCase{
		{"1 bien", func(o ...Option) error { return NeuronOutput(func() ZY { return ZY{-2, 0} }, o...) }, ""},
		{"1 sin sesgo", func(o ...Option) error { return NeuronOutput(func() ZY { return ZY{-3, 0} }, o...) }, "te falta el sesgo"},
		{"1 sin activación", func(o ...Option) error { return NeuronOutput(func() ZY { return ZY{-2, -2} }, o...) }, "te falta aplicar la activación"},

		{"2 bien", func(o ...Option) error { return MSE(mse, o...) }, ""},
		{"2 suma", func(o ...Option) error {
			return MSE(func(p, t []float64) float64 { return mse(p, t) * float64(len(p)) }, o...)
		}, "dividir entre el número de puntos"},
		{"2 RMSE", func(o ...Option) error {
			return MSE(func(p, t []float64) float64 { return math.Sqrt(mse(p, t)) }, o...)
		}, "RMSE"},
		{"2 MAE", func(o ...Option) error { return MSE(mae, o...) }, "valor absoluto"},

		{"3 bien", func(o ...Option) error { return TrueLineLoss(func() float64 { return 12.632801689891949 }, o...) }, ""},
		{"3 entrenada", func(o ...Option) error { return TrueLineLoss(func() float64 { return 12.4612 }, o...) }, "neurona entrenada"},
		{"3 esperada", func(o ...Option) error { return TrueLineLoss(func() float64 { return 20 }, o...) }, "de media"},

		{"4 bien", func(o ...Option) error { return BelowTheTrueLine(func() string { return "b" }, o...) }, ""},
		{"4 bien con paréntesis", func(o ...Option) error { return BelowTheTrueLine(func() string { return " (B) " }, o...) }, ""},
		{"4 mal", func(o ...Option) error { return BelowTheTrueLine(func() string { return "d" }, o...) }, "con datos nuevos"},

		{"5 bien", func(o ...Option) error { return LargestLearningRate(func() float64 { return 0.0011 }, o...) }, ""},
		{"5 diverge", func(o ...Option) error { return LargestLearningRate(func() float64 { return 0.0012 }, o...) }, "diverge"},
		{"5 corta", func(o ...Option) error { return LargestLearningRate(func() float64 { return 0.001 }, o...) }, "otra mayor"},
		{"5 fuera de la lista", func(o ...Option) error { return LargestLearningRate(func() float64 { return 0.00114 }, o...) }, "de la lista"},

		{"6 bien", func(o ...Option) error {
			return SigmoidDerivative(func(x float64) float64 { s := sigmoid(x); return s * (1 - s) }, o...)
		}, ""},
		{"6 la sigmoide", func(o ...Option) error { return SigmoidDerivative(sigmoid, o...) }, "eso es la sigmoide"},

		{"7 bien", func(o ...Option) error {
			return LeakyReLUDerivative(func(x, a float64) float64 {
				if x > 0 {
					return 1
				}
				return a
			}, o...)
		}, ""},
		{"7 ReLU", func(o ...Option) error {
			return LeakyReLUDerivative(func(x, a float64) float64 {
				if x > 0 {
					return 1
				}
				return 0
			}, o...)
		}, "derivada de ReLU"},
		{"7 en cero", func(o ...Option) error {
			return LeakyReLUDerivative(func(x, a float64) float64 {
				if x >= 0 {
					return 1
				}
				return a
			}, o...)
		}, "lado izquierdo"},
		{"7 la función", func(o ...Option) error {
			return LeakyReLUDerivative(func(x, a float64) float64 {
				if x > 0 {
					return x
				}
				return a * x
			}, o...)
		}, "no su derivada"},

		{"8 bien", func(o ...Option) error { return TanhSaturation(func() float64 { return 2.993 }, o...) }, ""},
		{"8 sigmoide", func(o ...Option) error { return TanhSaturation(func() float64 { return 4.5869 }, o...) }, "la x de la sigmoide"},
		{"8 corta", func(o ...Option) error { return TanhSaturation(func() float64 { return 2 }, o...) }, "una x mayor"},
		// Un bucle que avanza de 0.01 en 0.01 y devuelve la primera x con derivada < 0.01 (3.00).
		{"8 bucle", func(o ...Option) error {
			return TanhSaturation(func() float64 {
				x := 0.0
				for 1-math.Tanh(x)*math.Tanh(x) >= 0.01 {
					x += 0.01
				}
				return x
			}, o...)
		}, ""},
		{"8 larga", func(o ...Option) error { return TanhSaturation(func() float64 { return 3.5 }, o...) }, "una x menor"},

		{"9 bien", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{-0.5, -0.5} }, o...) }, ""},
		{"9 viva", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{0.1, -0.5} }, o...) }, "negativa (< 0) en todos los puntos"},
		{"9 borde", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{-1, 0} }, o...) }, "negativa (< 0) en todos los puntos"},
		// z = 0 en todos los puntos: gradients.Of deriva ReLU en 0 como 1, así que no está muerta.
		{"9 todo ceros", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{0, 0} }, o...) }, "negativa (< 0) en todos los puntos"},
		{"9 sin pendiente", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{0, -1} }, o...) }, ""},
		{"9 fuera", func(o ...Option) error { return DeadFromTheStart(func() WB { return WB{-5, -5} }, o...) }, "entre −1 y 1"},

		{"10 bien", func(o ...Option) error { return OneNeuronParabola(func() string { return "c" }, o...) }, ""},
		{"10 mal", func(o ...Option) error { return OneNeuronParabola(func() string { return "a" }, o...) }, "monótona"},
	})
}

func paramCount(sizes []int) int {
	n := 0
	for i := 1; i < len(sizes); i++ {
		n += (sizes[i-1] + 1) * sizes[i]
	}
	return n
}

func TestLessonII(t *testing.T) {
	floor, err := coursenet.TrueLoss(squareData()) // La pérdida de y = x² (51.20).
	if err != nil {
		t.Fatal(err)
	}
	runCases(t, []checkCase{
		{"1 bien", func(o ...Option) error { return ParameterCount(paramCount, o...) }, ""},
		{"1 sin sesgos", func(o ...Option) error {
			return ParameterCount(func(s []int) int { return paramCount(s) - sum(s[1:]) }, o...)
		}, "faltan los sesgos"},
		{"1 neuronas", func(o ...Option) error { return ParameterCount(func(s []int) int { return sum(s[1:]) }, o...) }, "has contado neuronas"},

		{"2 bien", func(o ...Option) error {
			return DrawnNetwork(func() (*nn.Model, error) {
				return nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
			}, o...)
		}, ""},
		{"2 activación final", func(o ...Option) error {
			return DrawnNetwork(func() (*nn.Model, error) {
				return nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1), nn.ReLU())
			}, o...)
		}, "la salida no lleva activación"},
		{"2 tamaños", func(o ...Option) error {
			return DrawnNetwork(func() (*nn.Model, error) {
				return nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
			}, o...)
		}, "tamaños"},
		{"2 no encajan", func(o ...Option) error {
			return DrawnNetwork(func() (*nn.Model, error) {
				return nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1))
			}, o...)
		}, "no ha podido montar"},
		{"2 tanh", func(o ...Option) error {
			return DrawnNetwork(func() (*nn.Model, error) {
				return nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))
			}, o...)
		}, "ReLU después de cada capa oculta"},

		{"3 bien", func(o ...Option) error {
			return ForwardByHand(func(x float64) float64 {
				return 1.5*math.Tanh(2*x-1) - 2*math.Tanh(-x+0.5) + 0.5
			}, o...)
		}, ""},
		{"3 sin tanh", func(o ...Option) error {
			return ForwardByHand(func(x float64) float64 { return 1.5*(2*x-1) - 2*(-x+0.5) + 0.5 }, o...)
		}, "te falta la tanh"},

		{"4 bien", func(o ...Option) error {
			return ConstantPrediction(func() CL { return CL{39.271007389090954, 920.2997344151631} }, o...)
		}, ""},
		{"4 n − 1", func(o ...Option) error {
			return ConstantPrediction(func() CL {
				ys := squareData().Y
				c := 0.0
				for _, y := range ys {
					c += y
				}
				c /= float64(len(ys))
				s := 0.0
				for _, y := range ys {
					s += (y - c) * (y - c)
				}
				return CL{c, s / float64(len(ys)-1)}
			}, o...)
		}, "entre n − 1"},
		{"1 sesgos en las entradas", func(o ...Option) error {
			return ParameterCount(func(s []int) int { return paramCount(s) + s[0] }, o...)
		}, "las entradas no son neuronas"},
		{"4 desviación", func(o ...Option) error {
			return ConstantPrediction(func() CL { return CL{39.271007389090954, 30.3364} }, o...)
		}, "desviación típica"},

		{"5 bien", func(o ...Option) error { return NoiseFloor(func() float64 { return floor }, o...) }, ""},
		{"5 suma", func(o ...Option) error { return NoiseFloor(func() float64 { return 50 * floor }, o...) }, "sin dividir"},

		{"6 bien", func(o ...Option) error {
			return NetsBelowTheFloor(func() []int { return []int{28, 22, 27, 22} }, o...)
		}, ""},
		{"6 de más", func(o ...Option) error {
			return NetsBelowTheFloor(func() []int { return []int{19, 22, 27, 28} }, o...)
		}, "ni siquiera baja de la de y = x²"},
		// Las que bajan de y = x² (51.20) pero no del suelo (24.29): el error que el ejercicio busca.
		{"6 por debajo de y = x²", func(o ...Option) error {
			return NetsBelowTheFloor(func() []int { return []int{21, 22, 27, 28, 36} }, o...)
		}, "[21 36] bajan de la pérdida de y = x² (51.20), pero no del suelo de 24.29"},
		{"6 de menos", func(o ...Option) error { return NetsBelowTheFloor(func() []int { return []int{22, 27} }, o...) }, "te falta"},

		{"7 bien", func(o ...Option) error { return BelowTheFloor(func() string { return "c" }, o...) }, ""},
		{"7 mal", func(o ...Option) error { return BelowTheFloor(func() string { return "a" }, o...) }, "mejor predicción posible"},

		{"8 bien", func(o ...Option) error { return DeadNeurons(countDead, o...) }, ""},
		{"oculta: 8 con la salida", func(o ...Option) error { return DeadNeurons(countDeadWithOutput, o...) }, "capa de salida"},
		{"8 sin sesgo", func(o ...Option) error { return DeadNeurons(countZeroRows, o...) }, "mira también el sesgo"},
		{"8 gradientes", func(o ...Option) error { return DeadNeurons(zeroGrads, o...) }, "gradientes a cero"},

		{"9 primera capa", func(o ...Option) error { return DeadInTheLessonNet(func() int { return 5 }, o...) }, "primera capa"},

		{"11 bien", func(o ...Option) error {
			return LastActivation(func() []string { return []string{"Sigmoide", "ninguna", "relu"} }, o...)
		}, ""},
		{"11 temperatura con ReLU", func(o ...Option) error {
			return LastActivation(func() []string { return []string{"sigmoide", "relu", "relu"} }, o...)
		}, "negativa"},
	})
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// TestTrainingAnswers prueba las comprobaciones que entrenan redes con una
// solución correcta y con la red sin rescatar.
func TestTrainingAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("entrena redes: unos segundos")
	}
	d := squareData()
	lesson := func() int {
		check := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		check(random.SetSeed(random.DefaultSeed))
		m, err := nn.Sequential(nn.Linear(1, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 1))
		check(err)
		_, err = train.LearningLoop(d.X, d.Y, m, 50000, train.MSELoss, 1e-3, train.SGD)
		check(err)
		g, err := gradients.Of(m, d.X, d.Y, train.MSELoss)
		check(err)
		return countDead(g)
	}
	relu := func() (*nn.Model, error) {
		return nn.Sequential(nn.Linear(1, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 5), nn.ReLU(), nn.Linear(5, 1))
	}
	rescue := func(rate float64) func(d data.Data) (*nn.Model, func([]float64) ([]float64, error), error) {
		return func(d data.Data) (*nn.Model, func([]float64) ([]float64, error), error) {
			m, err := relu()
			if err != nil {
				return nil, nil, err
			}
			_, err = train.LearningLoop(d.X, d.Y, m, 2000, train.MSELoss, rate, train.SGD)
			return m, m.Predict, err
		}
	}
	runCases(t, []checkCase{
		{"9 bien", func(o ...Option) error { return DeadInTheLessonNet(lesson, o...) }, ""},
		{"10 tasa menor", func(o ...Option) error { return RescueReLU(rescue(1e-4), o...) }, ""},
		{"10 sin rescate", func(o ...Option) error { return RescueReLU(rescue(1e-3), o...) }, "se necesitan al menos 16"},
		{"10 LeakyReLU", func(o ...Option) error {
			return RescueReLU(func(d data.Data) (*nn.Model, func([]float64) ([]float64, error), error) {
				m, err := nn.Sequential(nn.Linear(1, 5), nn.LeakyReLU(), nn.Linear(5, 5), nn.LeakyReLU(), nn.Linear(5, 5), nn.LeakyReLU(), nn.Linear(5, 1))
				return m, m.Predict, err
			}, o...)
		}, "sin LeakyReLU"},
		{"10 predict nil", func(o ...Option) error {
			return RescueReLU(func(d data.Data) (*nn.Model, func([]float64) ([]float64, error), error) {
				m, err := relu()
				return m, nil, err
			}, o...)
		}, "no sean nil"},
	})
}

// BenchmarkChecks mide el tiempo de CPU de cada comprobación que no entrena,
// con la respuesta correcta y las pruebas visibles y ocultas (objetivo: < 2 s).
func BenchmarkChecks(b *testing.B) {
	Out = &bytes.Buffer{}
	defer func() { Out = nil }()
	checks := map[string]func() error{
		"I-1":  func() error { return NeuronOutput(func() ZY { return ZY{-2, 0} }) },
		"I-2":  func() error { return MSE(mse, Hidden()) },
		"I-3":  func() error { return TrueLineLoss(func() float64 { return 12.632801689891949 }) },
		"I-5":  func() error { return LargestLearningRate(func() float64 { return 0.0011 }) },
		"I-6":  func() error { return SigmoidDerivative(nn.Sigmoid().Derivative, Hidden()) },
		"I-9":  func() error { return DeadFromTheStart(func() WB { return WB{-0.5, -0.5} }) },
		"II-1": func() error { return ParameterCount(paramCount, Hidden()) },
		"II-3": func() error {
			return ForwardByHand(func(x float64) float64 { return 1.5*math.Tanh(2*x-1) - 2*math.Tanh(-x+0.5) + 0.5 })
		},
		"II-6": func() error { return NetsBelowTheFloor(func() []int { return []int{22, 27, 28} }) },
		"II-8": func() error { return DeadNeurons(countDead, Hidden()) },
	}
	for name, c := range checks {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := c(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFloors: las dos pérdidas de referencia del ejercicio 6 de la lección II son las
// que imprime la lección (celda de la pérdida de y = x² y de la mejor predicción posible).
func TestFloors(t *testing.T) {
	d := squareData()
	trueLoss, err := coursenet.TrueLoss(d)
	if err != nil {
		t.Fatal(err)
	}
	floor, err := coursenet.Floor(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%.2f %.2f", trueLoss, floor); got != "51.20 24.29" {
		t.Errorf("pérdidas de y = x² y de la mejor predicción: %s, la lección dice 51.20 24.29", got)
	}
}
