// SPDX-License-Identifier: Apache-2.0

// Package cputime mide el tiempo de CPU que lleva gastado el proceso, para
// las tablas de tiempos de bench y bench/lab (tiempo real y tiempo de CPU).
package cputime
