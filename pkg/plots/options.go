// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
	"math"

	"neuronas/pkg/data"
)

// Options son los ajustes opcionales de una figura. El valor cero da la
// figura por defecto del curso. Cada función indica qué campos usa; si se
// rellena un campo que la función no usa, devuelve un error en vez de
// ignorarlo en silencio.
type Options struct {
	// Range es el intervalo [mínimo, máximo] de x donde se dibuja la curva,
	// como el range=[-4,4] de draw_2D_function (data.Range, en cambio, es un
	// solo número: el extremo de [0, r], como en get_data_from_a_polynomial).
	// El valor cero significa «por defecto»: [-4, 4] en Draw2DFunction y
	// Draw2DFunctions, y el rango de x de los datos en Fit (y en
	// Draw2DFunction con Data). Loss no lo usa.
	Range [2]float64

	// Label es la etiqueta de la curva en la leyenda (function_label en el
	// curso). En Draw2DFunction no hay leyenda si está vacía; en Fit vale
	// «modelo» por defecto y en Loss «error». Draw2DFunctions no la usa:
	// cada [Func] lleva su propia etiqueta.
	Label string

	// Title es el título de la figura; vacío significa sin título.
	Title string

	// Data son los puntos que se dibujan junto a la curva en Draw2DFunction
	// y Draw2DFunctions (el argumento data del curso). Fit recibe los datos
	// como primer argumento y Loss no los usa.
	Data *data.Data

	// LogY pone el eje y en escala logarítmica. Por defecto es lineal, como
	// en el curso. Todos los valores de y dibujados deben ser positivos.
	LogY bool
}

// Func es una curva de [Draw2DFunctions]: la función F y su etiqueta en la
// leyenda (Label; si está vacía la curva no aparece en la leyenda).
type Func struct {
	F     func(x float64) float64
	Label string
}

// pick devuelve las opciones pasadas (o las de por defecto) y comprueba que
// no haya más de un Options.
func pick(fn string, opts []Options) (Options, error) {
	switch len(opts) {
	case 0:
		return Options{}, nil
	case 1:
		return opts[0], nil
	}
	return Options{}, fmt.Errorf("%s: recibí %d Options y se admite como mucho uno; junta todos los campos en un solo plots.Options{...}", fn, len(opts))
}

// unused devuelve un error si opts rellena un campo que fn no usa.
func unused(fn string, o Options, rangeOK, labelOK, dataOK bool) error {
	switch {
	case !rangeOK && o.Range != [2]float64{}:
		return fmt.Errorf("%s: Options.Range no se usa aquí; quítalo", fn)
	case !labelOK && o.Label != "":
		return fmt.Errorf("%s: Options.Label no se usa aquí; pon la etiqueta de cada curva en su Func.Label", fn)
	case !dataOK && o.Data != nil:
		return fmt.Errorf("%s: Options.Data no se usa aquí; los datos van en el primer argumento", fn)
	}
	return nil
}

// xRange devuelve el intervalo de x de la curva: o.Range si se dio, el de
// los datos si los hay, o def.
func xRange(fn string, o Options, d *data.Data, def [2]float64) ([2]float64, error) {
	if o.Range != [2]float64{} {
		return o.Range, checkRange(fn, o.Range)
	}
	if d == nil {
		return def, nil
	}
	lo, hi := minMax(d.X)
	if lo == hi {
		return [2]float64{}, fmt.Errorf("%s: todos los puntos tienen x = %s, así que no hay rango para la curva; pasa un Options.Range explícito", fn, num(lo))
	}
	return [2]float64{lo, hi}, nil
}

func checkRange(fn string, r [2]float64) error {
	if err := checkFinite(fn, "Options.Range", r[:]); err != nil {
		return err
	}
	if r[0] >= r[1] {
		return fmt.Errorf("%s: Options.Range = [%s, %s] no es válido: el mínimo debe ser menor que el máximo, por ejemplo [-4, 4]", fn, num(r[0]), num(r[1]))
	}
	if max(math.Abs(r[0]), math.Abs(r[1])) > maxPlot || r[1]-r[0] < minSpan {
		return fmt.Errorf("%s: Options.Range = [%s, %s] no se puede dibujar: los extremos deben estar entre -1e300 y 1e300 "+
			"y separados al menos 1e-300; usa un intervalo como [-4, 4]", fn, num(r[0]), num(r[1]))
	}
	return nil
}

// checkData comprueba que d tenga puntos, tantas x como y, y valores finitos.
func checkData(fn, name string, d data.Data) error {
	if len(d.X) != len(d.Y) {
		return fmt.Errorf("%s: %s.X tiene %d valores pero %s.Y tiene %d; cada punto necesita su x y su y", fn, name, len(d.X), name, len(d.Y))
	}
	if len(d.X) == 0 {
		return fmt.Errorf("%s: %s no tiene puntos; genera los datos antes de dibujarlos", fn, name)
	}
	if err := checkFinite(fn, name+".X", d.X); err != nil {
		return err
	}
	return checkFinite(fn, name+".Y", d.Y)
}

// checkFinite devuelve un error que señala el primer NaN o Inf de vs.
func checkFinite(fn, name string, vs []float64) error {
	for i, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: %s[%d] es %v; todos los valores deben ser números finitos (revisa de dónde sale ese valor)", fn, name, i, v)
		}
	}
	return nil
}
