// SPDX-License-Identifier: Apache-2.0

package show

import (
	"fmt"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// progress es un mensaje de progreso que se va sustituyendo mientras una
// celda trabaja (por ejemplo, un entrenamiento largo). Es transitorio: Jupyter
// no lo guarda en el cuaderno, así que al terminar hay que llamar a done e
// imprimir un resumen que sí quede. Fuera de un cuaderno no muestra nada.
type progress struct {
	id string
}

// newProgress crea un bloque de progreso vacío.
func newProgress() *progress {
	if !gonbui.IsNotebook {
		return &progress{}
	}
	return &progress{id: "progreso_" + gonbui.UniqueId()}
}

// update sustituye el contenido del bloque por el HTML dado.
func (p *progress) update(html string) {
	if p != nil && p.id != "" {
		gonbui.UpdateHTML(p.id, html)
	}
}

// done borra el bloque de progreso.
func (p *progress) done() {
	if p != nil && p.id != "" {
		gonbui.UpdateHTML(p.id, "")
		gonbui.Sync()
	}
}

// Training presenta un entrenamiento en el cuaderno: una barra de progreso
// que se actualiza mientras dura (como mucho cada 200 ms) y, al terminar,
// una línea de resumen que sí queda guardada. Fuera de un cuaderno (pruebas,
// programas con go run) no muestra nada.
type Training struct {
	steps      int
	start      time.Time
	lastUpdate time.Time
	progress   *progress
}

// NewTraining empieza a presentar un entrenamiento de steps pasos. Con steps
// ≤ 0 la barra se queda en 0 % (no hay total con el que comparar).
func NewTraining(steps int) *Training {
	t := &Training{steps: steps, start: time.Now()}
	if gonbui.IsNotebook {
		t.progress = newProgress()
	}
	return t
}

// Update muestra que van done pasos y que la última pérdida es loss.
func (t *Training) Update(done int, loss float64) {
	if t == nil || t.progress == nil || (time.Since(t.lastUpdate) < 200*time.Millisecond && done < t.steps) {
		return
	}
	t.lastUpdate = time.Now()
	pct := percent(done, t.steps)
	t.progress.update(fmt.Sprintf(`<div style="font-family:monospace">Entrenando: paso %d de %d `+
		`<progress value="%d" max="100" style="width:200px"></progress> %d%% · pérdida %.4f · %.1f s</div>`,
		done, t.steps, pct, pct, loss, time.Since(t.start).Seconds()))
}

// Summary escribe la línea de resumen: pasos dados, tiempo y pérdida al
// principio y al final.
func (t *Training) Summary(losses []float64) {
	if t == nil || t.progress == nil || len(losses) == 0 {
		return
	}
	el := time.Since(t.start)
	fmt.Printf("Entrenamiento: %d pasos en %.2f s (%.1f µs/paso); pérdida %.6g → %.6g\n",
		len(losses), el.Seconds(), float64(el.Microseconds())/float64(len(losses)), losses[0], losses[len(losses)-1])
}

// Done quita la barra de progreso.
func (t *Training) Done() {
	if t != nil && t.progress != nil {
		t.progress.done()
	}
}

// percent es el porcentaje de done sobre steps, entre 0 y 100 (0 si steps no
// es positivo: no hay total con el que comparar).
func percent(done, steps int) int {
	if steps <= 0 {
		return 0
	}
	return 100 * min(max(done, 0), steps) / steps
}
