// SPDX-License-Identifier: Apache-2.0

package reference

import "strings"

// namedError es un error del paquete con el nombre de la función exportada
// que lo devuelve delante («reference.FinalLoss: …»), como los demás
// paquetes del proyecto.
type namedError struct {
	msg string
	err error
}

func (e *namedError) Error() string { return e.msg }
func (e *namedError) Unwrap() error { return e.err }

// named pone fn delante del error *err (si lo hay), en lugar del «reference:»
// o del nombre de otra función del paquete con que empezaba: cada función
// exportada firma sus errores con su propio nombre.
func named(fn string, err *error) {
	if *err == nil {
		return
	}
	msg := (*err).Error()
	if rest, ok := strings.CutPrefix(msg, "reference"); ok {
		if i := strings.Index(rest, ": "); i >= 0 && !strings.ContainsAny(rest[:i], " \n") {
			msg = rest[i+2:]
		}
	}
	*err = &namedError{msg: fn + ": " + msg, err: *err}
}
