package engine

import (
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// Este archivo es la única casa de «compilar un grafo y llamarlo»: el
// predict de nn, los gradientes, el Stepper y el bucle de entrenamiento de
// train lo hacen todos a través de [Compile] (o [Run]) y [Exec.Call].

// Exec es un grafo compilado en el backend del proyecto, listo para
// llamarlo muchas veces.
type Exec struct{ exec *graph.Exec }

// Compile compila fn, que construye las salidas del grafo a partir de sus
// entradas, en el backend del proyecto ([Backend]).
func Compile(fn func(in []*graph.Node) []*graph.Node) (*Exec, error) {
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	e, err := graph.NewExec(backend, fn)
	if err != nil {
		return nil, err
	}
	return &Exec{exec: e}, nil
}

// Call ejecuta el grafo y devuelve sus salidas. Cada entrada es un tensor,
// un número, o una lista de tensores ([]*tensors.Tensor), que cuenta como
// tantas entradas como tensores tiene, en orden.
func (e *Exec) Call(inputs ...any) ([]*tensors.Tensor, error) {
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
	return e.exec.Call(args...)
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
