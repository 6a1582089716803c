// SPDX-License-Identifier: Apache-2.0

// Tests scripts/sitio/build.py (`make sitio`): the course website.
//
// TestSitio builds the site from the committed notebooks into a temporary folder (its build time
// goes to the log), checks that every notebook of notebooks/ has its page, then serves the folder
// under a sub-path (/neuronas/, as GitHub Pages serves a project site) and opens every page in
// headless Chromium (sitio_e2e.py, Playwright): no console error or uncaught exception, no
// request outside the site, every figure decoded (naturalWidth > 0) with its alternative text,
// as many figures on each notebook's page as the notebook has, formulas shown as MathML, the
// navigation listing every notebook; the search finds «LeakyReLU» in notebook II and its first
// result leads to a cell that contains the word, both served and opened from disk (file://).
// Screenshots of three pages go to .artefactos/sitio/.
//
// TestSitioBadInput builds made-up notebooks with a missing figure, a figure without alternative
// text, a broken link to a notebook and a link to a missing anchor: the build fails, writes no
// site and names the notebook and the cell of each problem; the good links are rewritten. A
// notebook with an nbgrader solution left in a cell fails too.
//
// Tools (see doc.go): python with nbconvert and latex2mathml (scripts/requirements.txt), and for
// TestSitio Chromium and playwright.
// NEURONAS_BROWSER_TESTS=0 skips TestSitio's browser part.
package nbtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

// sitePrefix is the sub-path the test serves the site under, as GitHub Pages does with
// https://OWNER.github.io/REPOSITORY/.
const sitePrefix = "/neuronas/"

// skipSiteShort skips the site's tests with -short (the fast tier): they run python (nbconvert)
// and Chromium; `make test` runs them.
func skipSiteShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: sin construir el sitio (python, Chromium); `make test` lo hace")
	}
}

// buildSite runs scripts/sitio/build.py with args; it returns the combined output and the error.
func buildSite(t *testing.T, python string, args ...string) (string, error) {
	t.Helper()
	script := filepath.Join(nbtest.Root(t), "scripts", "sitio", "build.py")
	out, err := exec.Command(python, append([]string{script}, args...)...).CombinedOutput()
	return string(out), err
}

type sitePage struct {
	URL           string   `json:"url"`
	Status        int      `json:"status"`
	Lang          string   `json:"lang"`
	Requests      []string `json:"requests"`
	Failed        []string `json:"failed"`
	ConsoleErrors []string `json:"console_errors"`
	Images        []struct {
		Alt           *string `json:"alt"`
		Src           string  `json:"src"`
		NaturalWidth  int     `json:"naturalWidth"`
		NaturalHeight int     `json:"naturalHeight"`
		Width         int     `json:"width"`
		Cell          string  `json:"cell"`
	} `json:"images"`
	Math      int      `json:"math"`
	MathShown int      `json:"mathShown"`
	Nav       []string `json:"nav"`
}

type siteSearch struct {
	sitePage
	SearchURL string `json:"search_url"`
	Estado    string `json:"estado"`
	Results   []struct {
		Href string `json:"href"`
		Text string `json:"text"`
	} `json:"results"`
	Landed        string `json:"landed"`
	LandedVisible bool   `json:"landed_visible"`
	LandedText    string `json:"landed_text"`
}

type siteReport struct {
	Chromium    string                `json:"chromium"`
	Pages       map[string]sitePage   `json:"pages"`
	Search      map[string]siteSearch `json:"search"`
	FileIndex   sitePage              `json:"file_index"`
	Screenshots []string              `json:"screenshots"`
}

func TestSitio(t *testing.T) {
	skipSiteShort(t)
	python := nbtest.Python(t, "nbconvert", "latex2mathml")
	root := nbtest.Root(t)
	paths := nbtest.Notebooks(t)
	site := filepath.Join(t.TempDir(), "sitio")
	start := time.Now()
	out, err := buildSite(t, python, "--out", site)
	if err != nil {
		t.Fatalf("falló scripts/sitio/build.py: %v\n%s", err, out)
	}
	t.Logf("sitio generado en %v (%d cuadernos)\n%s", time.Since(start).Round(time.Millisecond), len(paths), strings.TrimSpace(out))

	// Every notebook has its page, whatever notebooks/ holds.
	pages := []string{"index.html", "buscar.html", "creditos.html"}
	var notebookPages []string
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".ipynb") + ".html"
		notebookPages = append(notebookPages, name)
		if _, err := os.Stat(filepath.Join(site, name)); err != nil {
			t.Errorf("el cuaderno %s no tiene página en el sitio: %v", filepath.Base(p), err)
		}
		// The notebook to download: the committed one's cells, without solutions nor hidden tests.
		raw, err := os.ReadFile(filepath.Join(site, "cuadernos", filepath.Base(p)))
		if err != nil {
			t.Errorf("el cuaderno %s no se puede descargar del sitio: %v", filepath.Base(p), err)
			continue
		}
		dl, err := nbtest.Parse(raw)
		if err != nil {
			t.Errorf("el cuaderno %s que se descarga del sitio no es un cuaderno: %v", filepath.Base(p), err)
		} else if n := len(nbtest.Read(t, p).Cells); len(dl.Cells) != n {
			t.Errorf("el cuaderno %s que se descarga tiene %d celdas; el guardado, %d", filepath.Base(p), len(dl.Cells), n)
		}
		if bytes.Contains(raw, []byte("BEGIN SOLUTION")) || bytes.Contains(raw, []byte("BEGIN HIDDEN TESTS")) {
			t.Errorf("el cuaderno %s que se descarga del sitio tiene soluciones o pruebas ocultas de nbgrader", filepath.Base(p))
		}
	}
	pages = append(pages, notebookPages...)
	htmls, _ := filepath.Glob(filepath.Join(site, "*.html"))
	if len(htmls) != len(pages) {
		t.Errorf("el sitio tiene %d páginas; se esperaban %d (%v)", len(htmls), len(pages), pages)
	}

	if os.Getenv("NEURONAS_BROWSER_TESTS") == "0" {
		t.Skip("NEURONAS_BROWSER_TESTS=0: el sitio no se abre en el navegador")
	}
	chromium := nbtest.Chromium(t)
	nbtest.Python(t, "playwright")

	// Served under a sub-path; anything outside it is a 404 (and a request outside the site).
	mux := http.NewServeMux()
	mux.Handle(sitePrefix, http.StripPrefix(sitePrefix, http.FileServer(http.Dir(site))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base := srv.URL + sitePrefix
	fileBase := (&url.URL{Scheme: "file", Path: site + "/"}).String()

	artefacts := siteArtefacts(t, root)
	figurePage := notebookPages[len(notebookPages)-1]
	for _, p := range notebookPages {
		if strings.HasPrefix(p, "02-") {
			figurePage = p
		}
	}
	rep := runSiteBrowser(t, python, chromium, artefacts, base, fileBase, figurePage, pages)
	t.Logf("Chromium %s; capturas e informe en %s", rep.Chromium, artefacts)

	for _, name := range pages {
		pg, ok := rep.Pages[name]
		if !ok {
			t.Errorf("%s: el navegador no la abrió", name)
			continue
		}
		checkSitePage(t, name, pg, base)
		if !slices.Equal(pg.Nav, notebookPages) {
			t.Errorf("%s: la navegación lista %v; los cuadernos son %v", name, pg.Nav, notebookPages)
		}
	}
	for i, p := range paths {
		nb := nbtest.Read(t, p)
		want := 0
		for _, c := range nb.Cells {
			if gradedCell(c) {
				continue // The site shows what students get: these cells lose their outputs.
			}
			for _, f := range cellFigures(t, c) {
				if !f.inline {
					want++
				}
			}
		}
		want += len(mdImage.FindAllString(markdown(nb), -1))
		if got := len(rep.Pages[notebookPages[i]].Images); got != want {
			t.Errorf("%s: la página muestra %d figuras; el cuaderno tiene %d", notebookPages[i], got, want)
		}
		if strings.Contains(markdown(nb), "$") && rep.Pages[notebookPages[i]].Math == 0 {
			t.Errorf("%s: el cuaderno tiene fórmulas y la página ninguna en MathML", notebookPages[i])
		}
	}
	checkSitePage(t, "index.html (file://)", rep.FileIndex, fileBase)

	for _, mode := range []string{"http", "file"} {
		s, ok := rep.Search[mode]
		if !ok {
			t.Errorf("búsqueda (%s): no hay informe", mode)
			continue
		}
		checkSiteSearch(t, mode, s, map[string]string{"http": base, "file": fileBase}[mode])
	}
	if len(rep.Screenshots) != 3 {
		t.Errorf("se esperaban 3 capturas, hay %d: %v", len(rep.Screenshots), rep.Screenshots)
	}
}

// gradedCell reports an nbgrader answer or check cell (metadata nbgrader.solution or .grade): the
// handouts, and so the site, show them without the outputs their solutions produced.
func gradedCell(c nbtest.Cell) bool {
	var md struct {
		Solution bool `json:"solution"`
		Grade    bool `json:"grade"`
	}
	_ = json.Unmarshal(c.Metadata["nbgrader"], &md)
	return c.CellType == "code" && (md.Solution || md.Grade)
}

// checkSitePage: loaded, in Spanish, nothing from outside base, no errors, every figure visible
// with its alternative text, every formula with a size.
func checkSitePage(t *testing.T, name string, pg sitePage, base string) {
	t.Helper()
	if strings.HasPrefix(base, "http") && pg.Status != http.StatusOK {
		t.Errorf("%s: HTTP %d", name, pg.Status)
	}
	if pg.Lang != "es" {
		t.Errorf("%s: lang=%q, debe ser es", name, pg.Lang)
	}
	for _, e := range pg.ConsoleErrors {
		t.Errorf("%s: error en la consola: %s", name, e)
	}
	for _, f := range pg.Failed {
		t.Errorf("%s: petición fallida: %s", name, f)
	}
	for _, r := range pg.Requests {
		if !strings.HasPrefix(r, base) && !strings.HasPrefix(r, "data:") {
			t.Errorf("%s: petición fuera del sitio: %s", name, r)
		}
	}
	for _, img := range pg.Images {
		if img.NaturalWidth == 0 || img.NaturalHeight == 0 || img.Width == 0 {
			t.Errorf("%s, %s: la figura %q no se ve (natural %d×%d, ancho en pantalla %d)", name, img.Cell, img.Src, img.NaturalWidth, img.NaturalHeight, img.Width)
		}
		if img.Alt == nil || strings.TrimSpace(*img.Alt) == "" {
			t.Errorf("%s, %s: la figura %q no tiene texto alternativo", name, img.Cell, img.Src)
		}
	}
	if pg.MathShown != pg.Math {
		t.Errorf("%s: %d de %d fórmulas no ocupan sitio en la página", name, pg.Math-pg.MathShown, pg.Math)
	}
}

var landedCell = regexp.MustCompile(`^(0[0-9]-[^#/]+\.html)#celda-[0-9]+$`)

// checkSiteSearch: «LeakyReLU» has results, one of them in notebook II, every result's text
// has the word, and the first one leads to a visible cell that contains it.
func checkSiteSearch(t *testing.T, mode string, s siteSearch, base string) {
	t.Helper()
	checkSitePage(t, "búsqueda ("+mode+")", s.sitePage, base)
	if !strings.HasPrefix(s.SearchURL, base+"buscar.html?q=LeakyReLU") {
		t.Errorf("búsqueda (%s): el buscador de la cabecera llevó a %s", mode, s.SearchURL)
	}
	if len(s.Results) == 0 {
		t.Fatalf("búsqueda (%s): «LeakyReLU» no da resultados (estado: %q)", mode, s.Estado)
	}
	inII := false
	for _, r := range s.Results {
		m := landedCell.FindStringSubmatch(r.Href)
		if m == nil {
			t.Errorf("búsqueda (%s): el resultado enlaza a %q, no a la celda de un cuaderno", mode, r.Href)
			continue
		}
		inII = inII || strings.HasPrefix(m[1], "02-")
		if !strings.Contains(strings.ToLower(r.Text), "leakyrelu") {
			t.Errorf("búsqueda (%s): el resultado %s no muestra la palabra: %.200q", mode, r.Href, r.Text)
		}
	}
	if !inII {
		t.Errorf("búsqueda (%s): ningún resultado de «LeakyReLU» en el cuaderno II", mode)
	}
	if s.Landed != base+s.Results[0].Href || !s.LandedVisible {
		t.Errorf("búsqueda (%s): el primer resultado (%s) llevó a %s (celda visible: %v)", mode, s.Results[0].Href, s.Landed, s.LandedVisible)
	}
	if !strings.Contains(strings.ToLower(s.LandedText), "leakyrelu") {
		t.Errorf("búsqueda (%s): la celda a la que lleva el primer resultado no contiene «LeakyReLU»: %.300q", mode, s.LandedText)
	}
}

// siteArtefacts empties and returns <artefacts>/sitio.
func siteArtefacts(t *testing.T, root string) string {
	t.Helper()
	base := nbtest.Env("NEURONAS_ARTEFACTS", filepath.Join(root, ".artefactos"))
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	ignore := filepath.Join(base, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		_ = os.WriteFile(ignore, []byte("# Artefactos de las pruebas (internal/nbtest); no se versionan.\n*\n"), 0o644)
	}
	dir := filepath.Join(base, "sitio")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runSiteBrowser(t *testing.T, python, chromium, out, base, fileBase, figurePage string, pages []string) *siteReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	args := append([]string{nbtest.Script(t, "sitio_e2e.py"), "--chromium", chromium, "--base", base,
		"--file-base", fileBase, "--out", out, "--figure-page", figurePage}, pages...)
	cmd := exec.CommandContext(ctx, python, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // Anything of its group still alive.
	}
	t.Log(strings.TrimSpace(stdout.String()))
	if err != nil {
		t.Fatalf("falló sitio_e2e.py: %v\n%s", err, nbtest.Tail(stderr.String(), 30))
	}
	var rep siteReport
	raw, err := os.ReadFile(filepath.Join(out, "informe.json"))
	if err == nil {
		err = json.Unmarshal(raw, &rep)
	}
	if err != nil {
		t.Fatalf("no se pudo leer el informe del navegador: %v", err)
	}
	return &rep
}

// TestSitioBadInput: a missing figure or a broken link fails the build, naming notebook and cell.
func TestSitioBadInput(t *testing.T) {
	skipSiteShort(t)
	python := nbtest.Python(t, "nbconvert", "latex2mathml")
	dir := t.TempDir()
	nbs := filepath.Join(dir, "notebooks")
	if err := os.MkdirAll(filepath.Join(nbs, "figuras"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A real 1×1 PNG next to the notebooks: a figure that exists is copied, not reported.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
		"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	if err := os.WriteFile(filepath.Join(nbs, "figuras", "punto.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	good := writeNotebook(t, nbs, "01-bueno.ipynb", []map[string]any{
		markdownCell("b1", "# Bueno\n\n## Sección buena\n\nVe al [otro](02-malo.ipynb) y a la [figura](#celda-2).", nil),
		markdownCell("b2", "![Un punto](figuras/punto.png)", nil),
	})
	bad := writeNotebook(t, nbs, "02-malo.ipynb", []map[string]any{
		markdownCell("m1", "# Malo\n\nVuelve al [primero](01-bueno.ipynb#Sección-buena).", nil),
		markdownCell("m2", "![Una figura que falta](figuras/no-existe.png)", nil),
		codeCell("m3", "%%\nfmt.Println(1)", map[string]any{"curso": map[string]any{"celda": 7}},
			map[string]any{"output_type": "display_data", "metadata": map[string]any{},
				"data": map[string]any{"text/html": `<img src="data:image/png;base64,iVBORw0KGgo=" alt="Curva rota">`}}),
		markdownCell("m4", "Sigue en el [cuaderno 3](03-no-existe.ipynb) o en [otra parte](#no-hay-tal-ancla).", nil),
		markdownCell("m5", `<img src="figuras/punto.png" alt="">`, nil),
	})
	site := filepath.Join(dir, "sitio")

	out, err := buildSite(t, python, "--out", site, "--repositorio", "", good, bad)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("build.py con cuadernos rotos: %v (se esperaba el código 1)\n%s", err, out)
	}
	for _, want := range []string{
		"02-malo.ipynb, celda 2: la figura «figuras/no-existe.png» no existe",
		"02-malo.ipynb, celda 3 (In [7] del curso): una figura incrustada (image/png) no se puede ver",
		"02-malo.ipynb, celda 4: enlace roto: el cuaderno «03-no-existe.ipynb» no existe",
		"02-malo.ipynb, celda 4: enlace roto: 02-malo.html no tiene el ancla «#no-hay-tal-ancla»",
		"02-malo.ipynb, celda 5: la figura «figuras/punto.png» no tiene texto alternativo",
		"el sitio no se ha generado: 5 problema(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("la salida de build.py no dice %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "ERROR: 01-bueno.ipynb") {
		t.Errorf("build.py se queja del cuaderno bueno:\n%s", out)
	}
	if _, err := os.Stat(site); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("un sitio con problemas no debe generarse, y %s existe", site)
	}

	// A solution left in a cell is never published (whether the handouts strip it or not, the build
	// fails and names the notebook).
	if err := os.MkdirAll(filepath.Join(dir, "fuga"), 0o755); err != nil {
		t.Fatal(err)
	}
	leak := writeNotebook(t, filepath.Join(dir, "fuga"), "03-solucion.ipynb", []map[string]any{
		markdownCell("s1", "# Ejercicio", nil),
		codeCell("s2", "func answer() int {\n\t// ### BEGIN SOLUTION\n\treturn 42\n\t// ### END SOLUTION\n}", nil),
	})
	if out, err := buildSite(t, python, "--out", site, leak); err == nil || !strings.Contains(out, "ERROR: 03-solucion.ipynb") {
		t.Errorf("una celda con «BEGIN SOLUTION» llegó al sitio (o el error no nombra el cuaderno): %v\n%s", err, out)
	}
	if _, err := os.Stat(site); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("un sitio con una solución no debe generarse, y %s existe", site)
	}

	// The good notebook alone builds: its links become .html and its figure is copied.
	if out, err := buildSite(t, python, "--out", site, "--repositorio", "", good); err == nil {
		t.Fatalf("01-bueno.ipynb enlaza a 02-malo.ipynb, que no se publica: debía fallar\n%s", out)
	} else if !strings.Contains(out, "01-bueno.ipynb, celda 1: enlace roto: el cuaderno «02-malo.ipynb» no existe (o no está entre los que se publican)") {
		t.Errorf("el enlace a un cuaderno que no se publica no se nombra:\n%s", out)
	}
	fixed := writeNotebook(t, nbs, "02-malo.ipynb", []map[string]any{
		markdownCell("m1", "# Arreglado\n\nVuelve al [primero](01-bueno.ipynb#Sección-buena).", nil),
	})
	if out, err := buildSite(t, python, "--out", site, "--repositorio", "", good, fixed); err != nil {
		t.Fatalf("build.py con los cuadernos arreglados: %v\n%s", err, out)
	}
	page := string(readSiteFile(t, site, "01-bueno.html"))
	for _, want := range []string{`href="02-malo.html"`, `href="#celda-2"`, `src="figuras/punto.png"`, `alt="Un punto"`} {
		if !strings.Contains(page, want) {
			t.Errorf("01-bueno.html no contiene %s", want)
		}
	}
	if !strings.Contains(string(readSiteFile(t, site, "02-malo.html")), `href="01-bueno.html#Secci`) {
		t.Errorf("02-malo.html: el enlace al primero con ancla no se reescribió a 01-bueno.html#…")
	}
	if got := readSiteFile(t, site, filepath.Join("figuras", "punto.png")); !bytes.Equal(got, png) {
		t.Errorf("la figura figuras/punto.png no se copió al sitio")
	}
}

func readSiteFile(t *testing.T, site, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, name))
	if err != nil {
		t.Fatal(fmt.Errorf("el sitio no tiene %s: %w", name, err))
	}
	return b
}

// TestSitioRepositoryLinks: a notebook's link to a file of the repository outside notebooks/ goes to
// the repository's web address at the given ref, and loses its target (with a warning) when the
// address is unknown. The notebook sits inside the repository, in the ignored .artefactos/.
func TestSitioRepositoryLinks(t *testing.T) {
	skipSiteShort(t)
	python := nbtest.Python(t, "nbconvert", "latex2mathml")
	root := nbtest.Root(t)
	dir := filepath.Join(nbtest.Env("NEURONAS_ARTEFACTS", filepath.Join(root, ".artefactos")), "sitio-enlaces")
	if !strings.HasPrefix(dir, root+string(filepath.Separator)) {
		t.Skipf("NEURONAS_ARTEFACTS=%s está fuera del repositorio", dir)
	}
	_ = os.RemoveAll(dir)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	nbs := filepath.Join(dir, "notebooks")
	if err := os.MkdirAll(nbs, 0o755); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(nbs, filepath.Join(root, "pkg", "nn", "activations.go"))
	if err != nil {
		t.Fatal(err)
	}
	nb := writeNotebook(t, nbs, "01-enlaces.ipynb", []map[string]any{
		markdownCell("e1", "# Enlaces\n\nLas activaciones están en [activations.go]("+filepath.ToSlash(rel)+").", nil),
	})
	site := filepath.Join(dir, "sitio")
	out, err := buildSite(t, python, "--out", site, "--repositorio", "https://example.org/curso/neuronas", "--ref", "v1.2.3", nb)
	if err != nil {
		t.Fatalf("build.py: %v\n%s", err, out)
	}
	if page := string(readSiteFile(t, site, "01-enlaces.html")); !strings.Contains(page, `href="https://example.org/curso/neuronas/blob/v1.2.3/pkg/nn/activations.go"`) {
		t.Errorf("el enlace a pkg/nn/activations.go no lleva al repositorio:\n%s", page[strings.Index(page, "activations.go")-200:][:400])
	}
	out, err = buildSite(t, python, "--out", site, "--repositorio", "", nb)
	if err != nil {
		t.Fatalf("build.py sin dirección del repositorio: %v\n%s", err, out)
	}
	if !strings.Contains(out, "AVISO: 01-enlaces.ipynb, celda 1: el enlace a «pkg/nn/activations.go» del repositorio queda sin destino") {
		t.Errorf("sin dirección del repositorio no se avisa del enlace:\n%s", out)
	}
	if page := string(readSiteFile(t, site, "01-enlaces.html")); strings.Contains(page, "activations.go\"") || strings.Contains(page, `href="../`) {
		t.Errorf("sin dirección del repositorio el enlace sigue apuntando a un fichero que el sitio no tiene")
	}
}
