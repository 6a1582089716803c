// SPDX-License-Identifier: Apache-2.0

package parity

import (
	"math"
	"testing"

	"neuronas/internal/coursenet"
	"neuronas/pkg/course"
)

// fingerprintSteps is enough for the course's chaotic cells to amplify a one-ulp difference into
// a different loss (see ENVIRONMENT.md: nudging one weight by one ulp moves step-1000 losses).
const fingerprintSteps = 3000

// TestCourseFingerprint trains every course cell (pkg/course) from the default seed twice and
// requires the same final loss, bit for bit, and logs it as a "huella" line. scripts/arm64.sh
// (make test-arm64) runs this test built for amd64 and for arm64 (under qemu-user-static) and
// compares the lines: Go may fuse multiply–adds on arm64 and not on amd64, which would change the
// numbers the notebooks print.
func TestCourseFingerprint(t *testing.T) {
	d, err := coursenet.Data(course.DefaultSeed())
	if err != nil {
		t.Fatal(err)
	}
	final := func(c course.Cell) float64 {
		m, err := coursenet.Model(c, course.DefaultSeed())
		if err != nil {
			t.Fatal(err)
		}
		losses, err := coursenet.Train(m, d, fingerprintSteps)
		if err != nil {
			t.Fatal(err)
		}
		return losses[len(losses)-1]
	}
	for _, c := range course.Cells() {
		a, b := final(c), final(c)
		if math.Float64bits(a) != math.Float64bits(b) {
			t.Errorf("In [%d]: dos entrenamientos iguales acaban en %v y %v", c.Number, a, b)
		}
		t.Logf("huella: In [%d] %s: %d pasos, pérdida final %.9g (%016x)", c.Number, c.Name(), fingerprintSteps, a, math.Float64bits(a))
	}
}
