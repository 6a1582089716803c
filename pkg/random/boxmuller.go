// SPDX-License-Identifier: Apache-2.0

package random

import "math"

// Box–Muller por bloques de 16, como normal_fill_16_AVX2 de PyTorch: el
// logaritmo, el seno y el coseno son las aproximaciones de Cephes en float32
// de avx_mathfun.h, con las multiplicaciones y sumas que el compilador de
// PyTorch (GCC, -mfma) funde en una sola operación (fma32). Así los valores
// salen idénticos a los de PyTorch en un x86-64 con AVX2.

// fma32 calcula a·b + c con un solo redondeo a float32 (salvo el doble
// redondeo float64→float32, que en la práctica no cambia el resultado).
func fma32(a, b, c float32) float32 {
	return float32(math.FMA(float64(a), float64(b), float64(c)))
}

// Constantes de Cephes (float32), las mismas que usa avx_mathfun.h.
const (
	minNormPos = float32(1.17549435e-38)
	sqrtHalf   = float32(0.707106781186547524)
	logP0      = float32(7.0376836292e-2)
	logP1      = float32(-1.1514610310e-1)
	logP2      = float32(1.1676998740e-1)
	logP3      = float32(-1.2420140846e-1)
	logP4      = float32(1.4249322787e-1)
	logP5      = float32(-1.6668057665e-1)
	logP6      = float32(2.0000714765e-1)
	logP7      = float32(-2.4999993993e-1)
	logP8      = float32(3.3333331174e-1)
	logQ1      = float32(-2.12194440e-4)
	logQ2      = float32(0.693359375)

	fourOverPi = float32(1.27323954473516)
	minusDP1   = float32(-0.78515625)
	minusDP2   = float32(-2.4187564849853515625e-4)
	minusDP3   = float32(-3.77489497744594108e-8)
	cosC0      = float32(2.443315711809948e-5)
	cosC1      = float32(-1.388731625493765e-3)
	cosC2      = float32(4.166664568298827e-2)
	sinS0      = float32(-1.9515295891e-4)
	sinS1      = float32(8.3321608736e-3)
	sinS2      = float32(-1.6666654611e-1)

	twoPi32 = float32(2 * math.Pi)
)

// cephesLog es el logaritmo natural en float32 para x > 0.
func cephesLog(x float32) float32 {
	x = max(x, minNormPos)
	bits := math.Float32bits(x)
	e := float32(int32(bits>>23)-0x7f) + 1
	x = math.Float32frombits(bits&^0x7f800000 | 0x3f000000) // mantisa en [0.5, 1)
	if x < sqrtHalf {
		e--
		x = (x - 1) + x
	} else {
		x--
	}
	z := float32(x * x)
	y := fma32(logP0, x, logP1)
	for _, p := range [...]float32{logP2, logP3, logP4, logP5, logP6, logP7, logP8} {
		y = fma32(y, x, p)
	}
	y = float32(y * x)
	y = fma32(y, z, float32(e*logQ1))
	y = fma32(-z, 0.5, y)
	return fma32(e, logQ2, x+y)
}

// cephesSinCos devuelve el seno y el coseno de x en float32.
func cephesSinCos(x float32) (sin, cos float32) {
	signSin := math.Float32bits(x) & 0x80000000
	x = float32(math.Abs(float64(x)))
	j := int32(float32(x * fourOverPi)) // truncamiento, como cvttps
	j = (j + 1) &^ 1
	y := float32(j)
	signSin ^= uint32(j&4) << 29
	signCos := uint32(^(j-2)&4) << 29
	x = fma32(y, minusDP1, x)
	x = fma32(y, minusDP2, x)
	x = fma32(y, minusDP3, x)
	z := float32(x * x)
	c := fma32(cosC0, z, cosC1)
	c = fma32(c, z, cosC2)
	c = float32(c * z)
	c = fma32(c, z, -float32(z*0.5))
	c++
	s := fma32(sinS0, z, sinS1)
	s = fma32(s, z, sinS2)
	s = float32(s * z)
	s = fma32(s, x, x)
	if j&2 != 0 {
		s, c = c, s
	}
	return math.Float32frombits(math.Float32bits(s) ^ signSin), math.Float32frombits(math.Float32bits(c) ^ signCos)
}

// boxMuller16 convierte en su sitio 16 uniformes en [0, 1) en 16 normales
// estándar: los pares (j, j+8) para j < 8.
func boxMuller16(v []float32) {
	for j := 0; j < 8; j++ {
		u1 := 1 - v[j]
		u2 := v[j+8]
		radius := float32(math.Sqrt(float64(-2 * cephesLog(u1))))
		sin, cos := cephesSinCos(float32(twoPi32 * u2))
		v[j] = float32(radius * cos)
		v[j+8] = float32(radius * sin)
	}
}
