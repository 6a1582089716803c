// SPDX-License-Identifier: Apache-2.0

package zerovalues

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"testing"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/pkg/check"
	"neuronas/pkg/data"
	"neuronas/pkg/diagram"
	"neuronas/pkg/exercises"
	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/plots"
	"neuronas/pkg/random"
	"neuronas/pkg/reference"
	"neuronas/pkg/show"
	"neuronas/pkg/stats"
	"neuronas/pkg/train"
)

// types son los tipos exportados de pkg/, uno por valor de ejemplo.
var types = []any{
	data.Data{}, data.Polynomial{},
	random.Rand{},
	plots.Options{}, plots.Func{}, plots.Sample{},
	diagram.Network{}, diagram.Layer{}, diagram.Kind(0), diagram.Layout(0), diagram.Skip{}, diagram.Group{},
	show.Training{},
	reference.Param{}, reference.StepLoss{}, reference.SweepRun{}, reference.Settings{}, reference.SweepComparison{},
	reference.GoSweepCells{}, reference.GoSweepData{}, reference.GoSweepMeta{},
	nn.Model{}, nn.Layer{}, nn.Kind(""), nn.Parameter{},
	train.Stepper{}, train.Rule{},
	gradients.Gradients{},
	exercises.CL{},
	exercises.ModelAnswer{},
	exercises.RescueAnswer{},
	exercises.WB{},
	exercises.ZY{},
}

// pkg/memory no está: solo lo importan los cuadernos (lo comprueba una prueba
// de memory), y sus valores cero se prueban allí.

// funcs son las funciones exportadas de pkg/ que se pueden llamar con
// argumentos cero sin efectos fuera del proceso (las genéricas, instanciadas).
// Quedan fuera las que recorren los barridos de referencia enteros.
var funcs = map[string]any{
	"data.GetDataFromAPolynomial":   data.GetDataFromAPolynomial,
	"data.GeneratePolynomial":       data.GeneratePolynomial,
	"data.Range":                    data.Range,
	"data.Sigma":                    data.Sigma,
	"data.WithRand":                 data.WithRand,
	"random.New":                    random.New,
	"random.Global":                 random.Global,
	"random.Seed":                   random.Seed,
	"stats.FisherExact":             stats.FisherExact,
	"stats.MannWhitney":             stats.MannWhitney,
	"plots.Draw2DFunction":          plots.Draw2DFunction,
	"plots.Draw2DFunctions":         plots.Draw2DFunctions,
	"plots.Fit":                     plots.Fit,
	"plots.Loss":                    plots.Loss,
	"plots.Spread":                  plots.Spread,
	"plots.Render2DFunction":        plots.Render2DFunction,
	"plots.Render2DFunctions":       plots.Render2DFunctions,
	"plots.RenderFit":               plots.RenderFit,
	"plots.RenderLoss":              plots.RenderLoss,
	"plots.RenderSpread":            plots.RenderSpread,
	"diagram.AlexNet":               diagram.AlexNet,
	"diagram.Autoencoder":           diagram.Autoencoder,
	"diagram.Layers":                diagram.Layers,
	"diagram.MLP":                   diagram.MLP,
	"diagram.Perceptron":            diagram.Perceptron,
	"diagram.UNet":                  diagram.UNet,
	"show.HTMLImage":                show.HTMLImage,
	"show.PNG":                      show.PNG,
	"show.SVG":                      show.SVG,
	"show.NewTraining":              show.NewTraining,
	"reference.ULPs":                reference.ULPs,
	"reference.Data":                reference.Data,
	"reference.Died":                reference.Died,
	"reference.FinalLoss":           reference.FinalLoss,
	"reference.Initial":             reference.Initial,
	"reference.Losses":              reference.Losses,
	"reference.Sensitivity":         reference.Sensitivity,
	"reference.OwnSpread":           reference.OwnSpread,
	"reference.TrainingSettings":    reference.TrainingSettings,
	"check.Must":                    check.Must[int],
	"nn.Sequential":                 nn.Sequential,
	"nn.Load":                       nn.Load,
	"nn.ModelsDir":                  nn.ModelsDir,
	"nn.Linear":                     nn.Linear,
	"nn.LeakyReLUWith":              nn.LeakyReLUWith,
	"train.LearningLoop":            train.LearningLoop[[]float64],
	"train.LearningLoop (2D)":       train.LearningLoop[[][]float64],
	"train.NewStepper":              train.NewStepper[[]float64],
	"train.SGD":                     train.SGD,
	"train.Adam":                    train.Adam,
	"gradients.Of":                  gradients.Of[[]float64],
	"exercises.BelowTheFloor":       exercises.BelowTheFloor,
	"exercises.BelowTheTrueLine":    exercises.BelowTheTrueLine,
	"exercises.ConstantPrediction":  exercises.ConstantPrediction,
	"exercises.DeadFromTheStart":    exercises.DeadFromTheStart,
	"exercises.DeadInTheLessonNet":  exercises.DeadInTheLessonNet,
	"exercises.DeadNeurons":         exercises.DeadNeurons,
	"exercises.DrawnNetwork":        exercises.DrawnNetwork,
	"exercises.ForwardByHand":       exercises.ForwardByHand,
	"exercises.LargestLearningRate": exercises.LargestLearningRate,
	"exercises.LastActivation":      exercises.LastActivation,
	"exercises.LeakyReLUDerivative": exercises.LeakyReLUDerivative,
	"exercises.MSE":                 exercises.MSE,
	"exercises.NetsBelowTheFloor":   exercises.NetsBelowTheFloor,
	"exercises.NeuronOutput":        exercises.NeuronOutput,
	"exercises.NoiseFloor":          exercises.NoiseFloor,
	"exercises.OneNeuronParabola":   exercises.OneNeuronParabola,
	"exercises.ParameterCount":      exercises.ParameterCount,
	"exercises.RescueReLU":          exercises.RescueReLU,
	"exercises.SigmoidDerivative":   exercises.SigmoidDerivative,
	"exercises.TanhSaturation":      exercises.TanhSaturation,
	"exercises.TrueLineLoss":        exercises.TrueLineLoss,
}

// call llama a f con un argumento cero por parámetro (sin variádicos; con
// withVariadic, también uno cero en la parte variádica) y devuelve el pánico,
// si lo hubo, con su traza.
func call(f reflect.Value, withVariadic ...bool) (panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()
	t := f.Type()
	n := t.NumIn()
	if t.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range args {
		args[i] = reflect.Zero(t.In(i))
	}
	if t.IsVariadic() && len(withVariadic) > 0 && withVariadic[0] {
		args = append(args, reflect.Zero(t.In(n).Elem()))
	}
	f.Call(args)
	return ""
}

// receivers da los valores cero con los que se prueban los métodos de v:
// T{}, &T{} y un *T nil.
func receivers(v any) map[string]reflect.Value {
	t := reflect.TypeOf(v)
	return map[string]reflect.Value{
		t.String() + "{}":            reflect.Zero(t),
		"&" + t.String() + "{}":      reflect.New(t),
		"(*" + t.String() + ")(nil)": reflect.Zero(reflect.PointerTo(t)),
	}
}

// skip dice qué métodos no se prueban:
//   - los métodos con receptor de valor llamados con un *T nil: Go entra en
//     pánico antes de llegar al método (al copiar el valor), no hay nada que
//     el paquete pueda hacer; nadie escribe `var d *data.Data; d.Len()`.
//   - los que construyen un grafo de GoMLX (reciben *graph.Node o
//     []*graph.Node, como nn.Model.Forward o train.Rule.Update): en GoMLX
//     los errores al construir un grafo son pánicos que graph.Exec convierte
//     en error; un nodo nil no llega ahí desde un cuaderno.
func skip(recv reflect.Type, m reflect.Method) bool {
	if recv.Kind() == reflect.Pointer {
		if _, ok := recv.Elem().MethodByName(m.Name); ok {
			return true
		}
	}
	for i := range m.Type.NumIn() {
		if in := m.Type.In(i); in == reflect.TypeFor[*graph.Node]() || in == reflect.TypeFor[[]*graph.Node]() {
			return true
		}
	}
	return false
}

func TestZeroValueMethodsDoNotPanic(t *testing.T) {
	show.Dir = t.TempDir()
	t.Setenv("NEURONAS_MODELOS", t.TempDir())
	methods := 0
	for _, v := range types {
		for name, recv := range receivers(v) {
			for i := range recv.NumMethod() {
				m := recv.Type().Method(i)
				if skip(recv.Type(), m) {
					continue
				}
				methods++
				if p := call(recv.Method(i)); p != "" {
					t.Errorf("%s.%s entra en pánico: %s", name, m.Name, p)
				}
			}
		}
	}
	if methods < 20 {
		t.Fatalf("solo se probaron %d métodos; ¿falta algún tipo en la lista?", methods)
	}
}

func TestZeroArgumentsDoNotPanic(t *testing.T) {
	show.Dir = t.TempDir()
	t.Setenv("NEURONAS_MODELOS", t.TempDir())
	for name, f := range funcs {
		if p := call(reflect.ValueOf(f)); p != "" {
			t.Errorf("%s con argumentos cero entra en pánico: %s", name, p)
		}
		if reflect.TypeOf(f).IsVariadic() {
			if p := call(reflect.ValueOf(f), true); p != "" {
				t.Errorf("%s con un argumento variádico cero entra en pánico: %s", name, p)
			}
		}
	}
}
