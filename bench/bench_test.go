package main

import (
	"fmt"
	"math"
	"testing"

	"neuronas/pkg/random"
	"neuronas/pkg/reference"
	"neuronas/pkg/train"
)

// El bucle de GoMLX y el escrito a mano deben calcular lo mismo (salvo el
// redondeo de float32) durante los primeros 40 pasos; más adelante el
// entrenamiento entra en un régimen oscilante (lr 1e-3 está en el borde de la
// estabilidad para estos datos) donde el redondeo distinto de cada bucle se
// amplifica. Es la prueba de que train.LearningLoop hace el
// forward, el backward y el SGD del curso.
func TestGoMLXMatchesHandLoop(t *testing.T) {
	d, err := CourseData(random.DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	x, y := make([]float32, d.Len()), make([]float32, d.Len())
	for i := range x {
		x[i], y[i] = float32(d.X[i]), float32(d.Y[i])
	}
	for _, c := range Cells {
		m, _ := c.Model(random.DefaultSeed)
		hl := newHandLoop(m, c.Act(), len(x))
		losses, err := train.LearningLoop(d.X, d.Y, m, 40, train.MSELoss, 1e-3, train.SGD)
		if err != nil {
			t.Fatal(err)
		}
		for s := range 40 {
			want := float64(hl.step(x, y, 1e-3))
			if math.Abs(losses[s]-want) > 1e-3*math.Max(1, want) {
				t.Fatalf("In [%d] paso %d: GoMLX %v, a mano %v", c.Number, s, losses[s], want)
			}
		}
	}
}

func BenchmarkCourseCells(b *testing.B) {
	d, _ := CourseData(random.DefaultSeed)
	for _, c := range Cells {
		b.Run(c.Name(), func(b *testing.B) {
			m, _ := c.Model(random.DefaultSeed)
			const steps = 1000
			b.ResetTimer()
			for range b.N {
				if _, err := train.LearningLoop(d.X, d.Y, m, steps, train.MSELoss, 1e-3, train.SGD); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*steps), "µs/paso")
		})
	}
}

// Con la misma semilla, los datos, los pesos iniciales y los primeros pasos
// de cada celda coinciden con los de PyTorch (pkg/reference): los datos a 2
// ulps de float32 como mucho, los pesos bit a bit y la pérdida en los pasos
// 1, 10 y 100 a menos de un 0,1 %. La excepción son los pasos en que PyTorch
// ya se separa de sí mismo (reference.OwnSpread: un ulp en cualquier parámetro,
// reference.ULPSensitivity, o el cálculo por lotes del barrido): ahí Go, que redondea distinto, puede
// separarse hasta diez veces lo que PyTorch se separa de sí mismo.
func TestSameSeedAsPyTorch(t *testing.T) {
	for _, seed := range compareSeeds {
		d, err := CourseData(seed)
		if err != nil {
			t.Fatal(err)
		}
		x, y, err := reference.Data(seed)
		if err != nil {
			t.Fatal(err)
		}
		for i := range x {
			if reference.ULPs(float32(d.X[i]), x[i]) > 2 || reference.ULPs(float32(d.Y[i]), y[i]) > 2 {
				t.Fatalf("semilla %d, punto %d: Go (%v, %v), PyTorch (%v, %v)", seed, i, d.X[i], d.Y[i], x[i], y[i])
			}
		}
		for _, c := range Cells {
			m, _ := c.Model(seed)
			want, err := reference.Initial(c.Number, seed)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range m.Parameters() {
				if fmt.Sprint(p.Values) != fmt.Sprint(want[i].Values) {
					t.Fatalf("In [%d], semilla %d, %s: Go %v, PyTorch %v", c.Number, seed, p.Name, p.Values, want[i].Values)
				}
			}
			losses, err := train.LearningLoop(d.X, d.Y, m, 100, train.MSELoss, 1e-3, train.SGD)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := reference.Losses(c.Number, seed)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range ref {
				if r.Step > 100 {
					continue
				}
				own, err := reference.OwnSpread(c.Number, seed, r.Step)
				if err != nil {
					t.Fatal(err)
				}
				diff := relDiff(losses[r.Step-1], float64(r.Loss))
				if tol := max(1e-3, 10*own); diff > tol {
					t.Errorf("In [%d], semilla %d, paso %d: Go %v, PyTorch %v (%.3f %%; PyTorch frente a sí mismo: %.3f %%)",
						c.Number, seed, r.Step, losses[r.Step-1], r.Loss, 100*diff, 100*own)
				} else if diff > 1e-3 {
					t.Logf("In [%d], semilla %d, paso %d: Go y PyTorch difieren un %.3f %%, dentro de lo que PyTorch se separa de sí mismo (%.3f %%)",
						c.Number, seed, r.Step, 100*diff, 100*own)
				}
			}
		}
	}
}
