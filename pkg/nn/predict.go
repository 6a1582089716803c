package nn

import (
	"fmt"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// Predict evalúa un modelo de una entrada y una salida en cada valor de xs:
// es model(x) del curso, sin gradientes (como .detach()).
func (m *Model) Predict(xs []float64) ([]float64, error) {
	if err := m.Check("el modelo"); err != nil {
		return nil, fmt.Errorf("nn.Predict: %w", err)
	}
	if m.InputSize() != 1 || m.OutputSize() != 1 {
		return nil, fmt.Errorf("nn.Predict: el modelo tiene %d entradas y %d salidas; Predict es para modelos 1→1, usa PredictBatch", m.InputSize(), m.OutputSize())
	}
	out, err := m.PredictBatch(Rows(xs))
	if err != nil {
		return nil, err
	}
	ys := make([]float64, len(out))
	for i, r := range out {
		ys[i] = r[0]
	}
	return ys, nil
}

// PredictBatch evalúa el modelo en cada fila de x (cada fila tiene tantos
// valores como entradas el modelo) y devuelve una fila de salidas por fila.
func (m *Model) PredictBatch(x [][]float64) ([][]float64, error) {
	if err := m.Check("el modelo"); err != nil {
		return nil, fmt.Errorf("nn.PredictBatch: %w", err)
	}
	xt, err := Matrix("x", x, m.InputSize())
	if err != nil {
		return nil, fmt.Errorf("nn.PredictBatch: %w", err)
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	exec, err := graph.NewExec(backend, func(in []*graph.Node) *graph.Node {
		return m.Forward(in[1:], in[0])
	})
	if err != nil {
		return nil, err
	}
	defer exec.Finalize()
	args := []any{xt}
	for _, p := range m.ParamTensors() {
		args = append(args, p)
	}
	outs, err := exec.Call(args...)
	if err != nil {
		return nil, fmt.Errorf("nn.Predict: falló la evaluación del modelo: %w", err)
	}
	flat := tensors.MustCopyFlatData[float32](outs[0])
	n, k := len(x), m.OutputSize()
	res := make([][]float64, n)
	for i := range res {
		res[i] = make([]float64, k)
		for j := range res[i] {
			res[i][j] = float64(flat[i*k+j])
		}
	}
	return res, nil
}
