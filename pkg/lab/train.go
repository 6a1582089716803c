// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/coursenet"
	"neuronas/internal/engine"
	"neuronas/pkg/data"
	"neuronas/pkg/nn"
	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// models es el puente del motor hacia las tripas de nn.Model.
var models = engine.Models[*nn.Model, nn.Parameter]()

// WatchEvery es cada cuánto tiempo, como mucho, Train llama a su función de
// seguimiento mientras entrena.
const WatchEvery = 150 * time.Millisecond

// Result es lo que sale de un experimento: los datos, el modelo entrenado,
// la pérdida de cada paso, el estado de las neuronas y el veredicto.
type Result struct {
	Settings Settings
	Data     data.Data // Los datos del curso con la semilla de los ajustes (sin normalizar).
	Model    *nn.Model // El modelo, con los parámetros del último paso sano.
	// Losses es la pérdida MSE de cada paso, siempre en las unidades de los
	// datos originales (con datos normalizados, la pérdida normalizada
	// multiplicada por la varianza de y), para compararla con Floor.
	Losses  []float64
	Done    int        // Pasos dados hasta ahora.
	Final   bool       // Falso mientras se entrena (Train aún no ha terminado).
	Neurons [][]Neuron // Una fila por capa oculta.
	// Floor es el suelo, como en el cuaderno II: la pérdida de la mejor
	// predicción posible de y a partir de la x medida sobre estos datos
	// (24.29 con la semilla 42). Ver [Floor].
	Floor float64
	// TrueLoss es la pérdida de la función verdadera, y = x², sobre estos
	// datos (51.20 con la semilla 42): no es el suelo, porque el ruido está
	// también en las x. Ver [TrueLoss].
	TrueLoss float64
	Died     bool          // El gradiente de la primera Linear es exactamente cero (solo si Final).
	Diverged bool          // La pérdida dejó de ser finita y el entrenamiento se detuvo.
	Elapsed  time.Duration // Tiempo de entrenamiento (no se imprime en los cuadernos).

	norm norm
}

// Neuron es una neurona oculta tras el entrenamiento, vista sobre los datos.
type Neuron struct {
	// Alive: a través de ella pasa gradiente en al menos un punto de los datos
	// (la derivada de su activación no es cero). Una neurona ReLU que no se
	// activa con ningún punto está muerta; también una Tanh o una Sigmoid tan
	// saturada que su derivada da exactamente 0 en todos.
	Alive bool
	// Active es la fracción de puntos en los que trabaja de verdad: su
	// derivada es al menos el 5 % de la máxima (ReLU y LeakyReLU: la entrada
	// es positiva; Tanh y Sigmoid: no está saturada).
	Active float64
}

// norm es la tipificación de los datos: x' = (x - mx)/sx, y' = (y - my)/sy.
type norm struct{ mx, sx, my, sy float64 }

func identity() norm { return norm{0, 1, 0, 1} }

// FinalLoss es la última pérdida (NaN si no hay ninguna).
func (r *Result) FinalLoss() float64 {
	if r == nil || len(r.Losses) == 0 {
		return math.NaN()
	}
	return r.Losses[len(r.Losses)-1]
}

// Predict evalúa el modelo en xs, en las unidades de los datos originales.
func (r *Result) Predict(xs []float64) ([]float64, error) {
	if r == nil || r.Model == nil {
		return nil, fmt.Errorf("lab.Result.Predict: el resultado está vacío; obtenlo con lab.Train")
	}
	in := make([]float64, len(xs))
	for i, x := range xs {
		in[i] = (x - r.norm.mx) / r.norm.sx
	}
	out, err := r.Model.Predict(in)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = r.norm.my + r.norm.sy*out[i]
	}
	return out, nil
}

// Verdict es el veredicto en una línea: viva o muerta (o si ha divergido), y
// la pérdida final frente al suelo (la mejor predicción posible, como en el
// cuaderno II).
func (r *Result) Verdict() string {
	loss := r.FinalLoss()
	ratio := loss / r.Floor
	floor := fmt.Sprintf("el suelo (%s, la pérdida de la mejor predicción posible)", lossText(r.Floor))
	switch {
	case r.Diverged:
		return fmt.Sprintf("Ha divergido en el paso %d: la pérdida dejó de ser un número finito porque la tasa de aprendizaje (%g) es demasiado grande para estos datos. "+
			"Baja la «tasa de aprendizaje» (prueba con una 10 veces menor) o normaliza los «datos».", r.Done, r.Settings.LR)
	case !r.Final:
		return fmt.Sprintf("Entrenando: paso %d de %d, pérdida %s (suelo %s).", r.Done, r.Settings.Steps, lossText(loss), lossText(r.Floor))
	case r.Died:
		return fmt.Sprintf("Muerta: a la primera capa no le llega gradiente (es exactamente cero) y la red ya no aprende. "+
			"Pérdida final %s, %.1f veces %s. Prueba con otra semilla, con LeakyReLU o con los datos normalizados.", lossText(loss), ratio, floor)
	}
	quality := "lejos del suelo: prueba con más pasos, otra tasa o más neuronas"
	switch {
	case ratio < 1:
		quality = "por debajo del suelo: la red ya sigue el ruido de estos 50 puntos, algo que no se repetiría con otros 50"
	case ratio <= 1.5:
		quality = "casi en el suelo: cerca de lo mejor que permiten estos datos"
	case ratio <= 4:
		quality = "por encima del suelo: todavía se puede mejorar (con más pasos, otra tasa o más neuronas)"
	}
	return fmt.Sprintf("Viva: a la primera capa le llega gradiente. Pérdida final %s, %.2f veces %s: %s.",
		lossText(loss), ratio, floor, quality)
}

// lossText escribe una pérdida como el cuaderno II, con dos decimales (888.80,
// 24.29); las enormes de un entrenamiento que diverge, en notación científica.
func lossText(v float64) string {
	if math.Abs(v) >= 1e6 {
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// CourseData son los datos del curso con la semilla seed: y = x² con 50
// puntos, sigma 0.5 y rango 10, tras torch.manual_seed(seed).
func CourseData(seed int) (data.Data, error) {
	if seed < 0 || seed > MaxSeed {
		return data.Data{}, fmt.Errorf("lab.CourseData: la semilla es %d, pero debe estar entre 0 y %d", seed, MaxSeed)
	}
	d, err := coursenet.Data(seed)
	if err != nil {
		return data.Data{}, fmt.Errorf("lab.CourseData: %w", err)
	}
	return d, nil
}

// Floor es el suelo del cuaderno II sobre d: la pérdida MSE de la mejor
// predicción posible de y a partir de la x medida (24.29 con los datos de la
// semilla 42). Por encima del suelo, un modelo todavía puede mejorar de
// verdad; por debajo, solo baja siguiendo el ruido de estos puntos.
func Floor(d data.Data) (float64, error) {
	f, err := coursenet.Floor(d)
	if err != nil {
		return 0, fmt.Errorf("lab.Floor: %w", err)
	}
	return f, nil
}

// TrueLoss es la pérdida MSE de la función verdadera, y = x², sobre d (51.20
// con los datos de la semilla 42). No es el suelo: como el ruido está también
// en las x, la mejor predicción posible pierde menos ([Floor]).
func TrueLoss(d data.Data) (float64, error) {
	l, err := coursenet.TrueLoss(d)
	if err != nil {
		return 0, fmt.Errorf("lab.TrueLoss: %w", err)
	}
	return l, nil
}

// NewModel crea la red de los ajustes con los pesos iniciales de PyTorch tras
// torch.manual_seed(s.Seed).
func NewModel(s Settings) (*nn.Model, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var layers []nn.Layer
	sizes := s.Sizes()
	for i := 1; i < len(sizes); i++ {
		if i > 1 {
			layers = append(layers, activation(s.Activation))
		}
		layers = append(layers, nn.Linear(sizes[i-1], sizes[i]))
	}
	m, err := nn.Sequential(layers...)
	if err != nil {
		return nil, fmt.Errorf("lab.NewModel: %w", err)
	}
	m.Reset(random.New(s.Seed))
	return m, nil
}

func activation(name string) nn.Layer {
	switch name {
	case "Tanh":
		return nn.Tanh()
	case "ReLU":
		return nn.ReLU()
	case "LeakyReLU":
		return nn.LeakyReLU()
	case "Sigmoid":
		return nn.Sigmoid()
	default:
		return nn.Softplus()
	}
}

// Train entrena la red de los ajustes s con SGD y la pérdida MSE sobre los
// datos del curso y devuelve el resultado con su veredicto. Si watch no es
// nil, lo llama mientras entrena (como mucho cada WatchEvery) con el
// resultado parcial (Final falso), para dibujar el progreso.
//
// Los ajustes inválidos devuelven el error de Settings.Validate. Si el
// entrenamiento diverge, no es un error: Result.Diverged lo dice y el
// modelo conserva los últimos parámetros sanos.
func Train(s Settings, watch func(*Result)) (*Result, error) {
	return TrainContext(context.Background(), s, watch)
}

// TrainContext es Train, pero se detiene en cuanto se cancela ctx y devuelve
// un error que lo dice (errors.Is(err, context.Canceled) lo reconoce): el
// cuaderno lo usa para empezar de nuevo cuando el estudiante mueve otro
// control antes de que acabe el entrenamiento. Un ctx nil es como
// context.Background(). Si watch entra en pánico, el entrenamiento se
// detiene con un error que lo dice.
func TrainContext(ctx context.Context, s Settings, watch func(*Result)) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	start := time.Now()
	d, err := CourseData(s.Seed)
	if err != nil {
		return nil, fmt.Errorf("lab.Train: %w", err)
	}
	model, err := NewModel(s)
	if err != nil {
		return nil, err
	}
	r := &Result{Settings: s, Data: d, Model: model, norm: identity(), Losses: make([]float64, 0, s.Steps)}
	if r.Floor, err = Floor(d); err != nil {
		return nil, fmt.Errorf("lab.Train: %w", err)
	}
	if r.TrueLoss, err = TrueLoss(d); err != nil {
		return nil, fmt.Errorf("lab.Train: %w", err)
	}
	if s.Normalize {
		r.norm = standardize(d)
	}
	xs, ys := r.trainingData()
	lossScale := r.norm.sy * r.norm.sy

	net, xT, yT, err := models.Prepare(model, xs, ys)
	if err != nil {
		return nil, fmt.Errorf("lab.Train: %w", err)
	}
	rule := train.SGD(s.LR)
	sg := engine.StepGraph{Layers: net.Layers, Loss: train.MSELoss, Slots: rule.Slots, Update: rule.Step}
	params := net.Tensors()
	var state []*tensors.Tensor // SGD no tiene estado.
	xT = engine.Transposed(xT)
	execs := map[int]*engine.Exec{}
	defer func() {
		for _, e := range execs {
			e.Finalize()
		}
	}()
	exec := func(k int) (*engine.Exec, error) {
		if e, ok := execs[k]; ok {
			return e, nil
		}
		e, err := engine.Compile(func(in []*graph.Node) []*graph.Node { return sg.Steps(k, in) })
		if err == nil {
			execs[k] = e
		}
		return e, err
	}
	setParams := func() error {
		packed, err := net.FromTensors(params)
		if err != nil {
			return err
		}
		models.SetParams(model, packed)
		return nil
	}

	lastWatch := time.Now()
	for r.Done < s.Steps && !r.Diverged {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("lab.TrainContext: se ha detenido el entrenamiento en el paso %d porque se canceló (%w)", r.Done, err)
		}
		k := min(engine.StepsPerCall, s.Steps-r.Done)
		e, err := exec(k)
		if err != nil {
			return nil, fmt.Errorf("lab.Train: no se pudo compilar el paso de entrenamiento: %w", err)
		}
		outs, err := e.Call(params, state, xT, yT, float32(r.Done))
		if err != nil {
			return nil, fmt.Errorf("lab.Train: falló el paso %d: %w", r.Done, err)
		}
		np := len(params)
		chunk := make([]float64, k)
		tensors.MustConstFlatData(outs[np], func(flat []float32) {
			for i, v := range flat {
				chunk[i] = float64(v) * lossScale
			}
		})
		outs[np].FinalizeAll()
		if i := slices.IndexFunc(chunk, notFinite); i >= 0 {
			// Nos quedamos con los parámetros anteriores, los últimos sanos.
			for _, t := range outs[:np] {
				t.FinalizeAll()
			}
			r.Losses = append(r.Losses, chunk[:i]...)
			r.Done += i
			r.Diverged = true
			break
		}
		for _, t := range params {
			t.FinalizeAll()
		}
		params = outs[:np]
		r.Losses = append(r.Losses, chunk...)
		r.Done += k
		if watch != nil && time.Since(lastWatch) >= WatchEvery && r.Done < s.Steps {
			if err := setParams(); err != nil {
				return nil, fmt.Errorf("lab.Train: %w", err)
			}
			r.Neurons = r.neurons()
			if err := calm("lab.TrainContext", "watch", func() { watch(r) }); err != nil {
				return nil, err
			}
			lastWatch = time.Now()
		}
	}
	if err := setParams(); err != nil {
		return nil, fmt.Errorf("lab.Train: %w", err)
	}
	r.Neurons = r.neurons()
	if !r.Diverged {
		if r.Died, err = coursenet.Died(model, xs, ys); err != nil {
			return nil, fmt.Errorf("lab.Train: %w", err)
		}
	}
	r.Final = true
	r.Elapsed = time.Since(start)
	return r, nil
}

// calm llama a f, la función que ha dado el estudiante (name), y convierte su
// pánico en un error de fn que lo dice.
func calm(fn, name string, f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: la función %s entró en pánico (%v); revísala o pasa nil", fn, name, p)
		}
	}()
	f()
	return nil
}

func notFinite(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// trainingData son los datos con los que se entrena (tipificados si toca).
func (r *Result) trainingData() (xs, ys []float64) {
	xs, ys = make([]float64, len(r.Data.X)), make([]float64, len(r.Data.Y))
	for i := range xs {
		xs[i] = (r.Data.X[i] - r.norm.mx) / r.norm.sx
		ys[i] = (r.Data.Y[i] - r.norm.my) / r.norm.sy
	}
	return xs, ys
}

func standardize(d data.Data) norm {
	mx, sx := meanStd(d.X)
	my, sy := meanStd(d.Y)
	return norm{mx, sx, my, sy}
}

func meanStd(v []float64) (mean, std float64) {
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	for _, x := range v {
		std += (x - mean) * (x - mean)
	}
	std = math.Sqrt(std / float64(len(v)))
	if std == 0 {
		std = 1
	}
	return mean, std
}
