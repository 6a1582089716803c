// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/internal/engine"
)

// Predict evalúa un modelo de una entrada y una salida en cada valor de xs:
// es model(x) del curso, sin gradientes (como .detach()).
func (m *Model) Predict(xs []float64) ([]float64, error) {
	if err := m.check("el modelo"); err != nil {
		return nil, fmt.Errorf("nn.Predict: %w", err)
	}
	if m.InputSize() != 1 || m.OutputSize() != 1 {
		return nil, fmt.Errorf("nn.Predict: el modelo tiene %d entradas y %d salidas; Predict es para modelos 1→1, usa PredictBatch", m.InputSize(), m.OutputSize())
	}
	out, err := m.PredictBatch(engine.Rows(xs))
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
	net, err := m.net("el modelo")
	if err != nil {
		return nil, fmt.Errorf("nn.PredictBatch: %w", err)
	}
	if err := net.CheckWork("x", len(x)); err != nil {
		return nil, fmt.Errorf("nn.PredictBatch: %w", err)
	}
	xt, err := engine.Matrix("x", x, m.InputSize())
	if err != nil {
		return nil, fmt.Errorf("nn.PredictBatch: %w", err)
	}
	outs, err := engine.Run(func(in []*graph.Node) []*graph.Node {
		return []*graph.Node{engine.Forward(net.Layers, in[1:], in[0])}
	}, xt, net.Tensors())
	if err != nil {
		return nil, fmt.Errorf("nn.Predict: falló la evaluación del modelo: %w", err)
	}
	flat := tensors.MustCopyFlatData[float32](outs[0])
	k := m.OutputSize()
	for i, v := range flat {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("nn.PredictBatch: la salida del modelo para la fila %d de x es %v (se desborda float32): "+
				"la entrada es demasiado grande o los parámetros del modelo son enormes; usa entradas más pequeñas "+
				"(normalizadas) o vuelve a entrenar el modelo con una tasa de aprendizaje menor", i/k, v)
		}
	}
	return rows(flat, k), nil
}

// rows corta los valores flat en filas de k valores, como float64.
func rows(flat []float32, k int) [][]float64 {
	res := make([][]float64, len(flat)/k)
	for i := range res {
		res[i] = make([]float64, k)
		for j := range res[i] {
			res[i][j] = float64(flat[i*k+j])
		}
	}
	return res
}
