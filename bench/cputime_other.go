// SPDX-License-Identifier: Apache-2.0

//go:build !unix

package main

import "time"

// cpuTime no sabe medir el tiempo de CPU fuera de Unix: devuelve 0 y la tabla
// solo muestra el tiempo real.
func cpuTime() time.Duration { return 0 }
