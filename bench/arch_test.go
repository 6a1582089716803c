package main

import (
	"math"
	"testing"

	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// fingerprintSteps is enough for the course's chaotic cells to amplify a one-ulp difference into
// a different loss (see ENVIRONMENT.md: nudging one weight by one ulp moves step-1000 losses).
const fingerprintSteps = 3000

// TestCourseFingerprint trains every course cell (In [19]–In [36]) from the default seed twice and
// requires the same final loss, bit for bit, and logs it as a "huella" line. scripts/arm64.sh
// (make test-arm64) runs this test built for amd64 and for arm64 (under qemu-user-static) and
// compares the lines: Go may fuse multiply–adds on arm64 and not on amd64, which would change the
// numbers the notebooks print.
func TestCourseFingerprint(t *testing.T) {
	d, err := CourseData(random.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	final := func(c Cell) float64 {
		m, err := c.Model(random.DefaultSeed)
		if err != nil {
			t.Fatal(err)
		}
		losses, err := train.LearningLoop(d.X, d.Y, m, fingerprintSteps, train.MSELoss, 1e-3, train.SGD)
		if err != nil {
			t.Fatal(err)
		}
		return losses[len(losses)-1]
	}
	for _, c := range Cells {
		a, b := final(c), final(c)
		if math.Float64bits(a) != math.Float64bits(b) {
			t.Errorf("In [%d]: dos entrenamientos iguales acaban en %v y %v", c.Number, a, b)
		}
		t.Logf("huella: In [%d] %s: %d pasos, pérdida final %.9g (%016x)", c.Number, c.Name(), fingerprintSteps, a, math.Float64bits(a))
	}
}
