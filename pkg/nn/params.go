package nn

import (
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
)

// Parameter es un parámetro entrenable, en el orden y la forma de PyTorch:
// los pesos de Linear(in, out) tienen forma [out, in] y los sesgos [out].
type Parameter struct {
	Name   string    // Por ejemplo "0.weight" o "0.bias", como model.named_parameters().
	Layer  int       // Índice de la capa Linear dentro del modelo.
	Shape  []int     // [out, in] para los pesos, [out] para los sesgos.
	Values []float32 // Valores fila a fila en esa forma.
}

// Parameters devuelve una copia de los parámetros en el orden de
// model.parameters() de PyTorch: pesos y sesgos de cada capa Linear.
func (m *Model) Parameters() []Parameter {
	return m.parametersFrom(m.params)
}

// parametersFrom convierte valores en la disposición interna ([in][out]) a
// la de PyTorch; sirve también para los gradientes.
func (m *Model) parametersFrom(flat [][]float32) []Parameter {
	var out []Parameter
	p := 0
	for i, l := range m.layers {
		if l.Kind != KindLinear {
			continue
		}
		w := make([]float32, l.In*l.Out)
		for o := 0; o < l.Out; o++ {
			for in := 0; in < l.In; in++ {
				w[o*l.In+in] = flat[p][in*l.Out+o]
			}
		}
		out = append(out,
			Parameter{Name: fmt.Sprintf("%d.weight", i), Layer: i, Shape: []int{l.Out, l.In}, Values: w},
			Parameter{Name: fmt.Sprintf("%d.bias", i), Layer: i, Shape: []int{l.Out}, Values: append([]float32(nil), flat[p+1]...)})
		p += 2
	}
	return out
}

// AsParameters presenta valores con la forma interna de los parámetros
// (por ejemplo, sus gradientes) con los nombres y formas de PyTorch.
func (m *Model) AsParameters(ts []*tensors.Tensor) ([]Parameter, error) {
	flat, err := m.flatten(ts)
	if err != nil {
		return nil, err
	}
	return m.parametersFrom(flat), nil
}

// ParamTensors devuelve los parámetros como tensores de GoMLX en la forma que
// espera [Model.Forward]: W [in, out] y b [1, out] de cada capa Linear.
func (m *Model) ParamTensors() []*tensors.Tensor {
	var out []*tensors.Tensor
	for i, l := range m.Linears() {
		out = append(out,
			tensors.FromFlatDataAndDimensions(append([]float32(nil), m.params[2*i]...), l.In, l.Out),
			tensors.FromFlatDataAndDimensions(append([]float32(nil), m.params[2*i+1]...), 1, l.Out))
	}
	return out
}

// SetParamTensors copia en el modelo los valores de tensores con la forma de
// [Model.ParamTensors] (por ejemplo, los que devuelve el entrenamiento).
func (m *Model) SetParamTensors(ts []*tensors.Tensor) error {
	flat, err := m.flatten(ts)
	if err != nil {
		return err
	}
	m.params = flat
	return nil
}

func (m *Model) flatten(ts []*tensors.Tensor) ([][]float32, error) {
	if len(ts) != len(m.params) {
		return nil, fmt.Errorf("se esperaban %d tensores de parámetros (pesos y sesgos de cada capa Linear), llegaron %d", len(m.params), len(ts))
	}
	flat := make([][]float32, len(ts))
	for i, t := range ts {
		if t.Size() != len(m.params[i]) {
			return nil, fmt.Errorf("el tensor de parámetros %d tiene %d valores, se esperaban %d", i, t.Size(), len(m.params[i]))
		}
		v, err := tensors.CopyFlatData[float32](t)
		if err != nil {
			return nil, fmt.Errorf("el tensor de parámetros %d no es float32: %w", i, err)
		}
		flat[i] = v
	}
	return flat, nil
}
