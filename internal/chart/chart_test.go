// SPDX-License-Identifier: Apache-2.0

package chart

import (
	"bytes"
	"image/png"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PNG da una imagen del tamaño pedido (pulgadas × ppp) con lo que dibuja paint.
func TestPNGSizeAndPaint(t *testing.T) {
	out, err := PNG(2*vg.Inch, vg.Inch, 50, func(c draw.Canvas) {
		c.FillPolygon(Red, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("PNG no devolvió un PNG válido: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 100 || b.Dy() != 50 {
		t.Fatalf("PNG de 2×1 pulgadas a 50 ppp mide %d×%d píxeles; quería 100×50", b.Dx(), b.Dy())
	}
	r, g, b, a := img.At(50, 25).RGBA()
	if r>>8 != uint32(Red.R) || g>>8 != uint32(Red.G) || b>>8 != uint32(Red.B) || a>>8 != 0xff {
		t.Fatalf("el centro de la imagen es (%d, %d, %d, %d); quería el rojo que pintó paint", r>>8, g>>8, b>>8, a>>8)
	}
}
