// SPDX-License-Identifier: Apache-2.0

// Command parity compara el Go del proyecto con el PyTorch del curso y
// regenera el barrido de semillas de Go. Las celdas, los ajustes y las
// semillas salen de la declaración del curso (pkg/course).
//
//	go run ./cmd/parity -compare [-steps 50000] [-cells 32,36]
//	go run ./cmd/parity -sweep [-cells 32,36]      # → pkg/reference/go/sweep.json (make sweep)
//
// -compare entrena cada celda con las semillas de las referencias de PyTorch
// (pkg/reference) y compara las pérdidas en los pasos 1, 10, 100, 1000 y el
// último con las de PyTorch y con la sensibilidad de PyTorch a un ulp, y
// después compara los barridos de semillas de Go y de PyTorch (Mann–Whitney y
// Fisher). -sweep vuelve a calcular el barrido de Go con los ajustes del
// curso (unos 20 minutos con todas las celdas); con -cells, solo esas celdas,
// y conserva las demás del fichero si se hicieron con los mismos ajustes.
// Las referencias de PyTorch las escribe internal/parity/curso.py (make
// fixtures).
package main

import (
	"flag"
	"fmt"
	"neuronas/internal/gogc"
	"os"
	"strconv"
	"strings"

	"neuronas/internal/parity"
	"neuronas/pkg/course"
	"neuronas/pkg/reference"
)

func main() {
	gogc.Tune() // El mismo recolector de basura que en un cuaderno (ver internal/gogc).
	compare := flag.Bool("compare", false, "comparar las pérdidas de Go con las de PyTorch con la misma semilla, y los barridos")
	sweep := flag.Bool("sweep", false, "calcular el barrido de semillas de Go y guardarlo en "+reference.GoSweepFile)
	steps := flag.Int("steps", course.Training().Steps, "con -compare: pasos de entrenamiento por celda")
	cellList := flag.String("cells", "", "celdas, p. ej. 32,36 (por defecto, todas las del curso)")
	flag.Parse()
	cells, err := selectCells(*cellList)
	if err != nil {
		fail(err)
	}
	switch {
	case *sweep:
		if err := parity.RunSweep(reference.GoSweepFile, cells); err != nil {
			fail(err)
		}
		fmt.Println("Barrido guardado en", reference.GoSweepFile, "; compáralo con PyTorch con: go run ./cmd/parity -compare")
	case *compare:
		if err := parity.Compare(cells, *steps); err != nil {
			fail(err)
		}
		if err := parity.CompareSweeps(cells); err != nil {
			fail(err)
		}
	default:
		flag.Usage()
		os.Exit(2)
	}
}

// selectCells lee la lista de -cells.
func selectCells(list string) ([]course.Cell, error) {
	if list == "" {
		return course.Cells(), nil
	}
	var out []course.Cell
	for _, s := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("-cells: %q no es un número de celda; escribe p. ej. -cells 32,36", s)
		}
		c, err := course.Lookup(n)
		if err != nil {
			return nil, fmt.Errorf("-cells: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}
