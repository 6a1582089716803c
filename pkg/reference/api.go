// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"fmt"
	"strconv"

	"neuronas/internal/valid"
	"neuronas/pkg/course"
)

// Data devuelve los datos del curso (course.Training: y = x², 50 puntos,
// sigma 0.5, rango 10) que da PyTorch con torch.manual_seed(seed) justo antes de
// get_data_from_a_polynomial: x_true e y_true como float32.
func Data(seed int) (x, y []float32, err error) {
	defer named("reference.Data", &err)
	f, err := std.seedFile(seed)
	if err != nil {
		return nil, nil, err
	}
	return append([]float32(nil), f.Data.X...), append([]float32(nil), f.Data.Y...), nil
}

// Initial devuelve los parámetros iniciales del modelo de la celda cell
// (p. ej. 32 para In [32]) con torch.manual_seed(seed) justo antes de crearlo,
// en el orden de model.parameters().
func Initial(cell, seed int) (_ []Param, err error) {
	defer named("reference.Initial", &err)
	r, err := std.run(cell, seed)
	if err != nil {
		return nil, err
	}
	out := make([]Param, len(r.Initial))
	for i, p := range r.Initial {
		out[i] = Param{Shape: append([]int(nil), p.Shape...), Values: append([]float32(nil), p.Values...)}
	}
	return out, nil
}

// Losses devuelve la pérdida de PyTorch en los pasos 1, 10, 100, 1000 y el
// último (course.Training().Steps, 50000) al entrenar la celda cell con la semilla seed, en orden. Si
// la referencia de esa semilla se generó con menos pasos (para ahorrar
// tiempo), la lista acaba en el último paso generado.
func Losses(cell, seed int) (_ []StepLoss, err error) {
	defer named("reference.Losses", &err)
	r, err := std.run(cell, seed)
	if err != nil {
		return nil, err
	}
	return r.Losses.sorted(), nil
}

// Sensitivity devuelve las mismas pérdidas que [Losses] cuando el primer peso
// de la primera Linear empieza un ulp de float32 más arriba. Es solo un caso:
// los primeros pasos a menudo absorben ese cambio, así que subestima el caos;
// la vara de medir es [ULPSensitivity], que prueba cada parámetro al principio
// y tras 100 pasos. Si ese entrenamiento se generó con menos pasos (para
// ahorrar tiempo), la lista acaba en el último paso generado.
func Sensitivity(cell, seed int) (_ []StepLoss, err error) {
	defer named("reference.Sensitivity", &err)
	r, err := std.run(cell, seed)
	if err != nil {
		return nil, err
	}
	return r.Sensitivity.Losses.sorted(), nil
}

// FinalLoss devuelve la pérdida de PyTorch en el último paso de la celda
// (loss_list[-1] tras course.Training().Steps pasos). Da error si la referencia de esa semilla
// no llega hasta el final.
func FinalLoss(cell, seed int) (_ float32, err error) {
	defer named("reference.FinalLoss", &err)
	l, err := Losses(cell, seed)
	if err != nil {
		return 0, err
	}
	if last, steps := l[len(l)-1].Step, course.Training().Steps; last != steps {
		return 0, fmt.Errorf("reference: la referencia de la semilla %d llega solo al paso %d, no al %d del curso; "+
			"para tener la pérdida final, %s", seed, last, steps, regenerateCell(cell, seed))
	}
	return l[len(l)-1].Loss, nil
}

// Died dice si, con PyTorch, la red de la celda murió al final del
// entrenamiento: el gradiente respecto a los pesos y sesgos de la primera
// Linear es exactamente cero.
func Died(cell, seed int) (_ bool, err error) {
	defer named("reference.Died", &err)
	r, err := std.run(cell, seed)
	if err != nil {
		return false, err
	}
	return r.Died, nil
}

// Sweep devuelve, para cada semilla del barrido (0, 1, 2, …), la pérdida
// final de PyTorch en la celda cell y si la red murió. Todas las semillas de
// una celda se entrenaron a la vez (torch.baddbmm), lo que redondea algo
// distinto que el bucle del curso: vale para comparar distribuciones, no
// semilla a semilla.
func Sweep(cell int) (_ []SweepRun, err error) {
	defer named("reference.Sweep", &err)
	return std.sweepRuns(cell)
}

// TrainingSettings devuelve los ajustes con los que se generaron los números
// de la semilla de los cuadernos (pasos, tasa de aprendizaje, puntos, sigma,
// rango, polinomio, optimizador, pérdida: los de course.Training, o el
// paquete no los lee) y la versión de PyTorch.
func TrainingSettings() (_ Settings, _ string, err error) {
	defer named("reference.TrainingSettings", &err)
	f, err := std.seedFile(course.DefaultSeed())
	if err != nil {
		return Settings{}, "", err
	}
	return f.Meta.Settings, f.Meta.Torch, nil
}

// OwnSpread dice cuánto se separa PyTorch de sí mismo hasta el paso step
// (como mucho 100) en la celda cell con la semilla seed: la mayor diferencia
// relativa de la pérdida entre dos cálculos igual de correctos: el bucle del
// curso con un parámetro movido un ulp ([ULPSensitivity] y [Sensitivity]) y
// el entrenamiento por lotes del barrido (este, solo para las semillas en que
// se midió). Es la vara de medir
// de lo que puede separarse Go, que redondea distinto: las celdas caóticas se
// separan de sí mismas antes del paso 100.
func OwnSpread(cell, seed, step int) (_ float64, err error) {
	defer named("reference.OwnSpread", &err)
	if err := valid.Size("reference.OwnSpread", "step", step, 1, 100, "el paso hasta el que se mide, de 1 a 100"); err != nil {
		return 0, err
	}
	sens, err := Sensitivity(cell, seed)
	if err != nil {
		return 0, err
	}
	main, err := Losses(cell, seed)
	if err != nil {
		return 0, err
	}
	spread := ulpSpread(cell, seed, step)
	for i, s := range sens {
		if s.Step <= step && i < len(main) && main[i].Step == s.Step {
			d := float64(s.Loss) - float64(main[i].Loss)
			spread = max(spread, max(d, -d)/float64(main[i].Loss))
		}
	}
	f, err := std.sweepFile()
	if err != nil {
		return spread, nil // Sin barrido, solo el ulp.
	}
	if b, ok := f.Cells[strconv.Itoa(cell)].BatchVsLoop[strconv.Itoa(seed)]; ok {
		key := "steps_1_100"
		if step <= 10 {
			key = "steps_1_10"
		}
		spread = max(spread, b[key])
	}
	return spread, nil
}
