// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// Este archivo es la única casa de «compilar un grafo y llamarlo»: el
// predict de nn, los gradientes, el Stepper y el bucle de entrenamiento de
// train lo hacen todos a través de [Compile] (o [Run]) y [Exec.Call].

// Exec es un grafo compilado en el backend del proyecto, listo para
// llamarlo muchas veces.
type Exec struct {
	exec *graph.Exec
	// built es el error con que se detuvo la construcción del grafo (un
	// pánico de tipo error en fn), si lo hubo: GoMLX lo envuelve en inglés.
	built atomic.Pointer[error]
}

// Compile compila fn, que construye las salidas del grafo a partir de sus
// entradas, en el backend del proyecto ([Backend]).
func Compile(fn func(in []*graph.Node) []*graph.Node) (*Exec, error) {
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	// GoMLX convierte en error los pánicos de tipo error al construir el
	// grafo, pero deja escapar los demás (un panic("...") del estudiante) y
	// entonces el Exec queda a medias: Finalize se quedaría esperando para
	// siempre. Aquí se convierten en error antes de que GoMLX los vea.
	ex := &Exec{}
	safe := func(in []*graph.Node) []*graph.Node {
		defer func() {
			if r := recover(); r != nil {
				if re, ok := r.(error); ok {
					ex.built.Store(&re)
					panic(r)
				}
				panic(&PanicError{r})
			}
		}()
		return fn(in)
	}
	e, err := graph.NewExec(backend, safe)
	if err != nil {
		return nil, err
	}
	ex.exec = e
	return ex, nil
}

// GraphError es un error en español detectado al construir un grafo (por
// ejemplo, una función de pérdida que devuelve nil). Se lanza con panic, como
// todos los errores al construir un grafo de GoMLX, y [Exec.Call] lo devuelve
// sin el envoltorio en inglés de GoMLX.
type GraphError struct{ Msg string }

func (e *GraphError) Error() string { return e.Msg }

// CheckLoss comprueba lo que devolvió una función de pérdida (train.Loss)
// para la predicción pred, y si no encaja detiene la construcción del grafo
// con un [GraphError].
func CheckLoss(loss, dPred, pred *graph.Node) {
	fail := func(format string, args ...any) { panic(&GraphError{fmt.Sprintf(format, args...)}) }
	switch {
	case loss == nil:
		fail("lossFn devolvió una pérdida nil; devuelve la pérdida, un escalar (como train.MSELoss)")
	case !loss.Shape().IsScalar():
		fail("lossFn devolvió una pérdida con forma %v; debe ser un escalar (la media, como train.MSELoss)", loss.Shape())
	case loss.DType() != pred.DType():
		fail("lossFn devolvió una pérdida de tipo %s; debe ser %s, como la predicción", loss.DType(), pred.DType())
	case dPred != nil && !dPred.Shape().Equal(pred.Shape()):
		fail("lossFn devolvió una derivada con forma %v, pero la predicción tiene forma %v; devuelve nil si no la conoces", dPred.Shape(), pred.Shape())
	}
}

// PanicError es un pánico que no era un error (por ejemplo un panic("...")
// en la función de pérdida o del paso del estudiante): GoMLX solo convierte
// en error los pánicos de tipo error y deja pasar los demás.
type PanicError struct{ Value any }

func (p *PanicError) Error() string {
	return fmt.Sprintf("el código que construye el grafo entró en pánico (%v); revisa la función de pérdida o del paso", p.Value)
}

// BuildError es un pánico de tipo error al construir el grafo que no es un
// [GraphError] (un panic(err) del estudiante, o un error de GoMLX en una
// operación del grafo, como dos formas que no encajan), sin el envoltorio
// en inglés de GoMLX. Unwrap devuelve el error original.
type BuildError struct{ Err error }

func (b *BuildError) Error() string {
	return fmt.Sprintf("el código que construye el grafo falló (%v); revisa la función de pérdida o del paso", b.Err)
}

func (b *BuildError) Unwrap() error { return b.Err }

// Call ejecuta el grafo y devuelve sus salidas. Cada entrada es un tensor,
// un número, o una lista de tensores ([]*tensors.Tensor), que cuenta como
// tantas entradas como tensores tiene, en orden.
func (e *Exec) Call(inputs ...any) (outs []*tensors.Tensor, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(error); ok {
				err = re
			} else {
				err = &PanicError{r}
			}
		}
	}()
	args := make([]any, 0, len(inputs))
	for _, in := range inputs {
		ts, ok := in.([]*tensors.Tensor)
		if !ok {
			args = append(args, in)
			continue
		}
		for _, t := range ts {
			args = append(args, t)
		}
	}
	outs, err = e.exec.Call(args...)
	if pe, ok := errors.AsType[*PanicError](err); ok {
		err = pe // Sin el envoltorio en inglés de GoMLX.
	} else if ge, ok := errors.AsType[*GraphError](err); ok {
		err = ge
	} else if b := e.built.Load(); err != nil && b != nil {
		err = &BuildError{Err: *b}
	}
	return outs, err
}

// Finalize libera el grafo compilado.
func (e *Exec) Finalize() { e.exec.Finalize() }

// Run compila fn, lo llama una vez con inputs (como [Exec.Call]) y libera el
// grafo.
func Run(fn func(in []*graph.Node) []*graph.Node, inputs ...any) ([]*tensors.Tensor, error) {
	e, err := Compile(fn)
	if err != nil {
		return nil, err
	}
	defer e.Finalize()
	return e.Call(inputs...)
}
