// SPDX-License-Identifier: Apache-2.0

//go:build linux

// TestDiapositivas presents the lecture notebooks as slides (jupyterlab-rise) in headless Chromium
// at 1280×720, as a teacher does in class (rise_e2e.py, Playwright), on the private JupyterLab of
// TestBrowser (a mirror of the repository, with the GoNB kernel of `make setup`):
//   - for each notebook with slide metadata (written by scripts/diapositivas/diapositivas.py), it
//     steps through the whole presentation with the space bar: as many slides as the metadata
//     says, every fragment shown, every cell on a slide, and no slide taller than 95 % of 720 px
//     (where RISE would give it a scroll bar) nor wider than 1280 px; a slide that does not fit is
//     reported with its number (h.v, as in the URL #/slide-H-V) and its cells. Code, logs and
//     outputs longer than notebooks/rise.css lets them be scroll inside their box: they are listed
//     in the log, not failed;
//   - in notebook I it runs, from their slides (a click on the prompt, Shift+Enter), the cells a
//     training needs (setup, imports, data) and then the training «Aprender una recta»: its
//     progress line, its final loss and its two figures appear on the slide, which still fits;
//   - a notebook without slide metadata still presents (RISE shows it as one slide).
//
// Requests outside the server are blocked on purpose and listed in the log: RISE's reveal.js
// theme asks Google Fonts for its fonts (fonts.googleapis.com), which the classroom may not reach;
// the slides then use the page's fonts. Console errors are listed, not failed (offline, RISE logs
// some: missing per-notebook CSS, the blocked fonts, JupyterLab 3 extensions).
// Screenshots (the title slide of I, the training slide after the run, a slide with figures of II)
// and the JSON report go to .artefactos/diapositivas/.
//
// Environment: NEURONAS_BROWSER_TESTS=0 skips it; NEURONAS_NOTEBOOKS limits the notebooks.
package nbtest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

const (
	// slideWidth × slideHeight is the projector the slides are made for; RISE gives a slide a
	// scroll bar when it is taller than slideScroll of the screen's height.
	slideWidth, slideHeight, slideScroll = 1280, 720, 0.95
	// trainingNotebook and trainingCells: the cells run from their slides, in order; the last one
	// is a training with its progress line, its final loss and two figures.
	trainingNotebook = "01-modelos-neuronales-I.ipynb"
)

var (
	trainingCells = []string{"mn1-04", "mn1-06", "mn1-13", "mn1-15"}
	// slideShots are the cells whose slides are photographed (besides the training's).
	slideShots = map[string][]string{"01-modelos-neuronales-I.ipynb": {"mn1-01"}, "02-modelos-neuronales-II.ipynb": {"c08"}}
)

type slidesReport struct {
	Chromium  string           `json:"chromium"`
	Blocked   []string         `json:"blocked"`
	Notebooks []slidesNotebook `json:"notebooks"`
}

type slidesNotebook struct {
	Path             string       `json:"path"`
	Name             string       `json:"name"`
	Error            *string      `json:"error"`
	OpenS            float64      `json:"open_s"`
	TotalS           float64      `json:"total_s"`
	Steps            int          `json:"steps"`
	FirstCellVisible bool         `json:"first_cell_visible"`
	FirstCellText    string       `json:"first_cell_text"`
	Slides           []slideShown `json:"slides"`
	Runs             []slidesRun  `json:"runs"`
	ConsoleErrors    []string     `json:"console_errors"`
	Screenshots      []string     `json:"screenshots"`
	Structure        []int        `json:"structure"`
}

type slideShown struct {
	H             int        `json:"h"`
	V             int        `json:"v"`
	Cells         []int      `json:"cells"`
	Height        float64    `json:"height"`
	Width         float64    `json:"width"`
	Fragments     int        `json:"fragments"`
	FragmentsSeen int        `json:"fragments_seen"`
	ScrollBar     bool       `json:"scroll_bar"`
	SlidesBox     [2]float64 `json:"slides_box"`
	Transform     string     `json:"transform"`
	Scrolled      []struct {
		Cell  int     `json:"cell"`
		Kind  string  `json:"kind"`
		Shown float64 `json:"shown"`
		Full  float64 `json:"full"`
	} `json:"scrolled"`
}

type slidesRun struct {
	ID       string         `json:"id"`
	Index    int            `json:"index"`
	Slide    string         `json:"slide"`
	Seconds  float64        `json:"seconds"`
	Prompt   string         `json:"prompt"`
	Text     string         `json:"text"`
	Stderr   []string       `json:"stderr"`
	Images   []browserImage `json:"images"`
	Error    string         `json:"error"`
	Progress []struct {
		S      float64 `json:"s"`
		Text   string  `json:"text"`
		Images int     `json:"images"`
	} `json:"progress"`
	After *slideShown `json:"after"`
}

// slideTypes returns the slide type of each cell ("" if it has none) and whether the notebook has
// RISE settings ("rise" metadata).
func slideTypes(t *testing.T, p string) ([]string, bool) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata map[string]json.RawMessage `json:"metadata"`
		Cells    []struct {
			Metadata struct {
				Slideshow struct {
					SlideType string `json:"slide_type"`
				} `json:"slideshow"`
			} `json:"metadata"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	var types []string
	for _, c := range nb.Cells {
		types = append(types, c.Metadata.Slideshow.SlideType)
	}
	_, rise := nb.Metadata["rise"]
	return types, rise
}

// expectedSlides is how many slides RISE makes of cells with these slide types: one, plus one per
// "slide" or "subslide" cell after the first cell with content (RISE does not leave the first slide
// empty).
func expectedSlides(types []string) int {
	n, content := 1, false
	for _, ty := range types {
		if content && (ty == "slide" || ty == "subslide") {
			n++
		}
		if ty != "skip" && ty != "notes" {
			content = true
		}
	}
	return n
}

func TestDiapositivas(t *testing.T) {
	if os.Getenv("NEURONAS_BROWSER_TESTS") == "0" {
		t.Skip("NEURONAS_BROWSER_TESTS=0")
	}
	root := nbtest.Root(t)
	notebooks := nbtest.Notebooks(t)
	var lectures []string
	plain := ""
	for _, p := range notebooks {
		types, rise := slideTypes(t, p)
		switch {
		case rise:
			lectures = append(lectures, p)
		case plain == "" && !slices.ContainsFunc(types, func(s string) bool { return s != "" }):
			plain = p
		}
	}
	if len(lectures) == 0 {
		t.Skip("ningún cuaderno (de NEURONAS_NOTEBOOKS) tiene metadatos de diapositivas")
	}
	python, chromium, _ := checkBrowserTooling(t)
	if os.Getenv("NEURONAS_JUPYTER_URL") != "" {
		t.Log("NEURONAS_JUPYTER_URL no se usa aquí: las diapositivas se prueban en un JupyterLab propio")
	}
	nbtest.Python(t, "jupyterlab_rise")
	script := nbtest.Script(t, "rise_e2e.py")

	artefacts := artefactsDir(t, root, "diapositivas")
	id := randomHex(8)
	t.Setenv(browserTestID, id)
	t.Cleanup(func() { reapMarked(t, id) })
	server := startJupyterLab(t, root, python, artefacts)
	// RISE loads rise.css from the notebook's folder: a copy, not the mirror's symbolic link.
	css, err := os.ReadFile(filepath.Join(root, "notebooks", "rise.css"))
	if err != nil {
		t.Fatalf("no está notebooks/rise.css, el estilo de las diapositivas: %v", err)
	}
	dst := filepath.Join(server.tree, "notebooks", "rise.css")
	_ = os.Remove(dst)
	if err := os.WriteFile(dst, css, 0o644); err != nil {
		t.Fatal(err)
	}

	args := []string{script, "--url", server.url, "--token", server.token, "--chromium", chromium,
		"--out", artefacts, "--root", server.tree, "--timeout", nbtest.Env("NEURONAS_BROWSER_TIMEOUT", "600")}
	var paths []string
	for _, p := range append(slices.Clone(lectures), plain) {
		if p == "" {
			continue
		}
		base := filepath.Base(p)
		paths = append(paths, path.Join(server.dir, base))
		if base == trainingNotebook {
			args = append(args, "--run", base+"="+strings.Join(trainingCells, ","))
		}
		if shots := slideShots[base]; shots != nil {
			args = append(args, "--shots", base+"="+strings.Join(shots, ","))
		}
	}
	start := time.Now()
	runDriver(t, python, append(args, paths...))
	var rep slidesReport
	raw, err := os.ReadFile(filepath.Join(artefacts, "informe.json"))
	if err == nil {
		err = json.Unmarshal(raw, &rep)
	}
	if err != nil {
		t.Fatalf("no se pudo leer el informe de las diapositivas: %v", err)
	}
	t.Logf("diapositivas: %d cuadernos en %v (Chromium %s)", len(rep.Notebooks), time.Since(start).Round(time.Second), rep.Chromium)
	t.Logf("peticiones fuera del servidor, bloqueadas a propósito (las fuentes del tema de reveal.js): %s", strings.Join(rep.Blocked, ", "))
	for _, u := range rep.Blocked {
		if !strings.HasPrefix(u, "https://fonts.googleapis.com/") && !strings.HasPrefix(u, "https://fonts.gstatic.com/") {
			t.Errorf("la presentación pide %s, fuera del servidor (solo se esperaban las fuentes de Google del tema)", u)
		}
	}

	byPath := map[string]*slidesNotebook{}
	for i := range rep.Notebooks {
		byPath[rep.Notebooks[i].Path] = &rep.Notebooks[i]
	}
	for _, p := range lectures {
		base := filepath.Base(p)
		t.Run(strings.TrimSuffix(base, ".ipynb"), func(t *testing.T) {
			nb := byPath[path.Join(server.dir, base)]
			if nb == nil {
				t.Fatalf("el informe no tiene %s", base)
			}
			checkSlides(t, nbtest.Read(t, p), p, nb)
			if base == trainingNotebook {
				checkTrainingRun(t, nbtest.Read(t, p), nb)
			}
			for _, e := range nb.ConsoleErrors[:min(len(nb.ConsoleErrors), 5)] {
				t.Logf("consola del navegador: %s", e)
			}
			t.Logf("%d errores en la consola del navegador; capturas: %s", len(nb.ConsoleErrors), strings.Join(nb.Screenshots, ", "))
		})
	}
	if plain != "" {
		t.Run("sin metadatos", func(t *testing.T) {
			nb := byPath[path.Join(server.dir, filepath.Base(plain))]
			if nb == nil {
				t.Fatalf("el informe no tiene %s", plain)
			}
			if nb.Error != nil {
				t.Fatalf("%s, sin metadatos de diapositivas, no se presenta: %s", filepath.Base(plain), *nb.Error)
			}
			if len(nb.Slides) != 1 || !nb.FirstCellVisible {
				t.Errorf("%s, sin metadatos de diapositivas: %d diapositivas, primera celda visible: %v; se esperaba una diapositiva con la primera celda a la vista",
					filepath.Base(plain), len(nb.Slides), nb.FirstCellVisible)
			}
			if len(nb.Slides) > 0 && nb.Slides[0].Height > slideScroll*slideHeight && !nb.Slides[0].ScrollBar {
				// docker/jupyter/overrides.json sets RISE's scroll for every notebook; `make setup`
				// copies it into the venv's JupyterLab.
				installed, _ := os.ReadFile(filepath.Join(nbtest.Venv(t), "share", "jupyter", "lab", "settings", "overrides.json"))
				if strings.Contains(string(installed), "jupyterlab-rise:plugin") {
					t.Errorf("%s, sin metadatos, es una diapositiva de %.0f px de alto sin barra de desplazamiento: lo que no cabe en la pantalla no se puede ver "+
						"(docker/jupyter/overrides.json pone \"scroll\": true a RISE)", filepath.Base(plain), nb.Slides[0].Height)
				} else {
					t.Logf("el JupyterLab de %s no tiene los ajustes de docker/jupyter/overrides.json para RISE (scroll); `make setup` los copia", nbtest.Venv(t))
				}
			}
			if len(nb.Slides) > 0 {
				t.Logf("%s, sin metadatos: se presenta como una sola diapositiva de %.0f px de alto (barra de desplazamiento: %v), abierta en %.1f s; empieza por «%s»",
					filepath.Base(plain), nb.Slides[0].Height, nb.Slides[0].ScrollBar, nb.OpenS, firstLine(nb.FirstCellText))
			}
		})
	}
	t.Logf("capturas y el informe en %s", artefacts)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}

// checkSlides checks what the presentation of a lecture notebook showed against its metadata and
// the 1280×720 screen.
func checkSlides(t *testing.T, committed *nbtest.Notebook, p string, nb *slidesNotebook) {
	t.Helper()
	if nb.Error != nil {
		t.Errorf("la presentación falló: %s", *nb.Error)
	}
	types, _ := slideTypes(t, p)
	if want := expectedSlides(types); len(nb.Slides) != want {
		t.Errorf("se han recorrido %d diapositivas con la barra espaciadora y los metadatos dicen %d", len(nb.Slides), want)
	}
	seen := map[int]string{}
	limit := slideScroll * slideHeight
	tallest, tallestWhere := 0.0, ""
	var inner []string
	for _, s := range nb.Slides {
		name := fmt.Sprintf("%d.%d", s.H, s.V)
		var where []string
		for _, c := range s.Cells {
			if other, ok := seen[c]; ok {
				t.Errorf("la celda %d sale en las diapositivas %s y %s", c+1, other, name)
			}
			seen[c] = name
			if c >= 0 && c < len(committed.Cells) {
				where = append(where, nbtest.Describe(c, committed.Cells[c]))
			}
		}
		if s.SlidesBox != [2]float64{slideWidth, slideHeight} || (s.Transform != "none" && s.Transform != "") {
			t.Errorf("diapositiva %s: la presentación no está a %d×%d sin escalar (caja %v, transform %q)", name, slideWidth, slideHeight, s.SlidesBox, s.Transform)
		}
		if s.Height > limit || s.Width > slideWidth {
			t.Errorf("diapositiva %s (#/slide-%d-%d) mide %.0f×%.0f px: no cabe en %d×%d (RISE le pone barra de desplazamiento por encima de %.0f px de alto); celdas:\n  %s\n"+
				"(reparte las celdas con OVERRIDES en scripts/diapositivas/diapositivas.py, o ajusta notebooks/rise.css)",
				name, s.H, s.V, s.Width, s.Height, slideWidth, slideHeight, limit, strings.Join(where, "\n  "))
		}
		if s.FragmentsSeen != s.Fragments {
			t.Errorf("diapositiva %s: se vieron %d de sus %d fragmentos", name, s.FragmentsSeen, s.Fragments)
		}
		if s.Height > tallest {
			tallest, tallestWhere = s.Height, name+" ("+strings.Join(where, "; ")+")"
		}
		for _, sc := range s.Scrolled {
			inner = append(inner, fmt.Sprintf("%s celda %d: %s %.0f de %.0f px", name, sc.Cell+1, sc.Kind, sc.Shown, sc.Full))
		}
	}
	for i, ty := range types {
		if _, ok := seen[i]; !ok && ty != "skip" && ty != "notes" {
			t.Errorf("%s no sale en ninguna diapositiva", nbtest.Describe(i, committed.Cells[i]))
		}
	}
	fragments := 0
	for _, ty := range types {
		if ty == "fragment" {
			fragments++
		}
	}
	t.Logf("%d diapositivas y %d fragmentos recorridos con %d pulsaciones en %.1f s (abrir: %.1f s); la más alta, %.0f px de %.0f: %s",
		len(nb.Slides), fragments, nb.Steps, nb.TotalS, nb.OpenS, tallest, limit, tallestWhere)
	if len(inner) > 0 {
		t.Logf("cajas que se desplazan por dentro (código, registros o salidas más largos que notebooks/rise.css):\n%s", strings.Join(inner, "\n"))
	}
}

// checkTrainingRun checks the cells run from their slides: all of them ran without error, and the
// last one, a training, showed its progress line, its final loss and its figures, on a slide that
// still fits.
func checkTrainingRun(t *testing.T, committed *nbtest.Notebook, nb *slidesNotebook) {
	t.Helper()
	if len(nb.Runs) != len(trainingCells) {
		t.Fatalf("se ejecutaron %d celdas desde sus diapositivas; se pidieron %d (%s)", len(nb.Runs), len(trainingCells), strings.Join(trainingCells, ", "))
	}
	for _, r := range nb.Runs {
		where := "celda " + r.ID
		if r.Error != "" {
			t.Errorf("%s: %s", where, r.Error)
			continue
		}
		where = nbtest.Describe(r.Index, committed.Cells[r.Index])
		if !strings.ContainsAny(r.Prompt, "0123456789") || strings.Contains(r.Prompt, "*") {
			t.Errorf("%s, desde la diapositiva %s: no terminó (indicador %q tras %.0f s)", where, r.Slide, r.Prompt, r.Seconds)
		}
		for _, e := range r.Stderr {
			t.Errorf("%s: muestra un error:\n%s", where, nbtest.Tail(e, 20))
		}
		t.Logf("%s: ejecutada desde la diapositiva %s en %.1f s (%s)", where, r.Slide, r.Seconds, r.Prompt)
	}
	last := nb.Runs[len(nb.Runs)-1]
	for _, want := range []string{"Entrenamiento:", "pérdida final:"} {
		if !strings.Contains(last.Text, want) {
			t.Errorf("el entrenamiento ejecutado desde su diapositiva no muestra «%s…»; muestra:\n%s", want, nbtest.Tail(last.Text, 10))
		}
	}
	figures := 0
	for _, img := range last.Images {
		if img.NaturalWidth > 0 && img.Width > 0 && strings.TrimSpace(img.Alt) != "" {
			figures++
		}
	}
	if want := committed.Cells[last.Index].Images(); figures < sum(want) {
		t.Errorf("el entrenamiento ejecutado desde su diapositiva muestra %d figuras (decodificadas, con texto alternativo); el cuaderno guardado tiene %d", figures, sum(want))
	}
	if len(last.Progress) > 0 {
		t.Logf("progreso visto mientras se ejecutaba (%d muestras); el primero a %.1f s: %s", len(last.Progress), last.Progress[0].S, firstLine(last.Progress[0].Text))
	} else {
		t.Log("no se vio ninguna salida mientras el entrenamiento se ejecutaba (terminó antes de la primera muestra, cada 0.1 s)")
	}
	if a := last.After; a == nil {
		t.Error("no se midió la diapositiva del entrenamiento después de ejecutarlo")
	} else {
		if a.Height > slideScroll*slideHeight || a.Width > slideWidth {
			t.Errorf("la diapositiva %d.%d del entrenamiento, después de ejecutarlo, mide %.0f×%.0f px: no cabe en %d×%d", a.H, a.V, a.Width, a.Height, slideWidth, slideHeight)
		}
		t.Logf("diapositiva %d.%d del entrenamiento después de ejecutarlo: %.0f×%.0f px, %d figuras; salida:\n%s",
			a.H, a.V, a.Width, a.Height, figures, nbtest.Tail(last.Text, 6))
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
