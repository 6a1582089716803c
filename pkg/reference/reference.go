// SPDX-License-Identifier: Apache-2.0

// Package reference da los números de PyTorch para el cuaderno «Modelos
// Neuronales II»: los datos, los parámetros iniciales y las pérdidas de cada
// celda de entrenamiento (las que declara pkg/course: In [19] a In [36]) con
// varias semillas, la sensibilidad de PyTorch a un cambio de un ulp en
// cualquier parámetro ([ULPSensitivity]) y un barrido de semillas.
//
// Los números salen de internal/parity/curso.py, ejecutado con el PyTorch de
// Debian (python3-torch), y van incluidos en el paquete (pytorch/*.json): no
// hace falta tener PyTorch para leerlos. Para regenerarlos: `make fixtures`.
// Cada fichero guarda los ajustes con que se generó, y este paquete los
// compara con los que declara pkg/course: si no coinciden (otro curso, otra
// tasa de aprendizaje, otra red en una celda…), da un error que dice cómo
// regenerarlo.
//
// «La misma semilla» significa: torch.manual_seed(S) justo antes de
// get_data_from_a_polynomial(...), y otra vez torch.manual_seed(S) justo antes
// de que cada celda construya su modelo; en Go, random.SetSeed(S) en los mismos
// sitios.
//
// Las celdas se nombran por su número en el curso: 19 para In [19] (ver
// [Cells]).
package reference

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"neuronas/pkg/course"
)

//go:embed pytorch/*.json
var embedded embed.FS

// Format es la versión del formato de los ficheros que espera este paquete.
const Format = 1

const regenerate = "regenérala con `make fixtures` (ejecuta internal/parity/curso.py con /usr/bin/python3 y python3-torch)"

// Cells son los números de las celdas de entrenamiento del curso, en orden
// (course.Numbers).
var Cells = course.Numbers()

// Param es un parámetro inicial de un modelo, en el orden de
// model.parameters() de PyTorch: los pesos de una Linear con forma [out, in]
// (fila a fila) y sus sesgos con forma [out].
type Param struct {
	Shape  []int     `json:"shape"`
	Values []float32 `json:"values"`
}

// StepLoss es la pérdida en un paso del entrenamiento (el paso k es
// loss_list[k-1] en el curso: la pérdida antes de la k-ésima actualización).
type StepLoss struct {
	Step int
	Loss float32
}

// SweepRun es el resultado de una semilla en el barrido: la pérdida final y si
// la red «murió» (al final, el gradiente respecto a los pesos y sesgos de la
// primera Linear es exactamente cero).
type SweepRun struct {
	Seed      int
	FinalLoss float32
	Died      bool
}

// Settings son los ajustes del entrenamiento con los que se generaron los
// números, con los mismos campos que la declaración del curso.
type Settings = course.Settings

type meta struct {
	Format        int      `json:"format"`
	Kind          string   `json:"kind"`
	CourseUpdated string   `json:"course_updated"`
	Torch         string   `json:"torch"`
	Settings      Settings `json:"settings"`
	DiedRule      string   `json:"died_rule"` // Solo en el barrido.
}

type losses map[string]float32

type cellRun struct {
	Net         string  `json:"net"`
	Initial     []Param `json:"initial"`
	Losses      losses  `json:"losses"`
	Died        bool    `json:"died"`
	Sensitivity struct {
		Losses losses `json:"losses"`
		Died   bool   `json:"died"`
	} `json:"sensitivity"`
	ULP *ulpRun `json:"ulp"` // La sensibilidad a un ulp en cualquier parámetro (ulp.go).
}

type seedFile struct {
	Meta meta `json:"meta"`
	Seed int  `json:"seed"`
	Data struct {
		X []float32 `json:"x"`
		Y []float32 `json:"y"`
	} `json:"data"`
	Cells map[string]cellRun `json:"cells"`
}

type sweepCell struct {
	Net         string                        `json:"net"`
	Seeds       []int                         `json:"seeds"`
	FinalLoss   []float32                     `json:"final_loss"`
	Died        []bool                        `json:"died"`
	BatchVsLoop map[string]map[string]float64 `json:"batch_vs_loop"`
}

type sweepFile struct {
	Meta  meta                 `json:"meta"`
	Cells map[string]sweepCell `json:"cells"`
}

// store lee y guarda en memoria los ficheros de un sistema de ficheros (el
// incluido en el paquete, o uno de prueba).
type store struct {
	fsys  fs.FS
	mu    sync.Mutex
	seeds map[int]*seedFile
	sweep *sweepFile
}

var std = &store{fsys: embedded}

func (s *store) read(name string, v any, kind string) (meta, error) {
	raw, err := fs.ReadFile(s.fsys, "pytorch/"+name)
	if err != nil {
		return meta{}, err
	}
	var head struct {
		Meta meta `json:"meta"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return meta{}, fmt.Errorf("reference: pkg/reference/pytorch/%s no se puede leer (%v); %s", name, err, regenerate)
	}
	m := head.Meta
	if updated := course.Declared().Updated; m.Format != Format || m.CourseUpdated != updated || m.Kind != kind {
		return m, fmt.Errorf("reference: pkg/reference/pytorch/%s es de otra versión (formato %d, curso del %q, tipo %q), "+
			"pero este paquete espera el formato %d del curso actualizado el %s (tipo %q); %s",
			name, m.Format, m.CourseUpdated, m.Kind, Format, updated, kind, regenerate)
	}
	// Las referencias por semilla pueden acabar antes del último paso (las
	// pérdidas de los primeros pasos no dependen de cuántos vengan después);
	// el barrido no, porque guarda la pérdida final.
	if err := checkSettings("pkg/reference/pytorch/"+name, m.Settings, kind == "seed", regenerate); err != nil {
		return m, err
	}
	if died := course.Declared().Died; kind == "sweep" && m.DiedRule != died {
		return m, fmt.Errorf("reference: pkg/reference/pytorch/%s decide si una red murió con otra regla (%q) que la que declara "+
			"el curso en %s (%q); %s", name, m.DiedRule, course.File, died, regenerate)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return m, fmt.Errorf("reference: pkg/reference/pytorch/%s no se puede leer (%v); %s", name, err, regenerate)
	}
	return m, nil
}

func (s *store) seedFile(seed int) (*seedFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.seeds[seed]; ok {
		return f, nil
	}
	if seed < 0 {
		// torch.manual_seed no admite semillas negativas en el generador del
		// curso (random.New tampoco): no hay referencia que generar.
		return nil, fmt.Errorf("reference: la semilla es %d, pero debe ser un entero ≥ 0; las semillas disponibles son %s", seed, s.availableSeeds())
	}
	name := fmt.Sprintf("seed-%d.json", seed)
	f := &seedFile{}
	if _, err := s.read(name, f, "seed"); err != nil {
		if errorsIsNotExist(err) {
			return nil, fmt.Errorf("reference: no hay números de PyTorch para la semilla %d (falta pkg/reference/pytorch/%s); "+
				"las semillas disponibles son %s. Para añadirla: /usr/bin/python3 internal/parity/curso.py "+
				"--fixtures pkg/reference/pytorch --fixture-seeds %d (o `make fixtures` para las de siempre)",
				seed, name, s.availableSeeds(), seed)
		}
		return nil, err
	}
	if s.seeds == nil {
		s.seeds = map[int]*seedFile{}
	}
	s.seeds[seed] = f
	return f, nil
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

func (s *store) availableSeeds() string {
	entries, _ := fs.ReadDir(s.fsys, "pytorch")
	var seeds []int
	for _, e := range entries {
		name := e.Name()
		if n, ok := strings.CutPrefix(name, "seed-"); ok {
			if v, err := strconv.Atoi(strings.TrimSuffix(n, ".json")); err == nil {
				seeds = append(seeds, v)
			}
		}
	}
	if len(seeds) == 0 {
		return "ninguna"
	}
	sort.Ints(seeds)
	parts := make([]string, len(seeds))
	for i, v := range seeds {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ", ")
}

func checkCell(cell int) error {
	if !slices.Contains(Cells, cell) {
		return fmt.Errorf("reference: In [%d] no es una celda de entrenamiento del curso; las celdas son %v", cell, Cells)
	}
	return nil
}

func (s *store) run(cell, seed int) (*cellRun, error) {
	if err := checkCell(cell); err != nil {
		return nil, err
	}
	f, err := s.seedFile(seed)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("pkg/reference/pytorch/seed-%d.json", seed)
	r, ok := f.Cells[strconv.Itoa(cell)]
	if !ok {
		return nil, fmt.Errorf("reference: %s no tiene la celda In [%d] "+
			"(la generación se interrumpió o se hizo con --cells); %s", name, cell, regenerateCell(cell, seed))
	}
	if err := checkNet(name, cell, r.Net, regenerateCell(cell, seed)); err != nil {
		return nil, err
	}
	return &r, nil
}

func (l losses) sorted() []StepLoss {
	out := make([]StepLoss, 0, len(l))
	for k, v := range l {
		step, err := strconv.Atoi(k)
		if err == nil {
			out = append(out, StepLoss{Step: step, Loss: v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}

func (s *store) sweepFile() (*sweepFile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sweep != nil {
		return s.sweep, nil
	}
	f := &sweepFile{}
	if _, err := s.read("sweep.json", f, "sweep"); err != nil {
		if errorsIsNotExist(err) {
			return nil, fmt.Errorf("reference: falta el barrido de semillas (pkg/reference/pytorch/sweep.json); %s", regenerate)
		}
		return nil, err
	}
	s.sweep = f
	return f, nil
}

func (s *store) sweepRuns(cell int) ([]SweepRun, error) {
	if err := checkCell(cell); err != nil {
		return nil, err
	}
	f, err := s.sweepFile()
	if err != nil {
		return nil, err
	}
	c, ok := f.Cells[strconv.Itoa(cell)]
	how := fmt.Sprintf("complétalo con /usr/bin/python3 internal/parity/curso.py --sweep pkg/reference/pytorch --cells %d (o `make fixtures`)", cell)
	if !ok || len(c.FinalLoss) != len(c.Seeds) || len(c.Died) != len(c.Seeds) {
		return nil, fmt.Errorf("reference: el barrido de semillas (pkg/reference/pytorch/sweep.json) no tiene la celda In [%d]; %s", cell, how)
	}
	if err := checkSweepCell("pkg/reference/pytorch/sweep.json", cell, c.Net, len(c.Seeds), how); err != nil {
		return nil, err
	}
	out := make([]SweepRun, len(c.Seeds))
	for i, seed := range c.Seeds {
		out[i] = SweepRun{Seed: seed, FinalLoss: c.FinalLoss[i], Died: c.Died[i]}
	}
	return out, nil
}

// regenerateCell dice cómo regenerar una celda de una semilla.
func regenerateCell(cell, seed int) string {
	return fmt.Sprintf("regenérala con /usr/bin/python3 internal/parity/curso.py --fixtures pkg/reference/pytorch "+
		"--fixture-seeds %d --cells %d (o todas con `make fixtures`; hace falta python3-torch)", seed, cell)
}

// checkSettings comprueba que un fichero de referencia se generó con los
// ajustes que declara el curso. Con shorter, el fichero puede acabar antes
// del último paso.
func checkSettings(name string, got Settings, shorter bool, how string) error {
	want := course.Training()
	same := got.Equal(want)
	if !same && shorter && got.Steps > 0 && got.Steps < want.Steps {
		g := got
		g.Steps = want.Steps
		same = g.Equal(want)
	}
	if !same {
		return fmt.Errorf("reference: %s se generó con otros ajustes (%s) que los que declara el curso en %s (%s); %s",
			name, got, course.File, want, how)
	}
	return nil
}

// checkNet comprueba que la red de una celda en un fichero de referencia es
// la que declara el curso.
func checkNet(name string, cell int, net, how string) error {
	c, err := course.Lookup(cell)
	if err != nil {
		return err
	}
	if net != c.Name() {
		return fmt.Errorf("reference: %s tiene para In [%d] la red «%s», pero el curso declara «%s» en %s; %s",
			name, cell, net, c.Name(), course.File, how)
	}
	return nil
}

// checkSweepCell comprueba la red y el número de semillas de una celda de un
// barrido.
func checkSweepCell(name string, cell int, net string, seeds int, how string) error {
	if err := checkNet(name, cell, net, how); err != nil {
		return err
	}
	c, _ := course.Lookup(cell)
	if want := course.SweepSeeds(c); seeds != want {
		return fmt.Errorf("reference: %s tiene %d semillas para In [%d], pero el curso declara %d en %s; %s",
			name, seeds, cell, want, course.File, how)
	}
	return nil
}
