// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"fmt"
	"strings"
)

// UpdateHint says how to accept an intended change of the outputs.
const UpdateHint = "si el cambio es intencionado, regenera las salidas con `make notebooks`"

// Compare returns the differences between the committed outputs of a notebook and the fresh ones
// of a run: for every code cell, its text (see cellText), after Normalize, must be the same, and
// it must produce at least the images of each kind it has in the committed notebook.
func Compare(committed, fresh *Notebook) []string {
	if len(committed.Cells) != len(fresh.Cells) {
		return []string{fmt.Sprintf("el cuaderno tiene %d celdas y la ejecución devolvió %d", len(committed.Cells), len(fresh.Cells))}
	}
	if !committed.HasOutputs() && fresh.HasOutputs() {
		return []string{"el cuaderno no tiene salidas guardadas; genéralas con `make notebooks`"}
	}
	var diffs []string
	for i, c := range committed.Cells {
		if c.CellType != "code" {
			continue
		}
		f := fresh.Cells[i]
		want, got := Normalize(cellText(c)), Normalize(cellText(f))
		if want != got {
			diffs = append(diffs, fmt.Sprintf("%s: la salida de texto cambió; %s\n%s",
				Describe(i, c), UpdateHint, lineDiff(want, got)))
		}
		wantImg, gotImg := c.Images(), f.Images()
		for kind, n := range wantImg {
			if gotImg[kind] < n {
				diffs = append(diffs, fmt.Sprintf("%s: tenía %d imagen(es) %s y ahora produce %d; %s",
					Describe(i, c), n, kind, gotImg[kind], UpdateHint))
			}
		}
	}
	return diffs
}

// cellText gathers the text outputs of a cell: stdout and stderr (each concatenated, since how
// a stream is split into messages varies from run to run) and the text/plain of results and
// displays, in order. Outputs without text/plain (HTML-only displays such as GoNB's updatable
// ones) are not compared as text.
func cellText(c Cell) string {
	var stdout, stderr, results strings.Builder
	for _, o := range c.Outputs {
		switch o.OutputType {
		case "stream":
			if o.Name == "stderr" {
				stderr.WriteString(string(o.Text))
			} else {
				stdout.WriteString(string(o.Text))
			}
		case "execute_result", "display_data":
			if s, ok := o.DataText("text/plain"); ok {
				fmt.Fprintf(&results, "[%s]\n%s\n", o.OutputType, s)
			}
		}
	}
	var b strings.Builder
	for _, part := range []struct{ name, text string }{
		{"stdout", stdout.String()}, {"stderr", stderr.String()}, {"resultados", results.String()},
	} {
		if part.text != "" {
			fmt.Fprintf(&b, "--- %s:\n%s\n", part.name, strings.TrimRight(part.text, "\n"))
		}
	}
	return b.String()
}

// lineDiff shows the first differing line of two texts, with a little context.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	excerpt := func(lines []string) string {
		lo, hi := max(0, i-2), min(len(lines), i+3)
		if lo >= hi {
			return "    (nada)"
		}
		return "    " + strings.Join(lines[lo:hi], "\n    ")
	}
	return fmt.Sprintf("  primera diferencia en la línea %d\n  guardado:\n%s\n  ahora:\n%s", i+1, excerpt(w), excerpt(g))
}
