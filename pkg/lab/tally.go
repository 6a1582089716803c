// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// TallySeeds es cuántas semillas prueba el botón del recuento.
const TallySeeds = 20

// TallyResult es el recuento de un barrido de semillas con los mismos ajustes.
type TallyResult struct {
	Settings Settings  // Los ajustes (la semilla no cuenta).
	Seeds    int       // Semillas probadas: 0, 1, …, Seeds-1.
	Died     int       // Redes muertas.
	Diverged int       // Entrenamientos que divergieron.
	Losses   []float64 // Pérdida final de cada semilla (NaN si divergió).
	Floors   []float64 // Suelo del ruido de cada semilla.
}

// Tally entrena con las semillas 0, 1, …, seeds-1 y los demás ajustes de s, y
// cuenta cuántas redes mueren y cómo se reparten las pérdidas finales.
// progress, si no es nil, recibe cuántas semillas van.
func Tally(ctx context.Context, s Settings, seeds int, progress func(done int)) (TallyResult, error) {
	if seeds < 1 || seeds > 1000 {
		return TallyResult{}, fmt.Errorf("lab.Tally: seeds = %d, pero hay que probar entre 1 y 1000 semillas (el laboratorio usa %d)", seeds, TallySeeds)
	}
	t := TallyResult{Settings: s, Seeds: seeds}
	for seed := range seeds {
		s.Seed = seed
		r, err := TrainContext(ctx, s, nil)
		if err != nil {
			return t, err
		}
		if r.Died {
			t.Died++
		}
		loss := r.FinalLoss()
		if r.Diverged {
			t.Diverged++
			loss = math.NaN()
		}
		t.Losses = append(t.Losses, loss)
		t.Floors = append(t.Floors, r.NoiseFloor)
		if progress != nil {
			progress(seed + 1)
		}
	}
	return t, nil
}

// Summary describe el recuento en español: la red, cuántas murieron y el reparto de
// las pérdidas finales (mínimo, mediana, máximo) frente al suelo del ruido.
func (t TallyResult) Summary() string {
	var ok []float64
	for _, l := range t.Losses {
		if !math.IsNaN(l) {
			ok = append(ok, l)
		}
	}
	out := fmt.Sprintf("%s, semillas 0 a %d: murieron %d de %d redes", t.Settings.describe(false), t.Seeds-1, t.Died, t.Seeds)
	if t.Diverged > 0 {
		out += fmt.Sprintf(" y divergieron %d", t.Diverged)
	}
	if len(ok) > 0 {
		slices.Sort(ok)
		fl := slices.Clone(t.Floors)
		slices.Sort(fl)
		out += fmt.Sprintf(". Pérdida final: mínima %.4g, mediana %.4g, máxima %.4g (suelo del ruido: mediana %.4g)",
			ok[0], median(ok), ok[len(ok)-1], median(fl))
	}
	return out + "."
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
