package reference

import "math"

// ULPs cuenta cuántos números float32 hay entre a y b (0 si son iguales): la
// forma de medir lo cerca que quedan dos cálculos en float32, como los de Go
// y los de PyTorch.
func ULPs(a, b float32) int64 {
	d := ordered(a) - ordered(b)
	return max(d, -d)
}

// ordered numera los float32 en orden: consecutivos dan enteros consecutivos.
func ordered(f float32) int64 {
	bits := int64(math.Float32bits(f))
	if bits&0x80000000 != 0 {
		return -(bits & 0x7fffffff)
	}
	return bits
}
