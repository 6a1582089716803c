// SPDX-License-Identifier: Apache-2.0

package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/internal/valid"
)

// MaxDegree es el grado máximo de un polinomio: de sobra para el curso (grados
// 1 a 5); con más, xᵏ se sale de float32 en cuanto |x| pasa de 2 o 3.
const MaxDegree = 100

// Polynomial es un polinomio dado por sus coeficientes, del grado mayor al
// menor: [2, 1, 0] es y = 2x² + x + 0. Se crea con [GeneratePolynomial].
type Polynomial struct {
	coefficients []float64
}

// GeneratePolynomial crea el polinomio de la lista de coeficientes c, del grado
// mayor al menor, como generate_polynomial del curso: [1, 0, 0] es y = x².
func GeneratePolynomial(c []float64) (Polynomial, error) {
	if len(c) == 0 {
		return Polynomial{}, fmt.Errorf("data.GeneratePolynomial: la lista de coeficientes está vacía; " +
			"pasa al menos uno, por ejemplo []float64{1, 0, 0} para y = x²")
	}
	if len(c) > MaxDegree+1 {
		return Polynomial{}, fmt.Errorf("data.GeneratePolynomial: hay %d coeficientes (grado %d), pero el grado "+
			"máximo es %d; el curso usa grados de 1 a 5", len(c), len(c)-1, MaxDegree)
	}
	for i, v := range c {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Polynomial{}, fmt.Errorf("data.GeneratePolynomial: el coeficiente %d vale %v; "+
				"todos los coeficientes deben ser números finitos", i, v)
		}
		if err := valid.Float32("data.GeneratePolynomial", fmt.Sprintf("el coeficiente %d", i), v); err != nil {
			return Polynomial{}, err
		}
	}
	return Polynomial{coefficients: append([]float64(nil), c...)}, nil
}

// At evalúa el polinomio en x (regla de Horner).
func (p Polynomial) At(x float64) float64 {
	y := 0.0
	for _, c := range p.coefficients {
		y = y*x + c
	}
	return y
}

// Apply evalúa el polinomio en cada valor de xs y devuelve los resultados.
func (p Polynomial) Apply(xs []float64) []float64 {
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = p.At(x)
	}
	return ys
}

// apply32 evalúa el polinomio en float32 como lo hace la función del curso en
// PyTorch: suma los términos c·xᵏ de grado 0 en adelante, cada uno redondeado
// a float32 (xᵏ con productos para k ≤ 3, como torch.pow).
func (p Polynomial) apply32(xs []float32) []float32 {
	ys := make([]float32, len(xs))
	deg := len(p.coefficients) - 1
	for i, x := range xs {
		var y float32
		for k := 0; k <= deg; k++ {
			y += float32(p.coefficients[deg-k]) * pow32(x, k)
		}
		ys[i] = y
	}
	return ys
}

// pow32 es xᵏ en float32, como torch.pow con exponente entero.
func pow32(x float32, k int) float32 {
	switch k {
	case 0:
		return 1
	case 1:
		return x
	case 2:
		return x * x
	case 3:
		return x * x * x
	}
	return float32(math.Pow(float64(x), float64(k)))
}

// Node evalúa el polinomio sobre un tensor dentro de un grafo de GoMLX,
// elemento a elemento: es la versión «tensor» de [Polynomial.At].
func (p Polynomial) Node(x *graph.Node) *graph.Node {
	y := graph.ZerosLike(x)
	for _, c := range p.coefficients {
		y = graph.AddScalar(graph.Mul(y, x), c)
	}
	return y
}

// String escribe el polinomio de forma legible, por ejemplo "y = 2x² + x".
func (p Polynomial) String() string {
	var terms []string
	for i, c := range p.coefficients {
		if c == 0 {
			continue
		}
		power := len(p.coefficients) - 1 - i
		terms = append(terms, term(c, power))
	}
	if len(terms) == 0 {
		return "y = 0"
	}
	s := strings.Join(terms, " + ")
	return "y = " + strings.ReplaceAll(s, "+ -", "- ")
}

func term(c float64, power int) string {
	num := strconv.FormatFloat(c, 'g', -1, 64)
	if power > 0 && (c == 1 || c == -1) {
		num = strings.TrimSuffix(num, "1")
	}
	switch power {
	case 0:
		return num
	case 1:
		return num + "x"
	}
	return num + "x" + superscript(power)
}

func superscript(n int) string {
	digits := []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(digits[d-'0'])
	}
	return b.String()
}
