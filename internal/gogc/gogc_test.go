// SPDX-License-Identifier: Apache-2.0

package gogc

import (
	"os"
	"runtime/debug"
	"testing"
)

// Tune relaja el recolector de basura (GOGC=400), salvo que el usuario haya
// fijado GOGC.
func TestTune(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	if gogc, ok := os.LookupEnv("GOGC"); ok {
		t.Skipf("GOGC=%s fijado en el entorno", gogc)
	}
	Tune()
	if got := debug.SetGCPercent(100); got != Percent {
		t.Errorf("GOGC tras Tune: %d, se esperaba %d", got, Percent)
	}
}

// Con GOGC en el entorno, Tune no toca nada.
func TestTuneRespectsEnv(t *testing.T) {
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	t.Setenv("GOGC", "123")
	Tune()
	if got := debug.SetGCPercent(old); got != 123 {
		t.Errorf("GOGC tras Tune con GOGC=123 en el entorno: %d", got)
	}
}

// Importar el paquete no cambia nada: el GOGC de las pruebas es el de Go.
func TestImportHasNoEffect(t *testing.T) {
	if _, ok := os.LookupEnv("GOGC"); ok {
		t.Skip("GOGC fijado en el entorno")
	}
	old := debug.SetGCPercent(100)
	debug.SetGCPercent(old)
	if old != 100 {
		t.Errorf("GOGC al empezar las pruebas: %d; importar gogc no debe cambiarlo", old)
	}
}
