// SPDX-License-Identifier: Apache-2.0

//go:build !unix

package cputime

import "time"

// Process no sabe medir el tiempo de CPU fuera de Unix: devuelve 0 y las
// tablas solo muestran el tiempo real.
func Process() time.Duration { return 0 }
