// SPDX-License-Identifier: Apache-2.0

//go:build linux

// End-to-end test of the course as a student sees it: JupyterLab in a real (headless) browser.
//
// TestBrowser starts JupyterLab on 127.0.0.1 (a free port, a random token) with the GoNB kernel of
// `make setup`, and drives Debian's Chromium with Playwright (jupyterlab_e2e.py, in this folder).
// First it opens JupyterLab's file browser on notebooks/ and checks that it lists every notebook
// and only course files (no Go tests or scripts: the harness lives in internal/nbtest).
// Then, for every notebooks/*.ipynb, it opens the notebook and checks that, before any cell runs,
// the page names the notebook's kernel («Go (gonb)») and knows its state (not «Unknown»: see
// docker/jupyter/kernel_status.py). It runs all cells from the menus («Ejecutar todas las
// celdas»), waits until they have all finished, and checks in the page that:
//   - every code cell ran, and none shows an error (stderr, an error output or GoNB's HTML error
//     report: all of them carry the MIME type application/vnd.jupyter.stderr in the page);
//   - every cell shows at least the figures it has in the committed notebook, as images the
//     browser decoded (naturalWidth > 0) with their alt text;
//   - every figure is shown at most 640 px wide (show.DisplayWidth; AlexNet's diagram, 800 px),
//     and a PNG figure at half its width in pixels (sharp on a 2x screen);
//   - no line of code goes past the right edge of its cell, in the test's window (1280×900, with
//     the file browser open): every line of every code cell's editor is measured;
//   - training cells (the ones that print "pérdida final:") show that line, as many times as
//     there are training cells.
//
// Once, it also checks that the interface is in Spanish when the language pack is installed
// ("Archivo" in the menu bar), and that in a new cell of the first notebook `plots.Dra` + Tab
// offers Draw2DFunction (completion through gopls) and Shift+Tab on plots.Draw2DFunction shows
// its Spanish doc comment (GoNB's inspect request).
//
// The notebooks are never modified: JupyterLab serves a temporary tree in which every entry of the
// repository is a symbolic link except notebooks/, a real folder holding copies of the notebooks,
// so each copy's `${GONB_DIR}/..` still is the module (through the links). Autosave is off in
// JupyterLab's private settings and tabs are closed without saving, anyway.
// Screenshots of every notebook after the run (one per screenful), of the completion list and of
// the tooltip, the JSON report of what the page showed and JupyterLab's log are left in
// .artefactos/navegador/ of the repository (ignored by git through a .gitignore written there).
//
// Every process the test starts (JupyterLab, kernels, gopls, Playwright's driver, Chromium)
// inherits NEURONAS_BROWSER_TEST_ID=<random>; at the end the test looks for processes still
// carrying it, kills them and fails if there were any.
//
// Environment (besides the harness's own, see doc.go):
//
//	NEURONAS_BROWSER_TESTS=0    skip this test
//	NEURONAS_BROWSER_SCRIPT     driver (default jupyterlab_e2e.py in this folder)
//	NEURONAS_BROWSER_TIMEOUT    seconds to run all the cells of one notebook (default 600)
//	NEURONAS_ARTEFACTS          folder for the artefacts (default <repo>/.artefactos)
//	NEURONAS_JUPYTER_URL        use this running JupyterLab (e.g. a container) instead of starting one;
//	NEURONAS_JUPYTER_TOKEN      its token;
//	NEURONAS_JUPYTER_DIR        the folder of the notebooks relative to its root (default: the root).
//	                            The notebooks are then copied on that server (Contents API) next to
//	                            the originals, and the copies are run and deleted.
//	NEURONAS_JUPYTER_LOGIN      USER:PASSWORD: NEURONAS_JUPYTER_URL is a student's server behind a
//	                            JupyterHub (…/user/USER/); the browser logs in through the Hub's form
//	                            first (the token is then used only for REST calls).
package nbtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

// browserTestID is the environment variable that marks every process started by TestBrowser.
const browserTestID = "NEURONAS_BROWSER_TEST_ID"

// lossLine is what every training cell prints at the end.
var lossLine = regexp.MustCompile(`(?m)^pérdida final: \S+`)

func TestBrowser(t *testing.T) {
	if os.Getenv("NEURONAS_BROWSER_TESTS") == "0" {
		t.Skip("NEURONAS_BROWSER_TESTS=0")
	}
	root := nbtest.Root(t)
	notebooks := nbtest.Notebooks(t)
	python, chromium, script := checkBrowserTooling(t)

	artefacts := artefactsDir(t, root, "navegador")
	id := randomHex(8)
	t.Setenv(browserTestID, id) // Inherited by every process started from here on.
	t.Cleanup(func() { reapMarked(t, id) })

	server := jupyterFromEnv()
	if server.url == "" {
		server = startJupyterLab(t, root, python, artefacts)
	} else if err := server.ping(); err != nil {
		t.Fatalf("no se puede usar el JupyterLab de NEURONAS_JUPYTER_URL=%s: %v", server.url, err)
	}

	// Server-side paths of the notebooks, and the one where completion is checked: the first that
	// imports the plots package.
	var paths []string
	completion := ""
	for _, local := range notebooks {
		p := path.Join(server.dir, filepath.Base(local))
		paths = append(paths, p)
		for _, c := range nbtest.Read(t, local).Cells {
			if completion == "" && c.CellType == "code" && strings.Contains(string(c.Source), `"neuronas/pkg/plots"`) {
				completion = p
			}
		}
	}

	start := time.Now()
	rep := runBrowser(t, python, script, chromium, artefacts, server, completion, paths)
	t.Logf("navegador: %d cuadernos en %v (Chromium %s)", len(rep.Notebooks), time.Since(start).Round(time.Second), rep.Chromium)

	t.Run("explorador", func(t *testing.T) { checkFileBrowser(t, rep.FileBrowser, notebooks) })
	for i, local := range notebooks {
		var nb *browserNotebook
		if i < len(rep.Notebooks) && rep.Notebooks[i].Path == paths[i] {
			nb = &rep.Notebooks[i]
		}
		t.Run(strings.TrimSuffix(filepath.Base(local), ".ipynb"), func(t *testing.T) {
			if nb == nil {
				t.Fatalf("el informe del navegador no tiene %s", paths[i])
			}
			checkBrowserNotebook(t, nbtest.Read(t, local), nb)
			if strings.Contains(filepath.Base(local), "laboratorio") {
				checkLab(t, nb.Lab)
			}
		})
	}
	t.Run("idioma", func(t *testing.T) {
		if len(rep.Notebooks) == 0 || rep.Notebooks[0].Menu == nil {
			t.Fatal("no se leyó la barra de menús")
		}
		menu := rep.Notebooks[0].Menu
		if !slices.Contains(rep.Languages, "es_ES") {
			t.Skipf("el paquete de idioma es_ES no está instalado en JupyterLab (idiomas: %v); menús: %v", rep.Languages, menu)
		}
		if !slices.Contains(menu, "Archivo") {
			t.Errorf("la interfaz no está en español: la barra de menús es %q (se esperaba «Archivo»)", menu)
		}
		t.Logf("barra de menús: %s", strings.Join(menu, " · "))
	})
	t.Run("autocompletado", func(t *testing.T) {
		checkCompletion(t, root, rep, completion)
	})
	t.Logf("capturas y el informe del navegador en %s", artefacts)
}

// checkBrowserTooling returns the python, the browser and the Playwright driver to use, or
// skips/fails the test (nbtest.Missing) if one of them, or the kernel, is missing.
func checkBrowserTooling(t *testing.T) (python, chromium, script string) {
	t.Helper()
	chromium = nbtest.Chromium(t)
	python = nbtest.Python(t)
	if os.Getenv("NEURONAS_JUPYTER_URL") == "" {
		nbtest.Kernel(t) // The JupyterLab started here uses the venv's kernels, as run_notebook.py.
	}
	script = nbtest.Env("NEURONAS_BROWSER_SCRIPT", nbtest.Script(t, "jupyterlab_e2e.py"))
	if _, err := os.Stat(script); err != nil {
		nbtest.Missing(t, "no se encuentra el guion del navegador (NEURONAS_BROWSER_SCRIPT=%s)", script)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, python, script, "--check", "--chromium", chromium).CombinedOutput()
	if err != nil {
		nbtest.Missing(t, "Playwright no puede abrir %s con %s: %v\n%s\n(playwright va en scripts/requirements.txt: `make setup`)",
			chromium, python, err, nbtest.Tail(string(out), 15))
	}
	t.Logf("%s: %s", chromium, strings.TrimSpace(string(out)))
	return python, chromium, script
}

// artefactsDir empties and returns the folder name of the artefacts folder, for this run's
// screenshots and report.
func artefactsDir(t *testing.T, root, name string) string {
	t.Helper()
	base := nbtest.Env("NEURONAS_ARTEFACTS", filepath.Join(root, ".artefactos"))
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	// Keep the artefacts out of git without touching the repository's .gitignore.
	ignore := filepath.Join(base, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		_ = os.WriteFile(ignore, []byte("# Artefactos de las pruebas (internal/nbtest); no se versionan.\n*\n"), 0o644)
	}
	dir := filepath.Join(base, name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Report written by jupyterlab_e2e.py (only the fields used here).
type browserReport struct {
	Chromium    string            `json:"chromium"`
	Languages   []string          `json:"languages"`
	FileBrowser *fileBrowser      `json:"file_browser"`
	Notebooks   []browserNotebook `json:"notebooks"`
}

// fileBrowser is what JupyterLab's file browser listed in the notebooks' folder.
type fileBrowser struct {
	Folder      string  `json:"folder"`
	Breadcrumbs string  `json:"breadcrumbs"`
	Error       *string `json:"error"`
	Screenshot  string  `json:"screenshot"`
	Items       []struct {
		Name string `json:"name"`
		Dir  bool   `json:"dir"`
		Type string `json:"type"`
	} `json:"items"`
}

type browserNotebook struct {
	Path          string        `json:"path"`
	Error         *string       `json:"error"`
	TimedOut      bool          `json:"timed_out"`
	Menu          []string      `json:"menu"`
	KernelReadyS  float64       `json:"kernel_ready_s"`
	RunS          float64       `json:"run_s"`
	TotalS        float64       `json:"total_s"`
	Cells         []browserCell `json:"cells"`
	Screenshots   []string      `json:"screenshots"`
	ConsoleErrors []string      `json:"console_errors"`
	KernelShown   *kernelShown  `json:"kernel_shown"`
	Lab           *browserLab   `json:"lab"` // Only the laboratory (see browser_lab_test.go).
	Completion    *struct {
		Items           []string `json:"items"`
		Attempts        int      `json:"attempts"`
		Seconds         *float64 `json:"seconds"`
		Tooltip         string   `json:"tooltip"`
		TooltipAttempts int      `json:"tooltip_attempts"`
		TooltipSeconds  *float64 `json:"tooltip_seconds"`
	} `json:"completion"`
}

type browserCell struct {
	Type         string         `json:"type"`
	Prompt       string         `json:"prompt"`
	Stdout       string         `json:"stdout"`
	Stderr       []string       `json:"stderr"`
	EmptyOutputs int            `json:"empty_outputs"`
	Editor       *editor        `json:"editor"`
	Images       []browserImage `json:"images"`
}

// browserImage is an <img> of a cell's outputs: its natural size (pixels of the image, or the size
// an SVG declares) and its size in the page (CSS pixels).
type browserImage struct {
	Alt           string  `json:"alt"`
	Title         string  `json:"title"`
	Mime          string  `json:"mime"`
	NaturalWidth  int     `json:"natural_width"`
	NaturalHeight int     `json:"natural_height"`
	Width         float64 `json:"width"`
	Height        float64 `json:"height"`
}

// runBrowser runs the Playwright driver and returns its report. The driver's progress goes to the
// test log as it comes.
func runBrowser(t *testing.T, python, script, chromium, artefacts string, server jupyterServer, completion string, paths []string) *browserReport {
	t.Helper()
	timeout := nbtest.Env("NEURONAS_BROWSER_TIMEOUT", "600")
	args := []string{script, "--url", server.url, "--token", server.token, "--chromium", chromium,
		"--out", artefacts, "--timeout", timeout, "--files", server.dir}
	if login := os.Getenv("NEURONAS_JUPYTER_LOGIN"); login != "" {
		args = append(args, "--login", login)
	}
	if server.copy {
		args = append(args, "--copy")
	}
	if completion != "" {
		args = append(args, "--completion", completion)
	}
	args = append(args, paths...)
	stderr := runDriver(t, python, args)
	var rep browserReport
	raw, err := os.ReadFile(filepath.Join(artefacts, "informe.json"))
	if err == nil {
		err = json.Unmarshal(raw, &rep)
	}
	if err != nil {
		t.Fatalf("no se pudo leer el informe del navegador: %v\n%s", err, nbtest.Tail(stderr, 40))
	}
	return &rep
}

// runDriver runs a Playwright driver (python args...) and returns its stderr; its stdout (progress)
// goes to the test log as it comes. The test fails if it fails or outlives go test's deadline.
func runDriver(t *testing.T, python string, args []string) string {
	t.Helper()
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-time.Minute))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, python, args...)
	var stderr bytes.Buffer
	progress := &lineLogger{t: t}
	cmd.Stdout, cmd.Stderr = progress, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	// SIGTERM lets the driver close Chromium; its whole process group gets SIGKILL 20 s later.
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // Anything of its group still alive.
	}
	progress.flush()
	if ctx.Err() != nil {
		t.Fatalf("la prueba en el navegador no terminó antes del límite de `go test`; se ha parado (sube -timeout)")
	}
	if err != nil {
		t.Fatalf("falló %s: %v\n%s", filepath.Base(args[0]), err, nbtest.Tail(stderr.String(), 40))
	}
	return stderr.String()
}

// lineLogger writes each complete line to the test log.
type lineLogger struct {
	t   *testing.T
	mu  sync.Mutex
	buf []byte
}

func (l *lineLogger) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.t.Log(string(l.buf[:i]))
		l.buf = l.buf[i+1:]
	}
}

func (l *lineLogger) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) > 0 {
		l.t.Log(string(l.buf))
		l.buf = nil
	}
}

// courseFiles are the kinds of file that may sit next to the notebooks in the students' folder
// (.css: rise.css, the slides' style, which RISE loads from the notebooks' folder).
var courseFiles = []string{".ipynb", ".md", ".txt", ".csv", ".png", ".jpg", ".jpeg", ".svg", ".pdf", ".css"}

// checkFileBrowser checks that the file browser, opened on the notebooks' folder, lists every
// notebook and nothing but course files: no Go tests, scripts or folders of the harness.
func checkFileBrowser(t *testing.T, fb *fileBrowser, notebooks []string) {
	if fb == nil {
		t.Fatal("el informe del navegador no tiene el explorador de archivos")
	}
	if fb.Error != nil {
		t.Fatalf("no se pudo leer el explorador de archivos en %q: %s", fb.Folder, *fb.Error)
	}
	listed := map[string]bool{}
	var names []string
	for _, it := range fb.Items {
		listed[it.Name] = true
		names = append(names, it.Name)
		switch {
		case it.Dir:
			t.Errorf("el explorador de archivos muestra la carpeta %s/ junto a los cuadernos; en notebooks/ solo va el curso", it.Name)
		case !slices.Contains(courseFiles, strings.ToLower(path.Ext(it.Name))):
			t.Errorf("el explorador de archivos muestra %s junto a los cuadernos; en notebooks/ solo van cuadernos y ficheros del curso (%s)",
				it.Name, strings.Join(courseFiles, " "))
		}
	}
	for _, nb := range notebooks {
		if !listed[filepath.Base(nb)] {
			t.Errorf("el explorador de archivos no muestra el cuaderno %s", filepath.Base(nb))
		}
	}
	t.Logf("explorador de archivos en %s: %s (captura: %s)", fb.Breadcrumbs, strings.Join(names, ", "), fb.Screenshot)
}

// checkBrowserNotebook compares what the page showed with the committed notebook.
func checkBrowserNotebook(t *testing.T, committed *nbtest.Notebook, nb *browserNotebook) {
	if nb.Error != nil {
		t.Errorf("el navegador no pudo completar el cuaderno: %s", *nb.Error)
	}
	if nb.TimedOut {
		t.Errorf("las celdas no terminaron en NEURONAS_BROWSER_TIMEOUT=%s s", nbtest.Env("NEURONAS_BROWSER_TIMEOUT", "600"))
	}
	checkKernelShown(t, committed, nb.KernelShown)
	if len(nb.Cells) != len(committed.Cells) {
		t.Fatalf("la página muestra %d celdas y el cuaderno tiene %d", len(nb.Cells), len(committed.Cells))
	}
	var codeCells, figures, trainings, lossLines, empty int
	var widest editorLine // The widest line of code of the notebook, and where it is.
	widestWhere, available := "", 0.0
	var widths []string
	for i, c := range committed.Cells {
		got := nb.Cells[i]
		if c.CellType != "code" {
			continue
		}
		codeCells++
		where := nbtest.Describe(i, c)
		if l := checkCodeLines(t, where, c, got.Editor); l.Width > widest.Width {
			widest, widestWhere, available = l, where, got.Editor.Available
		}
		if !strings.ContainsAny(got.Prompt, "0123456789") {
			t.Errorf("%s: no se ejecutó (indicador %q)", where, got.Prompt)
		}
		for _, e := range got.Stderr {
			t.Errorf("%s: muestra un error:\n%s", where, nbtest.Tail(e, 30))
		}
		want := 0
		for _, n := range c.Images() {
			want += n
		}
		if len(got.Images) < want {
			t.Errorf("%s: muestra %d imagen(es) y el cuaderno guardado tiene %d", where, len(got.Images), want)
		}
		committedAlts := c.Alts()
		for j, img := range got.Images {
			switch {
			case img.NaturalWidth == 0 || img.NaturalHeight == 0:
				t.Errorf("%s: la imagen %d no se ve (el navegador no pudo decodificarla: %s, %d×%d)",
					where, j+1, img.Mime, img.NaturalWidth, img.NaturalHeight)
			case strings.TrimSpace(img.Alt) == "":
				t.Errorf("%s: la imagen %d no tiene texto alternativo", where, j+1)
			case j < len(committedAlts) && altKind(img.Alt) != altKind(committedAlts[j]):
				t.Errorf("%s: la imagen %d es «%s…» y en el cuaderno guardado es «%s…»",
					where, j+1, altKind(img.Alt), altKind(committedAlts[j]))
			default:
				figures++
				widths = append(widths, fmt.Sprintf("%s imagen %d: %s", where, j+1, checkFigureWidth(t, where, j+1, img)))
			}
		}
		empty += got.EmptyOutputs
		n := len(lossLine.FindAllString(got.Stdout, -1))
		lossLines += n
		if strings.Contains(string(c.Source), "pérdida final:") {
			trainings++
			if n == 0 {
				t.Errorf("%s: es un entrenamiento y no muestra la línea «pérdida final: …»", where)
			}
		}
	}
	if lossLines != trainings {
		t.Errorf("la página muestra %d líneas «pérdida final:» y el cuaderno tiene %d celdas de entrenamiento", lossLines, trainings)
	}
	t.Logf("%d celdas de código, %d figuras vistas, %d entrenamientos con su pérdida final; kernel listo en %.1f s, "+
		"ejecución %.1f s, total %.1f s; %d salidas vacías", codeCells, figures, trainings, nb.KernelReadyS, nb.RunS, nb.TotalS, empty)
	t.Logf("línea de código más ancha: %s, línea %d: %.0f px de %.0f disponibles (%d caracteres)\n%s",
		widestWhere, widest.Line, widest.Width, available, widest.Chars, widest.Text)
	t.Logf("figuras (ancho × alto en la página):\n%s", strings.Join(widths, "\n"))
	for _, e := range nb.ConsoleErrors {
		t.Logf("consola del navegador: %s", e)
	}
	if len(nb.Screenshots) > 0 {
		t.Logf("capturas: %s (%d)", filepath.Dir(nb.Screenshots[0]), len(nb.Screenshots))
	}
}

// altKind is the kind of figure an alt text describes: what comes before its first colon or
// comma ("Curva de pérdida", "Gráfica del ajuste", "Perceptrón multicapa 1-4-1").
func altKind(alt string) string {
	kind, _, _ := strings.Cut(alt, ":")
	kind, _, _ = strings.Cut(kind, ",")
	return strings.TrimSpace(kind)
}

// checkCompletion checks the completion list and the contextual help the page showed.
func checkCompletion(t *testing.T, root string, rep *browserReport, completion string) {
	if completion == "" {
		t.Skip("ningún cuaderno importa neuronas/pkg/plots")
	}
	var nb *browserNotebook
	for i := range rep.Notebooks {
		if rep.Notebooks[i].Path == completion {
			nb = &rep.Notebooks[i]
		}
	}
	if nb == nil || nb.Completion == nil {
		t.Fatalf("no se comprobó el autocompletado en %s", completion)
	}
	c := nb.Completion
	// Draw2DFunctions appears in no notebook, so it can only come from the kernel (gopls), not
	// from JupyterLab's completion with the words of the document.
	for _, want := range []string{"Draw2DFunction", "Draw2DFunctions"} {
		if !slices.Contains(c.Items, want) {
			t.Errorf("Tab tras «plots.Dra» no ofrece %s (ofrece %q, tras %d pulsaciones)", want, c.Items, c.Attempts)
		}
	}
	if c.Seconds != nil {
		t.Logf("Tab tras «plots.Dra»: %q en %.1f s (%d pulsaciones de Tab)", c.Items, *c.Seconds, c.Attempts)
	}
	doc, err := docStart(filepath.Join(root, "pkg", "plots"), "Draw2DFunction", 5)
	if err != nil {
		t.Fatal(err)
	}
	tooltip := strings.Join(strings.Fields(c.Tooltip), " ")
	if !strings.Contains(tooltip, doc) {
		t.Errorf("Shift+Tab sobre plots.Draw2DFunction no muestra su documentación («%s…»); muestra:\n%s", doc, c.Tooltip)
	} else if c.TooltipSeconds != nil {
		t.Logf("Shift+Tab sobre plots.Draw2DFunction: «%s…» en %.1f s", doc, *c.TooltipSeconds)
	}
}

// docStart returns the first n words of the doc comment of the function name in the package in dir.
func docStart(dir, name string, n int) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			return "", err
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name && fn.Doc != nil {
				words := strings.Fields(fn.Doc.Text())
				return strings.Join(words[:min(n, len(words))], " "), nil
			}
		}
	}
	return "", fmt.Errorf("no se encuentra la documentación de %s en %s", name, dir)
}
