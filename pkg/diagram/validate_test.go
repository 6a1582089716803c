// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestValidateErrors(t *testing.T) {
	img := Layer{Kind: Input, Width: 8, Height: 8, Channels: 1}
	conv := Layer{Kind: Conv, Kernel: 3, Width: 6, Height: 6, Channels: 4}
	tests := []struct {
		name string
		net  Network
		want string
	}{
		{"sin capas", Network{Title: "vacía"}, "no tiene capas"},
		{"MLP sin tamaños", MLP(), `la red "Perceptrón multicapa" no tiene capas; añade al menos la entrada en Layers (Kind: diagram.Input), o pasa los tamaños a diagram.MLP, como diagram.MLP(1, 5, 1)`},
		{"sin entrada", Layers("x", Layer{Kind: Dense, Units: 3}), "Layers[0] es Dense"},
		{"dos entradas", Layers("x", img, img), "solo la primera capa puede ser la entrada"},
		{"tipo inexistente", Layers("x", img, Layer{Kind: Kind(9)}), "Kind = 9"},
		{"densa sin neuronas", Layers("x", img, Layer{Kind: Dense}), "Layers[1] (Dense) tiene Units = 0"},
		{"tamaño negativo", MLP(3, -1), "Units = -1"},
		{"mapa sin tamaño", Layers("x", img, Layer{Kind: Conv, Kernel: 3}), "Layers[1] (Conv) mide 0×0×0"},
		{"entrada vacía", Layers("x", Layer{Kind: Input}), "Layers[0] (Input) mide 0×0×0"},
		{"entrada doble", Layers("x", Layer{Kind: Input, Units: 3, Width: 2}), "a la vez Units y Width"},
		{"kernel negativo", Layers("x", img, Layer{Kind: Conv, Kernel: -3, Width: 6, Height: 6, Channels: 4}), "Kernel = -3"},
		{"salto fuera de rango", Network{Layers: []Layer{img, conv}, Skips: []Skip{{0, 99}}}, "Skips[0] va de la capa 0 a la 99, pero solo hay capas de la 0 a la 1"},
		{"salto negativo", Network{Layers: []Layer{img, conv}, Skips: []Skip{{-1, 1}}}, "Skips[0]"},
		{"salto hacia atrás", Network{Layers: []Layer{img, conv, conv}, Skips: []Skip{{2, 1}}}, "From tiene que ser menor que To"},
		{"grupo fuera de rango", Network{Layers: []Layer{img, conv}, Groups: []Group{{0, 5, "a"}}}, "Groups[0] abarca de la capa 0 a la 5"},
		{"grupo sin nombre", Network{Layers: []Layer{img, conv}, Groups: []Group{{0, 1, ""}}}, "Groups[0] no tiene nombre"},
		{"grupo en MLP", Network{Layout: NeuronLevel, Layers: MLP(2, 2).Layers, Groups: []Group{{0, 1, "a"}}}, "Groups solo se dibujan"},
		{"MLP demasiado grande", MLP(3, 17, 2), "Layers[1] tiene 17 neuronas"},
		{"MLP con imagen", Network{Layout: NeuronLevel, Layers: []Layer{img, {Kind: Dense, Units: 2}}}, "solo admite una entrada vectorial"},
		{"MLP con saltos", Network{Layout: NeuronLevel, Layers: MLP(2, 2, 2).Layers, Skips: []Skip{{0, 2}}}, "no admite conexiones de salto"},
		{"U con densa", Network{Layout: UShaped, Layers: []Layer{img, {Kind: Dense, Units: 2}}}, "el esquema en U solo admite mapas"},
		{"U sube demasiado", Network{Layout: UShaped, Layers: []Layer{img, {Kind: UpConv, Width: 16, Height: 16, Channels: 1}}}, "sube por encima del nivel de la entrada"},
		{"Layout inexistente", Network{Layout: Layout(7), Layers: []Layer{img}}, "Layout = 7"},
		{"100.000 capas", MLP(make([]int, 100_000)...), "la red tiene 100000 capas y un dibujo admite como mucho 100"},
		{"muchas capas por capas", Layers("x", append([]Layer{img}, slices.Repeat([]Layer{conv}, 200)...)...), "201 capas"},
		{"muchos saltos", Network{Layers: []Layer{img, conv, conv}, Skips: slices.Repeat([]Skip{{0, 2}}, 101)}, "hay 101 Skips"},
		{"título con control", Network{Title: "red\x1b[31m", Layers: []Layer{img}}, "Title tiene un carácter de control (U+001B)"},
		{"título con salto", Network{Title: "a\nb", Layers: []Layer{img}}, "U+000A"},
		{"título larguísimo", Network{Title: strings.Repeat("a", 201), Layers: []Layer{img}}, "Title tiene 201 caracteres"},
		{"título no UTF-8", Network{Title: "a\xffb", Layers: []Layer{img}}, "Title no es texto UTF-8 válido"},
		{"etiqueta con control", Layers("x", img, Layer{Kind: Conv, Width: 6, Height: 6, Channels: 4, Label: "a\x00"}), "Layers[1].Label tiene un carácter de control"},
		{"activación con control", Layers("x", img, Layer{Kind: Dense, Units: 2, Activation: "\x7f"}), "Layers[1].Activation"},
		{"grupo con control", Network{Layers: []Layer{img, conv}, Groups: []Group{{0, 1, "a\tb"}}}, "Groups[0].Label tiene un carácter de control"},
		{"unidades enormes", Layers("x", img, Layer{Kind: Dense, Units: 1 << 40}), "Units = 1099511627776, más de los 1000000000"},
		{"canales enormes", Layers("x", Layer{Kind: Input, Width: 8, Height: 8, Channels: math.MaxInt}), "Layers[0] tiene Channels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.net.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, se esperaba un error con %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "diagram.Network.Validate: ") {
				t.Errorf("Validate() = %q, se esperaba que contuviera %q", err, tt.want)
			}
			if svg, err2 := tt.net.SVG(); err2 == nil || svg != "" {
				t.Errorf("SVG() no devolvió el error de Validate: %v", err2)
			}
			if err3 := tt.net.Show(); err3 == nil {
				t.Errorf("Show() no devolvió el error de Validate")
			}
		})
	}
}

func TestMLPTooBigSuggestsLayered(t *testing.T) {
	err := MLP(784, 64, 10).Validate()
	if err == nil || !strings.Contains(err.Error(), "diagram.Layered") {
		t.Fatalf("MLP(784, 64, 10): se esperaba un error que sugiera diagram.Layered, no %v", err)
	}
	n := MLP(784, 64, 10)
	n.Layout = Layered
	if err := n.Validate(); err != nil {
		t.Fatalf("la misma red por capas debería valer: %v", err)
	}
}

func TestPresetsAreValid(t *testing.T) {
	for name, n := range presets() {
		if err := n.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// presets son las descripciones que se prueban en los tests de dibujo.
func presets() map[string]Network {
	return map[string]Network{
		"AlexNet":       AlexNet(),
		"Autoencoder":   Autoencoder(),
		"UNet":          UNet(),
		"Perceptron":    Perceptron(),
		"MLP 1-5-5-5-1": MLP(1, 5, 5, 5, 1),
		"MLP 16-16-2":   MLP(16, 16, 2),
		"MLP 1":         MLP(1),
		"residual": {Title: "Bloques residuales", Layers: []Layer{
			{Kind: Input, Width: 32, Height: 32, Channels: 3},
			{Kind: Conv, Kernel: 3, Width: 32, Height: 32, Channels: 16},
			{Kind: Conv, Kernel: 3, Width: 32, Height: 32, Channels: 16},
			{Kind: Conv, Kernel: 3, Width: 32, Height: 32, Channels: 16},
			{Kind: Pool, Kernel: 2, Stride: 2, Width: 16, Height: 16, Channels: 16},
			{Kind: Conv, Kernel: 3, Width: 16, Height: 16, Channels: 32},
			{Kind: Conv, Kernel: 3, Width: 16, Height: 16, Channels: 32},
			{Kind: Dense, Units: 10, Activation: "softmax"},
		}, Skips: []Skip{{1, 3}, {4, 6}}},
		"solo entrada": Layers("Entrada", Layer{Kind: Input, Width: 28, Height: 28, Channels: 1}),
		"pool al final": Layers("Pool", Layer{Kind: Input, Width: 28, Height: 28, Channels: 1},
			Layer{Kind: Pool, Kernel: 2, Width: 14, Height: 14, Channels: 1}),
	}
}
