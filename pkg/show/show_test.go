// SPDX-License-Identifier: Apache-2.0

package show

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutsideNotebookWritesFile(t *testing.T) {
	Dir = t.TempDir()
	if err := SVG("<svg xmlns='http://www.w3.org/2000/svg'/>", "un cuadrado vacío"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(Dir, "*.svg"))
	if len(files) != 1 {
		t.Fatalf("ficheros: %v", files)
	}
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "<svg") {
		t.Errorf("contenido: %q", b)
	}
}

func TestBadInput(t *testing.T) {
	Dir = t.TempDir()
	var good bytes.Buffer
	if err := png.Encode(&good, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	const svg = "<svg xmlns='http://www.w3.org/2000/svg'/>"
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"PNG vacía", func() error { return PNG(nil, "algo") }, "show.PNG: la imagen está vacía"},
		{"PNG sin alt", func() error { return PNG(good.Bytes(), "  ") }, "show.PNG: falta el texto alternativo"},
		{"PNG que no es PNG", func() error { return PNG([]byte("GIF89a"), "algo") }, "show.PNG: los bytes no son un PNG válido"},
		{"PNG cortado", func() error { return PNG(good.Bytes()[:20], "algo") }, "no son un PNG válido"},
		{"PNG enorme", func() error { return PNG(make([]byte, MaxBytes+1), "algo") }, "más de los 8388608"},
		{"alt con control", func() error { return PNG(good.Bytes(), "una\x00figura") }, "carácter de control (U+0000)"},
		{"alt larguísimo", func() error { return PNG(good.Bytes(), strings.Repeat("a", MaxAlt+1)) }, "acórtalo"},
		{"alt no UTF-8", func() error { return PNG(good.Bytes(), "a\xff") }, "UTF-8"},
		{"SVG que no es XML", func() error { return SVG("<svg><g></svg>", "algo") }, "show.SVG: el texto no es un SVG válido"},
		{"SVG que es HTML", func() error { return SVG("<html></html>", "algo") }, "el primer elemento es <html>"},
		{"SVG con control", func() error { return SVG("<svg><text>a\x01b</text></svg>", "algo") }, "no es un SVG válido"},
		{"SVG vacío", func() error { return SVG("   ", "algo") }, "no hay ningún elemento <svg>"},
		{"PNG cortado por la mitad", func() error { b := good.Bytes(); return PNG(b[:len(b)-5], "algo") }, "show.PNG: el PNG está incompleto"},
		{"SVG con dos raíces", func() error { return SVG("<svg/><svg/>", "algo") }, "hay otro elemento <svg> después"},
		{"SVG con texto detrás", func() error { return SVG("<svg/>basura", "algo") }, "hay texto fuera del elemento <svg>"},
		{"Dir vacío", func() error { defer func(d string) { Dir = d }(Dir); Dir = " "; return PNG(good.Bytes(), "algo") }, "show.PNG: show.Dir está vacío"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, quería uno con %q", err, tt.want)
			}
		})
	}
	if err := PNG(good.Bytes(), "un cuadrado gris\ncon dos líneas"); err != nil {
		t.Errorf("PNG válido: %v", err)
	}
	if err := SVG(svg, "un SVG vacío"); err != nil {
		t.Errorf("SVG válido: %v", err)
	}
	if err := SVG("<?xml version='1.0'?>\n<!-- c -->\n"+svg+"\n<!-- fin -->\n", "un SVG con prólogo"); err != nil {
		t.Errorf("SVG válido con prólogo y comentarios: %v", err)
	}
}

// Ningún valor de Training o progress hace entrar en pánico: pasos 0 o
// negativos, valores nil o vacíos.
func TestTrainingZeroValues(t *testing.T) {
	var nilTraining *Training
	var nilProgress *progress
	for _, tr := range []*Training{NewTraining(0), NewTraining(-3), {}, nilTraining, {steps: 0, progress: &progress{}}} {
		tr.Update(0, 1)
		tr.Update(5, math.NaN())
		tr.Summary([]float64{1, 2})
		tr.Done()
	}
	for _, p := range []*progress{nilProgress, {}, newProgress()} {
		p.update("<b>x</b>")
		p.done()
	}
	for _, tt := range []struct{ done, steps, want int }{{0, 0, 0}, {5, 0, 0}, {3, -1, 0}, {1, 2, 50}, {7, 5, 100}, {-2, 5, 0}} {
		if got := percent(tt.done, tt.steps); got != tt.want {
			t.Errorf("percent(%d, %d) = %d, quería %d", tt.done, tt.steps, got, tt.want)
		}
	}
}

// TestHTMLImageWidth: un PNG se muestra a su ancho, pero como mucho a
// DisplayWidth (las gráficas de plots, de 1280 píxeles, a 640); un SVG, al
// tamaño que dice él mismo.
func TestHTMLImageWidth(t *testing.T) {
	for _, tt := range []struct{ pixels, want int }{{1280, 640}, {640, 640}, {300, 300}} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, tt.pixels, 10))); err != nil {
			t.Fatal(err)
		}
		h := HTMLImage(buf.Bytes(), "image/png", "una imagen")
		if want := fmt.Sprintf(` width="%d" `, tt.want); !strings.Contains(h, want) {
			t.Errorf("PNG de %d píxeles: falta%q en %.120s", tt.pixels, want, h)
		}
	}
	if h := HTMLImage([]byte("<svg width='900'/>"), "image/svg+xml", "un SVG"); strings.Contains(h, "width=") {
		t.Errorf("SVG: no debería llevar width (el SVG dice su tamaño): %s", h)
	}
}

// Un tipo MIME raro no rompe la etiqueta: va escapado como el alt.
func TestHTMLImageEscapesMIME(t *testing.T) {
	h := HTMLImage([]byte("abc"), `text/html"><script>`, "a")
	if strings.Contains(h, "<script>") || !strings.Contains(h, `data:text/html&#34;&gt;&lt;script&gt;;base64`) {
		t.Errorf("HTML: %s", h)
	}
}

func TestHTMLImageEscapesAlt(t *testing.T) {
	h := HTMLImage([]byte("abc"), "image/png", `curva "y" <x²>`)
	if !strings.Contains(h, `alt="curva &#34;y&#34; &lt;x²&gt;"`) || !strings.Contains(h, "data:image/png;base64,YWJj") {
		t.Errorf("HTML: %s", h)
	}
}
