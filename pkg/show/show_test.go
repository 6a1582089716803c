package show

import (
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

func TestHTMLImageEscapesAlt(t *testing.T) {
	h := HTMLImage([]byte("abc"), "image/png", `curva "y" <x²>`)
	if !strings.Contains(h, `alt="curva &#34;y&#34; &lt;x²&gt;"`) || !strings.Contains(h, "data:image/png;base64,YWJj") {
		t.Errorf("HTML: %s", h)
	}
}
