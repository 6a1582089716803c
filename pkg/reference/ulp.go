// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"fmt"
	"sort"
	"strconv"
)

// ULPChange es cuánto se separa PyTorch de sí mismo en un paso del
// entrenamiento por un solo redondeo: la mayor diferencia relativa de la
// pérdida, |L' − L| / L, entre el entrenamiento del curso y el mismo con UNA
// componente de un parámetro movida un ulp de float32 (arriba o abajo),
// probándolas todas, al principio (antes del paso 1) y tras 100
// actualizaciones.
type ULPChange struct {
	Step        int     // El paso (el paso k es loss_list[k-1]).
	Change      float64 // La mayor diferencia relativa (0.25 es un 25 %).
	Param       string  // La componente movida que la da, p. ej. «2.weight[0,0]».
	Direction   int     // +1 si subió un ulp, −1 si bajó.
	NudgedAfter int     // 0: movida al principio; 100: tras 100 actualizaciones.
}

type ulpStep struct {
	Change      float64 `json:"change"`
	Param       string  `json:"param"`
	Direction   int     `json:"direction"`
	NudgedAfter int     `json:"nudged_after"`
}

type ulpRun struct {
	NudgedAfter []int              `json:"nudged_after"`
	Steps       int                `json:"steps"`
	ByStep      map[string]ulpStep `json:"by_step"`
}

// ULPSensitivity devuelve, en los pasos 1, 10, 100 y 1000, cuánto se separa
// PyTorch de sí mismo en la celda cell con la semilla seed al mover un ulp de
// float32 cualquier parámetro, al principio o tras 100 pasos (ver
// [ULPChange]). Es la vara de medir para comparar Go con PyTorch: Go hace las
// mismas cuentas en otro orden, lo que cambia el último bit de algunos
// resultados, como un ulp. Lo calcula `internal/parity/curso.py
// --ulp-sensitivity`, entrenando todas las copias a la vez (torch.baddbmm) y
// comparándolas con la copia sin mover del mismo lote.
func ULPSensitivity(cell, seed int) (_ []ULPChange, err error) {
	defer named("reference.ULPSensitivity", &err)
	r, err := std.run(cell, seed)
	if err != nil {
		return nil, err
	}
	if r.ULP == nil || len(r.ULP.ByStep) == 0 {
		return nil, fmt.Errorf("reference: pkg/reference/pytorch/seed-%d.json no tiene la sensibilidad a un ulp de In [%d]; "+
			"añádela con /usr/bin/python3 internal/parity/curso.py --ulp-sensitivity pkg/reference/pytorch", seed, cell)
	}
	out := make([]ULPChange, 0, len(r.ULP.ByStep))
	for k, v := range r.ULP.ByStep {
		step, err := strconv.Atoi(k)
		if err != nil {
			continue
		}
		out = append(out, ULPChange{Step: step, Change: v.Change, Param: v.Param, Direction: v.Direction, NudgedAfter: v.NudgedAfter})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out, nil
}

// ulpSpread es la mayor sensibilidad a un ulp en los pasos hasta step (0 si
// la referencia no la tiene).
func ulpSpread(cell, seed, step int) float64 {
	changes, err := ULPSensitivity(cell, seed)
	if err != nil {
		return 0
	}
	spread := 0.0
	for _, c := range changes {
		if c.Step <= step {
			spread = max(spread, c.Change)
		}
	}
	return spread
}
