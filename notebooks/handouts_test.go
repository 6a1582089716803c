// Tests scripts/handouts/build.py (`make handouts`): the course handouts (HTML and PDF) and the
// students' copies of every notebook in notebooks/.
//
// TestHandouts builds them all into a temporary folder of the repository root (like handouts/,
// so that the students' copies can run) and checks, for each notebook:
//   - HTML: lang="es"; every figure of the notebook is there, byte for byte, and there are no
//     other images; nothing is loaded or run (no scripts, stylesheets or remote URLs); every
//     formula is MathML; empty outputs are gone; the Go code is highlighted;
//   - PDF: A4, in Spanish (/Lang); "Página N de M" on every page; the title and every section title in its text
//     (pdftotext); as many raster images as the notebook has raster figures, printed at least
//     10 cm wide, and the text of every SVG figure (pdfimages, pdftotext);
//   - students' copy: no outputs nor execution counts, the same cells, sources and metadata
//     ("curso"), and it runs from top to bottom through scripts/run_notebook.py and the GoNB
//     kernel (not with -short), producing at least the figures the notebook has.
//
// TestStudentCopySolutions and TestHandoutDropsScripts check, on small made-up notebooks, how
// solution cells and scripts inside outputs are handled.
//
// Environment: NEURONAS_PYTHON (default <repo>/.venv/bin/python, with nbconvert and
// latex2mathml), NEURONAS_CHROMIUM (default chromium on PATH), NEURONAS_CELL_TIMEOUT (seconds
// per cell, default 600). Missing tools skip the tests, or fail them with NEURONAS_NOTEBOOK_TESTS=1.
// Debian packages: chromium, poppler-utils.
package notebooks_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tools are the programs the tests use.
type tools struct {
	root, python, build, runner, chromium string
}

// missing skips the test, or fails it with NEURONAS_NOTEBOOK_TESTS=1.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("NEURONAS_NOTEBOOK_TESTS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg + " (con NEURONAS_NOTEBOOK_TESTS=1 esto es un fallo)")
}

// needTools finds python with nbconvert and latex2mathml and, if withPDF, Chromium and poppler.
func needTools(t *testing.T, withPDF bool) tools {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tl := tools{
		root:   root,
		python: envOr("NEURONAS_PYTHON", filepath.Join(root, ".venv", "bin", "python")),
		build:  filepath.Join(root, "scripts", "handouts", "build.py"),
		runner: filepath.Join(root, "scripts", "run_notebook.py"),
	}
	if _, err := exec.LookPath(tl.python); err != nil {
		missing(t, "no se encuentra el python del proyecto (NEURONAS_PYTHON=%s); prepáralo con `make setup`", tl.python)
	}
	if out, err := exec.Command(tl.python, "-c", "import nbconvert, latex2mathml").CombinedOutput(); err != nil {
		missing(t, "al python del proyecto le faltan paquetes de scripts/requirements.txt (`make setup`): %s", lastLine(string(out)))
	}
	if !withPDF {
		return tl
	}
	if c := os.Getenv("NEURONAS_CHROMIUM"); c != "" {
		if _, err := exec.LookPath(c); err != nil {
			missing(t, "no se encuentra Chromium en NEURONAS_CHROMIUM=%s", c)
		}
		tl.chromium = c
	} else {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				tl.chromium = p
				break
			}
		}
	}
	if tl.chromium == "" {
		missing(t, "no se encuentra Chromium para imprimir los PDF (apt-get install chromium, o NEURONAS_CHROMIUM)")
	}
	for _, p := range []string{"pdftotext", "pdfinfo", "pdfimages"} {
		if _, err := exec.LookPath(p); err != nil {
			missing(t, "no se encuentra %s (apt-get install poppler-utils)", p)
		}
	}
	return tl
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// runBuild runs build.py with args and returns its output; the test fails if it fails.
func runBuild(t *testing.T, tl tools, args ...string) string {
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
	tl := needTools(t, true)
	paths, err := filepath.Glob(filepath.Join(tl.root, "notebooks", "*.ipynb"))
	if err != nil || len(paths) == 0 {
		t.Skip("no hay cuadernos en notebooks/")
	}
	// A folder of the repository root, as handouts/ is: the students' copies link the module
	// through ${GONB_DIR}/.. . The dot keeps it out of `go ./...` and of the notebooks' test.
	out, err := os.MkdirTemp(tl.root, ".apuntes-prueba-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(out) })

	start := time.Now()
	log := runBuild(t, tl, "--out", out)
	t.Logf("build.py: %d cuadernos en %v\n%s", len(paths), time.Since(start).Round(time.Millisecond), strings.TrimSpace(log))

	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		nb := readNotebook(t, path)
		t.Run(name, func(t *testing.T) {
			t.Run("html", func(t *testing.T) { checkHTML(t, nb, filepath.Join(out, name+".html")) })
			t.Run("pdf", func(t *testing.T) { checkPDF(t, nb, filepath.Join(out, name+".pdf")) })
			t.Run("alumnos", func(t *testing.T) { checkStudentCopy(t, tl, nb, filepath.Join(out, name+".ipynb")) })
		})
	}
}

// --- Notebooks --------------------------------------------------------------------------------

func (c cell) tags() []string {
	var tags []string
	_ = json.Unmarshal(c.Metadata["tags"], &tags)
	return tags
}

func (c cell) isSolution() bool {
	for _, tag := range c.tags() {
		if tag == "solucion" || tag == "solución" {
			return true
		}
	}
	return false
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
func (o output) displayed() string {
	for _, mime := range []string{"application/javascript", "text/html", "text/markdown", "image/svg+xml", "text/latex", "image/png", "image/jpeg", "text/plain"} {
		if _, ok := o.Data[mime]; ok {
			return mime
		}
	}
	return ""
}

// empty reports outputs that show nothing (cleared progress displays); the handout drops them.
func (o output) empty() bool {
	switch o.OutputType {
	case "stream":
		return o.Text == ""
	case "display_data", "execute_result":
		for mime := range o.Data {
			if s, ok := o.data(mime); !ok || !emptyHTML.MatchString(s) {
				return false
			}
		}
		return true
	}
	return false
}

// figures lists the figures of a cell's outputs.
func (c cell) figures(t *testing.T) []figure {
	var figs []figure
	for _, o := range c.Outputs {
		switch mime := o.displayed(); mime {
		case "text/html":
			html, _ := o.data(mime)
			for _, m := range htmlImg.FindAllStringSubmatch(html, -1) {
				figs = append(figs, newFigure(t, m[1]))
			}
			for _, svg := range htmlSVG.FindAllString(html, -1) {
				figs = append(figs, figure{mime: "image/svg+xml", svg: svg, inline: true})
			}
		case "image/svg+xml":
			svg, _ := o.data(mime)
			figs = append(figs, newFigure(t, "data:image/svg+xml;base64,"+base64.StdEncoding.EncodeToString([]byte(svg))))
		case "image/png", "image/jpeg":
			b64, _ := o.data(mime)
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

func (nb *notebook) figures(t *testing.T) []figure {
	var figs []figure
	for _, c := range nb.Cells {
		figs = append(figs, c.figures(t)...)
	}
	return figs
}

func (nb *notebook) markdown() string {
	var b strings.Builder
	for _, c := range nb.Cells {
		if c.CellType == "markdown" {
			b.WriteString(string(c.Source) + "\n\n")
		}
	}
	return b.String()
}

// headings are the notebook's titles (#, ##, ###, ####) as text, up to their first formula or code.
func (nb *notebook) headings() []string {
	var hs []string
	for _, m := range heading.FindAllStringSubmatch(nb.markdown(), -1) {
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

func checkHTML(t *testing.T, nb *notebook, path string) {
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
	figs := nb.figures(t)
	wantImg, wantSVG := len(mdImage.FindAllString(nb.markdown(), -1)), 0
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
	wantMath := len(mathInMD.FindAllString(codeSpan.ReplaceAllString(nb.markdown(), ""), -1))
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
			if !o.empty() {
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
	if strings.Contains(nb.codeSource(), "func ") && !strings.Contains(html, `<span class="kd">func</span>`) {
		t.Errorf("el código Go no está resaltado: no aparece <span class=\"kd\">func</span>")
	}
	if strings.Contains(nb.codeSource(), "import (") && !strings.Contains(html, `<span class="kn">import</span>`) {
		t.Errorf("el código Go no está resaltado: no aparece <span class=\"kn\">import</span>")
	}
}

func (nb *notebook) codeSource() string {
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

func checkPDF(t *testing.T, nb *notebook, path string) {
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
	for _, h := range nb.headings() {
		if !strings.Contains(flat, spaces.ReplaceAllString(h, " ")) {
			t.Errorf("el texto del PDF no tiene el título «%s»", h)
		}
	}

	// Raster figures: one image each in the PDF (masks aside), printed large enough to read;
	// SVG figures are drawn as vectors: their text is in the PDF's text.
	figs := nb.figures(t)
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

func checkStudentCopy(t *testing.T, tl tools, orig *notebook, path string) {
	cp := readNotebook(t, path)
	var want []cell // the original's cells minus the Markdown solutions
	for _, c := range orig.Cells {
		if !(c.isSolution() && c.CellType != "code") {
			want = append(want, c)
		}
	}
	if len(cp.Cells) != len(want) {
		t.Fatalf("la copia tiene %d celdas y debería tener %d", len(cp.Cells), len(want))
	}
	for i, c := range cp.Cells {
		w := want[i]
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
		if c.isSolution() {
			t.Errorf("%s: sigue marcada como solución", where)
		}
		if !w.isSolution() && c.Source != w.Source {
			t.Errorf("%s: el código o el texto cambió en la copia", where)
		}
		if w.isSolution() && c.Source == w.Source {
			t.Errorf("%s: la copia conserva la solución", where)
		}
		for key, raw := range w.Metadata {
			if key == "tags" || key == "execution" {
				continue
			}
			if got, ok := c.Metadata[key]; !ok || !jsonEqual(got, raw) {
				t.Errorf("%s: la copia pierde o cambia los metadatos %q (%s)", where, key, raw)
			}
		}
	}

	if testing.Short() {
		t.Skip("-short: no se ejecuta la copia")
	}
	if out, err := exec.Command(tl.python, tl.runner, "--check", "gonb").CombinedOutput(); err != nil {
		missing(t, "el kernel de GoNB no está disponible (`make setup`): %s", lastLine(string(out)))
	}
	start := time.Now()
	ran := runCopy(t, tl, path)
	t.Logf("copia ejecutada en %v", time.Since(start).Round(time.Millisecond))
	for i, c := range ran.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("celda %d: error %s: %s\n%s", i+1, o.Ename, o.Evalue, stripANSI(strings.Join(o.Traceback, "\n")))
			}
			if html, ok := o.data("text/html"); ok && strings.Contains(html, "vnd.jupyter.stderr") {
				t.Logf("celda %d escribió en stderr: %.300s", i+1, html)
			}
		}
	}
	if t.Failed() {
		return
	}
	for i, c := range want {
		if i < len(ran.Cells) && !c.isSolution() {
			if got, n := len(ran.Cells[i].figures(t)), len(c.figures(t)); got < n {
				t.Errorf("celda %d (%s): la copia produce %d figuras y el cuaderno tiene %d", i+1, c.ID, got, n)
			}
		}
	}
}

func stripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// runCopy executes a student's copy as JupyterLab would: the kernel starts in the copy's own
// folder (run_notebook.py without --cwd), so its setup cell must find the module at ${GONB_DIR}/.. .
func runCopy(t *testing.T, tl tools, path string) *notebook {
	t.Helper()
	executed := strings.TrimSuffix(path, ".ipynb") + ".ejecutado.ipynb"
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, tl.python, tl.runner, "--timeout", envOr("NEURONAS_CELL_TIMEOUT", "600"), path, executed)
	var stdout, logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &logs
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) } // the runner stops the kernel
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("la copia %s no terminó antes del límite de `go test` (sube -timeout)", filepath.Base(path))
	}
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 2) {
		t.Fatalf("falló la ejecución de %s: %v\n%s\n%s", filepath.Base(path), err, tail(logs.String(), 40), stdout.String())
	}
	if err != nil {
		t.Errorf("la ejecución de %s se interrumpió (NEURONAS_CELL_TIMEOUT o el kernel murió): %s", filepath.Base(path), strings.TrimSpace(stdout.String()))
	}
	return readNotebook(t, executed)
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
	tl := needTools(t, false)
	dir := t.TempDir()
	solution := map[string]any{"tags": []string{"solucion"}, "curso": map[string]any{"celda": 7}}
	path := writeNotebook(t, dir, "ejercicios.ipynb", []map[string]any{
		markdownCell("m1", "# Ejercicios\n\nCalcula el cuadrado.", nil),
		codeCell("c1", "func square(x float64) float64 { return x * x }", map[string]any{"curso": map[string]any{"celda": 6}},
			map[string]any{"output_type": "stream", "name": "stdout", "text": "hola\n"}),
		codeCell("c2", "%%\nfmt.Println(secretoDeLaSolucion(3))", solution,
			map[string]any{"output_type": "stream", "name": "stdout", "text": "9\n"}),
		markdownCell("m2", "La solución explicada: secretoDeLaSolucion eleva al cuadrado.", map[string]any{"tags": []string{"solución"}}),
		markdownCell("m3", "Fin.", nil),
	})
	out := filepath.Join(dir, "salida")
	runBuild(t, tl, "--only", "alumnos", "--out", out, path)

	raw, err := os.ReadFile(filepath.Join(out, "ejercicios.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "secretoDeLaSolucion") {
		t.Errorf("la copia para los alumnos contiene la solución:\n%s", raw)
	}
	nb := readNotebook(t, filepath.Join(out, "ejercicios.ipynb"))
	var ids []string
	for _, c := range nb.Cells {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, ","); got != "m1,c1,c2,m3" {
		t.Fatalf("celdas de la copia: %s; se esperaban m1,c1,c2,m3 (sin la explicación de la solución)", got)
	}
	c2 := nb.Cells[2]
	if want := "%%\n// Ejercicio: escribe aquí tu solución."; string(c2.Source) != want {
		t.Errorf("la celda de la solución quedó como %q y debería quedar como %q", c2.Source, want)
	}
	if tags := c2.tags(); len(tags) != 1 || tags[0] != "ejercicio" {
		t.Errorf("la celda de la solución tiene las etiquetas %v; debería tener solo «ejercicio»", tags)
	}
	if !jsonEqual(c2.Metadata["curso"], json.RawMessage(`{"celda": 7}`)) {
		t.Errorf("la celda de la solución pierde sus metadatos «curso»: %s", c2.Metadata["curso"])
	}
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 || (c.CellType == "code" && string(c.ExecutionCount) != "null") {
			t.Errorf("la celda %s conserva salidas o execution_count", c.ID)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".gitignore")); err != nil {
		t.Errorf("la carpeta de salida no tiene .gitignore: %v", err)
	}
}

func TestHandoutDropsScripts(t *testing.T) {
	tl := needTools(t, false)
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
