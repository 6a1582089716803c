package diagram

import "neuronas/pkg/show"

// SVG devuelve el dibujo de la red como texto SVG autocontenido (sin
// letras, estilos ni programas externos), de 800 píxeles de ancho. Antes
// comprueba la descripción con [Network.Validate] y devuelve su error si lo
// hay. La misma descripción da siempre el mismo texto.
func (n Network) SVG() (string, error) {
	if err := n.Validate(); err != nil {
		return "", err
	}
	var (
		w, h float64
		body *canvas
	)
	switch n.Layout {
	case NeuronLevel:
		w, h, body = n.neuronSVG()
	case UShaped:
		w, h, body = n.uSVG()
	default:
		w, h, body = n.layeredSVG()
	}
	return document(w, h, n.Alt(), body), nil
}

// Show muestra el dibujo en el cuaderno, con [Network.Alt] como texto
// alternativo. Fuera de un cuaderno lo guarda en un fichero (ver el paquete
// show). Devuelve el error de la descripción si no se puede dibujar.
func (n Network) Show() error {
	svg, err := n.SVG()
	if err != nil {
		return err
	}
	return show.SVG(svg, n.Alt())
}
