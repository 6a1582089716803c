// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"fmt"
	"image/color"
	"math"
	"neuronas/internal/chart"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Tamaño de las figuras del laboratorio: pequeñas (se muestran a 440×330 px),
// para que dibujarlas no retrase la respuesta a los controles; el PNG tiene el
// doble de píxeles (880×660), como las demás figuras del curso, para que se
// vea nítido en pantallas de alta densidad.
const (
	FigureWidth   = 4.4 * vg.Inch
	FigureHeight  = 3.3 * vg.Inch
	FigureDPI     = 200
	DisplayWidth  = 440 // Ancho en pantalla, en píxeles CSS.
	maxLossPoints = 600 // Puntos de la curva de pérdida (se toma uno de cada tantos pasos).
)

// black es el gris casi negro de las neuronas muertas; los demás colores son los
// de matplotlib (internal/chart), como en pkg/plots.
var black = color.RGBA{0x20, 0x20, 0x20, 0xff}

// Figure es una figura PNG con su texto alternativo en español.
type Figure struct {
	PNG []byte
	Alt string
}

// Figures son las tres figuras de un resultado.
type Figures struct {
	Fit     Figure // Los datos, y = x² y la curva del modelo.
	Loss    Figure // La pérdida de cada paso, en escala logarítmica, con el suelo y la pérdida de y = x².
	Neurons Figure // Las neuronas ocultas: vivas o muertas y cuánto trabajan.
}

// Figures dibuja las figuras del resultado.
func (r *Result) Figures() (Figures, error) {
	var f Figures
	if r == nil || r.Model == nil {
		return f, fmt.Errorf("lab.Result.Figures: el resultado está vacío; obtenlo con lab.Train")
	}
	var err error
	if f.Fit, err = r.fitFigure(); err != nil {
		return f, err
	}
	if f.Loss, err = r.lossFigure(); err != nil {
		return f, err
	}
	f.Neurons, err = r.neuronsFigure()
	return f, err
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Label.Text, p.Y.Label.Text = x, y
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(10)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = color.Gray{0xd8}, color.Gray{0xd8}
	p.Add(g)
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Legend.Top = true
	return p
}

func render(p *plot.Plot, alt string) (fig Figure, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("lab.Result.Figures: gonum/plot no pudo dibujar la figura (%v)", e)
		}
	}()
	out, err := chart.PNG(FigureWidth, FigureHeight, FigureDPI, p.Draw)
	if err != nil {
		return Figure{}, fmt.Errorf("lab.Result.Figures: no se pudo codificar el PNG: %w", err)
	}
	return Figure{PNG: out, Alt: alt}, nil
}

func (r *Result) fitFigure() (Figure, error) {
	d := r.Data
	lo, hi := math.Inf(1), math.Inf(-1)
	pts := make(plotter.XYs, len(d.X))
	for i := range d.X {
		pts[i] = plotter.XY{X: d.X[i], Y: d.Y[i]}
		lo, hi = math.Min(lo, d.X[i]), math.Max(hi, d.X[i])
	}
	const n = 100
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/(n-1)
	}
	ys, err := r.Predict(xs)
	if err != nil {
		return Figure{}, fmt.Errorf("lab.Result.Figures: %w", err)
	}
	model, truth := make(plotter.XYs, n), make(plotter.XYs, n)
	for i, x := range xs {
		model[i] = plotter.XY{X: x, Y: ys[i]}
		truth[i] = plotter.XY{X: x, Y: x * x}
	}
	p := newPlot("Datos y ajuste", "x", "y")
	sc, _ := plotter.NewScatter(pts)
	sc.GlyphStyle.Color, sc.GlyphStyle.Shape, sc.GlyphStyle.Radius = chart.Red, draw.CircleGlyph{}, vg.Points(2.2)
	tl, _ := plotter.NewLine(truth)
	tl.Color, tl.Width, tl.Dashes = chart.Gray, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(3)}
	ml, _ := plotter.NewLine(model)
	ml.Color, ml.Width = chart.Blue, vg.Points(2)
	p.Add(sc, tl, ml)
	p.Legend.Left = true
	p.Legend.Add("datos", sc)
	p.Legend.Add("y = x²", tl)
	p.Legend.Add("modelo", ml)
	alt := fmt.Sprintf("Datos y ajuste: %d puntos de y = x² con ruido, x entre %.2f y %.2f; la curva del modelo va de %s en x = %.2f a %s en x = %.2f (y = x² va de %.1f a %.1f).",
		len(d.X), lo, hi, num(ys[0]), lo, num(ys[n-1]), hi, lo*lo, hi*hi)
	return render(p, alt)
}

func (r *Result) lossFigure() (Figure, error) {
	p := newPlot("Pérdida (escala logarítmica)", "paso", "pérdida MSE")
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	stride := max(1, len(r.Losses)/maxLossPoints)
	var pts plotter.XYs
	for i := 0; i < len(r.Losses); i += stride {
		pts = append(pts, plotter.XY{X: float64(i), Y: math.Max(r.Losses[i], 1e-12)})
	}
	if n := len(r.Losses); n > 0 && (n-1)%stride != 0 {
		pts = append(pts, plotter.XY{X: float64(n - 1), Y: math.Max(r.Losses[n-1], 1e-12)})
	}
	steps := float64(max(r.Settings.Steps, 1))
	level := func(v float64) plotter.XYs {
		v = math.Max(v, 1e-12)
		return plotter.XYs{{X: 0, Y: v}, {X: steps, Y: v}}
	}
	// El suelo (la mejor predicción posible) a trazos; la pérdida de y = x², de puntos.
	fl, _ := plotter.NewLine(level(r.Floor))
	fl.Color, fl.Width, fl.Dashes = chart.Gray, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(3)}
	tl, _ := plotter.NewLine(level(r.TrueLoss))
	tl.Color, tl.Width, tl.Dashes = chart.Gray, vg.Points(1), []vg.Length{vg.Points(1), vg.Points(2)}
	p.Add(fl, tl)
	p.Legend.Add(fmt.Sprintf("suelo: mejor predicción (%s)", lossText(r.Floor)), fl)
	p.Legend.Add(fmt.Sprintf("y = x² (%s)", lossText(r.TrueLoss)), tl)
	levels := fmt.Sprintf("el suelo (la pérdida de la mejor predicción posible) es %s y la de y = x², %s", lossText(r.Floor), lossText(r.TrueLoss))
	alt := fmt.Sprintf("Pérdida en escala logarítmica: todavía no hay pasos; %s.", levels)
	if len(pts) > 0 {
		ll, _ := plotter.NewLine(pts)
		ll.Color, ll.Width = chart.Blue, vg.Points(1.5)
		p.Add(ll)
		p.Legend.Add("pérdida", ll)
		alt = fmt.Sprintf("Pérdida en escala logarítmica a lo largo de %d pasos: empieza en %s y acaba en %s; %s.",
			len(r.Losses), lossText(r.Losses[0]), lossText(r.FinalLoss()), levels)
	}
	p.X.Min, p.X.Max = 0, steps
	p.Y.Min *= 0.8 // Un poco de aire bajo el suelo, que suele ser lo más bajo de la figura.
	p.X.Tick.Marker = intTicks{}
	return render(p, alt)
}

func (r *Result) neuronsFigure() (Figure, error) {
	p := newPlot("Neuronas ocultas", "capa oculta", "neurona")
	p.HideY()
	if len(r.Neurons) == 0 {
		p.X.Min, p.X.Max = 0, 2
		p.Y.Min, p.Y.Max = 0, 1
		l, _ := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: 0.2, Y: 0.5}}, Labels: []string{"sin capas ocultas: una recta"}})
		p.Add(l)
		return render(p, "Neuronas ocultas: la red no tiene capas ocultas; es una sola Linear(1, 1), una recta.")
	}
	var alivePts, deadPts plotter.XYs
	var activity []float64
	for l, layer := range r.Neurons {
		for j, n := range layer {
			xy := plotter.XY{X: float64(l), Y: float64(len(layer) - j)}
			if n.Alive {
				alivePts = append(alivePts, xy)
				activity = append(activity, n.Active)
			} else {
				deadPts = append(deadPts, xy)
			}
		}
	}
	radius := vg.Points(math.Max(2.5, math.Min(9, 110/float64(r.Settings.Neurons+1))))
	if len(alivePts) > 0 {
		sc, _ := plotter.NewScatter(alivePts)
		sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
			a := activity[i]
			// Verde más intenso cuanto más trabaja la neurona.
			c := color.RGBA{uint8(200 - 156*a), uint8(235 - 75*a), uint8(200 - 156*a), 0xff}
			return draw.GlyphStyle{Color: c, Shape: draw.CircleGlyph{}, Radius: radius}
		}
		p.Add(sc)
		p.Legend.Add("viva (más oscura: activa en más puntos)", thumb{chart.Green, draw.CircleGlyph{}})
	}
	if len(deadPts) > 0 {
		sc, _ := plotter.NewScatter(deadPts)
		sc.GlyphStyle = draw.GlyphStyle{Color: black, Shape: draw.CrossGlyph{}, Radius: radius}
		p.Add(sc)
		p.Legend.Add("muerta (no pasa gradiente)", thumb{black, draw.CrossGlyph{}})
	}
	p.Y.Min, p.Y.Max = 0.3, float64(r.Settings.Neurons)+0.7+0.25*float64(r.Settings.Neurons+2)
	p.NominalX(nominal(len(r.Neurons))...)
	p.X.Min, p.X.Max = -0.6, float64(len(r.Neurons))-0.4
	alive, total := r.AliveCount()
	alt := fmt.Sprintf("Neuronas ocultas: %d de %d vivas.", alive, total)
	for l, layer := range r.Neurons {
		dead := 0
		var act float64
		for _, n := range layer {
			if !n.Alive {
				dead++
			}
			act += n.Active
		}
		alt += fmt.Sprintf(" Capa %d: %d muertas, activas de media en el %.0f %% de los puntos.", l+1, dead, 100*act/float64(len(layer)))
	}
	return render(p, alt)
}

func nominal(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i + 1)
	}
	return out
}

// intTicks son las marcas por defecto con etiquetas enteras (pasos).
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = fmt.Sprintf("%.0f", ticks[i].Value)
		}
	}
	return ticks
}

// num escribe un número con una cifra decimal, sin «-0.0».
func num(v float64) string {
	if math.Abs(v) < 0.05 {
		return "0.0"
	}
	return fmt.Sprintf("%.1f", v)
}

// thumb dibuja el símbolo de la leyenda.
type thumb struct {
	c     color.Color
	shape draw.GlyphDrawer
}

func (t thumb) Thumbnail(c *draw.Canvas) {
	c.DrawGlyph(draw.GlyphStyle{Color: t.c, Shape: t.shape, Radius: vg.Points(3.5)}, c.Center())
}
