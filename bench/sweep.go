package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"neuronas/pkg/gradients"
	"neuronas/pkg/nn"
	"neuronas/pkg/reference"
	"neuronas/pkg/train"
)

// sweepSeeds es cuántas semillas se prueban en cada celda: 20 para las redes
// Tanh y 50 para ReLU y LeakyReLU, donde lo que se mide (la proporción de
// redes que mueren) necesita más muestras.
func sweepSeeds(c Cell, base int) int {
	if c.Number == 32 || c.Number == 36 {
		return max(base, 50)
	}
	return base
}

// modelMu protege la creación de modelos: nn.Sequential saca sus pesos del
// generador global de random, que cada celda reinicia con su semilla.
var modelMu sync.Mutex

type sweepResult struct {
	loss float32
	died bool
}

// runSweep entrena cada celda con las semillas 0, 1, … como en el cuaderno
// (datos y modelo con la misma semilla, train.LearningLoop) y escribe la
// pérdida final y si la red murió en out, el fichero que lee reference.GoSweep.
func runSweep(out string, steps, seeds int) error {
	start := time.Now()
	d := reference.GoSweepData{Cells: map[string]reference.GoSweepCells{}}
	d.Meta = reference.GoSweepMeta{Format: reference.Format, Kind: "go-sweep", CourseUpdated: reference.CourseUpdated,
		Go: runtime.Version(), Arch: runtime.GOARCH,
		Settings: reference.Settings{Steps: steps, LR: 1e-3, N: 50, Sigma: 0.5, Range: 10, Polynomial: []float64{1, 0, 0}}}
	for _, c := range Cells {
		n := sweepSeeds(c, seeds)
		results := make([]sweepResult, n)
		errs := make(chan error, n)
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for seed := range jobs {
					r, err := sweepOne(c, seed, steps)
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
func sweepOne(c Cell, seed, steps int) (sweepResult, error) {
	d, err := CourseData(seed)
	if err != nil {
		return sweepResult{}, err
	}
	modelMu.Lock()
	m, err := c.Model(seed)
	modelMu.Unlock()
	if err != nil {
		return sweepResult{}, err
	}
	losses, err := train.LearningLoop(d.X, d.Y, m, steps, train.MSELoss, 1e-3, train.SGD)
	if err != nil {
		return sweepResult{}, err
	}
	died, err := Died(m, d.X, d.Y)
	return sweepResult{loss: float32(losses[len(losses)-1]), died: died}, err
}

// Died dice si la red está muerta: el gradiente de la pérdida respecto a los
// pesos y sesgos de la primera Linear es exactamente cero (ningún gradiente
// llega a la primera capa). Es la misma definición que usa el barrido de
// PyTorch (bench/pytorch/curso.py).
func Died(m *nn.Model, x, y []float64) (bool, error) {
	g, err := gradients.Of(m, x, y, train.MSELoss)
	if err != nil {
		return false, err
	}
	for _, p := range g.Params[:2] {
		for _, v := range p.Values {
			if v != 0 {
				return false, nil
			}
		}
	}
	return true, nil
}
