// SPDX-License-Identifier: Apache-2.0

package parity

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strconv"
	"testing"

	"neuronas/internal/coursenet"
	"neuronas/pkg/course"
)

// curso.py (el PyTorch del curso) lee la misma declaración que el Go: mide
// las mismas celdas, con las mismas redes, y sus primeros pasos dan la misma
// pérdida que coursenet.Train con los mismos datos, la misma tasa de
// aprendizaje y los mismos pesos iniciales.
func TestCursoReadsTheDeclaration(t *testing.T) {
	if testing.Short() {
		t.Skip("con -short no se ejecuta PyTorch (tarda unos segundos en arrancar)")
	}
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import torch").Run(); err != nil {
		t.Skip("sin PyTorch no se puede ejecutar curso.py: instala python3-torch (sudo apt-get install python3-torch) para /usr/bin/python3")
	}
	const steps = 10
	seed := course.DefaultSeed()
	out, err := exec.Command(python, "curso.py", strconv.Itoa(steps), "--json", "--seed", strconv.Itoa(seed)).Output()
	if err != nil {
		t.Fatalf("curso.py falló: %v", err)
	}
	type row struct {
		Cell   int                `json:"cell"`
		Net    string             `json:"net"`
		Losses map[string]float64 `json:"losses"`
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("línea de curso.py ilegible %q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	cells := course.Cells()
	if len(rows) != len(cells) {
		t.Fatalf("curso.py mide %d celdas; el curso declara %d", len(rows), len(cells))
	}
	d, err := coursenet.Data(seed)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cells {
		if rows[i].Cell != c.Number || rows[i].Net != c.Name() {
			t.Errorf("curso.py: In [%d] %s; el curso declara In [%d] %s", rows[i].Cell, rows[i].Net, c.Number, c.Name())
			continue
		}
		m, err := coursenet.Model(c, seed)
		if err != nil {
			t.Fatal(err)
		}
		losses, err := coursenet.Train(m, d, steps)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{1, steps} {
			torch := rows[i].Losses[strconv.Itoa(k)]
			if diff := relDiff(losses[k-1], torch); !(diff < 1e-4) {
				t.Errorf("In [%d], paso %d: Go %v, curso.py %v", c.Number, k, losses[k-1], torch)
			}
		}
	}
}
