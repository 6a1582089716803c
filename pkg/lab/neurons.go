// SPDX-License-Identifier: Apache-2.0

package lab

import "math"

// activeShare es la fracción de la derivada máxima a partir de la cual una
// neurona cuenta como activa en un punto.
const activeShare = 0.05

// derivative devuelve la derivada de la activación en z y su máximo.
func derivative(act string, z float64) (d, max float64) {
	switch act {
	case "ReLU":
		if z > 0 {
			return 1, 1
		}
		return 0, 1
	case "LeakyReLU":
		if z > 0 {
			return 1, 1
		}
		return 0.01, 1
	case "Tanh":
		t := math.Tanh(z)
		return 1 - t*t, 1
	case "Sigmoid":
		s := 1 / (1 + math.Exp(-z))
		return s * (1 - s), 0.25
	default: // Softplus: su derivada es la sigmoide.
		return 1 / (1 + math.Exp(-z)), 1
	}
}

func apply(act string, z float64) float64 {
	switch act {
	case "ReLU":
		return math.Max(z, 0)
	case "LeakyReLU":
		if z > 0 {
			return z
		}
		return 0.01 * z
	case "Tanh":
		return math.Tanh(z)
	case "Sigmoid":
		return 1 / (1 + math.Exp(-z))
	default:
		if z > 20 {
			return z
		}
		return math.Log1p(math.Exp(z))
	}
}

// neurons calcula, con los parámetros actuales del modelo, qué neuronas
// ocultas están vivas y activas sobre los datos de entrenamiento.
func (r *Result) neurons() [][]Neuron {
	s := r.Settings
	if s.HiddenLayers == 0 {
		return nil
	}
	params := r.Model.Parameters() // weight [out, in], bias [out] de cada Linear.
	xs, _ := r.trainingData()
	out := make([][]Neuron, s.HiddenLayers)
	counts := make([][]struct{ alive, active int }, s.HiddenLayers)
	for l := range out {
		out[l] = make([]Neuron, s.Neurons)
		counts[l] = make([]struct{ alive, active int }, s.Neurons)
	}
	for _, x := range xs {
		h := []float64{x}
		for l := 0; l < s.HiddenLayers; l++ {
			w, b := params[2*l], params[2*l+1]
			in := len(h)
			next := make([]float64, s.Neurons)
			for j := range next {
				z := float64(b.Values[j])
				for i := range in {
					z += float64(w.Values[j*in+i]) * h[i]
				}
				d, max := derivative(s.Activation, z)
				if d != 0 {
					counts[l][j].alive++
				}
				if d >= activeShare*max {
					counts[l][j].active++
				}
				next[j] = apply(s.Activation, z)
			}
			h = next
		}
	}
	for l := range out {
		for j := range out[l] {
			c := counts[l][j]
			out[l][j] = Neuron{Alive: c.alive > 0, Active: float64(c.active) / float64(len(xs))}
		}
	}
	return out
}

// AliveCount cuenta las neuronas ocultas vivas y el total (0 y 0 en un
// resultado vacío).
func (r *Result) AliveCount() (alive, total int) {
	if r == nil {
		return 0, 0
	}
	for _, layer := range r.Neurons {
		for _, n := range layer {
			total++
			if n.Alive {
				alive++
			}
		}
	}
	return alive, total
}
