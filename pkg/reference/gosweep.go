// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"sync"

	"neuronas/pkg/course"
)

// El barrido de semillas de Go lo escribe `go run ./cmd/parity -sweep` (o
// `make sweep`) y va incluido en el paquete, como los números de PyTorch.
//
//go:embed go
var goEmbedded embed.FS

// GoSweepFile es donde cmd/parity guarda el barrido de Go, relativo a la raíz
// del repositorio.
const GoSweepFile = "pkg/reference/go/sweep.json"

const regenerateGo = "regenéralo con `make sweep` (go run ./cmd/parity -sweep, unos minutos; " +
	"-cells 32,36 para regenerar solo esas celdas)"

// GoSweepData es el contenido de go/sweep.json: por celda, las semillas, la
// pérdida final de Go con cada una y si la red murió.
type GoSweepData struct {
	Meta  GoSweepMeta             `json:"meta"`
	Cells map[string]GoSweepCells `json:"cells"`
}

// GoSweepMeta describe cómo se generó el barrido de Go.
type GoSweepMeta struct {
	Format        int      `json:"format"`
	Kind          string   `json:"kind"`
	CourseUpdated string   `json:"course_updated"`
	Go            string   `json:"go"`
	Arch          string   `json:"arch"`
	Settings      Settings `json:"settings"`
	DiedRule      string   `json:"died_rule"` // Qué quiere decir que la red murió (course.Declared().Died).
	Seconds       float64  `json:"seconds"`
}

// GoSweepCells son los resultados de una celda.
type GoSweepCells struct {
	Net       string    `json:"net"`
	Seeds     []int     `json:"seeds"`
	FinalLoss []float32 `json:"final_loss"`
	Died      []bool    `json:"died"`
}

var goSweep = sync.OnceValues(func() (*GoSweepData, error) { return readGoSweep(goEmbedded) })

func readGoSweep(fsys fs.FS) (*GoSweepData, error) {
	raw, err := fs.ReadFile(fsys, "go/sweep.json")
	if err != nil {
		return nil, fmt.Errorf("reference: falta el barrido de semillas de Go (%s); %s", GoSweepFile, regenerateGo)
	}
	var d GoSweepData
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("reference: %s no se puede leer (%v); %s", GoSweepFile, err, regenerateGo)
	}
	decl := course.Declared()
	if m := d.Meta; m.Format != Format || m.CourseUpdated != decl.Updated || m.Kind != "go-sweep" {
		return nil, fmt.Errorf("reference: %s es de otra versión (formato %d, curso del %q, tipo %q), pero este paquete espera "+
			"el formato %d del curso actualizado el %s (tipo \"go-sweep\"); %s",
			GoSweepFile, m.Format, m.CourseUpdated, m.Kind, Format, decl.Updated, regenerateGo)
	}
	if err := checkSettings(GoSweepFile, d.Meta.Settings, false, regenerateGo); err != nil {
		return nil, err
	}
	if d.Meta.DiedRule != decl.Died {
		return nil, fmt.Errorf("reference: %s decide si una red murió con otra regla (%q) que la que declara el curso en %s (%q); %s",
			GoSweepFile, d.Meta.DiedRule, course.File, decl.Died, regenerateGo)
	}
	return &d, nil
}

// GoSweep devuelve, para cada semilla del barrido de Go, la pérdida final de
// la celda cell y si la red murió: lo mismo que [Sweep] da para PyTorch.
func GoSweep(cell int) (_ []SweepRun, err error) {
	defer named("reference.GoSweep", &err)
	if err := checkCell(cell); err != nil {
		return nil, err
	}
	d, err := goSweep()
	if err != nil {
		return nil, err
	}
	return d.runs(cell)
}

func (d *GoSweepData) runs(cell int) ([]SweepRun, error) {
	c, ok := d.Cells[strconv.Itoa(cell)]
	if !ok || len(c.FinalLoss) != len(c.Seeds) || len(c.Died) != len(c.Seeds) {
		return nil, fmt.Errorf("reference: el barrido de Go (%s) no tiene la celda In [%d]; %s", GoSweepFile, cell, regenerateGo)
	}
	if err := checkSweepCell(GoSweepFile, cell, c.Net, len(c.Seeds), regenerateGo); err != nil {
		return nil, err
	}
	out := make([]SweepRun, len(c.Seeds))
	for i, seed := range c.Seeds {
		out[i] = SweepRun{Seed: seed, FinalLoss: c.FinalLoss[i], Died: c.Died[i]}
	}
	return out, nil
}
