// SPDX-License-Identifier: Apache-2.0

// Package chart reúne lo que comparten las figuras de pkg/plots y las del
// laboratorio (pkg/lab): los colores de matplotlib y el paso de un dibujo de
// gonum/plot a una imagen PNG.
package chart

import (
	"bytes"
	"image/color"
	"image/png"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Colores de matplotlib (ciclo «tab10»), para que las figuras se parezcan a
// las del curso.
var (
	Blue   = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	Orange = color.RGBA{0xff, 0x7f, 0x0e, 0xff}
	Green  = color.RGBA{0x2c, 0xa0, 0x2c, 0xff}
	Red    = color.RGBA{0xd6, 0x27, 0x28, 0xff}
	Purple = color.RGBA{0x94, 0x67, 0xbd, 0xff}
	Brown  = color.RGBA{0x8c, 0x56, 0x4b, 0xff}
	Pink   = color.RGBA{0xe3, 0x77, 0xc2, 0xff}
	Gray   = color.RGBA{0x7f, 0x7f, 0x7f, 0xff}
	Olive  = color.RGBA{0xbc, 0xbd, 0x22, 0xff}
	Cyan   = color.RGBA{0x17, 0xbe, 0xcf, 0xff}

	// Cycle es el ciclo de colores de matplotlib, en su orden.
	Cycle = []color.Color{Blue, Orange, Green, Red, Purple, Brown, Pink, Gray, Olive, Cyan}
)

// PNG crea un lienzo de width×height a dpi puntos por pulgada, deja que
// paint dibuje en él y lo codifica como PNG. Si paint entra en pánico, el
// pánico sigue su camino: cada paquete lo convierte en su propio error.
func PNG(width, height vg.Length, dpi int, paint func(draw.Canvas)) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	paint(draw.New(c))
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Image()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
