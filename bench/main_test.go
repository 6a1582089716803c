// SPDX-License-Identifier: Apache-2.0

package main

import (
	"os"
	"testing"

	"neuronas/internal/gogc"
)

// TestMain ajusta el recolector de basura como main (y como un cuaderno, que
// importa el paquete memory), para que BenchmarkCourseCells mida lo mismo.
func TestMain(m *testing.M) {
	gogc.Tune()
	os.Exit(m.Run())
}
