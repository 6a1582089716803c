// SPDX-License-Identifier: Apache-2.0

package diagram

import (
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"neuronas/pkg/show"
)

// elements cuenta los elementos del SVG por «nombre.clase» (o solo
// «nombre» si no tienen clase) y comprueba que el XML está bien formado.
func elements(t *testing.T, svg string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return counts
		}
		if err != nil {
			t.Fatalf("el SVG no es XML bien formado: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			key := se.Name.Local
			for _, a := range se.Attr {
				if a.Name.Local == "class" {
					key += "." + a.Value
				}
			}
			counts[key]++
		}
	}
}

func mustSVG(t *testing.T, n Network) string {
	t.Helper()
	svg, err := n.SVG()
	if err != nil {
		t.Fatalf("%s: %v", n.Title, err)
	}
	return svg
}

func TestMLPStructure(t *testing.T) {
	tests := []struct {
		sizes          []int
		neurons, links int
	}{
		{[]int{3, 4, 3, 2}, 12, 3*4 + 4*3 + 3*2},
		{[]int{1, 5, 5, 5, 1}, 17, 5 + 25 + 25 + 5},
		{[]int{2}, 2, 0},
	}
	for _, tt := range tests {
		c := elements(t, mustSVG(t, MLP(tt.sizes...)))
		if c["circle.neurona"] != tt.neurons || c["circle"] != 0 {
			t.Errorf("MLP%v: %d círculos de neurona (y %d otros), se esperaban %d", tt.sizes, c["circle.neurona"], c["circle"], tt.neurons)
		}
		if c["line.conexion"] != tt.links {
			t.Errorf("MLP%v: %d conexiones, se esperaban %d", tt.sizes, c["line.conexion"], tt.links)
		}
	}
}

func TestLayeredStructure(t *testing.T) {
	c := elements(t, mustSVG(t, AlexNet()))
	// Entrada y 5 convoluciones como cajas; los Pool van sobre las flechas.
	if c["g.mapa"] != 6 || c["rect.densa"] != 3 || c["g.flecha"] != 8 || c["path.grupo"] != 2 {
		t.Errorf("AlexNet: %d cajas, %d densas, %d flechas, %d llaves; se esperaban 6, 3, 8 y 2",
			c["g.mapa"], c["rect.densa"], c["g.flecha"], c["path.grupo"])
	}
	c = elements(t, mustSVG(t, Autoencoder()))
	if c["rect.densa"] != 7 || c["g.mapa"] != 0 {
		t.Errorf("Autoencoder: %d rectángulos, se esperaban 7", c["rect.densa"])
	}
	c = elements(t, mustSVG(t, presets()["residual"]))
	if c["path.salto"] != 2 {
		t.Errorf("residual: %d saltos, se esperaban 2", c["path.salto"])
	}
}

func TestUNetStructure(t *testing.T) {
	n := UNet()
	c := elements(t, mustSVG(t, n))
	if c["rect.mapa"] != len(n.Layers) || c["rect.copia"] != 4 || c["g.salto"] != 4 {
		t.Errorf("U-Net: %d barras, %d copias, %d saltos; se esperaban %d, 4 y 4",
			c["rect.mapa"], c["rect.copia"], c["g.salto"], len(n.Layers))
	}
	if c["g.flecha"] != len(n.Layers)-1 || c["g.leyenda"] != 5 {
		t.Errorf("U-Net: %d flechas y %d entradas de leyenda; se esperaban %d y 5", c["g.flecha"], c["g.leyenda"], len(n.Layers)-1)
	}
}

// shown devuelve el ancho con que se muestra el SVG (su atributo width) y
// cuántos píxeles de pantalla mide una unidad del dibujo.
func shown(t *testing.T, svg string) (width, scale float64) {
	t.Helper()
	var viewW float64
	i, j := strings.Index(svg, ` width="`), strings.Index(svg, ` viewBox="`)
	if i < 0 || j < 0 {
		t.Fatalf("el SVG no tiene width o viewBox: %.200s", svg)
	}
	fmt.Sscanf(svg[i:], ` width="%g"`, &width)
	fmt.Sscanf(svg[j:], ` viewBox="0 0 %g`, &viewW)
	return width, width / viewW
}

// TestShownWidth: los esquemas se muestran al ancho de las gráficas
// (show.DisplayWidth) y solo los muy largos, como AlexNet, algo más, hasta
// 800 píxeles, para que sus textos se lean.
func TestShownWidth(t *testing.T) {
	for name, n := range presets() {
		width, scale := shown(t, mustSVG(t, n))
		if width < show.DisplayWidth || width > 800 || (scale > 0.8 && width != show.DisplayWidth) {
			t.Errorf("%s: se muestra a %g px (%.2f px por unidad); se esperaban %d, o hasta 800 si el dibujo es largo", name, width, scale, show.DisplayWidth)
		}
	}
}

// TestUNetSizesLegible comprueba que cada barra de U-Net lleva su tamaño
// (572×572...) girado dentro de ella, y que esas cifras se leen en el
// cuaderno: al menos 10 píxeles de letra al ancho con que se muestra la
// figura, y la barra más estrecha es más ancha que el alto de las cifras.
func TestUNetSizesLegible(t *testing.T) {
	const minPx = 10.0
	n := UNet()
	svg := mustSVG(t, n)
	if got := elements(t, svg)["text.medida"]; got != len(n.Layers) {
		t.Errorf("U-Net: %d barras con su tamaño escrito, se esperaban las %d", got, len(n.Layers))
	}
	if width, scale := shown(t, svg); uNumSize*scale < minPx {
		t.Errorf("U-Net: los tamaños se ven a %.1f px con la figura a %g px de ancho; se esperaban al menos %g", uNumSize*scale, width, minPx)
	}
	g := n.uLayout()
	for i, bw := range g.w {
		if bw < 0.72*uNumSize+2 {
			t.Errorf("U-Net: la barra %d mide %.1f de ancho y las cifras de %g no caben dentro", i, bw, uNumSize)
		}
	}
}

// TestSelfContained comprueba que cada SVG es XML válido, tiene viewBox,
// ancho, letra genérica y el texto alternativo, y no carga nada de fuera.
func TestSelfContained(t *testing.T) {
	for name, n := range presets() {
		svg := mustSVG(t, n)
		elements(t, svg)
		for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg"`, `viewBox="0 0 `, `width="`, `font-family="sans-serif"`, "<title>" + escape(n.Alt()) + "</title>"} {
			if !strings.Contains(svg, want) {
				t.Errorf("%s: falta %q", name, want)
			}
		}
		for _, bad := range []string{"<script", "<style", "href", "url(", "@import", "NaN", "Inf"} {
			if strings.Contains(svg, bad) {
				t.Errorf("%s: el SVG contiene %q", name, bad)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for name, n := range presets() {
		first := mustSVG(t, n)
		for range 3 {
			if again := mustSVG(t, presets()[name]); again != first {
				t.Fatalf("%s: la misma descripción dio dos SVG distintos", name)
			}
		}
	}
}

func TestEditedPresetChangesDrawing(t *testing.T) {
	n := Autoencoder()
	n.Layers[3].Units = 2
	a, b := mustSVG(t, Autoencoder()), mustSVG(t, n)
	if a == b || !strings.Contains(b, ">2</text>") {
		t.Errorf("cambiar el código latente a 2 no cambió el dibujo")
	}
}

// TestRandomDescriptionsNeverPanic dibuja muchas descripciones al azar
// (válidas o no): nunca debe haber un pánico, y si no hay error el SVG debe
// ser XML bien formado y sin números raros.
func TestRandomDescriptionsNeverPanic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := randomNetwork(r)
		svg, err := n.SVG()
		_ = n.Alt()
		if err != nil {
			if !strings.HasPrefix(err.Error(), "diagram.Network.Validate: ") {
				t.Fatalf("error sin prefijo: %v", err)
			}
			continue
		}
		elements(t, svg)
		if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") {
			t.Fatalf("SVG con NaN o Inf para %+v", n)
		}
	}
}

// randomNetwork hace una descripción al azar, casi siempre válida pero con
// algún fallo de vez en cuando.
func randomNetwork(r *rand.Rand) Network {
	size := func() int {
		if r.IntN(40) == 0 {
			return -r.IntN(3)
		}
		return 1 + r.IntN(300)
	}
	n := Network{Title: "Red <al azar> & \"cosas\"", Layout: Layout(r.IntN(3))}
	if r.IntN(40) == 0 {
		n.Layout = -1
	}
	for i := range r.IntN(12) {
		l := Layer{Kind: Kind(1 + r.IntN(4)), Kernel: r.IntN(6), Stride: r.IntN(4), Activation: "ReLU", Label: "«etiqueta»"}
		if i == 0 {
			l.Kind = Input
		}
		if r.IntN(60) == 0 {
			l.Kind = Kind(r.IntN(7) - 1)
		}
		if l.Kind == Dense || (l.Kind == Input && r.IntN(2) == 0) {
			l.Units = size() % 20
		} else {
			l.Width, l.Height, l.Channels = size(), size(), size()
		}
		n.Layers = append(n.Layers, l)
	}
	for range r.IntN(3) {
		a := r.IntN(len(n.Layers) + 1)
		n.Skips = append(n.Skips, Skip{a, a + 1 + r.IntN(4)})
	}
	if r.IntN(3) == 0 {
		n.Groups = append(n.Groups, Group{r.IntN(5), r.IntN(12), "grupo"})
	}
	return n
}
