// SPDX-License-Identifier: Apache-2.0

// Package check convierte los errores de los ayudantes en un mensaje claro
// en español y detiene la celda, sin volcar una traza de pila de Go.
//
// En Go las funciones devuelven el error junto al resultado. En una celda de
// cuaderno es más cómodo escribir
//
//	model := check.Must(nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1)))
//
// que comprobar el error a mano: si algo va mal, la celda muestra el mensaje
// del error y termina.
package check

import (
	"fmt"
	"io"
	"os"
	"reflect"
)

// exit y stderr se sustituyen en las pruebas.
var (
	exit             = os.Exit
	stderr io.Writer = os.Stderr
)

// Must devuelve value si err es nil; si no, muestra el error y detiene el programa.
func Must[T any](value T, err error) T {
	OK(err)
	return value
}

// OK no hace nada si err es nil; si no, muestra el error y detiene el programa
// con código de salida 1.
func OK(err error) {
	if err == nil {
		return
	}
	if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
		// Un puntero nil guardado en una variable error no es un error nil:
		// sin esto, la celda se pararía con «Error: <nil>».
		fmt.Fprintf(stderr, "Error: check.OK: el error no es nil, pero es un %T nil (un puntero nil guardado en una variable "+
			"de tipo error); haz que la función devuelva nil, no un puntero nil de su tipo de error\n", err)
		exit(1)
		return
	}
	fmt.Fprintf(stderr, "Error: %v\n", err)
	exit(1)
}
