// SPDX-License-Identifier: Apache-2.0

package main

import (
	"math"
	"testing"

	"neuronas/internal/coursenet"
	"neuronas/pkg/course"
)

// El bucle de GoMLX y el escrito a mano deben calcular lo mismo (salvo el
// redondeo de float32) durante los primeros 40 pasos; más adelante el
// entrenamiento entra en un régimen oscilante (lr 1e-3 está en el borde de la
// estabilidad para estos datos) donde el redondeo distinto de cada bucle se
// amplifica. Es la prueba de que el bucle a mano, la vara de medir del banco,
// hace el forward, el backward y el SGD del curso, como train.LearningLoop.
func TestGoMLXMatchesHandLoop(t *testing.T) {
	d, err := coursenet.Data(course.DefaultSeed())
	if err != nil {
		t.Fatal(err)
	}
	lr := float32(course.Training().LR)
	for _, c := range course.Cells() {
		hl, x, y, err := newCourseHandLoop(c, d)
		if err != nil {
			t.Fatal(err)
		}
		m, err := coursenet.Model(c, course.DefaultSeed())
		if err != nil {
			t.Fatal(err)
		}
		losses, err := coursenet.Train(m, d, 40)
		if err != nil {
			t.Fatal(err)
		}
		for s := range 40 {
			want := float64(hl.step(x, y, lr))
			if math.Abs(losses[s]-want) > 1e-3*math.Max(1, want) {
				t.Fatalf("In [%d] paso %d: GoMLX %v, a mano %v", c.Number, s, losses[s], want)
			}
		}
	}
}

func BenchmarkCourseCells(b *testing.B) {
	d, err := coursenet.Data(course.DefaultSeed())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range course.Cells() {
		b.Run(c.Name(), func(b *testing.B) {
			m, err := coursenet.Model(c, course.DefaultSeed())
			if err != nil {
				b.Fatal(err)
			}
			const steps = 1000
			b.ResetTimer()
			for range b.N {
				if _, err := coursenet.Train(m, d, steps); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*steps), "µs/paso")
		})
	}
}
