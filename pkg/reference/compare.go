// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"fmt"
	"slices"
	"strconv"

	"neuronas/pkg/stats"
)

// SweepComparison resume la comparación de los barridos de semillas de Go y
// de PyTorch en una celda.
type SweepComparison struct {
	Cell                  int    // Número de la celda en el curso (In [N]).
	Net                   string // La red, por ejemplo «1-5-5-5-1 ReLU».
	Seeds, TorchSeeds     int    // Semillas de cada barrido.
	MedianGo, MedianTorch float64
	PLoss                 float64 // Mann–Whitney sobre las pérdidas finales.
	DeadGo, DeadTorch     int
	PDead                 float64 // Fisher sobre la proporción de redes muertas.
}

// CompareSweeps compara los barridos de semillas de Go ([GoSweep]) y de
// PyTorch ([Sweep]) de la celda cell: ¿tienden las pérdidas finales de un
// lado a ser mayores (o menores) que las del otro (prueba U de Mann–Whitney)
// y muere la misma proporción de redes (prueba exacta de Fisher)? Un valor p
// por encima de 0,05 quiere decir que las pruebas no encuentran diferencias
// entre Go y PyTorch (no que demuestren que son iguales).
func CompareSweeps(cell int) (_ SweepComparison, err error) {
	defer named("reference.CompareSweeps", &err)
	goRuns, err := GoSweep(cell)
	if err != nil {
		return SweepComparison{}, err
	}
	torchRuns, err := Sweep(cell)
	if err != nil {
		return SweepComparison{}, err
	}
	c, err := compare(goRuns, torchRuns)
	c.Cell = cell
	if d, err := goSweep(); err == nil {
		c.Net = d.Cells[strconv.Itoa(cell)].Net
	}
	return c, err
}

// String resume la comparación: la celda y, debajo, las medianas y las
// redes muertas de cada lado con el valor p de su prueba.
func (c SweepComparison) String() string {
	s := fmt.Sprintf("In [%d] %s\n    pérdida final mediana: Go %.2f, PyTorch %.2f (Mann–Whitney p = %.2f)",
		c.Cell, c.Net, c.MedianGo, c.MedianTorch, c.PLoss)
	if c.DeadGo+c.DeadTorch > 0 {
		s += fmt.Sprintf("\n    redes muertas: Go %d de %d, PyTorch %d de %d (Fisher p = %.2f)",
			c.DeadGo, c.Seeds, c.DeadTorch, c.TorchSeeds, c.PDead)
	}
	return s
}

// FinalLosses devuelve las pérdidas finales del barrido de semillas de
// PyTorch en la celda cell, una por semilla.
func FinalLosses(cell int) (_ []float64, err error) {
	defer named("reference.FinalLosses", &err)
	runs, err := Sweep(cell)
	l, _ := finalLosses(runs)
	return l, err
}

// GoFinalLosses devuelve las pérdidas finales del barrido de semillas de Go
// en la celda cell, una por semilla.
func GoFinalLosses(cell int) (_ []float64, err error) {
	defer named("reference.GoFinalLosses", &err)
	runs, err := GoSweep(cell)
	l, _ := finalLosses(runs)
	return l, err
}

func compare(goRuns, torchRuns []SweepRun) (SweepComparison, error) {
	var c SweepComparison
	gl, gd := finalLosses(goRuns)
	pl, pd := finalLosses(torchRuns)
	c.Seeds, c.TorchSeeds = len(gl), len(pl)
	c.MedianGo, c.MedianTorch, c.DeadGo, c.DeadTorch = median(gl), median(pl), gd, pd
	var err error
	if _, c.PLoss, err = stats.MannWhitney(gl, pl); err != nil {
		return c, err
	}
	c.PDead, err = stats.FisherExact(gd, len(gl), pd, len(pl))
	return c, err
}

func finalLosses(runs []SweepRun) (l []float64, dead int) {
	for _, r := range runs {
		l = append(l, float64(r.FinalLoss))
		if r.Died {
			dead++
		}
	}
	return l, dead
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
