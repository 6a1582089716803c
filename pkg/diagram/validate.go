// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"fmt"

	"neuronas/internal/valid"
)

// Límites de una descripción: de sobra para cualquier red de un libro, y lejos
// de un SVG de decenas de megas.
const (
	// MaxLayers es el máximo de capas de un dibujo.
	MaxLayers = 100
	// MaxSize es el máximo de Width, Height, Channels, Units, Kernel y Stride.
	MaxSize = 1_000_000_000
	// MaxText es el máximo de caracteres de Title, Label, Activation y de los
	// nombres de los grupos.
	MaxText = 200
)

const validateFn = "diagram.Network.Validate"

// Validate comprueba que la descripción se puede dibujar. Devuelve nil si
// todo está bien, o un error en español que dice qué campo falla y cómo
// arreglarlo. [Network.SVG] y [Network.Show] la llaman antes de dibujar.
func (n Network) Validate() error {
	if len(n.Layers) == 0 {
		return fmt.Errorf("diagram.Network.Validate: la red %q no tiene capas; añade al menos la entrada en Layers (Kind: diagram.Input), o pasa los tamaños a diagram.MLP, como diagram.MLP(1, 5, 1)", n.Title)
	}
	if len(n.Layers) > MaxLayers {
		return fmt.Errorf("%s: la red tiene %d capas y un dibujo admite como mucho %d; dibuja solo una parte (por ejemplo los primeros bloques)", validateFn, len(n.Layers), MaxLayers)
	}
	if len(n.Skips) > MaxLayers || len(n.Groups) > MaxLayers {
		return fmt.Errorf("%s: hay %d Skips y %d Groups, y un dibujo admite como mucho %d de cada; quita los que sobran", validateFn, len(n.Skips), len(n.Groups), MaxLayers)
	}
	if err := valid.Text(validateFn, "Title", n.Title, MaxText, false); err != nil {
		return err
	}
	for i, l := range n.Layers {
		if err := validateLayer(i, l); err != nil {
			return err
		}
	}
	for i, g := range n.Groups {
		if err := valid.Text(validateFn, fmt.Sprintf("Groups[%d].Label", i), g.Label, MaxText, false); err != nil {
			return err
		}
	}
	if err := n.validateLinks(); err != nil {
		return err
	}
	switch n.Layout {
	case Layered:
		return nil
	case UShaped:
		return n.validateU()
	case NeuronLevel:
		return n.validateNeurons()
	}
	return fmt.Errorf("diagram.Network.Validate: Layout = %d no existe; usa diagram.Layered, diagram.UShaped o diagram.NeuronLevel", int(n.Layout))
}

// validateLayer comprueba una capa por separado.
func validateLayer(i int, l Layer) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"Width", l.Width}, {"Height", l.Height}, {"Channels", l.Channels}, {"Units", l.Units}, {"Kernel", l.Kernel}, {"Stride", l.Stride}} {
		if f.v > MaxSize {
			return fmt.Errorf("%s: Layers[%d] tiene %s = %d, más de los %d que se pueden dibujar; usa el tamaño real de la capa", validateFn, i, f.name, f.v, MaxSize)
		}
	}
	for _, f := range []struct{ name, v string }{{"Label", l.Label}, {"Activation", l.Activation}} {
		if err := valid.Text(validateFn, fmt.Sprintf("Layers[%d].%s", i, f.name), f.v, MaxText, false); err != nil {
			return err
		}
	}
	switch {
	case l.Kind < Input || l.Kind > Dense:
		return fmt.Errorf("diagram.Network.Validate: Layers[%d] tiene Kind = %d, que no existe; usa diagram.Input, diagram.Conv, diagram.Pool, diagram.UpConv o diagram.Dense", i, int(l.Kind))
	case i == 0 && l.Kind != Input:
		return fmt.Errorf("diagram.Network.Validate: Layers[0] es %s, pero la primera capa debe ser la entrada; empieza Layers con una capa Kind: diagram.Input", l.Kind)
	case i > 0 && l.Kind == Input:
		return fmt.Errorf("diagram.Network.Validate: Layers[%d] es Input, pero solo la primera capa puede ser la entrada; cámbiale Kind (por ejemplo a diagram.Dense o diagram.Conv)", i)
	case l.Kernel < 0 || l.Stride < 0:
		return fmt.Errorf("diagram.Network.Validate: Layers[%d] tiene Kernel = %d y Stride = %d; no pueden ser negativos (usa 0 para no dibujarlos)", i, l.Kernel, l.Stride)
	}
	switch {
	case l.Kind == Dense:
		return validateUnits(i, l)
	case l.Kind == Input && l.Units != 0:
		if l.Width != 0 || l.Height != 0 || l.Channels != 0 {
			return fmt.Errorf("diagram.Network.Validate: Layers[%d] (Input) tiene a la vez Units y Width/Height/Channels; una entrada es o un vector (solo Units) o una imagen (solo Width, Height y Channels)", i)
		}
		return validateUnits(i, l)
	}
	return validateMap(i, l)
}

func validateUnits(i int, l Layer) error {
	if l.Units <= 0 {
		return fmt.Errorf("diagram.Network.Validate: Layers[%d] (%s) tiene Units = %d; indica un número de neuronas mayor que 0", i, l.Kind, l.Units)
	}
	return nil
}

func validateMap(i int, l Layer) error {
	if l.Width <= 0 || l.Height <= 0 || l.Channels <= 0 {
		what := "Width, Height y Channels de la imagen (o Units si la entrada es un vector)"
		if l.Kind != Input {
			what = "Width, Height y Channels del mapa que sale de la capa"
		}
		return fmt.Errorf("diagram.Network.Validate: Layers[%d] (%s) mide %d×%d×%d; indica %s, todos mayores que 0", i, l.Kind, l.Width, l.Height, l.Channels, what)
	}
	return nil
}

// validateLinks comprueba los índices de Skips y Groups.
func (n Network) validateLinks() error {
	last := len(n.Layers) - 1
	for i, s := range n.Skips {
		if s.From < 0 || s.To < 0 || s.From > last || s.To > last {
			return fmt.Errorf("diagram.Network.Validate: Skips[%d] va de la capa %d a la %d, pero solo hay capas de la 0 a la %d; usa índices de Layers dentro de ese rango", i, s.From, s.To, last)
		}
		if s.From >= s.To {
			return fmt.Errorf("diagram.Network.Validate: Skips[%d] va de la capa %d a la %d; From tiene que ser menor que To (la conexión va hacia delante)", i, s.From, s.To)
		}
	}
	for i, g := range n.Groups {
		if g.From < 0 || g.To > last || g.From > g.To {
			return fmt.Errorf("diagram.Network.Validate: Groups[%d] abarca de la capa %d a la %d; usa 0 <= From <= To <= %d", i, g.From, g.To, last)
		}
		if g.Label == "" {
			return fmt.Errorf("diagram.Network.Validate: Groups[%d] no tiene nombre; ponle uno en Label (por ejemplo \"codificador\")", i)
		}
	}
	if len(n.Groups) > 0 && n.Layout != Layered {
		return fmt.Errorf("diagram.Network.Validate: Groups solo se dibujan en el esquema por capas; quita Groups o usa Layout: diagram.Layered")
	}
	return nil
}

// validateNeurons comprueba que la red cabe en un dibujo neurona a neurona.
func (n Network) validateNeurons() error {
	if len(n.Skips) > 0 {
		return fmt.Errorf("diagram.Network.Validate: el dibujo neurona a neurona no admite conexiones de salto; quita Skips o usa Layout: diagram.Layered")
	}
	for i, l := range n.Layers {
		if l.isMap() {
			return fmt.Errorf("diagram.Network.Validate: Layers[%d] (%s) es un mapa de %d×%d×%d; el dibujo neurona a neurona solo admite una entrada vectorial (Units) y capas Dense; usa Layout: diagram.Layered", i, l.Kind, l.Width, l.Height, l.Channels)
		}
		if l.Units > MaxNeurons {
			what := "neuronas"
			if i == 0 {
				what = "entradas"
			}
			return fmt.Errorf("diagram.Network.Validate: Layers[%d] tiene %d %s y el dibujo neurona a neurona admite como mucho %d por capa; dibuja la red por capas con Layout: diagram.Layered", i, l.Units, what, MaxNeurons)
		}
	}
	return nil
}

// validateU comprueba que la red se puede dibujar en forma de U.
func (n Network) validateU() error {
	levels := n.levels()
	for i, l := range n.Layers {
		if !l.isMap() {
			return fmt.Errorf("diagram.Network.Validate: Layers[%d] es %s con Units = %d; el esquema en U solo admite mapas (Input como imagen, Conv, Pool, UpConv); usa Layout: diagram.Layered", i, l.Kind, l.Units)
		}
		if levels[i] < 0 {
			return fmt.Errorf("diagram.Network.Validate: Layers[%d] (UpConv) sube por encima del nivel de la entrada; en el esquema en U cada UpConv necesita un Pool antes", i)
		}
	}
	return nil
}

// levels da el nivel de cada capa en el esquema en U, contando desde la
// entrada (0): cada Pool baja un nivel y cada UpConv sube uno.
func (n Network) levels() []int {
	out := make([]int, len(n.Layers))
	level := 0
	for i, l := range n.Layers {
		switch l.Kind {
		case Pool:
			level++
		case UpConv:
			level--
		}
		out[i] = level
	}
	return out
}
