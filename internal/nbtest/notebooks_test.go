// SPDX-License-Identifier: Apache-2.0

package nbtest_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

// TestNotebooks runs every notebook of notebooks/ through the GoNB kernel (nbtest.Executed: in
// its own folder, as JupyterLab does) and fails if a cell produced an error, the run was
// interrupted, or the outputs differ from the committed ones (nbtest.Compare). With
// NEURONAS_UPDATE_NOTEBOOKS=1 (`make notebooks`) it rewrites each notebook that ran without
// errors with its fresh outputs instead of comparing.
//
// A students' copy of an exercise notebook, as the course's image ships it (docker/test.sh runs
// this test inside the image), has nothing to compare with and its checks fail until answered:
// it is run as nbgrader's autograde runs a blank submission (see checkBlankCopy).
func TestNotebooks(t *testing.T) {
	update := os.Getenv("NEURONAS_UPDATE_NOTEBOOKS") == "1"
	for _, path := range nbtest.Notebooks(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".ipynb"), func(t *testing.T) {
			committed := nbtest.Read(t, path)
			if studentCopy(committed) {
				if update {
					t.Skip("copia de los alumnos de un cuaderno de ejercicios: no se reescribe")
				}
				checkBlankCopy(t, path, committed)
				return
			}
			run := nbtest.Executed(t, path)
			if errs := run.Problems(); len(errs) > 0 {
				// Cells after the failure were not run, so their outputs are not compared.
				for _, e := range errs {
					t.Error(e)
				}
				t.FailNow()
			}
			if update {
				if err := os.WriteFile(path, run.Raw, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s reescrito con las salidas nuevas", filepath.Base(path))
				return
			}
			for _, diff := range nbtest.Compare(committed, run.Notebook) {
				t.Error(diff)
			}
		})
	}
}

// studentCopy reports whether nb is the students' copy of an exercise notebook (nbgrader's
// release copy): it has nbgrader answer cells and no code cell has outputs. The teacher's
// exercise notebooks are committed with their outputs, so they are never taken for one.
func studentCopy(nb *nbtest.Notebook) bool {
	if !nb.HasSolutions() {
		return false
	}
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 {
			return false
		}
	}
	return true
}

// stubMessage is what the code nbgrader leaves in place of a solution says when it runs
// (ejercicios/nbgrader_config.py).
const stubMessage = "ejercicio sin responder"

// checkBlankCopy checks a students' copy of an exercise notebook: no solution or hidden-test
// marker is left in it, and run from top to bottom with every cell executed (as nbgrader's
// autograde runs a submission), every cell but the answers and the checks runs without error and
// every check fails saying the exercise is unanswered: what internal/grading's TestNbgrader
// expects of the blank submission, "en_blanco" of its fixture testdata/NAME.errores.json (without
// a fixture, only that the check fails).
func checkBlankCopy(t *testing.T, path string, nb *nbtest.Notebook) {
	for i, c := range nb.Cells {
		if nbtest.HasMarker(string(c.Source)) {
			t.Errorf("%s: la copia de los alumnos conserva una marca de solución o de pruebas ocultas", nbtest.Describe(i, c))
		}
	}
	name := strings.TrimSuffix(filepath.Base(path), ".ipynb")
	blank := blankMessage(t, name)

	run := nbtest.RunAll(t, path, "")
	if run.Interrupted != "" {
		t.Fatal(run.Interrupted)
	}
	if len(run.Notebook.Cells) != len(nb.Cells) {
		t.Fatalf("el cuaderno ejecutado tiene %d celdas y la copia %d", len(run.Notebook.Cells), len(nb.Cells))
	}
	checks := 0
	for i, c := range run.Notebook.Cells {
		if c.CellType != "code" {
			continue
		}
		g, out := c.Grading(), cellOutputText(c)
		switch {
		case g.Grade:
			checks++
			if !failed(c) {
				t.Errorf("%s: la comprobación no falla sin respuesta (nbgrader le daría sus puntos):\n%.1000s", nbtest.Describe(i, c), out)
			} else if blank != "" && !strings.Contains(out, blank) {
				t.Errorf("%s: sin respuesta, la comprobación no dice %q:\n%.1000s", nbtest.Describe(i, c), blank, out)
			}
		case g.Solution:
			if failed(c) && !strings.Contains(out, stubMessage) {
				t.Errorf("%s: la celda de la respuesta, sin responder, falla por otra cosa que el código de nbgrader:\n%.1000s", nbtest.Describe(i, c), out)
			}
		case failed(c):
			t.Errorf("%s: falla en la copia de los alumnos (no es una respuesta ni una comprobación):\n%.1000s", nbtest.Describe(i, c), out)
		}
	}
	if checks == 0 {
		t.Error("la copia de los alumnos no tiene ninguna celda de comprobación de nbgrader")
	}
	t.Logf("copia de los alumnos ejecutada en %v: %d comprobaciones, que sin respuesta deben fallar (diciendo %q)",
		run.Duration.Round(time.Millisecond), checks, blank)
}

// blankMessage is "en_blanco" of internal/grading/testdata/NAME.errores.json, what every check of
// a blank submission says; "" if the notebook has no fixture.
func blankMessage(t *testing.T, name string) string {
	fixture := filepath.Join(nbtest.Root(t), "internal", "grading", "testdata", name+".errores.json")
	raw, err := os.ReadFile(fixture)
	if errors.Is(err, fs.ErrNotExist) {
		t.Logf("%s no tiene errores típicos en %s: solo se comprueba que sus comprobaciones fallan sin respuesta", name, fixture)
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Blank string `json:"en_blanco"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	if f.Blank == "" {
		t.Fatalf("%s: falta «en_blanco», lo que dicen las comprobaciones de una entrega en blanco", fixture)
	}
	return f.Blank
}

// failed reports whether the cell failed as nbgrader sees it: an error, or output on stderr.
func failed(c nbtest.Cell) bool {
	for _, o := range c.Outputs {
		if o.OutputType == "error" || (o.OutputType == "stream" && o.Name == "stderr") {
			return true
		}
		if html, ok := o.DataText("text/html"); ok && strings.Contains(html, "vnd.jupyter.stderr") {
			return true
		}
	}
	return false
}

// cellOutputText is everything a cell printed: streams, errors and the text of HTML outputs.
func cellOutputText(c nbtest.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(string(o.Text))
		if o.OutputType == "error" {
			b.WriteString(o.Ename + " " + o.Evalue + "\n" + strings.Join(o.Traceback, "\n") + "\n")
		}
		if html, ok := o.DataText("text/html"); ok {
			b.WriteString(html)
		}
	}
	return nbtest.StripANSI(b.String())
}
