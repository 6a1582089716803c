// SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Los objetivos del issue 16, en segundos (el de entrenamiento, sobre lo que
// tarda el propio entrenamiento; el del cuaderno, un cociente).
const (
	goalTrivial  = 0.25
	goalPlot     = 0.6
	goalTraining = 0.6
	goalNotebook = 1.6
)

// microKinds son las celdas de muestra de la sesión «micro», en el orden de la tabla.
var microKinds = []string{"trivial", "gráfica", "entrenamiento"}

// configResult junta las sesiones de una configuración.
type configResult struct {
	name      string
	startup   []float64 // Arranque de cada kernel.
	setup     []float64 // Su primera celda (la de preparación).
	micro     map[string][]cellTiming
	notebooks []*session
}

func (r *configResult) add(s *session) {
	r.startup = append(r.startup, s.startup)
	if len(s.cells) > 0 {
		r.setup = append(r.setup, s.cells[0].wall)
	}
	if s.kind == "cuaderno" {
		r.notebooks = append(r.notebooks, s)
		return
	}
	if r.micro == nil {
		r.micro = map[string][]cellTiming{}
	}
	for _, c := range s.cells {
		r.micro[c.label] = append(r.micro[c.label], c)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func minOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return slices.Min(xs)
}

// column saca un valor de cada celda.
func column(cells []cellTiming, f func(cellTiming) float64) []float64 {
	out := make([]float64, len(cells))
	for i, c := range cells {
		out[i] = f(c)
	}
	return out
}

func (r *configResult) print(w io.Writer) {
	fmt.Fprintf(w, "\n=== Configuración «%s» ===\n", r.name)
	fmt.Fprintf(w, "kernel nuevo: arranca en %.2f s (mediana; mín %.2f), su primera celda (preparación) %.2f s (mín %.2f); %d kernels\n",
		median(r.startup), minOf(r.startup), median(r.setup), minOf(r.setup), len(r.startup))
	if r.micro != nil {
		r.printPhases(w)
		r.printGoals(w)
	}
	if len(r.notebooks) > 0 {
		r.printNotebook(w)
	}
}

func (r *configResult) printPhases(w io.Writer) {
	fmt.Fprintf(w, "\nFases por celda, en segundos: mediana (mínimo) de %d celdas de cada tipo; las medianas de las fases no suman exactamente la del total\n",
		len(r.micro["trivial"]))
	fmt.Fprintf(w, "%-38s", "fase")
	for _, k := range microKinds {
		fmt.Fprintf(w, " %18s", k)
	}
	fmt.Fprintln(w)
	row := func(name string, f func(cellTiming) float64) {
		fmt.Fprintf(w, "%-38s", name)
		for _, k := range microKinds {
			xs := column(r.micro[k], f)
			fmt.Fprintf(w, " %18s", fmt.Sprintf("%.3f (%.3f)", median(xs), minOf(xs)))
		}
		fmt.Fprintln(w)
	}
	for p := range nPhases {
		row(phaseNames[p], func(c cellTiming) float64 { return c.phases[p] })
	}
	row("TOTAL (tiempo real)", func(c cellTiming) float64 { return c.wall })
	row("total sin el entrenamiento", func(c cellTiming) float64 { return c.wall - c.training })
	fmt.Fprintln(w, "tiempo de CPU (usuario + sistema), mediana (mínimo):")
	row("  GoNB", func(c cellTiming) float64 { return c.cpu.gonb })
	row("  goimports", func(c cellTiming) float64 { return c.cpu.goimports })
	row("  go get", func(c cellTiming) float64 { return c.cpu.goget })
	row("  go build", func(c cellTiming) float64 { return c.cpu.gobuild })
	row("  programa", func(c cellTiming) float64 { return c.cpu.program })
	row("  gopls", func(c cellTiming) float64 { return c.cpu.gopls })
	row("  CPU total", func(c cellTiming) float64 { return c.cpu.total() })
}

func (r *configResult) printGoals(w io.Writer) {
	med := func(k string, f func(cellTiming) float64) float64 { return median(column(r.micro[k], f)) }
	wall := func(c cellTiming) float64 { return c.wall }
	extra := func(c cellTiming) float64 { return c.wall - c.training }
	fmt.Fprintln(w, "objetivos (medianas):")
	goal(w, "celda trivial", med("trivial", wall), goalTrivial, "s")
	goal(w, "celda de gráfica", med("gráfica", wall), goalPlot, "s")
	goal(w, "celda de entrenamiento, sin contar el entrenamiento", med("entrenamiento", extra), goalTraining, "s")
}

func goal(w io.Writer, what string, got, want float64, unit string) {
	verdict := "CUMPLE"
	if got > want {
		verdict = "NO CUMPLE"
	}
	fmt.Fprintf(w, "  %-52s %6.2f %s (objetivo ≤ %.2f %s): %s\n", what, got, unit, want, unit, verdict)
}

func (r *configResult) printNotebook(w io.Writer) {
	n := len(r.notebooks[0].cells)
	fmt.Fprintf(w, "\nCuaderno entero, celda a celda (segundos, mediana de %d ejecuciones con kernel nuevo)\n", len(r.notebooks))
	fmt.Fprintf(w, "%-9s %-44s %7s %8s %8s %8s %8s\n", "celda", "primera línea", "total", "build", "programa", "entren.", "resto")
	for i := range n {
		var cells []cellTiming
		for _, s := range r.notebooks {
			if i < len(s.cells) {
				cells = append(cells, s.cells[i])
			}
		}
		build := func(c cellTiming) float64 { return c.phases[phLoad] + c.phases[phCompile] + c.phases[phLink] }
		prog := func(c cellTiming) float64 { return c.phases[phTraining] + c.phases[phProgram] }
		rest := func(c cellTiming) float64 { return c.wall - build(c) - prog(c) }
		fmt.Fprintf(w, "%-9s %-44s %7.2f %8.2f %8.2f %8.2f %8.2f\n", cells[0].label, firstLine(r.notebooks[0].source[i], 44),
			median(column(cells, func(c cellTiming) float64 { return c.wall })), median(column(cells, build)),
			median(column(cells, prog)), median(column(cells, func(c cellTiming) float64 { return c.training })),
			median(column(cells, rest)))
	}
	var totals, trainings, ratios []float64
	for _, s := range r.notebooks {
		total, training := s.endToEnd()
		totals, trainings, ratios = append(totals, total), append(trainings, training), append(ratios, total/training)
		fmt.Fprintf(w, "  ejecución: %.1f s de punta a punta, %.1f s de entrenamiento según las celdas: %.2fx\n", total, training, total/training)
	}
	goal(w, "cuaderno de punta a punta / entrenamiento", median(ratios), goalNotebook, "x")
}

// endToEnd es lo que tarda el cuaderno (de enviar la primera celda a que la
// última termina) y la suma de lo que dicen sus celdas que tardó el entrenamiento.
func (s *session) endToEnd() (total, training float64) {
	for _, c := range s.cells {
		training += c.training
	}
	if len(s.cells) > 0 {
		total = s.last - s.first
	}
	return total, training
}

func firstLine(src string, n int) string {
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && l != "%%" {
			if r := []rune(l); len(r) > n {
				return string(r[:n-1]) + "…"
			}
			return l
		}
	}
	return ""
}
