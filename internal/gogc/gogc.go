// SPDX-License-Identifier: Apache-2.0

// Package gogc ajusta el recolector de basura de Go para los grafos
// diminutos del curso. Importarlo no hace nada: el ajuste lo hace [Tune], y
// lo llaman quienes quieren ese efecto sobre todo el programa:
//
//   - el paquete memory al cargarse (los cuadernos lo importan en su celda de
//     importaciones, así que toda celda que entrena va igual de deprisa);
//   - el banco de pruebas (bench), para medir lo mismo que ve un cuaderno.
//
// Las pruebas de los paquetes y los programas que solo importan nn o train
// se quedan con el recolector por defecto de Go.
package gogc

import (
	"os"
	"runtime/debug"
)

// Percent es el GOGC que fija [Tune]. El backend de Go de GoMLX crea muchos
// objetos pequeños en cada operación del grafo; con el valor por defecto
// (100) el recolector de basura se activa cada pocos milisegundos y se lleva
// en torno a un 10 % del tiempo de entrenamiento de las redes del curso. Con
// 400 el montón apenas crece unos megabytes (y, en los cuadernos, el límite
// de memoria que fija el paquete memory hace que el recolector trabaje más
// al acercarse al presupuesto).
const Percent = 400

// Tune fija GOGC = [Percent] para todo el programa, salvo que la variable de
// entorno GOGC exista: entonces manda ella.
func Tune() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(Percent)
	}
}
