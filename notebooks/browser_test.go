//go:build linux

// End-to-end test of the course as a student sees it: JupyterLab in a real (headless) browser.
//
// TestBrowser starts JupyterLab on 127.0.0.1 (a free port, a random token) with the GoNB kernel of
// `make setup`, and drives Debian's Chromium with Playwright (scripts/browser/jupyterlab_e2e.py).
// For every notebooks/*.ipynb it opens the notebook, runs all cells from the menus («Ejecutar
// todas las celdas»), waits until they have all finished, and checks in the page that:
//   - every code cell ran, and none shows an error (stderr, an error output or GoNB's HTML error
//     report: all of them carry the MIME type application/vnd.jupyter.stderr in the page);
//   - every cell shows at least the figures it has in the committed notebook, as images the
//     browser decoded (naturalWidth > 0) with their alt text;
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
// notebooks/.artefactos/navegador/ (ignored by git through a .gitignore written there).
//
// Every process the test starts (JupyterLab, kernels, gopls, Playwright's driver, Chromium)
// inherits NEURONAS_BROWSER_TEST_ID=<random>; at the end the test looks for processes still
// carrying it, kills them and fails if there were any.
//
// Environment (besides NEURONAS_PYTHON and NEURONAS_VENV, see notebooks_test.go):
//
//	NEURONAS_NOTEBOOK_TESTS=1   missing tooling (chromium, playwright, kernel) fails instead of skipping
//	NEURONAS_BROWSER_TESTS=0    skip this test
//	NEURONAS_CHROMIUM           browser executable (default: chromium or chromium-browser on PATH)
//	NEURONAS_BROWSER_SCRIPT     driver (default <repo>/scripts/browser/jupyterlab_e2e.py)
//	NEURONAS_BROWSER_TIMEOUT    seconds to run all the cells of one notebook (default 600)
//	NEURONAS_ARTEFACTS          folder for the artefacts (default <repo>/notebooks/.artefactos)
//	NEURONAS_JUPYTER_URL        use this running JupyterLab (e.g. a container) instead of starting one;
//	NEURONAS_JUPYTER_TOKEN      its token;
//	NEURONAS_JUPYTER_DIR        the folder of the notebooks relative to its root (default: the root).
//	                            The notebooks are then copied on that server (Contents API) next to
//	                            the originals, and the copies are run and deleted.
package notebooks_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// browserTestID is the environment variable that marks every process started by TestBrowser.
const browserTestID = "NEURONAS_BROWSER_TEST_ID"

// lossLine is what every training cell prints at the end.
var lossLine = regexp.MustCompile(`(?m)^pérdida final: \S+`)

func TestBrowser(t *testing.T) {
	if os.Getenv("NEURONAS_BROWSER_TESTS") == "0" {
		t.Skip("NEURONAS_BROWSER_TESTS=0")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Skip("no hay cuadernos en notebooks/")
	}
	python := envOr("NEURONAS_PYTHON", filepath.Join(root, ".venv", "bin", "python"))
	script := envOr("NEURONAS_BROWSER_SCRIPT", filepath.Join(root, "scripts", "browser", "jupyterlab_e2e.py"))
	chromium := checkBrowserTooling(t, root, python, script)

	artefacts := artefactsDir(t, root)
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
	for _, name := range names {
		p := path.Join(server.dir, name)
		paths = append(paths, p)
		for _, c := range readNotebook(t, name).Cells {
			if completion == "" && c.CellType == "code" && strings.Contains(string(c.Source), `"neuronas/pkg/plots"`) {
				completion = p
			}
		}
	}

	start := time.Now()
	rep := runBrowser(t, python, script, chromium, artefacts, server, completion, paths)
	t.Logf("navegador: %d cuadernos en %v (Chromium %s)", len(rep.Notebooks), time.Since(start).Round(time.Second), rep.Chromium)

	for i, name := range names {
		var nb *browserNotebook
		if i < len(rep.Notebooks) && rep.Notebooks[i].Path == paths[i] {
			nb = &rep.Notebooks[i]
		}
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			if nb == nil {
				t.Fatalf("el informe del navegador no tiene %s", paths[i])
			}
			checkBrowserNotebook(t, readNotebook(t, name), nb)
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

// checkBrowserTooling returns the browser to use, or skips the test (fails it with
// NEURONAS_NOTEBOOK_TESTS=1) if the browser, Playwright or the kernel are missing.
func checkBrowserTooling(t *testing.T, root, python, script string) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("NEURONAS_NOTEBOOK_TESTS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (con NEURONAS_NOTEBOOK_TESTS=1 esto es un fallo)")
	}
	chromium := os.Getenv("NEURONAS_CHROMIUM")
	if chromium != "" {
		if _, err := exec.LookPath(chromium); err != nil {
			missing("NEURONAS_CHROMIUM=%s no es un ejecutable: %v", chromium, err)
		}
	} else {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				chromium = p
				break
			}
		}
	}
	if chromium == "" {
		missing("no se encuentra Chromium para la prueba en el navegador; instálalo con `apt-get install chromium` (o indica otro con NEURONAS_CHROMIUM)")
	}
	if _, err := exec.LookPath(python); err != nil {
		missing("no se encuentra el python del proyecto (NEURONAS_PYTHON=%s); prepara el entorno con `make setup`", python)
	}
	if _, err := os.Stat(script); err != nil {
		missing("no se encuentra el guion del navegador (NEURONAS_BROWSER_SCRIPT=%s)", script)
	}
	if os.Getenv("NEURONAS_JUPYTER_URL") == "" {
		kernel := filepath.Join(venvDir(root), "share", "jupyter", "kernels", "gonb", "kernel.json")
		if _, err := os.Stat(kernel); err != nil {
			missing("no está registrado el kernel de GoNB (%s); prepara el entorno con `make setup`", kernel)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, python, script, "--check", "--chromium", chromium).CombinedOutput()
	if err != nil {
		missing("Playwright no puede abrir %s con %s: %v\n%s\n(playwright va en scripts/requirements.txt: `make setup`)",
			chromium, python, err, tail(string(out), 15))
	}
	t.Logf("%s: %s", chromium, strings.TrimSpace(string(out)))
	return chromium
}

func venvDir(root string) string {
	return envOr("NEURONAS_VENV", filepath.Join(root, ".venv"))
}

// artefactsDir empties and returns the folder for this run's screenshots and report.
func artefactsDir(t *testing.T, root string) string {
	t.Helper()
	base := envOr("NEURONAS_ARTEFACTS", filepath.Join(root, "notebooks", ".artefactos"))
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	// Keep the artefacts out of git without touching the repository's .gitignore.
	ignore := filepath.Join(base, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		_ = os.WriteFile(ignore, []byte("# Artefactos de las pruebas (notebooks/browser_test.go); no se versionan.\n*\n"), 0o644)
	}
	dir := filepath.Join(base, "navegador")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// jupyterServer is where the notebooks are opened.
type jupyterServer struct {
	url, token string
	dir        string // Folder of the notebooks, relative to the server's root.
	copy       bool   // Work on server-side copies (a server this test did not set up).
}

func jupyterFromEnv() jupyterServer {
	url := os.Getenv("NEURONAS_JUPYTER_URL")
	if url == "" {
		return jupyterServer{}
	}
	return jupyterServer{
		url:   strings.TrimSuffix(url, "/") + "/",
		token: os.Getenv("NEURONAS_JUPYTER_TOKEN"),
		dir:   os.Getenv("NEURONAS_JUPYTER_DIR"),
		copy:  true,
	}
}

func (s jupyterServer) call(method, api string) (*http.Response, error) {
	req, err := http.NewRequest(method, s.url+api, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+s.token)
	client := &http.Client{Timeout: 10 * time.Second}
	return client.Do(req)
}

func (s jupyterServer) ping() error {
	resp, err := s.call("GET", "api/status")
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET api/status: %s", resp.Status)
	}
	return nil
}

// labSettings are JupyterLab's user settings for the test's private settings folder.
var labSettings = map[string]string{
	// Spanish interface (jupyterlab-language-pack-es-ES); "default" would follow the server's locale.
	"@jupyterlab/translation-extension/plugin": `{"locale": "es_ES"}`,
	// Never write the notebooks back.
	"@jupyterlab/docmanager-extension/plugin": `{"autosave": false}`,
	// Every cell in the page, so that all of them can be read (the default renders lazily).
	"@jupyterlab/notebook-extension/tracker": `{"windowingMode": "none"}`,
	// No "news" question popping up over the notebook.
	"@jupyterlab/apputils-extension/notification": `{"fetchNews": "false", "checkForUpdates": false}`,
}

// startJupyterLab starts JupyterLab on a mirror of the repository and returns it; it is shut down
// (with its kernels) when the test ends.
func startJupyterLab(t *testing.T, root, python, artefacts string) jupyterServer {
	t.Helper()
	tmp := t.TempDir()
	tree := filepath.Join(tmp, "cursos")
	mirrorRepository(t, root, tree)
	for name, content := range labSettings {
		p := filepath.Join(tmp, "settings", name+".jupyterlab-settings")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jupyterPath := filepath.Join(venvDir(root), "share", "jupyter")
	if p := os.Getenv("JUPYTER_PATH"); p != "" {
		jupyterPath += string(os.PathListSeparator) + p
	}
	env := append(os.Environ(),
		"JUPYTER_PATH="+jupyterPath, // The private "gonb" kernel of `make setup` first.
		"JUPYTER_CONFIG_DIR="+filepath.Join(tmp, "config"),
		"JUPYTER_DATA_DIR="+filepath.Join(tmp, "data"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(tmp, "runtime"),
		"JUPYTERLAB_SETTINGS_DIR="+filepath.Join(tmp, "settings"),
		"JUPYTERLAB_WORKSPACES_DIR="+filepath.Join(tmp, "workspaces"),
	)
	logPath := filepath.Join(artefacts, "jupyterlab.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logFile.Close() })

	token := randomHex(24)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", "--port=" + strconv.Itoa(port),
			"--ServerApp.port_retries=0", "--ServerApp.root_dir=" + tree, "--IdentityProvider.token=" + token}
		if os.Geteuid() == 0 {
			args = append(args, "--allow-root")
		}
		cmd := exec.Command(python, args...)
		cmd.Dir = tmp
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = logFile, logFile
		// Its own process group, to signal it whole; SIGTERM (a clean shutdown of the kernels) if
		// the test binary dies without running its cleanups (e.g. go test's -timeout panic).
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
		if err := cmd.Start(); err != nil {
			t.Fatalf("no se pudo arrancar JupyterLab: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		server := jupyterServer{url: fmt.Sprintf("http://127.0.0.1:%d/", port), token: token, dir: "notebooks"}
		started := time.Now()
		ready := false
	wait:
		for time.Since(started) < 90*time.Second {
			select {
			case <-exited:
				lastErr = fmt.Errorf("JupyterLab terminó al arrancar (%v)", cmd.ProcessState)
				break wait
			case <-time.After(250 * time.Millisecond):
				if server.ping() == nil {
					ready = true
					break wait
				}
			}
		}
		if ready {
			t.Logf("JupyterLab en %s (arrancó en %v; registro en %s)", server.url, time.Since(started).Round(100*time.Millisecond), logPath)
			t.Cleanup(func() { stopJupyterLab(t, server, cmd, exited) })
			return server
		}
		if lastErr == nil {
			lastErr = errors.New("JupyterLab no respondió en 90 s")
			stopJupyterLab(t, server, cmd, exited)
		}
	}
	log, _ := os.ReadFile(logPath)
	t.Fatalf("%v\n%s", lastErr, tail(string(log), 40))
	return jupyterServer{}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// stopJupyterLab asks JupyterLab to shut down (it stops its kernels first), then signals its
// process group: SIGTERM, and SIGKILL if it still runs.
func stopJupyterLab(t *testing.T, server jupyterServer, cmd *exec.Cmd, exited <-chan struct{}) {
	if resp, err := server.call("POST", "api/shutdown"); err == nil {
		resp.Body.Close()
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		select {
		case <-exited:
			return
		case <-time.After(20 * time.Second):
		}
		t.Logf("JupyterLab sigue en marcha tras 20 s; se envía %v a su grupo de procesos", sig)
		_ = syscall.Kill(-cmd.Process.Pid, sig)
	}
	<-exited
}

// mirrorRepository makes dst a view of the repository in which notebooks/ is a real folder holding
// copies of the notebooks and pkg/ a copy of the packages; everything else is a symbolic link into
// the repository.
func mirrorRepository(t *testing.T, root, dst string) {
	t.Helper()
	link := func(from, to string) {
		if err := os.Symlink(from, to); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dst, "notebooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case ".git", "notebooks":
		case "pkg":
			// A real copy: the setup cell runs `go get neuronas/pkg/...`, and Go's ... patterns do
			// not follow symbolic links.
			if err := os.CopyFS(filepath.Join(dst, "pkg"), os.DirFS(filepath.Join(root, "pkg"))); err != nil {
				t.Fatal(err)
			}
		default:
			link(filepath.Join(root, e.Name()), filepath.Join(dst, e.Name()))
		}
	}
	entries, err = os.ReadDir(filepath.Join(root, "notebooks"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		from, to := filepath.Join(root, "notebooks", e.Name()), filepath.Join(dst, "notebooks", e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."): // .artefactos, .ipynb_checkpoints
		case strings.HasSuffix(e.Name(), ".ipynb"):
			if err := os.WriteFile(to, mustRead(t, from), 0o644); err != nil {
				t.Fatal(err)
			}
		default:
			link(from, to)
		}
	}
}

// Report written by scripts/browser/jupyterlab_e2e.py (only the fields used here).
type browserReport struct {
	Chromium  string            `json:"chromium"`
	Languages []string          `json:"languages"`
	Notebooks []browserNotebook `json:"notebooks"`
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
	Type         string   `json:"type"`
	Prompt       string   `json:"prompt"`
	Stdout       string   `json:"stdout"`
	Stderr       []string `json:"stderr"`
	EmptyOutputs int      `json:"empty_outputs"`
	Images       []struct {
		Alt           string  `json:"alt"`
		Title         string  `json:"title"`
		Mime          string  `json:"mime"`
		NaturalWidth  int     `json:"natural_width"`
		NaturalHeight int     `json:"natural_height"`
		Width         float64 `json:"width"`
		Height        float64 `json:"height"`
	} `json:"images"`
}

// runBrowser runs the Playwright driver and returns its report. The driver's progress goes to the
// test log as it comes.
func runBrowser(t *testing.T, python, script, chromium, artefacts string, server jupyterServer, completion string, paths []string) *browserReport {
	t.Helper()
	timeout := envOr("NEURONAS_BROWSER_TIMEOUT", "600")
	args := []string{script, "--url", server.url, "--token", server.token, "--chromium", chromium,
		"--out", artefacts, "--timeout", timeout}
	if server.copy {
		args = append(args, "--copy")
	}
	if completion != "" {
		args = append(args, "--completion", completion)
	}
	args = append(args, paths...)
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
		t.Fatalf("falló %s: %v\n%s", filepath.Base(script), err, tail(stderr.String(), 40))
	}
	var rep browserReport
	raw, err := os.ReadFile(filepath.Join(artefacts, "informe.json"))
	if err == nil {
		err = json.Unmarshal(raw, &rep)
	}
	if err != nil {
		t.Fatalf("no se pudo leer el informe del navegador: %v\n%s", err, tail(stderr.String(), 40))
	}
	return &rep
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

// checkBrowserNotebook compares what the page showed with the committed notebook.
func checkBrowserNotebook(t *testing.T, committed *notebook, nb *browserNotebook) {
	if nb.Error != nil {
		t.Errorf("el navegador no pudo completar el cuaderno: %s", *nb.Error)
	}
	if nb.TimedOut {
		t.Errorf("las celdas no terminaron en NEURONAS_BROWSER_TIMEOUT=%s s", envOr("NEURONAS_BROWSER_TIMEOUT", "600"))
	}
	if len(nb.Cells) != len(committed.Cells) {
		t.Fatalf("la página muestra %d celdas y el cuaderno tiene %d", len(nb.Cells), len(committed.Cells))
	}
	var codeCells, figures, trainings, lossLines, empty int
	for i, c := range committed.Cells {
		got := nb.Cells[i]
		if c.CellType != "code" {
			continue
		}
		codeCells++
		where := describe(i, c)
		if !strings.ContainsAny(got.Prompt, "0123456789") {
			t.Errorf("%s: no se ejecutó (indicador %q)", where, got.Prompt)
		}
		for _, e := range got.Stderr {
			t.Errorf("%s: muestra un error:\n%s", where, tail(e, 30))
		}
		want := 0
		for _, n := range cellImages(c) {
			want += n
		}
		if len(got.Images) < want {
			t.Errorf("%s: muestra %d imagen(es) y el cuaderno guardado tiene %d", where, len(got.Images), want)
		}
		committedAlts := htmlAlts(c)
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
	for _, e := range nb.ConsoleErrors {
		t.Logf("consola del navegador: %s", e)
	}
	if len(nb.Screenshots) > 0 {
		t.Logf("capturas: %s (%d)", filepath.Dir(nb.Screenshots[0]), len(nb.Screenshots))
	}
}

var htmlAlt = regexp.MustCompile(`(?i)<img\b[^>]*\balt="([^"]*)"`)

// htmlAlts returns the alt texts of the <img> elements in a cell's committed HTML outputs.
func htmlAlts(c cell) []string {
	var alts []string
	for _, o := range c.Outputs {
		if html, ok := o.data("text/html"); ok {
			for _, m := range htmlAlt.FindAllStringSubmatch(html, -1) {
				alts = append(alts, m[1])
			}
		}
	}
	return alts
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

// reapMarked kills the processes that still carry this test's mark and fails the test if there
// were any: the test must not leave JupyterLab, a kernel, gopls or Chromium behind.
func reapMarked(t *testing.T, id string) {
	if runtime.GOOS != "linux" {
		return
	}
	var left []string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		left = markedProcesses(id)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			break
		}
	}
	for _, p := range left {
		pid, _ := strconv.Atoi(strings.Fields(p)[0])
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	t.Errorf("quedaban procesos de la prueba en marcha; se han matado:\n%s", strings.Join(left, "\n"))
}

// markedProcesses lists "pid command" for the live processes whose environment has
// NEURONAS_BROWSER_TEST_ID=id (Linux /proc). Chromium's zygote and renderer processes start with
// an empty environment, but they end with the browser process, which carries the mark.
func markedProcesses(id string) []string {
	entries, _ := os.ReadDir("/proc")
	mark := []byte(browserTestID + "=" + id + "\x00")
	var found []string
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !bytes.Contains(env, mark) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		cmd := strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))
		found = append(found, fmt.Sprintf("%d %s", pid, cmd[:min(len(cmd), 150)]))
	}
	return found
}
