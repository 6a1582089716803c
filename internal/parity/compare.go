// SPDX-License-Identifier: Apache-2.0

// Package parity compara el Go del proyecto con el PyTorch del curso: las
// pruebas de que, con la misma semilla, Go da los mismos datos, los mismos
// pesos iniciales y las mismas pérdidas que las referencias de PyTorch
// (pkg/reference), la huella de las celdas para comparar arquitecturas, el
// barrido de semillas de Go (RunSweep, que escribe pkg/reference/go) y los
// informes de cmd/parity. El PyTorch del curso que escribe las referencias
// es curso.py, en esta misma carpeta. Todo sale de la declaración del curso
// (pkg/course).
package parity

import (
	"fmt"
	"math"

	"neuronas/internal/coursenet"
	"neuronas/pkg/course"
	"neuronas/pkg/reference"
)

// Compare entrena cada celda de cells en Go con cada semilla de las
// referencias (course.FixtureSeeds) durante steps pasos y escribe, junto a
// las de PyTorch, las pérdidas en los pasos 1, 10, 100, 1000 y el último, y
// cuánto se separa PyTorch de sí mismo si un parámetro cualquiera cambia en
// un ulp, al principio o tras 100 pasos (reference.ULPSensitivity: la vara de
// medir, porque las celdas son caóticas).
func Compare(cells []course.Cell, steps int) error {
	fmt.Printf("Pérdida de Go y de PyTorch con la misma semilla (%d pasos). «dif.» es |Go − PyTorch| / PyTorch;\n", steps)
	fmt.Println("«1 ulp» es lo más que cambia la pérdida de PyTorch al mover un ulp de float32 un solo parámetro")
	fmt.Println("(probándolos todos, arriba y abajo, al principio y tras 100 pasos); «-»: no medido en ese paso.")
	fmt.Printf("%-8s %-22s %6s %7s %12s %12s %9s %9s\n", "celda", "red", "semilla", "paso", "Go", "PyTorch", "dif.", "1 ulp")
	worst, worstRatio := 0.0, 0.0
	for _, seed := range course.FixtureSeeds() {
		d, err := coursenet.Data(seed)
		if err != nil {
			return err
		}
		for _, c := range cells {
			m, err := coursenet.Model(c, seed)
			if err != nil {
				return err
			}
			losses, err := coursenet.Train(m, d, steps)
			if err != nil {
				return err
			}
			ref, err := reference.Losses(c.Number, seed)
			if err != nil {
				return err
			}
			sens, err := reference.ULPSensitivity(c.Number, seed)
			if err != nil {
				return err
			}
			ulp := map[int]float64{}
			for _, s := range sens {
				ulp[s.Step] = s.Change
			}
			for _, r := range ref {
				if r.Step > len(losses) {
					continue
				}
				sensitivity := "-" // Se mide hasta el paso 1000.
				if ch, ok := ulp[r.Step]; ok {
					sensitivity = fmt.Sprintf("%8.4f%%", 100*ch)
				}
				goLoss := losses[r.Step-1]
				diff := relDiff(goLoss, float64(r.Loss))
				if r.Step <= 100 {
					worst = math.Max(worst, diff)
					worstRatio = math.Max(worstRatio, diff/math.Max(1e-3, 10*ulp[r.Step]))
				}
				fmt.Printf("In [%d]  %-22s %6d %7d %12.6g %12.6g %8.4f%% %9s\n", c.Number, c.Name(), seed, r.Step,
					goLoss, r.Loss, 100*diff, sensitivity)
			}
		}
	}
	verdict := "se cumple"
	if worstRatio > 1 {
		verdict = "NO se cumple"
	}
	fmt.Printf("mayor diferencia en los pasos 1–100: %.5f%% (objetivo: < 0,1%%, o menos de 10 veces «1 ulp» donde un ulp\n"+
		"ya mueve a PyTorch; TestSameSeedAsPyTorch usa además el cálculo por lotes del barrido): %s\n", 100*worst, verdict)
	return nil
}

func relDiff(a, b float64) float64 { return math.Abs(a-b) / math.Abs(b) }

// CompareSweeps compara, celda a celda, el barrido de semillas de Go con el
// de PyTorch: prueba de Mann–Whitney sobre las pérdidas finales y prueba
// exacta de Fisher sobre la proporción de redes muertas.
func CompareSweeps(cells []course.Cell) error {
	fmt.Println("Barrido de semillas: ¿se distinguen Go y PyTorch? (p < 0,05 diría que sí)")
	fmt.Printf("%-8s %-22s %7s %12s %12s %10s %12s %12s %10s\n", "celda", "red", "semillas",
		"mediana Go", "med. torch", "p (M-W)", "muertas Go", "muertas pt", "p (Fisher)")
	for _, c := range cells {
		row, err := reference.CompareSweeps(c.Number)
		if err != nil {
			return err
		}
		fmt.Printf("In [%d]  %-22s %7d %12.4g %12.4g %10.3f %12s %12s %10.3f\n", c.Number, c.Name(), row.Seeds,
			row.MedianGo, row.MedianTorch, row.PLoss, fmt.Sprintf("%d/%d", row.DeadGo, row.Seeds),
			fmt.Sprintf("%d/%d", row.DeadTorch, row.TorchSeeds), row.PDead)
	}
	return nil
}
