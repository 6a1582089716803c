// SPDX-License-Identifier: Apache-2.0

//go:build !unix

package main

import "time"

// cpuTime no se puede medir fuera de unix: devuelve 0.
func cpuTime() time.Duration { return 0 }
