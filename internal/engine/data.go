// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/tensors"
)

// MaxPoints es el máximo de puntos (filas) que se pasan de una vez a un
// modelo: de sobra para el curso, y lejos de agotar la memoria.
const MaxPoints = 1_000_000

// Rows convierte los datos de un nn.Batch ([]float64 o [][]float64) en filas:
// un valor por punto pasa a ser una fila de un valor. Cualquier otro tipo da
// nil (los llamadores lo impiden con la restricción nn.Batch).
func Rows(v any) [][]float64 {
	switch v := v.(type) {
	case []float64:
		out := make([][]float64, len(v))
		for i, x := range v {
			out[i] = []float64{x}
		}
		return out
	case [][]float64:
		return v
	}
	return nil
}

// MaxActivations es el máximo de valores intermedios de una pasada hacia
// delante: puntos × (suma de las salidas de las capas Linear). Con 16 M
// float32 (64 MB) una pasada cabe de sobra en el contenedor de un estudiante
// aunque el entrenamiento guarde varias; el curso usa unos pocos miles.
const MaxActivations = 1 << 24

// CheckWork comprueba que evaluar la red en points puntos (los de name) no
// pase de [MaxActivations] valores intermedios.
func (n Net) CheckWork(name string, points int) error {
	width := 0
	for _, l := range n.Linears() {
		width += l.Out
	}
	if width > 0 && points > MaxActivations/width {
		return fmt.Errorf("%s tiene %d puntos y la red %d neuronas: serían %d valores intermedios, más de los %d que caben "+
			"con holgura en memoria; usa menos puntos o capas más estrechas", name, points, width, points*width, MaxActivations)
	}
	return nil
}

// Data comprueba los datos de entrada y salida (nn.Batch) frente a la red y
// los convierte en tensores [n, entradas] y [n, salidas], la forma de x_true
// e y_true en el curso.
func (n Net) Data(xTrue, yTrue any) (x, y *tensors.Tensor, err error) {
	xr, yr := Rows(xTrue), Rows(yTrue)
	if len(xr) != len(yr) {
		return nil, nil, fmt.Errorf("xTrue tiene %d puntos e yTrue %d; deben tener los mismos", len(xr), len(yr))
	}
	if err := n.CheckWork("xTrue", len(xr)); err != nil {
		return nil, nil, err
	}
	if x, err = Matrix("xTrue", xr, n.InputSize()); err != nil {
		return nil, nil, err
	}
	if y, err = Matrix("yTrue", yr, n.OutputSize()); err != nil {
		return nil, nil, err
	}
	return x, y, nil
}

// Matrix convierte filas de números en un tensor float32 [n, cols],
// comprobando que no esté vacío ni sea enorme, que cada fila tenga cols
// valores y que todos sean finitos. name es el nombre del argumento en los
// mensajes de error.
func Matrix(name string, rows [][]float64, cols int) (*tensors.Tensor, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s está vacío; hace falta al menos un punto", name)
	}
	if len(rows) > MaxPoints {
		return nil, fmt.Errorf("%s tiene %d puntos, más de los %d que admite este curso; usa menos puntos", name, len(rows), MaxPoints)
	}
	if cols <= 0 {
		return nil, fmt.Errorf("%s: el modelo no tiene entradas o salidas (%d); créalo con nn.Sequential(...)", name, cols)
	}
	flat := make([]float32, 0, len(rows)*cols)
	for i, r := range rows {
		if len(r) != cols {
			return nil, fmt.Errorf("la fila %d de %s tiene %d valores pero el modelo espera %d", i, name, len(r), cols)
		}
		for _, v := range r {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s[%d] contiene %v; todos los valores deben ser números finitos", name, i, v)
			}
			if math.Abs(v) > math.MaxFloat32 {
				return nil, fmt.Errorf("%s[%d] contiene %g, que no cabe en float32 (los cálculos de la red se hacen en float32, "+
					"hasta ±3,4e38) y se convertiría en infinito; usa valores más pequeños (por ejemplo, normalizados)", name, i, v)
			}
			flat = append(flat, float32(v))
		}
	}
	return tensors.FromFlatDataAndDimensions(flat, len(rows), cols), nil
}

// Transposed devuelve la traspuesta de una matriz float32: los datos x en la
// forma [entradas, n] que usa el grafo de los pasos (step.go).
func Transposed(t *tensors.Tensor) *tensors.Tensor {
	rows, cols := t.Shape().Dimensions[0], t.Shape().Dimensions[1]
	v := tensors.MustCopyFlatData[float32](t)
	tv := make([]float32, len(v))
	for i := range rows {
		for j := range cols {
			tv[j*rows+i] = v[i*cols+j]
		}
	}
	return tensors.FromFlatDataAndDimensions(tv, cols, rows)
}
