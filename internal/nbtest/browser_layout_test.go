// SPDX-License-Identifier: Apache-2.0

//go:build linux

// What TestBrowser checks of the page's layout and of the kernel's indicator, from the report of
// jupyterlab_e2e.py: figures at their display width, code lines that fit in their cell, and the
// kernel's name and state shown before any cell runs.
package nbtest_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"neuronas/internal/nbtest"
)

const (
	// figureWidth is the widest a figure may be shown (show.DisplayWidth).
	figureWidth = 640
	// wideDiagram is the alt text's start of the one figure allowed wider, and its limit: AlexNet's
	// diagram (diagram.AlexNet, 800 px so that its labels stay legible).
	wideDiagram, wideDiagramWidth = "AlexNet", 800
	// pngScale is how many image pixels a PNG figure has per CSS pixel shown (sharp at 2x), and
	// pngScaleTolerance how far from it the page may be.
	pngScale, pngScaleTolerance = 2.0, 0.05
)

// kernelShown is what the page showed of the notebook's kernel once it was ready, before any cell
// ran: its name (notebook toolbar), its state (toolbar indicator) and the status bar's text.
type kernelShown struct {
	Name      string  `json:"name"`
	Status    *string `json:"status"`
	StatusBar *string `json:"status_bar"`
	Seconds   float64 `json:"seconds"`
}

// editor is a code cell's CodeMirror editor as the page drew it (CSS pixels): the visible width
// of its scroller, the width of its content, the width available to the text, and its lines.
type editor struct {
	Error       string       `json:"error"`
	ClientWidth float64      `json:"client_width"`
	ScrollWidth float64      `json:"scroll_width"`
	Available   float64      `json:"available"`
	Gaps        int          `json:"gaps"`
	Lines       []editorLine `json:"lines"`
}

// editorLine is a line of code: the width of its text and how far its right edge goes past the
// editor's visible right edge (negative: it fits).
type editorLine struct {
	Line     int     `json:"line"`
	Chars    int     `json:"chars"`
	Width    float64 `json:"width"`
	Overflow float64 `json:"overflow"`
	Text     string  `json:"text"`
}

// unknownStates are the kernel states of a page that does not know the kernel's state (English
// and the Spanish language pack).
var unknownStates = []string{"unknown", "desconocido", "connecting", "conectando", "initializing", "inicializando", "starting", "iniciando"}

// checkKernelShown checks that, before any cell runs, the page names the notebook's kernel and
// knows its state: not «Unknown» until the first cell runs.
func checkKernelShown(t *testing.T, committed *nbtest.Notebook, k *kernelShown) {
	t.Helper()
	if k == nil {
		t.Error("el informe del navegador no dice qué mostraba la página del kernel al abrir el cuaderno")
		return
	}
	want := committed.Metadata.Kernelspec.DisplayName
	if k.Name != want {
		t.Errorf("al abrir el cuaderno la barra del cuaderno nombra el kernel %q; el cuaderno pide %q", k.Name, want)
	}
	status, bar := deref(k.Status), deref(k.StatusBar)
	_, barState, _ := strings.Cut(bar, "|")
	for _, s := range []string{status, strings.TrimSpace(barState)} {
		if s == "" || slices.ContainsFunc(unknownStates, func(u string) bool { return strings.EqualFold(u, s) }) {
			t.Errorf("al abrir el cuaderno, antes de ejecutar nada, la página no sabe el estado del kernel "+
				"(indicador %q, barra de estado %q, %.1f s después de que el servidor lo diera por listo); "+
				"¿falta docker/jupyter/kernel_status.py en etc/jupyter del entorno de Jupyter (`make setup`)?", status, bar, k.Seconds)
			return
		}
	}
	t.Logf("kernel al abrir, antes de ejecutar: %q, estado %q (barra de estado «%s»)", k.Name, status, bar)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkFigureWidth checks the width a figure is shown at: at most figureWidth CSS pixels (AlexNet's
// diagram, wideDiagramWidth), and a PNG at pngScale image pixels per CSS pixel. It returns a line
// for the log.
func checkFigureWidth(t *testing.T, where string, n int, img browserImage) string {
	t.Helper()
	limit := float64(figureWidth)
	if strings.HasPrefix(img.Alt, wideDiagram) {
		limit = wideDiagramWidth
	}
	if img.Width > limit+0.5 {
		t.Errorf("%s: la imagen %d («%s…») se muestra a %.0f px de ancho; como mucho %.0f",
			where, n, altKind(img.Alt), img.Width, limit)
	}
	line := fmt.Sprintf("%s %.0f×%.0f px", img.Mime, img.Width, img.Height)
	if img.Mime == "image/png" && img.Width > 0 {
		scale := float64(img.NaturalWidth) / img.Width
		if math.Abs(scale-pngScale) > pngScaleTolerance {
			t.Errorf("%s: la imagen %d («%s…») es un PNG de %d px de ancho mostrado a %.0f px (%.2fx); "+
				"para que se vea nítida debe tener %.0fx los píxeles con que se muestra",
				where, n, altKind(img.Alt), img.NaturalWidth, img.Width, scale, pngScale)
		}
		line += fmt.Sprintf(" (imagen de %d×%d, %.2fx)", img.NaturalWidth, img.NaturalHeight, scale)
	}
	return line
}

// checkCodeLines checks that every line of a code cell fits in its editor (no horizontal scroll
// bar, no line past the visible right edge) and returns the cell's widest line.
func checkCodeLines(t *testing.T, where string, c nbtest.Cell, ed *editor) (widest editorLine) {
	t.Helper()
	if ed == nil || ed.Error != "" {
		t.Errorf("%s: no se pudo medir su editor (%v)", where, ed)
		return
	}
	want := strings.Count(strings.TrimSuffix(string(c.Source), "\n"), "\n") + 1
	if len(ed.Lines) != want || ed.Gaps > 0 {
		t.Errorf("%s: el editor dibujó %d de sus %d líneas (%d huecos); no se pudieron medir todas", where, len(ed.Lines), want, ed.Gaps)
	}
	for _, l := range ed.Lines {
		if l.Width > widest.Width {
			widest = l
		}
		if l.Overflow > 0.5 {
			t.Errorf("%s, línea %d (%d caracteres): se sale %.0f px por la derecha de la celda (mide %.0f px, caben %.0f):\n%s",
				where, l.Line, l.Chars, l.Overflow, l.Width, ed.Available, l.Text)
		}
	}
	if ed.ScrollWidth > ed.ClientWidth+0.5 {
		t.Errorf("%s: el editor tiene barra de desplazamiento horizontal (contenido de %.0f px en %.0f visibles)",
			where, ed.ScrollWidth, ed.ClientWidth)
	}
	return widest
}
