// SPDX-License-Identifier: Apache-2.0

// Package valid reúne las comprobaciones de entrada que comparten los paquetes
// de pkg/: una función por clase de valor (tamaños con límites, float64 que
// deben caber en float32, números finitos, nombres, textos para SVG). Todas
// devuelven un error en español con el prefijo «paquete.Función:», el nombre
// del argumento y cómo arreglarlo, para que ningún dato mal escrito por un
// estudiante acabe en un pánico, un volcado, un bucle sin fin o un ±Inf
// silencioso.
package valid

import (
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"
)

// Size comprueba que el tamaño n del argumento arg esté entre lo y hi (ambos
// incluidos). example completa el mensaje («por ejemplo 50»); puede ir vacío.
func Size(fn, arg string, n, lo, hi int, example string) error {
	if n >= lo && n <= hi {
		return nil
	}
	hint := ""
	if example != "" {
		hint = " (" + example + ")"
	}
	switch {
	case n < lo && lo == 1:
		return fmt.Errorf("%s: %s = %d, pero debe ser un entero positivo, como mucho %d%s", fn, arg, n, hi, hint)
	case n < lo && lo == 0:
		return fmt.Errorf("%s: %s = %d, pero no puede ser negativo (como mucho %d)%s", fn, arg, n, hi, hint)
	}
	return fmt.Errorf("%s: %s = %d, pero debe estar entre %d y %d%s", fn, arg, n, lo, hi, hint)
}

// Finite comprueba que v sea un número finito (ni NaN ni ±Inf).
func Finite(fn, arg string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s: %s = %v, pero debe ser un número finito; revisa de dónde sale ese valor", fn, arg, v)
	}
	return nil
}

// Float32 comprueba que v sea finito y quepa en float32 (|v| ≤ 3,4·10³⁸): los
// cálculos de las redes y de los datos se hacen en float32, como en PyTorch, y
// un valor mayor se convertiría en ±Inf sin avisar.
func Float32(fn, arg string, v float64) error {
	if err := Finite(fn, arg, v); err != nil {
		return err
	}
	if math.Abs(v) > math.MaxFloat32 {
		return fmt.Errorf("%s: %s = %g no cabe en float32 (los cálculos se hacen en float32, hasta ±3,4e38) "+
			"y se convertiría en %v; usa un valor mucho más pequeño", fn, arg, v, float32(v))
	}
	return nil
}

// Float32s aplica [Float32] a cada valor de vs; arg es el nombre de la lista.
func Float32s(fn, arg string, vs []float64) error {
	for i, v := range vs {
		if err := Float32(fn, fmt.Sprintf("%s[%d]", arg, i), v); err != nil {
			return err
		}
	}
	return nil
}

// FiniteFloat32s comprueba que todos los valores float32 de vs sean finitos:
// sirve para los resultados de un cálculo en float32 que pudo desbordarse.
// what describe qué se calculó, para el mensaje.
func FiniteFloat32s(fn, arg string, vs []float32, fix string) error {
	for i, v := range vs {
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%s: %s[%d] da %v en float32; %s", fn, arg, i, v, fix)
		}
	}
	return nil
}

// Text comprueba que s sea UTF-8 válido, sin caracteres de control (salvo
// el salto de línea si newlines es true) y con como mucho maxRunes caracteres:
// así puede ir tal cual en un SVG, un texto alternativo o un nombre de fichero.
func Text(fn, arg, s string, maxRunes int, newlines bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s: %s no es texto UTF-8 válido; escríbelo con caracteres normales", fn, arg)
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return fmt.Errorf("%s: %s tiene %d caracteres, más de los %d admitidos; acórtalo", fn, arg, n, maxRunes)
	}
	for i, r := range s {
		if (r == '\n' && newlines) || !isControl(r) {
			continue
		}
		return fmt.Errorf("%s: %s tiene un carácter de control (%U) en la posición %d; quítalo "+
			"(solo se admiten letras, números, signos y espacios)", fn, arg, r, i)
	}
	return nil
}

func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\uFFFE' || r == '\uFFFF' || unicode.Is(unicode.Cs, r)
}
