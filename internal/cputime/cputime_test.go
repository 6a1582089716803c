// SPDX-License-Identifier: Apache-2.0

//go:build unix

package cputime

import (
	"testing"
	"time"
)

// En Unix, Process crece al gastar CPU (un bucle de 50 ms de reloj).
func TestProcessGrows(t *testing.T) {
	before := Process()
	if before <= 0 {
		t.Fatalf("Process() = %v al empezar; quería un tiempo de CPU positivo", before)
	}
	x := 0
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
		x++
	}
	if after := Process(); after <= before {
		t.Fatalf("Process() = %v tras un bucle de 50 ms (%d vueltas), antes %v; quería que creciera", after, x, before)
	}
}
