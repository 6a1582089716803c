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
	Settings Settings  // Los ajustes (su semilla no se usa: se prueban 0, 1, …, Seeds-1).
	Seeds    int       // Semillas probadas: 0, 1, …, Seeds-1.
	Died     int       // Redes muertas.
	Diverged int       // Entrenamientos que divergieron.
	Losses   []float64 // Pérdida final de cada semilla (NaN si divergió).
	Floors   []float64 // El suelo (la mejor predicción posible) de cada semilla: cambia con los datos.
}

// Tally entrena con las semillas 0, 1, …, seeds-1 y los demás ajustes de s, y
// cuenta cuántas redes mueren y cómo se reparten las pérdidas finales.
// progress, si no es nil, recibe cuántas semillas van; si entra en pánico, el
// recuento se detiene con un error que lo dice. Un ctx nil es como
// context.Background().
func Tally(ctx context.Context, s Settings, seeds int, progress func(done int)) (TallyResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
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
		t.Floors = append(t.Floors, r.Floor)
		if progress != nil {
			if err := calm("lab.Tally", "progress", func() { progress(seed + 1) }); err != nil {
				return t, err
			}
		}
	}
	return t, nil
}

// Stuck es la pérdida final por encima de la cual el cuaderno II cuenta una red
// como atascada («por encima de 300»).
const Stuck = 300

// Summary describe el recuento en español: la red, cuántas murieron, cuántas
// acabaron por encima de Stuck y el reparto de las pérdidas finales (mínimo,
// mediana, máximo) frente al suelo de cada semilla.
func (t TallyResult) Summary() string {
	var ok []float64
	stuck, below := 0, 0
	for i, l := range t.Losses {
		if math.IsNaN(l) {
			continue
		}
		ok = append(ok, l)
		if l > Stuck {
			stuck++
		}
		if i < len(t.Floors) && l < t.Floors[i] {
			below++
		}
	}
	var died string
	switch t.Died {
	case 0:
		died = fmt.Sprintf("no murió ninguna de las %d redes", t.Seeds)
	case 1:
		died = fmt.Sprintf("murió 1 de las %d redes", t.Seeds)
	default:
		died = fmt.Sprintf("murieron %d de las %d redes", t.Died, t.Seeds)
	}
	out := fmt.Sprintf("%s, semillas 0 a %d: %s", t.Settings.describe(false), t.Seeds-1, died)
	if t.Diverged > 0 {
		out += fmt.Sprintf(", %s %d", plural(t.Diverged, "divergió", "divergieron"), t.Diverged)
	}
	if len(ok) > 0 {
		slices.Sort(ok)
		fl := slices.Clone(t.Floors)
		slices.Sort(fl)
		out += fmt.Sprintf(" y %s por encima de %d. Pérdida final: mínima %s, mediana %s, máxima %s; %s por debajo del suelo de sus datos "+
			"(el suelo, la pérdida de la mejor predicción posible, cambia con la semilla: de %s a %s, mediana %s)",
			ended(stuck), Stuck, lossText(ok[0]), lossText(median(ok)), lossText(ok[len(ok)-1]),
			ended(below), lossText(fl[0]), lossText(fl[len(fl)-1]), lossText(median(fl)))
	}
	return out + "."
}

// ended dice cuántas redes acabaron en algún sitio, con el verbo concordado.
func ended(n int) string {
	switch n {
	case 0:
		return "ninguna acabó"
	case 1:
		return "1 acabó"
	}
	return fmt.Sprintf("%d acabaron", n)
}

// plural elige la forma del verbo que concuerda con n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
