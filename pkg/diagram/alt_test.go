// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"slices"
	"strings"
	"testing"
)

func TestOpText(t *testing.T) {
	tests := []struct {
		layer Layer
		lines []string
		label string
	}{
		{Layer{Kind: Conv, Kernel: 11, Stride: 4}, []string{"conv 11×11", "paso 4"}, "conv 11×11, paso 4"},
		{Layer{Kind: Conv, Kernel: 3, Activation: "ReLU"}, []string{"conv 3×3", "+ ReLU"}, "conv 3×3 + ReLU"},
		{Layer{Kind: Conv, Kernel: 3, Stride: 2, Activation: "ReLU"}, []string{"conv 3×3", "paso 2 + ReLU"}, "conv 3×3, paso 2 + ReLU"},
		{Layer{Kind: Pool, Kernel: 2}, []string{"max pool 2×2"}, "max pool 2×2"},
		{Layer{Kind: UpConv}, []string{"up-conv"}, "up-conv"},
		{Layer{Kind: Dense, Units: 3, Activation: "ReLU"}, nil, ""},
		{Layer{Kind: Input, Units: 3}, nil, ""},
	}
	for _, tt := range tests {
		if got := opLines(tt.layer); !slices.Equal(got, tt.lines) {
			t.Errorf("opLines(%+v) = %q, se esperaba %q", tt.layer, got, tt.lines)
		}
		if got := opLabel(tt.layer); got != tt.label {
			t.Errorf("opLabel(%+v) = %q, se esperaba %q", tt.layer, got, tt.label)
		}
	}
}

func TestSpanishHelpers(t *testing.T) {
	if got := listY([]string{"a", "b", "c"}); got != "a, b y c" {
		t.Errorf("listY = %q", got)
	}
	if got := numbers([]int{5, 5, 5}); got != "5" {
		t.Errorf("numbers iguales = %q", got)
	}
	if got := numbers([]int{1, 2, 3, 4, 5, 6, 7}); got != "entre 1 y 7" {
		t.Errorf("numbers muchos = %q", got)
	}
	if got := subscript(12); got != "₁₂" {
		t.Errorf("subscript(12) = %q", got)
	}
}

func TestAltNamesTheArchitecture(t *testing.T) {
	tests := map[string][]string{
		"AlexNet":     {"AlexNet", "224×224×3", "5 capas convolucionales", "3 capas densas de 4096, 4096 y 1000 neuronas"},
		"Autoencoder": {"código latente: capa densa de 16 neuronas", "codificador y decodificador"},
		"UNet":        {"esquema en U", "4 conexiones de salto", "28×28×1024"},
		"Perceptron":  {"3 entradas (círculos rojos)", "2 salidas (círculos azules)", "30 conexiones"},
	}
	for name, wants := range tests {
		alt := presets()[name].Alt()
		for _, w := range wants {
			if !strings.Contains(alt, w) {
				t.Errorf("%s: Alt() = %q, falta %q", name, alt, w)
			}
		}
	}
}

// Un título de solo espacios cuenta como vacío en el texto alternativo
// (antes: «   , esquema por capas: …»).
func TestAltBlankTitle(t *testing.T) {
	n := MLP(1, 2, 1)
	n.Title = "   "
	if alt := n.Alt(); !strings.HasPrefix(alt, "Red neuronal, esquema neurona a neurona: ") {
		t.Errorf("Alt = %q", alt)
	}
}
