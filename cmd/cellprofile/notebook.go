// SPDX-License-Identifier: Apache-2.0

package main

import (
	"fmt"
	"os"
	"strings"

	"neuronas/internal/nbtest"
)

// courseCells son las celdas de código de un cuaderno y las que se usan como
// muestra de cada tipo.
type courseCells struct {
	code                             []string // Todas las celdas de código, en orden.
	setup, imports, plot, decls, fit int      // Índices en code.
}

// Trivial es la celda trivial de la medición.
const trivialCell = "%%\nfmt.Println(\"hola\")"

// loadCourseCells lee el cuaderno y busca: la celda de preparación (la que
// empieza por `!*`), la de importaciones, la primera que dibuja una función
// (plots.Draw2DFunction), la que declara los datos y entrena la primera red
// (`var (` y train.LearningLoop) y la siguiente que entrena.
func loadCourseCells(path string) (courseCells, error) {
	c := courseCells{setup: -1, imports: -1, plot: -1, decls: -1, fit: -1}
	raw, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("-notebook: %w", err)
	}
	nb, err := nbtest.Parse(raw)
	if err != nil {
		return c, fmt.Errorf("-notebook %s: no es un cuaderno: %w", path, err)
	}
	for _, cell := range nb.Cells {
		if cell.CellType != "code" {
			continue
		}
		src := string(cell.Source)
		c.classify(len(c.code), src)
		c.code = append(c.code, src)
	}
	for name, i := range map[string]int{"de preparación (!*...)": c.setup, "de importaciones": c.imports,
		"con plots.Draw2DFunction": c.plot, "con `var (` y train.LearningLoop": c.decls, "de entrenamiento tras la de `var (`": c.fit} {
		if i < 0 {
			return c, fmt.Errorf("-notebook %s: no hay celda %s; usa el cuaderno II", path, name)
		}
	}
	return c, nil
}

func (c *courseCells) classify(i int, src string) {
	switch {
	case c.setup < 0 && (strings.HasPrefix(src, "!*") || strings.Contains(src, "\n!*")):
		c.setup = i
	case c.imports < 0 && strings.HasPrefix(src, "import ("):
		c.imports = i
	case c.plot < 0 && strings.Contains(src, "plots.Draw2DFunction("):
		c.plot = i
	case c.decls < 0 && strings.Contains(src, "var (") && strings.Contains(src, "train.LearningLoop("):
		c.decls = i
	case c.decls >= 0 && c.fit < 0 && strings.Contains(src, "train.LearningLoop("):
		c.fit = i
	}
}

// setupFor es la celda de preparación de la configuración: «ahora», la del
// cuaderno; «antes», sin las líneas de velocidad y con %autoget.
func (c courseCells) setupFor(config string) string {
	src := c.code[c.setup]
	if config != "antes" {
		return src
	}
	var keep []string
	for _, l := range strings.Split(src, "\n") {
		if !speedMagic.MatchString(strings.TrimSpace(l)) {
			keep = append(keep, l)
		}
	}
	return "%autoget\n" + strings.Join(keep, "\n")
}

// session devuelve las celdas de una sesión y su tipo. «micro»: preparación,
// importaciones, reps rondas de trivial y gráfica, la celda de declaraciones y
// reps celdas de entrenamiento. Cada repetición lleva un comentario distinto
// para que el programa cambie, como cuando se edita una celda: si no, go build
// no volvería a enlazar. «cuaderno»: todas las celdas del cuaderno.
func (c courseCells) session(kind, config string, reps int) (cells, labels []string) {
	add := func(label, src string) {
		cells, labels = append(cells, src), append(labels, label)
	}
	if kind == "cuaderno" {
		for i, src := range c.code {
			if i == c.setup {
				src = c.setupFor(config)
			}
			add(fmt.Sprintf("celda %d", i+1), src)
		}
		return cells, labels
	}
	add("preparación", c.setupFor(config))
	add("importaciones", c.code[c.imports])
	for r := range reps {
		add("trivial", fmt.Sprintf("%s\n// ronda %d", trivialCell, r+1))
		add("gráfica", fmt.Sprintf("%s\n// ronda %d", c.code[c.plot], r+1))
	}
	add("declaraciones", c.code[c.decls])
	for r := range reps {
		add("entrenamiento", fmt.Sprintf("%s\n// ronda %d", c.code[c.fit], r+1))
	}
	return cells, labels
}
