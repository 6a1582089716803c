// SPDX-License-Identifier: Apache-2.0

package data

import (
	"fmt"
	"math"

	"neuronas/internal/valid"
	"neuronas/pkg/random"
)

// Valores por defecto de [GetDataFromAPolynomial], los mismos que en el curso.
const (
	DefaultSigma = 2.0
	DefaultRange = 50.0
)

// MaxPoints es el máximo de puntos que genera [GetDataFromAPolynomial]: de
// sobra para el curso, y lejos de agotar la memoria.
const MaxPoints = 1_000_000

type options struct {
	sigma, xRange float64
	rng           *random.Rand
}

// Option ajusta [GetDataFromAPolynomial]: [Sigma], [Range] o [WithRand].
type Option func(*options)

// Sigma fija la desviación típica del ruido gaussiano en x y en y (por defecto 2).
func Sigma(sigma float64) Option { return func(o *options) { o.sigma = sigma } }

// Range fija el extremo del intervalo [0, r] donde se sitúan las x antes del
// ruido (por defecto 50). Es un solo número, como el range=50 de
// get_data_from_a_polynomial en el curso; no confundir con plots.Options.Range,
// que es un intervalo [mínimo, máximo], como el range=[-4,4] de draw_2D_function.
func Range(r float64) Option { return func(o *options) { o.xRange = r } }

// WithRand usa el generador g en lugar del global de [random].
func WithRand(g *random.Rand) Option { return func(o *options) { o.rng = g } }

// GetDataFromAPolynomial devuelve n puntos con ruido de un polinomio, como
// get_data_from_a_polynomial del curso: x uniforme en [0, rango]; y = poly(x);
// después se suma a x y a y un ruido gaussiano de media 0 y desviación sigma.
//
// Saca los números en el orden del curso (las x, el ruido de las x y el de
// las y) y calcula en float32, como PyTorch: con la misma semilla
// (torch.manual_seed(S) justo antes, y aquí random.SetSeed(S) o
// data.WithRand(random.New(S))) da los mismos puntos que el curso.
//
//	d, err := data.GetDataFromAPolynomial(poly, 50, data.Sigma(0.5), data.Range(10))
func GetDataFromAPolynomial(poly Polynomial, n int, opts ...Option) (Data, error) {
	o := options{sigma: DefaultSigma, xRange: DefaultRange}
	for i, opt := range opts {
		if opt == nil {
			return Data{}, fmt.Errorf("data.GetDataFromAPolynomial: la opción %d es nil; usa data.Sigma(...), data.Range(...) o data.WithRand(...)", i)
		}
		opt(&o)
	}
	if err := validate(poly, n, o); err != nil {
		return Data{}, err
	}
	if o.rng == nil {
		o.rng = random.Global()
	}
	const fn = "data.GetDataFromAPolynomial"
	x, err := o.rng.Rand(n) // x = range*torch.rand(n)
	if err != nil {
		return Data{}, fmt.Errorf("%s: %w", fn, err)
	}
	for i := range x {
		x[i] *= float32(o.xRange)
	}
	y := poly.apply32(x)
	for i, v := range y {
		if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
			return Data{}, fmt.Errorf("%s: el polinomio %s da y = %v en x = %v (no cabe en float32, "+
				"donde se calculan los datos, como en PyTorch); reduce el rango con data.Range, el grado o los coeficientes", fn, poly, v, x[i])
		}
	}
	zeros, sigmas := make([]float32, n), make([]float32, n)
	for i := range sigmas {
		sigmas[i] = float32(o.sigma)
	}
	noiseX, err := o.rng.Normal(zeros, sigmas)
	if err != nil {
		return Data{}, noiseError(fn, o.sigma, err)
	}
	noiseY, err := o.rng.Normal(zeros, sigmas)
	if err != nil {
		return Data{}, noiseError(fn, o.sigma, err)
	}
	d := Data{X: make([]float64, n), Y: make([]float64, n)}
	for i := range x {
		d.X[i] = float64(x[i] + noiseX[i])
		d.Y[i] = float64(y[i] + noiseY[i])
	}
	if err := d.Validate("el resultado"); err != nil {
		return Data{}, fmt.Errorf("%s: %w; el ruido o los valores son demasiado grandes para float32: reduce data.Sigma o data.Range", fn, err)
	}
	return d, nil
}

func validate(poly Polynomial, n int, o options) error {
	const fn = "data.GetDataFromAPolynomial"
	switch {
	case len(poly.coefficients) == 0:
		return fmt.Errorf("%s: el polinomio está vacío; créalo con data.GeneratePolynomial([]float64{1, 0, 0})", fn)
	case n <= 0 || n > MaxPoints:
		return fmt.Errorf("%s: n = %d, pero el número de puntos debe estar entre 1 y %d (el curso usa 50)", fn, n, MaxPoints)
	case math.IsNaN(o.sigma) || math.IsInf(o.sigma, 0) || o.sigma < 0:
		return fmt.Errorf("%s: sigma = %v, pero la desviación típica del ruido debe ser un número ≥ 0 (0 quita el ruido)", fn, o.sigma)
	case math.IsNaN(o.xRange) || math.IsInf(o.xRange, 0) || o.xRange <= 0:
		return fmt.Errorf("%s: rango = %v, pero el extremo del intervalo [0, rango] debe ser un número positivo (por ejemplo 10)", fn, o.xRange)
	}
	if err := valid.Float32(fn, "sigma (data.Sigma)", o.sigma); err != nil {
		return err
	}
	if err := valid.Float32(fn, "rango (data.Range)", o.xRange); err != nil {
		return err
	}
	if err := valid.Float32s(fn, "coeficiente", poly.coefficients); err != nil {
		return err
	}
	// Un número positivo tan pequeño que en float32 vale 0 (menos de 1,4e-45)
	// pondría todas las x en 0, o quitaría el ruido, sin avisar.
	for _, v := range []struct {
		name string
		v    float64
	}{{"rango (data.Range)", o.xRange}, {"sigma (data.Sigma)", o.sigma}} {
		if v.v > 0 && float32(v.v) == 0 {
			return fmt.Errorf("%s: %s = %g es tan pequeño que en float32 (donde se calculan los datos) vale 0; "+
				"usa un valor razonable, como 10 para el rango o 0.5 para sigma (sigma 0 quita el ruido)", fn, v.name, v.v)
		}
	}
	return nil
}

// noiseError explica un fallo al sacar el ruido: con una semilla válida solo
// puede ser un sigma tan grande que el ruido no cabe en float32.
func noiseError(fn string, sigma float64, err error) error {
	return fmt.Errorf("%s: el ruido con sigma = %g no cabe en float32 (%w); reduce data.Sigma", fn, sigma, err)
}
