// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"fmt"
)

// buckets es el número de tramos en que se resume una curva de pérdida
// larga: de cada tramo se dibujan solo su mínimo y su máximo, así que la
// forma de la curva (incluido el ruido) se conserva, pero el PNG es pequeño y
// se dibuja rápido. Es más que el ancho en píxeles de la zona de datos.
const buckets = 1000

// Loss dibuja la pérdida de cada paso del entrenamiento (x = número de paso,
// de 0 a len(losses)-1) con la etiqueta «error» y rejilla, y muestra la
// figura. Es plt.plot(range(steps), loss_list, label="error") del curso.
// Usa de opts: Label (en vez de «error»), Title y LogY (eje y logarítmico,
// útil cuando la pérdida baja varios órdenes de magnitud).
//
// Con muchos pasos (por ejemplo 50 000) no se dibujan todos: se dibujan el
// mínimo y el máximo de cada uno de 1000 tramos, así que la figura se ve
// igual (con su ruido y sus picos), pesa poco y se genera rápido. El texto
// alternativo sí usa todos los valores.
//
//	plots.Loss(losses, plots.Options{LogY: true})
func Loss(losses []float64, opts ...Options) error {
	return display(RenderLoss(losses, opts...))
}

// RenderLoss es como [Loss] pero no muestra nada: devuelve el PNG y su texto
// alternativo.
func RenderLoss(losses []float64, opts ...Options) (png []byte, alt string, err error) {
	const fn = "plots.Loss"
	o, err := pick(fn, opts)
	if err == nil {
		err = unused(fn, o, false, true, false)
	}
	if err == nil {
		err = checkLosses(fn, losses, o.LogY)
	}
	if err != nil {
		return nil, "", err
	}
	xs, ys := downsample(losses, buckets)
	fig := &figure{title: o.Title, xLabel: "paso", yLabel: "error", logY: o.LogY, integerX: true, series: []series{
		{xs: xs, ys: ys, label: cmpOr(o.Label, "error"), points: len(losses) == 1, color: blue},
	}}
	return fig.finish(fn, lossAlt(losses)+suffix(o))
}

func checkLosses(fn string, losses []float64, logY bool) error {
	if len(losses) == 0 {
		return fmt.Errorf("%s: losses está vacía; guarda la pérdida de cada paso del entrenamiento (loss_list en el curso) antes de dibujarla", fn)
	}
	if err := checkFinite(fn, "losses", losses); err != nil {
		return fmt.Errorf("%w; si la pérdida crece sin control, prueba con una tasa de aprendizaje menor", err)
	}
	for i, v := range losses {
		if logY && v <= 0 {
			return fmt.Errorf("%s: Options.LogY necesita valores positivos, pero losses[%d] = %s; quita LogY", fn, i, num(v))
		}
	}
	return nil
}

// lossAlt describe la curva de pérdida con sus números.
func lossAlt(losses []float64) string {
	n := len(losses)
	if n == 1 {
		return fmt.Sprintf("Curva de pérdida: 1 paso, con pérdida %s", num(losses[0]))
	}
	iMin, iMax := argMinMax(losses)
	s := fmt.Sprintf("Curva de pérdida: %d pasos; empieza en %s y termina en %s (mínimo %s en el paso %d",
		n, num(losses[0]), num(losses[n-1]), num(losses[iMin]), iMin)
	if iMax != 0 {
		s += fmt.Sprintf(", máximo %s en el paso %d", num(losses[iMax]), iMax)
	}
	return s + ")"
}

// downsample devuelve los puntos (paso, pérdida) que se dibujan. Si hay más
// de 2·b pasos, los reparte en b tramos y de cada uno conserva el mínimo y el
// máximo, en su orden; además conserva siempre el primer y el último paso.
func downsample(losses []float64, b int) (xs, ys []float64) {
	n := len(losses)
	if n <= 2*b {
		xs = make([]float64, n)
		for i := range xs {
			xs[i] = float64(i)
		}
		return xs, losses
	}
	keep := []int{0}
	for k := range b {
		lo, hi := k*n/b, (k+1)*n/b
		iMin, iMax := argMinMax(losses[lo:hi])
		keep = append(keep, lo+min(iMin, iMax), lo+max(iMin, iMax))
	}
	keep = append(keep, n-1)
	for _, i := range keep {
		xs, ys = append(xs, float64(i)), append(ys, losses[i])
	}
	return xs, ys
}
