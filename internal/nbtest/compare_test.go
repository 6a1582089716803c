// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"strings"
	"testing"
)

func parse(t *testing.T, js string) *Notebook {
	t.Helper()
	nb, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// notebookWith is a notebook with a Markdown cell and one code cell whose outputs are given.
func notebookWith(outputs string) string {
	return `{"cells": [{"cell_type": "markdown", "source": "# Título"},
	{"cell_type": "code", "source": ["%%\n", "train()"], "metadata": {"curso": {"celda": 7}}, "outputs": [` + outputs + `]}]}`
}

const (
	stdout = `{"output_type": "stream", "name": "stdout", "text": ["pérdida final: 16.2\n", "50000 pasos en 0.86 s\n"]}`
	png    = `{"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figura>"}}`
)

func TestCompare(t *testing.T) {
	committed := parse(t, notebookWith(stdout+","+png))
	for _, c := range []struct {
		name, fresh string
		want        []string // substrings of the differences, one per difference; none: equal
	}{
		{"igual", notebookWith(stdout + "," + png), nil},
		{"solo cambian los tiempos y cómo se parte la salida", notebookWith(
			`{"output_type": "stream", "name": "stdout", "text": "pérdida final: 16.2\n"},` +
				`{"output_type": "stream", "name": "stdout", "text": "50000 pasos en 1.2 s\n"},` + png), nil},
		{"cambia un número", notebookWith(strings.Replace(stdout, "16.2", "16.3", 1) + "," + png),
			[]string{"celda 2 (curso {\"celda\":7}) [%%]: la salida de texto cambió"}},
		{"falta la figura", notebookWith(stdout),
			[]string{"la salida de texto cambió", "tenía 1 imagen(es) image/png y ahora produce 0"}},
		{"otra celda", `{"cells": [{"cell_type": "code", "source": "", "outputs": []}]}`,
			[]string{"el cuaderno tiene 2 celdas y la ejecución devolvió 1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			diffs := Compare(committed, parse(t, c.fresh))
			if len(diffs) != len(c.want) {
				t.Fatalf("%d diferencias, se esperaban %d:\n%s", len(diffs), len(c.want), strings.Join(diffs, "\n"))
			}
			for i, want := range c.want {
				if !strings.Contains(diffs[i], want) {
					t.Errorf("diferencia %d:\n%s\nno contiene %q", i+1, diffs[i], want)
				}
			}
		})
	}
}

func TestSameCode(t *testing.T) {
	withOutputs := parse(t, notebookWith(stdout))
	studentCopy := parse(t, `{"cells": [{"cell_type": "markdown", "source": "# Otro texto"},
		{"cell_type": "code", "source": "%%\ntrain()", "outputs": [], "execution_count": null}]}`)
	solution := parse(t, `{"cells": [{"cell_type": "code", "source": "%%\n// Ejercicio: escribe aquí tu solución.", "outputs": []}]}`)
	if !SameCode(withOutputs, studentCopy) {
		t.Error("un cuaderno y su copia sin salidas tienen el mismo código")
	}
	if SameCode(withOutputs, solution) {
		t.Error("una copia con la solución quitada no tiene el mismo código que el cuaderno")
	}
}
