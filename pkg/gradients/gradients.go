// SPDX-License-Identifier: Apache-2.0

// Package gradients calcula e imprime el gradiente de la pérdida respecto a
// cada parámetro de un modelo, como la celda In [35] del curso:
//
//	loss = torch.nn.MSELoss()(model(x_true), y_true)
//	loss.backward()
//	print([param.grad for param in model.parameters()])
//
// Aquí [Of] hace el forward, la pérdida y el backward, y [Report] lo muestra
// capa a capa, con las formas de PyTorch, para que los gradientes nulos (el
// gradiente «perdido» de una red ReLU) salten a la vista.
package gradients

import (
	"fmt"
	"math"
	"strings"

	"github.com/gomlx/gomlx/core/graph"

	"neuronas/internal/engine"
	"neuronas/pkg/nn"
	"neuronas/pkg/train"
)

// models es el puente del motor hacia las tripas de nn.Model (ver
// internal/engine/bridge.go).
var models = engine.Models[*nn.Model, nn.Parameter]()

// Gradients son los gradientes de la pérdida respecto a los parámetros de un
// modelo, en el orden de model.parameters() de PyTorch.
type Gradients struct {
	Loss   float64        // Valor de la pérdida en ese punto.
	Params []nn.Parameter // Un gradiente por parámetro, con su nombre y forma.
}

// Of calcula la pérdida del modelo sobre (xTrue, yTrue) y su gradiente respecto
// a cada parámetro, sin modificar el modelo.
func Of[T nn.Batch](model *nn.Model, xTrue, yTrue T, lossFn train.Loss) (*Gradients, error) {
	if model == nil {
		return nil, fmt.Errorf("gradients.Of: model es nil; pasa el modelo entrenado (por ejemplo, el que recuperas con nn.Load)")
	}
	if lossFn == nil {
		return nil, fmt.Errorf("gradients.Of: lossFn es nil; usa train.MSELoss")
	}
	net, x, y, err := models.Prepare(model, xTrue, yTrue)
	if err != nil {
		return nil, fmt.Errorf("gradients.Of: %w", err)
	}
	outs, err := engine.Run(func(in []*graph.Node) []*graph.Node {
		params := in[2:]
		pred := engine.Forward(net.Layers, params, in[0])
		loss, dPred := lossFn(pred, in[1])
		engine.CheckLoss(loss, dPred, pred)
		return append([]*graph.Node{loss}, graph.Gradient(loss, params...)...)
	}, x, y, net.Tensors())
	if err != nil {
		return nil, fmt.Errorf("gradients.Of: %w", err)
	}
	packed, err := net.FromTensors(outs[1:])
	if err != nil {
		return nil, fmt.Errorf("gradients.Of: %w", err)
	}
	params := models.Named(model, packed)
	loss := float64(outs[0].Value().(float32))
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return nil, fmt.Errorf("gradients.Of: la pérdida es %v (no es un número finito): los datos o los parámetros del modelo "+
			"son tan grandes que el cálculo en float32 se desborda; usa datos de valores más pequeños (normalizados)", loss)
	}
	return &Gradients{Loss: loss, Params: params}, nil
}

// Zeros cuenta cuántos valores de gradiente son exactamente 0 y cuántos hay en total.
func (g *Gradients) Zeros() (zeros, total int) {
	if g == nil {
		return 0, 0
	}
	for _, p := range g.Params {
		for _, v := range p.Values {
			if v == 0 {
				zeros++
			}
		}
		total += len(p.Values)
	}
	return zeros, total
}

// Report escribe los gradientes capa a capa: nombre, forma, valores (con
// cuatro decimales, como PyTorch) y cuántos son exactamente cero.
func (g *Gradients) Report() string {
	if g == nil || len(g.Params) == 0 {
		return "no hay gradientes: calcúlalos con gradients.Of(model, xTrue, yTrue, train.MSELoss)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pérdida: %.4f\n", g.Loss)
	for _, p := range g.Params {
		zeros := 0
		for _, v := range p.Values {
			if v == 0 {
				zeros++
			}
		}
		fmt.Fprintf(&b, "%-9s %-7s %2d de %2d a cero, máx |grad| = %.4g\n", p.Name, shape(p.Shape), zeros, len(p.Values), maxAbs(p.Values))
		b.WriteString(matrix(p))
	}
	zeros, total := g.Zeros()
	fmt.Fprintf(&b, "en total, %d de %d gradientes son exactamente 0 (%.0f %%)", zeros, total, 100*float64(zeros)/float64(total))
	return b.String()
}

// String es lo mismo que [Gradients.Report].
func (g *Gradients) String() string { return g.Report() }

func shape(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = fmt.Sprint(d)
	}
	return "[" + strings.Join(parts, "×") + "]"
}

func maxAbs(v []float32) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(float64(x)))
	}
	return m
}

// matrix escribe los valores fila a fila, con 4 decimales como PyTorch.
func matrix(p nn.Parameter) string {
	cols := len(p.Values)
	if len(p.Shape) > 0 && p.Shape[len(p.Shape)-1] > 0 {
		cols = p.Shape[len(p.Shape)-1]
	}
	var b strings.Builder
	for i := 0; i < len(p.Values); i += cols {
		b.WriteString("    [")
		for j, v := range p.Values[i:min(i+cols, len(p.Values))] {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(number(v))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func number(v float32) string {
	s := fmt.Sprintf("%7.4f", v)
	if v != 0 && strings.Trim(s, " -0.") == "" {
		return fmt.Sprintf("%7.0e", v) // Distinto de cero, aunque pequeño: que no parezca un 0.
	}
	return s
}
