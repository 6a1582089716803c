// SPDX-License-Identifier: Apache-2.0

package exercises

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"
)

// Unanswered es el texto del pánico que deja nbgrader en una celda de
// respuesta sin resolver (el «stub» de Go): si la función del estudiante entra
// en pánico con un mensaje que lo contiene, la comprobación dice que el
// ejercicio está sin responder en vez de hablar de un error.
const Unanswered = "ejercicio sin responder"

// Timeout es lo que una comprobación espera a cada llamada a la función del
// estudiante cuando esa función no entrena ninguna red; TrainingTimeout, cuando
// la entrena. Pasado ese tiempo, la comprobación falla diciendo que la función
// no ha terminado (la goroutine sigue viva, pero el programa de la celda acaba
// con la comprobación).
var (
	Timeout         = 5 * time.Second
	TrainingTimeout = 120 * time.Second
)

// Out es donde las comprobaciones escriben su informe; si es nil (lo normal),
// la salida estándar de la celda. Nada va a la salida de errores salvo el error
// devuelto, que check.OK escribe: nbgrader da 0 puntos a una celda con
// cualquier cosa en stderr.
var Out io.Writer

func out() io.Writer {
	if Out != nil {
		return Out
	}
	return os.Stdout
}

// Option cambia lo que hace una comprobación.
type Option func(*options)

type options struct{ hidden bool }

// Hidden hace que la comprobación pase las pruebas ocultas en vez de las
// visibles: casos que el estudiante no ve en el enunciado y que solo se
// describen si fallan. En los cuadernos de ejercicios van entre las marcas
// `### BEGIN HIDDEN TESTS` y `### END HIDDEN TESTS` de nbgrader, que las quita
// de la copia del estudiante y las vuelve a poner al corregir.
func Hidden() Option { return func(o *options) { o.hidden = true } }

func parse(opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// report es el informe de una comprobación: cabecera, una línea por prueba y,
// si algo falla, el error con la pista.
type report struct {
	n      int    // número del ejercicio en su cuaderno
	title  string // de qué trata el ejercicio
	hidden bool   // pruebas ocultas: solo se escriben las que fallan
	failed error
	passed int
}

func newReport(n int, title string, opts []Option) *report {
	o := parse(opts)
	r := &report{n: n, title: title, hidden: o.hidden}
	if r.hidden {
		fmt.Fprintf(out(), "Ejercicio %d (%s): pruebas ocultas\n", n, title)
	} else {
		fmt.Fprintf(out(), "Ejercicio %d (%s)\n", n, title)
	}
	return r
}

// ok anota una prueba superada (las ocultas no se describen).
func (r *report) ok(format string, args ...any) {
	r.passed++
	if !r.hidden {
		fmt.Fprintf(out(), "  ✔ "+format+"\n", args...)
	}
}

// fail anota la primera prueba que falla: qué ha pasado (what, que se escribe
// en el informe) y la pista (hint, que va en el error).
func (r *report) fail(what, hint string) {
	if r.failed != nil {
		return
	}
	fmt.Fprintf(out(), "  ✘ %s\n", what)
	r.failed = fmt.Errorf("Ejercicio %d: %s", r.n, hint)
}

// abort anota un error que impide seguir (sin responder, pánico, bucle sin fin).
func (r *report) abort(err error) {
	if r.failed != nil {
		return
	}
	if errors.Is(err, errUnanswered) {
		fmt.Fprintln(out(), "  ✘ todavía sin responder")
	} else {
		fmt.Fprintln(out(), "  ✘ no se ha podido comprobar tu respuesta (el motivo, en el mensaje de error)")
	}
	r.failed = fmt.Errorf("Ejercicio %d: %w", r.n, err)
}

// done cierra el informe y devuelve el error de la comprobación (nil si todo
// ha ido bien).
func (r *report) done(success string) error {
	if r.failed != nil {
		return r.failed
	}
	if r.hidden {
		if r.passed == 1 {
			fmt.Fprintln(out(), "  ✔ 1 prueba oculta superada")
		} else {
			fmt.Fprintf(out(), "  ✔ %d pruebas ocultas superadas\n", r.passed)
		}
		return nil
	}
	fmt.Fprintf(out(), "¡Correcto! %s\n", success)
	return nil
}

// errUnanswered y compañía son los problemas de la llamada en sí.
var (
	errUnanswered = errors.New("todavía no has respondido: escribe tu solución en la celda de respuesta (en lugar de la línea «TU CÓDIGO AQUÍ» y el panic), ejecútala y vuelve a ejecutar esta celda")
	errNilFunc    = errors.New("la respuesta es nil: ejecuta antes la celda de respuesta y pasa aquí tu función por su nombre, sin llamarla")
)

// call ejecuta f (una llamada a la función del estudiante) en otra goroutine,
// con un tiempo límite, y convierte sus pánicos en errores en español.
func call[T any](timeout time.Duration, f func() T) (T, error) {
	type result struct {
		v     T
		panic any
		ok    bool
	}
	ch := make(chan result, 1)
	go func() {
		res := result{}
		defer func() {
			if !res.ok {
				res.panic = recover()
				if res.panic == nil {
					res.panic = "la función terminó la goroutine sin devolver nada (runtime.Goexit)"
				}
			}
			ch <- res
		}()
		res.v = f()
		res.ok = true
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case res := <-ch:
		if res.ok {
			return res.v, nil
		}
		var zero T
		msg := fmt.Sprint(res.panic)
		if strings.Contains(msg, Unanswered) {
			return zero, errUnanswered
		}
		return zero, fmt.Errorf("tu función ha provocado un pánico de Go (panic: %s). Suele ser un índice fuera de rango, un puntero nil o una división entera por cero: revisa la función con un caso sencillo antes de volver a comprobarla", msg)
	case <-timer.C:
		var zero T
		return zero, fmt.Errorf("tu función no ha terminado en %s. ¿Hay un bucle que no acaba? Revisa la condición de salida de tus bucles for (o, si entrena una red, usa menos pasos)", seconds(timeout))
	}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%g s", d.Seconds()) }

// finite dice si x es un número (ni NaN ni infinito).
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// near dice si got y want coinciden con tolerancia relativa tol (absoluta
// cerca de cero).
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// num formatea un número como lo imprime Go (punto decimal), con hasta 6
// cifras significativas.
func num(x float64) string { return fmt.Sprintf("%.6g", x) }
