// SPDX-License-Identifier: Apache-2.0

package reference

import "math"

// ULPs cuenta cuántos números float32 hay entre a y b (0 si son iguales): la
// forma de medir lo cerca que quedan dos cálculos en float32, como los de Go
// y los de PyTorch. Un NaN no es igual a nada, ni a otro NaN: si a o b es NaN
// devuelve [NaNULPs], más que cualquier distancia entre dos números, para que
// ninguna comparación con tolerancia lo dé por bueno. +0 y -0 están a 0.
func ULPs(a, b float32) int64 {
	if a != a || b != b {
		return NaNULPs
	}
	d := ordered(a) - ordered(b)
	return max(d, -d)
}

// NaNULPs es lo que devuelve [ULPs] cuando hay un NaN.
const NaNULPs = math.MaxInt64

// ordered numera los float32 en orden: consecutivos dan enteros consecutivos.
func ordered(f float32) int64 {
	bits := int64(math.Float32bits(f))
	if bits&0x80000000 != 0 {
		return -(bits & 0x7fffffff)
	}
	return bits
}
