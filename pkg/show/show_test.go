package show

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
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
	if err := PNG(nil, "algo"); err == nil || !strings.Contains(err.Error(), "vacía") {
		t.Errorf("vacía: %v", err)
	}
	if err := PNG([]byte{1}, "  "); err == nil || !strings.Contains(err.Error(), "texto alternativo") {
		t.Errorf("sin alt: %v", err)
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

func TestHTMLImageEscapesAlt(t *testing.T) {
	h := HTMLImage([]byte("abc"), "image/png", `curva "y" <x²>`)
	if !strings.Contains(h, `alt="curva &#34;y&#34; &lt;x²&gt;"`) || !strings.Contains(h, "data:image/png;base64,YWJj") {
		t.Errorf("HTML: %s", h)
	}
}
