package exercises

import (
	"math"
	"testing"
)

func TestScratchReview(t *testing.T) {
	try := func(name string, run func() error) {
		out, err := result(t, run)
		t.Logf("=== %s: err=%v\n%s", name, err, out)
	}
	// ej08: loop with step 0.01 returning the first x with derivative < 0.01
	try("8 loop 0.01 first below", func() error {
		return TanhSaturation(func() float64 {
			x := 0.0
			for 1-math.Tanh(x)*math.Tanh(x) >= 0.01 {
				x += 0.01
			}
			return x
		})
	})
	try("8 loop 0.001", func() error {
		return TanhSaturation(func() float64 {
			x := 0.0
			for 1-math.Tanh(x)*math.Tanh(x) >= 0.01 {
				x += 0.001
			}
			return x
		})
	})
	try("9 w=0,b=0", func() error { return DeadFromTheStart(func() WB { return WB{0, 0} }) })
	try("9 w=0,b=-1", func() error { return DeadFromTheStart(func() WB { return WB{0, -1} }) })
	try("9 w=-1,b=-1", func() error { return DeadFromTheStart(func() WB { return WB{-1, -1} }) })
	try("6 alt exp formula", func() error {
		return SigmoidDerivative(func(x float64) float64 { e := math.Exp(-x); return e / ((1 + e) * (1 + e)) }, Hidden())
	})
	try("6 alt cosh", func() error {
		return SigmoidDerivative(func(x float64) float64 { c := math.Cosh(x / 2); return 1 / (4 * c * c) }, Hidden())
	})
	try("1 z=2", func() error { return NeuronOutput(func() ZY { return ZY{0, 0} }) })
	try("3 forward swapped", func() error {
		return ForwardByHand(func(x float64) float64 { return -2*math.Tanh(2*x-1) + 1.5*math.Tanh(-x+0.5) + 0.5 })
	})
	try("4 median", func() error { return ConstantPrediction(func() CL { return CL{39.27, 920.30} }) })
	try("4 rounded", func() error { return ConstantPrediction(func() CL { return CL{39.2710, 920.30} }) })
	try("5 rounded", func() error { return NoiseFloor(func() float64 { return 51.20 }) })
	try("3 rounded", func() error { return TrueLineLoss(func() float64 { return 12.63 }) })
	try("11 leaky temp", func() error {
		return LastActivation(func() []string { return []string{"sigmoide", "tanh", "relu"} })
	})
	try("5 0.0012", func() error { return LargestLearningRate(func() float64 { return 0.0012 }) })
	try("2 unequal len", func() error {
		return MSE(func(p, q []float64) float64 { return 0 })
	})
}
