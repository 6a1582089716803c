// SPDX-License-Identifier: Apache-2.0

// Package zerovalues solo tiene pruebas: llama a cada método de los tipos
// exportados de pkg/ con su valor cero (T{}, &T{} y un *T nil) y a cada
// función exportada con argumentos cero (0, "", nil), y comprueba que nada
// entra en pánico. Un estudiante que declara `var m nn.Model` o se deja un
// argumento sin rellenar recibe un error en español, no una traza de Go.
package zerovalues
