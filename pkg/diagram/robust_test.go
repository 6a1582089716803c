package diagram

import (
	"math/rand/v2"
	"strings"
	"testing"
)

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
			if !strings.HasPrefix(err.Error(), "diagram: ") {
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
