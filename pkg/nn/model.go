package nn

import (
	"fmt"
	"math"
	"strings"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/pkg/random"
)

// Model es una red secuencial: las capas se aplican una tras otra, como en
// torch.nn.Sequential. Cada capa Linear tiene dos parámetros entrenables: la
// matriz de pesos W (in×out) y el vector de sesgos b (out).
type Model struct {
	layers []Layer
	params [][]float32 // W0, b0, W1, b1, …; W en orden fila a fila [in][out].
}

// Sequential crea un modelo con las capas dadas, en orden, y lo inicializa
// como PyTorch con el generador global de [random]. Devuelve un error si no
// hay capas, si alguna dimensión no es positiva o si las capas lineales no
// encadenan (las salidas de una deben ser las entradas de la siguiente).
func Sequential(layers ...Layer) (*Model, error) {
	if err := validate(layers); err != nil {
		return nil, err
	}
	m := &Model{layers: append([]Layer(nil), layers...)}
	m.Reset(random.Global())
	return m, nil
}

func validate(layers []Layer) error {
	if len(layers) == 0 {
		return fmt.Errorf("Sequential: no hay capas; pasa al menos una, por ejemplo nn.Sequential(nn.Linear(1, 1))")
	}
	prevOut, prevIdx, linears := 0, -1, 0
	for i, l := range layers {
		switch l.Kind {
		case KindLinear:
			if l.In <= 0 || l.Out <= 0 {
				return fmt.Errorf("Sequential: la capa %d es Linear(%d, %d); entradas y salidas deben ser positivas, por ejemplo Linear(1, 5)", i, l.In, l.Out)
			}
			if prevIdx >= 0 && l.In != prevOut {
				return fmt.Errorf("Sequential: la capa %d es Linear(%d, %d) pero la capa lineal anterior (%d) tiene %d salidas; "+
					"cámbiala a Linear(%d, %d) para que encajen", i, l.In, l.Out, prevIdx, prevOut, prevOut, l.Out)
			}
			prevOut, prevIdx = l.Out, i
			linears++
		case KindLeakyReLU:
			if math.IsNaN(l.Slope) || math.IsInf(l.Slope, 0) {
				return fmt.Errorf("Sequential: la capa %d es LeakyReLU con pendiente %v; usa un número finito, como 0.01", i, l.Slope)
			}
		case KindTanh, KindReLU, KindSigmoid:
		default:
			return fmt.Errorf("Sequential: la capa %d tiene un tipo desconocido (%d); crea las capas con nn.Linear, nn.Tanh, nn.ReLU, nn.LeakyReLU o nn.Sigmoid", i, int(l.Kind))
		}
	}
	if linears == 0 {
		return fmt.Errorf("Sequential: el modelo no tiene ninguna capa Linear y no tendría nada que aprender; añade por ejemplo nn.Linear(1, 5)")
	}
	return nil
}

// Reset vuelve a inicializar los parámetros como torch.nn.Linear (ver
// random.Rand.Linear): primero los pesos (en el orden de PyTorch, out×in) y
// luego los sesgos de cada capa.
func (m *Model) Reset(rng *random.Rand) {
	m.params = m.params[:0]
	for _, l := range m.Linears() {
		tw, b := rng.Linear(l.In, l.Out)
		w := make([]float32, l.In*l.Out)
		for o := 0; o < l.Out; o++ {
			for i := 0; i < l.In; i++ {
				w[i*l.Out+o] = tw[o*l.In+i]
			}
		}
		m.params = append(m.params, w, b)
	}
}

// Layers devuelve una copia de las capas del modelo.
func (m *Model) Layers() []Layer { return append([]Layer(nil), m.layers...) }

// Linears devuelve solo las capas Linear, en orden.
func (m *Model) Linears() []Layer {
	var out []Layer
	for _, l := range m.layers {
		if l.Kind == KindLinear {
			out = append(out, l)
		}
	}
	return out
}

// InputSize y OutputSize son las entradas de la primera capa lineal y las
// salidas de la última.
func (m *Model) InputSize() int  { return m.Linears()[0].In }
func (m *Model) OutputSize() int { ls := m.Linears(); return ls[len(ls)-1].Out }

// NumParameters cuenta los parámetros entrenables (pesos y sesgos).
func (m *Model) NumParameters() int {
	n := 0
	for _, p := range m.params {
		n += len(p)
	}
	return n
}

// String resume el modelo como lo imprime PyTorch, con los parámetros de cada capa.
func (m *Model) String() string {
	var b strings.Builder
	b.WriteString("Sequential(\n")
	for i, l := range m.layers {
		line := fmt.Sprintf("  (%d): %s", i, l)
		if l.Kind == KindLinear {
			line = fmt.Sprintf("%-48s %d parámetros", line, l.In*l.Out+l.Out)
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, ")\nParámetros entrenables: %d", m.NumParameters())
	return b.String()
}

// Forward construye, dentro de un grafo de GoMLX, la salida del modelo para la
// entrada x (forma [n, in]) con los parámetros params (W0, b0, W1, b1, … con
// formas [in, out] y [1, out]). Es lo que hace model(x) en PyTorch.
func (m *Model) Forward(params []*graph.Node, x *graph.Node) *graph.Node {
	h, p := x, 0
	for _, l := range m.layers {
		if l.Kind == KindLinear {
			h = graph.Add(graph.MatMul(h, params[p]), params[p+1])
			p += 2
			continue
		}
		h = l.Activate(h)
	}
	return h
}
