// SPDX-License-Identifier: Apache-2.0

package plots

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"testing"
)

// spikyLoss es como la pérdida de la red 1-1-1 del curso: baja enseguida y se
// queda en una meseta con picos cada pocos pasos, así que cada uno de los 1000
// tramos de [downsample] da un segmento vertical alto. Es el caso en que el
// rasterizador de freetype se vuelve cuadrático.
func spikyLoss() []float64 {
	losses := make([]float64, 50000)
	for i := range losses {
		t := float64(i)
		losses[i] = 1800*math.Exp(-t/300) + 105
		if i%7 == 0 {
			losses[i] += 300 + 250*math.Sin(t/900)
		}
	}
	return losses
}

func decodePNG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// renderUnchunked dibuja con la línea en un solo trazo, como antes.
func renderUnchunked(t testing.TB, losses []float64) []byte {
	t.Helper()
	old := strokeChunk
	strokeChunk = math.MaxInt
	defer func() { strokeChunk = old }()
	png, _, err := RenderLoss(losses)
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// Dibujar una curva larga en tramos no debe cambiar lo que se ve: como mucho
// unos pocos píxeles del borde de la línea en las uniones de los tramos.
func TestChunkedLineLooksTheSame(t *testing.T) {
	losses := longLoss()
	chunked, _, err := RenderLoss(losses)
	if err != nil {
		t.Fatal(err)
	}
	a, b := decodePNG(t, chunked), decodePNG(t, renderUnchunked(t, losses))
	if a.Bounds() != b.Bounds() {
		t.Fatalf("tamaños distintos: %v y %v", a.Bounds(), b.Bounds())
	}
	differ, total := 0, a.Bounds().Dx()*a.Bounds().Dy()
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				differ++
			}
		}
	}
	t.Logf("cambian %d de %d píxeles", differ, total)
	if differ > total/2000 {
		t.Errorf("cambian %d de %d píxeles al dibujar en tramos; quiero como mucho %d", differ, total, total/2000)
	}
	if differ == total {
		t.Error("la figura en tramos no se parece en nada a la original")
	}
}

func TestChunkedLineParts(t *testing.T) {
	xs, ys := downsample(spikyLoss(), buckets)
	l, err := series{xs: xs, ys: ys, color: blue}.plotter()
	if err != nil {
		t.Fatal(err)
	}
	c, ok := l.(chunkedLine)
	if !ok {
		t.Fatalf("una línea de %d puntos debería dibujarse en tramos; es %T", len(xs), l)
	}
	covered := 0
	for i, p := range c.parts {
		if len(p.XYs)-1 > strokeChunk+1 {
			t.Errorf("el tramo %d tiene %d segmentos; quiero como mucho %d", i, len(p.XYs)-1, strokeChunk+1)
		}
		if i > 0 && p.XYs[0] != c.parts[i-1].XYs[len(c.parts[i-1].XYs)-2] {
			t.Errorf("el tramo %d no empieza en el penúltimo punto del anterior", i)
		}
		covered += len(p.XYs) - 2
	}
	if last := c.parts[len(c.parts)-1].XYs; last[len(last)-1] != c.XYs[len(c.XYs)-1] {
		t.Error("el último tramo no acaba en el último punto")
	}
	if covered+2 < len(xs) {
		t.Errorf("los tramos cubren %d puntos de %d", covered+2, len(xs))
	}
}

// BenchmarkRenderSpikyLoss mide la figura de pérdida del peor caso (la 1-1-1
// del curso). En un solo trazo tardaba unos 2,6 s.
func BenchmarkRenderSpikyLoss(b *testing.B) {
	losses := spikyLoss()
	for range b.N {
		if _, _, err := RenderLoss(losses); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSpikyLossUnchunked(b *testing.B) {
	losses := spikyLoss()
	for range b.N {
		renderUnchunked(b, losses)
	}
}
