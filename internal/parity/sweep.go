// SPDX-License-Identifier: Apache-2.0

package parity

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"time"

	"neuronas/internal/coursenet"
	"neuronas/pkg/course"
	"neuronas/pkg/reference"
)

// modelMu protege la creación de modelos: nn.Sequential saca sus pesos del
// generador global de random, que cada celda reinicia con su semilla.
var modelMu sync.Mutex

type sweepResult struct {
	loss float32
	died bool
}

// RunSweep entrena cada celda de cells con las semillas 0, 1, …,
// course.SweepSeeds(celda) − 1 como en el cuaderno (datos y modelo con la
// misma semilla, train.LearningLoop con los ajustes del curso) y escribe la
// pérdida final y si la red murió en out, el fichero que lee
// reference.GoSweep, junto con los ajustes con que se entrenó. Las celdas de
// un fichero anterior hecho con los mismos ajustes se conservan, así que se
// puede barrer por partes.
func RunSweep(out string, cells []course.Cell) error {
	start := time.Now()
	settings := course.Training()
	d := reference.GoSweepData{Cells: map[string]reference.GoSweepCells{}}
	if raw, err := os.ReadFile(out); err == nil {
		var old reference.GoSweepData
		if json.Unmarshal(raw, &old) == nil && old.Meta.Format == reference.Format && old.Meta.Settings.Equal(settings) {
			d.Cells = old.Cells
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	decl := course.Declared()
	d.Meta = reference.GoSweepMeta{Format: reference.Format, Kind: "go-sweep", CourseUpdated: decl.Updated,
		Go: runtime.Version(), Arch: runtime.GOARCH, Settings: settings, DiedRule: decl.Died}
	for _, c := range cells {
		n := course.SweepSeeds(c)
		results := make([]sweepResult, n)
		errs := make(chan error, n)
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for seed := range jobs {
					r, err := sweepOne(c, seed, settings.Steps)
					if err != nil {
						errs <- fmt.Errorf("In [%d], semilla %d: %w", c.Number, seed, err)
					}
					results[seed] = r
				}
			}()
		}
		for seed := range n {
			jobs <- seed
		}
		close(jobs)
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return err
		}
		cell := reference.GoSweepCells{Net: c.Name()}
		dead := 0
		for seed, r := range results {
			cell.Seeds = append(cell.Seeds, seed)
			cell.FinalLoss = append(cell.FinalLoss, r.loss)
			cell.Died = append(cell.Died, r.died)
			if r.died {
				dead++
			}
		}
		d.Cells[fmt.Sprint(c.Number)] = cell
		fmt.Fprintf(os.Stderr, "In [%d] %s: %d semillas, %d redes muertas (%.0f s)\n", c.Number, c.Name(), n, dead, time.Since(start).Seconds())
	}
	d.Meta.Seconds = time.Since(start).Seconds()
	blob, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(blob, '\n'), 0o644)
}

// sweepOne entrena la celda c con la semilla seed y dice cómo acabó.
func sweepOne(c course.Cell, seed, steps int) (sweepResult, error) {
	d, err := coursenet.Data(seed)
	if err != nil {
		return sweepResult{}, err
	}
	modelMu.Lock()
	m, err := coursenet.Model(c, seed)
	modelMu.Unlock()
	if err != nil {
		return sweepResult{}, err
	}
	losses, err := coursenet.Train(m, d, steps)
	if err != nil {
		return sweepResult{}, err
	}
	died, err := coursenet.Died(m, d.X, d.Y)
	return sweepResult{loss: float32(losses[len(losses)-1]), died: died}, err
}
