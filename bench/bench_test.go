package main

import (
	"math"
	"testing"

	"neuronas/pkg/random"
	"neuronas/pkg/train"
)

// El bucle de GoMLX y el escrito a mano deben calcular lo mismo (salvo el
// redondeo de float32) durante los primeros 40 pasos; más adelante el
// entrenamiento entra en un régimen oscilante (lr 1e-3 está en el borde de la
// estabilidad para estos datos) donde el redondeo distinto de cada bucle se
// amplifica. Es la prueba de que train.LearningLoop hace el
// forward, el backward y el SGD del curso.
func TestGoMLXMatchesHandLoop(t *testing.T) {
	train.Verbose = false
	d, err := CourseData()
	if err != nil {
		t.Fatal(err)
	}
	x, y := make([]float32, d.Len()), make([]float32, d.Len())
	for i := range x {
		x[i], y[i] = float32(d.X[i]), float32(d.Y[i])
	}
	for _, c := range Cells {
		random.SetSeed(random.DefaultSeed) // la misma semilla antes de cada modelo, como en PyTorch
		m, _ := c.Model()
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
	train.Verbose = false
	d, _ := CourseData()
	for _, c := range Cells {
		b.Run(c.Name, func(b *testing.B) {
			m, _ := c.Model()
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
