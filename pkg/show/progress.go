package show

import "github.com/janpfeifer/gonb/gonbui"

// Progress es un mensaje de progreso que se actualiza en el sitio mientras una
// celda trabaja (por ejemplo, un entrenamiento largo). Es transitorio: Jupyter
// no lo guarda en el cuaderno, así que al terminar hay que llamar a Done e
// imprimir un resumen que sí quede. Fuera de un cuaderno no muestra nada.
type Progress struct {
	id string
}

// NewProgress crea un bloque de progreso vacío.
func NewProgress() *Progress {
	if !gonbui.IsNotebook {
		return &Progress{}
	}
	return &Progress{id: "progreso_" + gonbui.UniqueId()}
}

// Update sustituye el contenido del bloque por el HTML dado.
func (p *Progress) Update(html string) {
	if p.id != "" {
		gonbui.UpdateHTML(p.id, html)
	}
}

// Done borra el bloque de progreso.
func (p *Progress) Done() {
	if p.id != "" {
		gonbui.UpdateHTML(p.id, "")
		gonbui.Sync()
	}
}
