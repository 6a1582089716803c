// SPDX-License-Identifier: Apache-2.0

// Tests scripts/handouts/build.py (`make handouts`): the course handouts (HTML and PDF) and the
// students' copies of every notebook in notebooks/.
//
// TestHandouts builds them all from the committed notebooks (what `make handouts` ships) into a
// temporary folder and checks, for each notebook:
//   - HTML: lang="es"; every figure of the notebook is there, byte for byte, and there are no
//     other images; nothing is loaded or run (no scripts, stylesheets or remote URLs); every
//     formula is MathML; empty outputs are gone; the Go code is highlighted;
//   - PDF: A4, in Spanish (/Lang); "Página N de M" on every page; the title and every section
//     title in its text (pdftotext); as many raster images as the notebook has raster figures,
//     printed at least 10 cm wide, and the text of every SVG figure (pdfimages, pdftotext);
//   - students' copy: no outputs nor execution counts, the same cells and metadata ("curso",
//     "nbgrader"), the same sources except the cells nbgrader strips (answers, hidden tests),
//     which keep no marker; and it runs from top to bottom through the GoNB kernel (not with
//     -short), producing at least the figures the notebook has. A copy with the notebook's code
//     is run once with the notebook (see runStudentCopy). The copy of an exercise notebook is
//     not run here: its checks fail by design until the student answers; internal/grading runs
//     it as the blank submission of nbgrader's autograde.
//
// TestStudentCopySolutions, TestRetiredSolutionTag and TestHandoutDropsScripts check, on small
// made-up notebooks, how solutions and scripts inside outputs are handled.
//
// Tools (see doc.go): python with nbconvert, latex2mathml and nbgrader, Chromium, poppler-utils.
package nbtest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

// handoutTools are the programs the handouts tests use.
type handoutTools struct {
	python, build, chromium string
}

// needHandoutTools finds python with nbconvert and latex2mathml and, if withPDF, Chromium and
// poppler (nbtest.Missing otherwise).
func needHandoutTools(t *testing.T, withPDF bool) handoutTools {
	t.Helper()
	tl := handoutTools{
		python: nbtest.Python(t, "nbconvert", "latex2mathml", "nbgrader"),
		build:  filepath.Join(nbtest.Root(t), "scripts", "handouts", "build.py"),
	}
	if withPDF {
		tl.chromium = nbtest.Chromium(t)
		nbtest.Programs(t, "apt-get install poppler-utils", "pdftotext", "pdfinfo", "pdfimages")
	}
	return tl
}

// runBuild runs build.py with args and returns its output; the test fails if it fails.
func runBuild(t *testing.T, tl handoutTools, args ...string) string {
	t.Helper()
	cmd := exec.Command(tl.python, append([]string{tl.build}, args...)...)
	if tl.chromium != "" {
		cmd.Env = append(os.Environ(), "NEURONAS_CHROMIUM="+tl.chromium)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("falló %s %s: %v\n%s", filepath.Base(tl.build), strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestHandouts(t *testing.T) {
	tl := needHandoutTools(t, true)
	paths := nbtest.Notebooks(t)
	out := t.TempDir()
	start := time.Now()
	log := runBuild(t, tl, "--out", out)
	t.Logf("build.py: %d cuadernos en %v\n%s", len(paths), time.Since(start).Round(time.Millisecond), strings.TrimSpace(log))

	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		nb := nbtest.Read(t, path)
		t.Run(name, func(t *testing.T) {
			shown := handoutView(nb)
			t.Run("html", func(t *testing.T) { checkHTML(t, shown, filepath.Join(out, name+".html")) })
			t.Run("pdf", func(t *testing.T) { checkPDF(t, shown, filepath.Join(out, name+".pdf")) })
			t.Run("alumnos", func(t *testing.T) { checkStudentCopy(t, path, nb, filepath.Join(out, name+".ipynb")) })
		})
	}
}

// --- Notebooks --------------------------------------------------------------------------------

func tags(c nbtest.Cell) []string {
	var tags []string
	_ = json.Unmarshal(c.Metadata["tags"], &tags)
	return tags
}

// handoutView is the notebook as its handout shows it: an exercise notebook's answer and check
// cells (and any cell nbgrader strips) without their outputs, as scripts/handouts/build.py drops
// them (they would give the answers away).
func handoutView(nb *nbtest.Notebook) *nbtest.Notebook {
	view := *nb
	view.Cells = slices.Clone(nb.Cells)
	for i, c := range view.Cells {
		if g := c.Grading(); c.CellType == "code" && (g.Solution || g.Grade || c.Stripped()) {
			view.Cells[i].Outputs = nil
		}
	}
	return &view
}

// figure is an image of a notebook's output as the handout shows it.
type figure struct {
	src    string // data: URI, as in the HTML
	mime   string
	w, h   int    // PNG size in pixels (0 for others)
	svg    string // SVG source
	inline bool   // an <svg> element inside an HTML output (no src)
}

var (
	htmlImg   = regexp.MustCompile(`(?is)<img\b[^>]*?\ssrc\s*=\s*"([^"]*)"`)
	htmlSVG   = regexp.MustCompile(`(?is)<svg\b.*?</svg>`)
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)|(?i)<img\b`)
	svgText   = regexp.MustCompile(`(?s)<text\b[^>]*>([^<]*\pL[^<]*)</text>`)
	dataURI   = regexp.MustCompile(`^data:(image/[a-z+]+);base64,(.*)$`)
	codeSpan  = regexp.MustCompile("`[^`\n]*`")
	mathInMD  = regexp.MustCompile(`(?s)\$\$.+?\$\$|\$[^$\n]+?\$`)
	heading   = regexp.MustCompile(`(?m)^#{1,4}\s+(.+?)\s*$`)
	spaces    = regexp.MustCompile(`\s+`)
	emptyHTML = regexp.MustCompile(`^\s*$`)
)

// displayed returns the MIME type of an output that the handout shows, with nbconvert's priority
// (text/html first, then Markdown, SVG, LaTeX, PNG, JPEG, plain text).
func displayed(o nbtest.Output) string {
	for _, mime := range []string{"application/javascript", "text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg", "text/plain"} {
		if _, ok := o.Data[mime]; ok {
			return mime
		}
	}
	return ""
}

// empty reports outputs that show nothing (cleared progress displays); the handout drops them.
func emptyOutput(o nbtest.Output) bool {
	switch o.OutputType {
	case "stream":
		return o.Text == ""
	case "display_data", "execute_result":
		for mime := range o.Data {
			if s, ok := o.DataText(mime); !ok || !emptyHTML.MatchString(s) {
				return false
			}
		}
		return true
	}
	return false
}

// figures lists the figures of a cell's outputs.
func cellFigures(t *testing.T, c nbtest.Cell) []figure {
	var figs []figure
	for _, o := range c.Outputs {
		switch mime := displayed(o); mime {
		case "text/html":
			html, _ := o.DataText(mime)
			for _, m := range htmlImg.FindAllStringSubmatch(html, -1) {
				figs = append(figs, newFigure(t, m[1]))
			}
			for _, svg := range htmlSVG.FindAllString(html, -1) {
				figs = append(figs, figure{mime: "image/svg+xml", svg: svg, inline: true})
			}
		case "image/svg+xml":
			svg, _ := o.DataText(mime)
			figs = append(figs, newFigure(t, "data:image/svg+xml;base64,"+base64.StdEncoding.EncodeToString([]byte(svg))))
		case "image/png", "image/jpeg":
			b64, _ := o.DataText(mime)
			figs = append(figs, newFigure(t, "data:"+mime+";base64,"+strings.Join(strings.Fields(b64), "")))
		}
	}
	return figs
}

func newFigure(t *testing.T, src string) figure {
	t.Helper()
	f := figure{src: src}
	m := dataURI.FindStringSubmatch(src)
	if m == nil {
		t.Errorf("una figura del cuaderno no está incrustada (src=%.60q): los apuntes no la tendrían", src)
		return f
	}
	f.mime = m[1]
	raw, err := base64.StdEncoding.DecodeString(m[2])
	if err != nil {
		t.Errorf("una figura %s del cuaderno no es base64 válido: %v", f.mime, err)
		return f
	}
	switch f.mime {
	case "image/png":
		if len(raw) >= 24 {
			f.w, f.h = int(binary.BigEndian.Uint32(raw[16:20])), int(binary.BigEndian.Uint32(raw[20:24]))
		}
	case "image/svg+xml":
		f.svg = string(raw)
	}
	return f
}

func figures(t *testing.T, nb *nbtest.Notebook) []figure {
	var figs []figure
	for _, c := range nb.Cells {
		figs = append(figs, cellFigures(t, c)...)
	}
	return figs
}

func markdown(nb *nbtest.Notebook) string {
	var b strings.Builder
	for _, c := range nb.Cells {
		if c.CellType == "markdown" {
			b.WriteString(string(c.Source) + "\n\n")
		}
	}
	return b.String()
}

// headings are the notebook's titles (#, ##, ###, ####) as text, up to their first formula or code.
func headings(nb *nbtest.Notebook) []string {
	var hs []string
	for _, m := range heading.FindAllStringSubmatch(markdown(nb), -1) {
		h := m[1]
		if i := strings.IndexAny(h, "$`"); i >= 0 {
			h = h[:i]
		}
		h = strings.TrimSpace(strings.NewReplacer("*", "", "_", "").Replace(h))
		if len([]rune(h)) >= 4 {
			hs = append(hs, h)
		}
	}
	return hs
}

// --- HTML ---------------------------------------------------------------------------------------

var external = []*regexp.Regexp{
	regexp.MustCompile(`(?i)<script\b`),
	regexp.MustCompile(`(?i)<link\b[^>]*>`),
	regexp.MustCompile(`(?i)<(?:img|iframe|source|video|audio|embed|object|image|use)\b[^>]*\s(?:src|data|href|xlink:href)\s*=\s*["']?(?:https?:)?//`),
	regexp.MustCompile(`(?i)url\(\s*["']?(?:https?:)?//`),
	regexp.MustCompile(`(?i)@import\b`),
}

func checkHTML(t *testing.T, nb *nbtest.Notebook, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if !regexp.MustCompile(`(?i)<html\s+lang="es"`).MatchString(html) {
		t.Errorf(`%s: falta <html lang="es">`, path)
	}
	for _, rx := range external {
		for _, m := range rx.FindAllString(html, 5) {
			t.Errorf("el HTML carga o ejecuta algo (tiene que leerse sin red): %.100s", m)
		}
	}

	// Figures: each one of the notebook, and nothing else.
	figs := figures(t, nb)
	wantImg, wantSVG := len(mdImage.FindAllString(markdown(nb), -1)), 0
	for i, f := range figs {
		if f.inline {
			wantSVG++
			continue
		}
		wantImg++
		if f.src != "" && !strings.Contains(html, f.src) {
			t.Errorf("la figura %d del cuaderno (%s) no está en el HTML", i+1, f.mime)
		}
	}
	if got := len(regexp.MustCompile(`(?i)<img\b`).FindAllString(html, -1)); got != wantImg {
		t.Errorf("el HTML tiene %d imágenes y el cuaderno %d", got, wantImg)
	}
	if got := len(regexp.MustCompile(`(?i)<svg\b`).FindAllString(html, -1)); got != wantSVG {
		t.Errorf("el HTML tiene %d <svg> y el cuaderno %d", got, wantSVG)
	}

	// Formulas: as many <math> as $...$ and $$...$$ in the Markdown, no MathJax left to do.
	wantMath := len(mathInMD.FindAllString(codeSpan.ReplaceAllString(markdown(nb), ""), -1))
	if got := strings.Count(html, "<math"); got != wantMath {
		t.Errorf("el HTML tiene %d fórmulas en MathML y el Markdown del cuaderno %d", got, wantMath)
	}
	if strings.Contains(html, `class="tex"`) {
		t.Errorf("alguna fórmula no se pudo convertir a MathML (quedó como texto: class=\"tex\")")
	}

	// Outputs: all but the empty ones (cleared progress displays), which leave no trace.
	wantOut := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if !emptyOutput(o) {
				wantOut++
			}
		}
	}
	if got := strings.Count(html, `<div class="jp-OutputArea-child`); got != wantOut {
		t.Errorf("el HTML muestra %d salidas y el cuaderno tiene %d no vacías", got, wantOut)
	}

	// Go highlighted as Go (with GoNB's %% and !shell lines), without error tokens.
	if strings.Contains(html, `class="err"`) {
		t.Errorf("el resaltado del código marca tokens como error (class=\"err\"): el lexer no entiende alguna línea")
	}
	if strings.Contains(codeSource(nb), "func ") && !strings.Contains(html, `<span class="kd">func</span>`) {
		t.Errorf("el código Go no está resaltado: no aparece <span class=\"kd\">func</span>")
	}
	if strings.Contains(codeSource(nb), "import (") && !strings.Contains(html, `<span class="kn">import</span>`) {
		t.Errorf("el código Go no está resaltado: no aparece <span class=\"kn\">import</span>")
	}
}

func codeSource(nb *nbtest.Notebook) string {
	var b strings.Builder
	for _, c := range nb.Cells {
		if c.CellType == "code" {
			b.WriteString(string(c.Source) + "\n")
		}
	}
	return b.String()
}

// --- PDF ----------------------------------------------------------------------------------------

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr string
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

func checkPDF(t *testing.T, nb *nbtest.Notebook, path string) {
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if raw, err := os.ReadFile(path); err != nil {
		t.Fatal(err)
	} else if !bytes.Contains(raw, []byte("/Lang (es)")) {
		t.Errorf("el PDF no declara el idioma español (/Lang (es)), que Chromium toma de <html lang=\"es\">")
	}
	info := command(t, "pdfinfo", path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo no da el número de páginas:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info)
	if size == nil {
		t.Errorf("pdfinfo no da el tamaño de página:\n%s", info)
	} else if w, h := atof(size[1]), atof(size[2]); abs(w-595.3) > 2 || abs(h-841.9) > 2 {
		t.Errorf("las páginas miden %s × %s pt; A4 es 595 × 842", size[1], size[2])
	}

	text := command(t, "pdftotext", "-enc", "UTF-8", path, "-")
	pageTexts := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	if len(pageTexts) != pages {
		t.Errorf("pdftotext da %d páginas y pdfinfo %d", len(pageTexts), pages)
	}
	for i, p := range pageTexts {
		if want := fmt.Sprintf("Página %d de %d", i+1, pages); !strings.Contains(p, want) {
			t.Errorf("la página %d no lleva «%s» al pie", i+1, want)
		}
	}
	flat := spaces.ReplaceAllString(text, " ")
	for _, h := range headings(nb) {
		if !strings.Contains(flat, spaces.ReplaceAllString(h, " ")) {
			t.Errorf("el texto del PDF no tiene el título «%s»", h)
		}
	}

	// Raster figures: one image each in the PDF (masks aside), printed large enough to read;
	// SVG figures are drawn as vectors: their text is in the PDF's text.
	figs := figures(t, nb)
	var wantSizes, gotSizes []string
	svgs := 0
	for _, f := range figs {
		switch f.mime {
		case "image/png", "image/jpeg":
			wantSizes = append(wantSizes, fmt.Sprintf("%dx%d", f.w, f.h))
		case "image/svg+xml":
			svgs++
			if m := svgText.FindStringSubmatch(f.svg); m != nil {
				label := spaces.ReplaceAllString(strings.TrimSpace(unescapeXML(m[1])), " ")
				if !strings.Contains(flat, label) {
					t.Errorf("no está en el PDF el texto «%s» de una figura SVG", label)
				}
			}
		}
	}
	for _, line := range strings.Split(command(t, "pdfimages", "-list", path), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		w, h := f[3], f[4]
		ppi := atof(f[12])
		widthMM := atof(w) / ppi * 25.4
		if atof(w) >= 600 && widthMM < 100 {
			t.Errorf("página %s: una figura de %s×%s píxeles se imprime con solo %.0f mm de ancho", f[0], w, h, widthMM)
		}
		gotSizes = append(gotSizes, w+"x"+h)
	}
	for _, s := range [][]string{wantSizes, gotSizes} {
		for i, v := range s {
			if strings.HasPrefix(v, "0x") { // JPEG: size unknown here
				s[i] = "?"
			}
		}
		sort.Strings(s)
	}
	if len(gotSizes) != len(wantSizes) {
		t.Errorf("el PDF tiene %d imágenes y el cuaderno %d figuras de mapa de bits (%v frente a %v)",
			len(gotSizes), len(wantSizes), gotSizes, wantSizes)
	} else if fmt.Sprint(gotSizes) != fmt.Sprint(wantSizes) && !strings.Contains(fmt.Sprint(wantSizes), "?") {
		t.Errorf("las imágenes del PDF no miden lo que las figuras del cuaderno: %v frente a %v", gotSizes, wantSizes)
	}
	t.Logf("%d páginas, %d figuras de mapa de bits y %d SVG", pages, len(wantSizes), svgs)
}

func unescapeXML(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&").Replace(s)
}

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// --- Students' copies ---------------------------------------------------------------------------

// checkStudentCopy checks the students' copy at path of the notebook orig (at origPath): the
// same cells and metadata without outputs, the same sources except the ones nbgrader strips, and
// it runs from top to bottom (unless it is an exercise notebook).
func checkStudentCopy(t *testing.T, origPath string, orig *nbtest.Notebook, path string) {
	cp := nbtest.Read(t, path)
	if len(cp.Cells) != len(orig.Cells) {
		t.Fatalf("la copia tiene %d celdas y debería tener %d", len(cp.Cells), len(orig.Cells))
	}
	for i, c := range cp.Cells {
		w := orig.Cells[i]
		where := fmt.Sprintf("celda %d (%s)", i+1, w.ID)
		if c.CellType != w.CellType || c.ID != w.ID {
			t.Errorf("%s: es %s %q y debería ser %s %q", where, c.CellType, c.ID, w.CellType, w.ID)
		}
		if c.CellType == "code" {
			if len(c.Outputs) > 0 {
				t.Errorf("%s: la copia conserva %d salidas", where, len(c.Outputs))
			}
			if s := strings.TrimSpace(string(c.ExecutionCount)); s != "null" {
				t.Errorf("%s: execution_count es %s y debería ser null", where, s)
			}
		}
		if nbtest.HasMarker(string(c.Source)) {
			t.Errorf("%s: la copia conserva una marca de solución o de pruebas ocultas", where)
		}
		if !w.Stripped() && c.Source != w.Source {
			t.Errorf("%s: el código o el texto cambió en la copia", where)
		}
		if w.Stripped() && c.Source == w.Source {
			t.Errorf("%s: la copia conserva la solución", where)
		}
		for key, raw := range w.Metadata {
			if key == "execution" {
				continue
			}
			if got, ok := c.Metadata[key]; !ok || !jsonEqual(got, raw) {
				t.Errorf("%s: la copia pierde o cambia los metadatos %q (%s)", where, key, raw)
			}
		}
	}
	for _, line := range nbtest.Leftovers(cp, nbtest.SecretLines(orig)) {
		t.Errorf("la copia conserva una línea de una solución o de las pruebas ocultas: %q", line)
	}

	if testing.Short() {
		t.Skip("-short: no se ejecuta la copia")
	}
	if orig.HasSolutions() {
		t.Skip("copia de un cuaderno de ejercicios: sus comprobaciones fallan hasta que se responde; " +
			"la ejecuta internal/grading como la entrega en blanco de nbgrader autograde")
	}
	ran := runStudentCopy(t, origPath, orig, path, cp)
	for _, e := range ran.Problems() {
		t.Error(e)
	}
	for i, c := range ran.Notebook.Cells {
		for _, o := range c.Outputs {
			if html, ok := o.DataText("text/html"); ok && strings.Contains(html, "vnd.jupyter.stderr") {
				t.Logf("celda %d escribió en stderr: %.300s", i+1, html)
			}
		}
	}
	if t.Failed() {
		return
	}
	ranByID := map[string]nbtest.Cell{}
	for _, c := range ran.Notebook.Cells {
		ranByID[c.ID] = c
	}
	for i, c := range orig.Cells {
		if got, n := len(cellFigures(t, ranByID[c.ID])), len(cellFigures(t, c)); got < n {
			t.Errorf("celda %d (%s): la copia produce %d figuras y el cuaderno tiene %d", i+1, c.ID, got, n)
		}
	}
}

// runStudentCopy runs a students' copy as JupyterLab would in the students' folder: the kernel
// starts in a folder of the repository root (notebooks/, as handouts/ is), so the copy's setup
// cell finds the module at ${GONB_DIR}/.. . A copy with the notebook's code (no solutions taken
// out) is that same program: its run is the notebook's, shared with TestNotebooks
// (nbtest.Executed), since the kernel never sees the outputs the copy drops. Only a copy whose
// solutions were replaced is run on its own.
func runStudentCopy(t *testing.T, origPath string, orig *nbtest.Notebook, path string, cp *nbtest.Notebook) *nbtest.Execution {
	t.Helper()
	if nbtest.SameCode(orig, cp) {
		t.Logf("la copia tiene el mismo código que %s: su ejecución es la del cuaderno", filepath.Base(origPath))
		return nbtest.Executed(t, origPath)
	}
	ran := nbtest.Run(t, path, filepath.Join(nbtest.Root(t), "notebooks"))
	t.Logf("copia (con las soluciones quitadas) ejecutada en %v", ran.Duration.Round(time.Millisecond))
	return ran
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// --- Made-up notebooks --------------------------------------------------------------------------

// writeNotebook writes a notebook with the given cells (nbformat 4.5) and returns its path.
func writeNotebook(t *testing.T, dir, name string, cells []map[string]any) string {
	t.Helper()
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info": map[string]any{"name": "go"},
		},
		"cells": cells,
	}
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func codeCell(id, source string, metadata map[string]any, outputs ...map[string]any) map[string]any {
	if metadata == nil {
		metadata = map[string]any{}
	}
	if outputs == nil {
		outputs = []map[string]any{}
	}
	return map[string]any{"cell_type": "code", "id": id, "metadata": metadata, "source": source,
		"execution_count": 3, "outputs": outputs}
}

func markdownCell(id, source string, metadata map[string]any) map[string]any {
	if metadata == nil {
		metadata = map[string]any{}
	}
	return map[string]any{"cell_type": "markdown", "id": id, "metadata": metadata, "source": source}
}

func TestStudentCopySolutions(t *testing.T) {
	tl := needHandoutTools(t, false)
	dir := t.TempDir()
	grading := func(id string, solution, grade bool) map[string]any {
		g := map[string]any{"grade_id": id, "solution": solution, "grade": grade, "locked": !solution, "schema_version": 3}
		if grade {
			g["points"] = 1
		}
		return g
	}
	answer := map[string]any{"nbgrader": grading("respuesta", true, false), "curso": map[string]any{"celda": 7}}
	path := writeNotebook(t, dir, "ejercicios.ipynb", []map[string]any{
		markdownCell("m1", "# Ejercicios\n\nCalcula el cuadrado.", nil),
		codeCell("c1", "func square(x float64) float64 { return x * x }", map[string]any{"curso": map[string]any{"celda": 6}},
			map[string]any{"output_type": "stream", "name": "stdout", "text": "hola\n"}),
		codeCell("c2", "func cubo(x float64) float64 {\n\t// ### BEGIN SOLUTION\n\treturn secretoDeLaSolucion(x)\n\t// ### END SOLUTION\n}\n\n"+
			"func secretoDeLaSolucion(x float64) float64 { return x * x * x }", answer,
			map[string]any{"output_type": "stream", "name": "stdout", "text": "27\n"}),
		codeCell("c3", "%%\nfmt.Println(cubo(3))\n// ### BEGIN HIDDEN TESTS\nfmt.Println(cuboOculto(2))\n// ### END HIDDEN TESTS",
			map[string]any{"nbgrader": grading("comprobacion", false, true)},
			map[string]any{"output_type": "stream", "name": "stdout", "text": "27\n8\n"}),
		markdownCell("m2", "La solución explicada: se multiplica tres veces.", map[string]any{"nbgrader": grading("explicacion", true, false)}),
		markdownCell("m3", "Fin.", nil),
	})
	out := filepath.Join(dir, "salida")
	runBuild(t, tl, "--only", "html,alumnos", "--out", out, path)

	raw, err := os.ReadFile(filepath.Join(out, "ejercicios.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "ejercicios.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"return secretoDeLaSolucion", "cuboOculto", "se multiplica tres veces", "BEGIN", "27"} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("la copia para los alumnos contiene %q:\n%s", secret, raw)
		}
		if strings.Contains(string(html), secret) {
			t.Errorf("los apuntes contienen %q", secret)
		}
	}
	nb := nbtest.Read(t, filepath.Join(out, "ejercicios.ipynb"))
	var ids []string
	for _, c := range nb.Cells {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, ","); got != "m1,c1,c2,c3,m2,m3" {
		t.Fatalf("celdas de la copia: %s; se esperaban m1,c1,c2,c3,m2,m3", got)
	}
	// The stub of ejercicios/nbgrader_config.py, with the indentation of the BEGIN line.
	want := "func cubo(x float64) float64 {\n\t// TU CÓDIGO AQUÍ\n\tpanic(\"ejercicio sin responder: escribe tu solución en lugar de esta línea\")\n}\n\n" +
		"func secretoDeLaSolucion(x float64) float64 { return x * x * x }"
	if c2 := nb.Cells[2]; string(c2.Source) != want {
		t.Errorf("la celda de la respuesta quedó como\n%s\ny debería quedar como\n%s", c2.Source, want)
	}
	if want := "%%\nfmt.Println(cubo(3))"; string(nb.Cells[3].Source) != want {
		t.Errorf("la celda de comprobación quedó como %q y debería quedar como %q", nb.Cells[3].Source, want)
	}
	if want := "ESCRIBE AQUÍ TU RESPUESTA"; string(nb.Cells[4].Source) != want {
		t.Errorf("la respuesta de texto quedó como %q y debería quedar como %q", nb.Cells[4].Source, want)
	}
	if !jsonEqual(nb.Cells[2].Metadata["curso"], json.RawMessage(`{"celda": 7}`)) {
		t.Errorf("la celda de la respuesta pierde sus metadatos «curso»: %s", nb.Cells[2].Metadata["curso"])
	}
	if g := nb.Cells[2].Grading(); !g.Solution || g.GradeID != "respuesta" {
		t.Errorf("la celda de la respuesta pierde sus metadatos «nbgrader»: %+v", g)
	}
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 || (c.CellType == "code" && string(c.ExecutionCount) != "null") {
			t.Errorf("la celda %s conserva salidas o execution_count", c.ID)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".gitignore")); err != nil {
		t.Errorf("la carpeta de salida no tiene .gitignore: %v", err)
	}

	// The teacher's handout keeps the solutions and their outputs.
	teacher := filepath.Join(dir, "profesor")
	runBuild(t, tl, "--only", "html", "--soluciones", "--out", teacher, path)
	if b, err := os.ReadFile(filepath.Join(teacher, "ejercicios.html")); err != nil || !strings.Contains(string(b), "cuboOculto") {
		t.Errorf("los apuntes con --soluciones no tienen las pruebas ocultas (%v)", err)
	}

	// The copy runs until the check calls the stub: the answer cell compiles, the check fails
	// with the stub's Spanish message.
	if testing.Short() {
		t.Skip("-short: no se ejecuta la copia")
	}
	ran := nbtest.Run(t, filepath.Join(out, "ejercicios.ipynb"), filepath.Join(nbtest.Root(t), "notebooks"))
	problems := ran.Problems()
	if len(problems) != 1 || !strings.Contains(problems[0], "ejercicio sin responder") || !strings.Contains(problems[0], "celda 4") {
		t.Errorf("la copia debería fallar solo en la comprobación (celda 4), con el mensaje del código que deja nbgrader; falla con:\n%s",
			strings.Join(problems, "\n"))
	}
}

func TestRetiredSolutionTag(t *testing.T) {
	tl := needHandoutTools(t, false)
	dir := t.TempDir()
	path := writeNotebook(t, dir, "viejo.ipynb", []map[string]any{
		codeCell("c1", "%%\nfmt.Println(1)", map[string]any{"tags": []string{"solucion"}}),
	})
	out, err := exec.Command(tl.python, tl.build, "--only", "alumnos", "--out", filepath.Join(dir, "salida"), path).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "la etiqueta «solucion» ya no se usa") {
		t.Errorf("build.py debería rechazar la etiqueta «solucion» (error %v):\n%s", err, out)
	}
}

func TestHandoutDropsScripts(t *testing.T) {
	tl := needHandoutTools(t, false)
	dir := t.TempDir()
	path := writeNotebook(t, dir, "scripts.ipynb", []map[string]any{
		markdownCell("m1", "# Salidas con scripts\n\nUna fórmula: $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.", nil),
		codeCell("c1", "%%\nfmt.Println(\"hola\")", nil,
			map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{
				"text/html": `<script src="https://cdn.example.org/lib.js"></script><link rel="stylesheet" href="https://cdn.example.org/a.css"><b>tabla</b>`}},
			map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{"text/html": ""}},
			map[string]any{"output_type": "display_data", "metadata": map[string]any{}, "data": map[string]any{
				"application/javascript": "alert(1)", "text/plain": "<js>"}}),
	})
	out := filepath.Join(dir, "salida")
	log := runBuild(t, tl, "--only", "html", "--out", out, path)
	if !strings.Contains(log, "<script>") {
		t.Errorf("build.py no avisó de que quitaba un <script>:\n%s", log)
	}
	b, err := os.ReadFile(filepath.Join(out, "scripts.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, rx := range external {
		if m := rx.FindString(html); m != "" {
			t.Errorf("el HTML conserva %q", m)
		}
	}
	for _, want := range []string{"<b>tabla</b>", "salida interactiva (JavaScript) omitida", "<math", "<mfrac>"} {
		if !strings.Contains(html, want) {
			t.Errorf("el HTML no contiene %q", want)
		}
	}
	if n := strings.Count(html, `<div class="jp-OutputArea-child`); n != 2 {
		t.Errorf("el HTML muestra %d salidas; deberían ser 2 (la vacía no)", n)
	}
}
