// SPDX-License-Identifier: Apache-2.0

package nn

// Batch son los datos de entrada o de salida: un valor por punto ([]float64,
// para modelos de una entrada o una salida) o una fila de valores por punto
// ([][]float64).
type Batch interface{ []float64 | [][]float64 }
