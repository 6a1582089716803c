// SPDX-License-Identifier: Apache-2.0

package exercises

import (
	"fmt"
	"strings"
	"time"
)

// choice es una pregunta de opción múltiple: la letra correcta y, para cada
// letra equivocada, la pista que se da al estudiante.
type choice struct {
	n       int
	title   string
	correct string
	hints   map[string]string // pista para cada opción equivocada
	success string
}

func (q choice) check(answer func() string, opts []Option) error {
	r := newReport(q.n, q.title, opts)
	if answer == nil {
		r.abort(errNilFunc)
		return r.done("")
	}
	got, err := call(Timeout, answer)
	if err != nil {
		r.abort(err)
		return r.done("")
	}
	letter := strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(got), "().")))
	switch {
	case letter == q.correct:
		r.ok("has elegido la opción %s", letter)
	case q.hints[letter] != "":
		r.fail(fmt.Sprintf("has elegido la opción %s", letter), q.hints[letter])
	default:
		r.fail(fmt.Sprintf("tu respuesta es %q", got),
			fmt.Sprintf("responde con una sola letra entre comillas, una de %s (por ejemplo, return \"a\")", q.letters()))
	}
	return r.done(q.success)
}

func (q choice) letters() string {
	var ls []string
	for _, l := range []string{"a", "b", "c", "d", "e"} {
		if l == q.correct || q.hints[l] != "" {
			ls = append(ls, l)
		}
	}
	return strings.Join(ls, ", ")
}

// callFloat llama a una respuesta numérica y comprueba que sea un número.
func callFloat(r *report, answer func() float64, timeout time.Duration) (float64, bool) {
	if answer == nil {
		r.abort(errNilFunc)
		return 0, false
	}
	got, err := call(timeout, answer)
	if err != nil {
		r.abort(err)
		return 0, false
	}
	if !finite(got) {
		r.fail(fmt.Sprintf("tu función devuelve %v", got),
			"el resultado no es un número finito (NaN o infinito): busca una división por cero, un logaritmo de un número negativo o una exponencial que desborda")
		return 0, false
	}
	return got, true
}
