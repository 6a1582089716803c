package nn

import (
	"fmt"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// Este archivo es la única casa de la disposición de los parámetros. Cada
// capa Linear(in, out) guarda sus pesos y sesgos juntos en una matriz
//
//	A = [W | b], de forma [out, in+1]
//
// fila a fila: la fila o son los in pesos de la neurona o (la orientación de
// PyTorch, weight[o][i]) seguidos de su sesgo bias[o]. Es la forma que usan
// todos los grafos (el forward, el entrenamiento, los gradientes), así que los
// parámetros no se reordenan nunca; [Model.Parameters] solo los corta en los
// weight y bias con nombre de PyTorch.

// Parameter es un parámetro entrenable, en el orden y la forma de PyTorch:
// los pesos de Linear(in, out) tienen forma [out, in] y los sesgos [out].
type Parameter struct {
	Name   string    // Por ejemplo "0.weight" o "0.bias", como model.named_parameters().
	Layer  int       // Índice de la capa Linear dentro del modelo.
	Shape  []int     // [out, in] para los pesos, [out] para los sesgos.
	Values []float32 // Valores fila a fila en esa forma.
}

// newPacked reserva la matriz A de una capa Linear.
func newPacked(l Layer) []float32 { return make([]float32, (l.In+1)*l.Out) }

// Parameters devuelve una copia de los parámetros en el orden de
// model.parameters() de PyTorch: pesos y sesgos de cada capa Linear.
func (m *Model) Parameters() []Parameter { return m.named(m.params) }

// named corta matrices A (parámetros o sus gradientes) en los weight y bias
// de PyTorch, con sus nombres.
func (m *Model) named(packed [][]float32) []Parameter {
	var out []Parameter
	p := 0
	for i, l := range m.layers {
		if l.Kind != KindLinear {
			continue
		}
		a := packed[p]
		w, b := make([]float32, 0, l.In*l.Out), make([]float32, l.Out)
		for o := range l.Out {
			row := a[o*(l.In+1) : (o+1)*(l.In+1)]
			w = append(w, row[:l.In]...)
			b[o] = row[l.In]
		}
		out = append(out,
			Parameter{Name: fmt.Sprintf("%d.weight", i), Layer: i, Shape: []int{l.Out, l.In}, Values: w},
			Parameter{Name: fmt.Sprintf("%d.bias", i), Layer: i, Shape: []int{l.Out}, Values: b})
		p++
	}
	return out
}

// SetParameters fija los parámetros a partir de los valores en el orden y la
// forma de PyTorch (weight [out, in] fila a fila y bias [out] de cada capa
// Linear), como los da model.parameters().
func (m *Model) SetParameters(values ...[]float32) error {
	ls := m.Linears()
	if len(values) != 2*len(ls) {
		return fmt.Errorf("nn.SetParameters: llegaron %d listas de valores; el modelo tiene %d parámetros (weight y bias de cada capa Linear)",
			len(values), 2*len(ls))
	}
	packed := make([][]float32, len(ls))
	for i, l := range ls {
		w, b := values[2*i], values[2*i+1]
		if len(w) != l.In*l.Out || len(b) != l.Out {
			return fmt.Errorf("nn.SetParameters: la capa Linear %d espera %d pesos y %d sesgos; llegaron %d y %d",
				i, l.In*l.Out, l.Out, len(w), len(b))
		}
		a := newPacked(l)
		for o := range l.Out {
			copy(a[o*(l.In+1):], w[o*l.In:(o+1)*l.In])
			a[o*(l.In+1)+l.In] = b[o]
		}
		packed[i] = a
	}
	m.params = packed
	return nil
}

// ParamTensors devuelve una copia de los parámetros como tensores de GoMLX,
// una matriz A = [W | b] de forma [out, in+1] por capa Linear: la forma que
// esperan [Model.Forward] y el entrenamiento.
func (m *Model) ParamTensors() []*tensors.Tensor {
	var out []*tensors.Tensor
	for i, l := range m.Linears() {
		out = append(out, tensors.FromFlatDataAndDimensions(append([]float32(nil), m.params[i]...), l.Out, l.In+1))
	}
	return out
}

// SetParamTensors copia en el modelo los valores de tensores con la forma de
// [Model.ParamTensors] (por ejemplo, los que devuelve el entrenamiento).
func (m *Model) SetParamTensors(ts []*tensors.Tensor) error {
	packed, err := m.unpack(ts)
	if err != nil {
		return err
	}
	m.params = packed
	return nil
}

// AsParameters presenta tensores con la forma de [Model.ParamTensors] (por
// ejemplo, los gradientes respecto a los parámetros) con los nombres y
// formas de PyTorch.
func (m *Model) AsParameters(ts []*tensors.Tensor) ([]Parameter, error) {
	packed, err := m.unpack(ts)
	if err != nil {
		return nil, err
	}
	return m.named(packed), nil
}

func (m *Model) unpack(ts []*tensors.Tensor) ([][]float32, error) {
	ls := m.Linears()
	if len(ts) != len(ls) {
		return nil, fmt.Errorf("nn: se esperaban %d tensores de parámetros (una matriz [W | b] por capa Linear), llegaron %d", len(ls), len(ts))
	}
	packed := make([][]float32, len(ts))
	for i, t := range ts {
		if want := (ls[i].In + 1) * ls[i].Out; t.Size() != want {
			return nil, fmt.Errorf("nn: el tensor de parámetros %d tiene %d valores, se esperaban %d", i, t.Size(), want)
		}
		v, err := tensors.CopyFlatData[float32](t)
		if err != nil {
			return nil, fmt.Errorf("nn: el tensor de parámetros %d no es float32: %w", i, err)
		}
		packed[i] = v
	}
	return packed, nil
}

// Forward construye, dentro de un grafo de GoMLX, la salida del modelo para la
// entrada x (forma [n, in]) con los parámetros params (una matriz [W | b] por
// capa Linear, como [Model.ParamTensors]). Es lo que hace model(x) en PyTorch:
// cada Linear calcula x·Wᵀ + b.
func (m *Model) Forward(params []*graph.Node, x *graph.Node) *graph.Node {
	h, p := x, 0
	for _, l := range m.layers {
		if l.Kind != KindLinear {
			h = l.Activate(h)
			continue
		}
		w := graph.Slice(params[p], graph.AxisRange(), graph.AxisRange(0, l.In))
		b := graph.Reshape(graph.Slice(params[p], graph.AxisRange(), graph.AxisElem(l.In)), 1, l.Out)
		h = graph.Add(graph.DotGeneral(h, []int{1}, nil, w, []int{1}, nil), b)
		p++
	}
	return h
}
