// Tests that every notebook in this folder runs without errors through the real GoNB kernel and
// still produces the outputs committed in it.
//
// Each notebooks/*.ipynb is executed headless by scripts/run_notebook.py (nbclient, with the
// kernel named in the notebook's metadata, working directory notebooks/). The test then fails if
//   - a cell produced an error;
//   - a committed text output (stdout, stderr, text/plain of results and displays) differs from the
//     fresh one, after [normalize] removed what legitimately changes from run to run;
//   - a committed image (image/png, image/svg+xml, or an <img>/<svg> inside text/html) has no
//     counterpart in the same cell of the fresh run.
//
// Environment:
//
//	NEURONAS_PYTHON            python with nbclient and the "gonb" kernel (default <repo>/.venv/bin/python)
//	NEURONAS_NOTEBOOK_RUNNER   runner script (default <repo>/scripts/run_notebook.py)
//	NEURONAS_CELL_TIMEOUT      per-cell timeout in seconds (default 600)
//	NEURONAS_NOTEBOOK_TESTS=1  missing tooling fails the test instead of skipping it
//	NEURONAS_UPDATE_NOTEBOOKS=1 rewrite each notebook with its fresh outputs (if it ran without errors)
//
// The tooling is installed by scripts/setup.sh (`make setup`).
package notebooks_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

const updateHint = "si el cambio es intencionado, regenera las salidas con `make notebooks`"

func TestNotebooks(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Skip("no hay cuadernos en notebooks/")
	}
	python := envOr("NEURONAS_PYTHON", filepath.Join(root, ".venv", "bin", "python"))
	runner := envOr("NEURONAS_NOTEBOOK_RUNNER", filepath.Join(root, "scripts", "run_notebook.py"))
	checkTooling(t, python, runner)
	statSources(root)
	update := os.Getenv("NEURONAS_UPDATE_NOTEBOOKS") == "1"

	for _, path := range paths {
		t.Run(strings.TrimSuffix(path, ".ipynb"), func(t *testing.T) {
			start := time.Now()
			fresh, freshRaw, interrupted := runNotebook(t, python, runner, path)
			t.Logf("%s ejecutado en %v", path, time.Since(start).Round(time.Millisecond))
			errs := cellErrors(fresh)
			if interrupted != "" {
				errs = append(errs, interrupted)
			}
			if len(errs) > 0 {
				// Cells after the failure were not run, so their outputs are not compared.
				for _, e := range errs {
					t.Error(e)
				}
				t.FailNow()
			}
			if update {
				if err := os.WriteFile(path, freshRaw, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s reescrito con las salidas nuevas", path)
				return
			}
			committed := readNotebook(t, path)
			for _, diff := range compareNotebooks(committed, fresh) {
				t.Error(diff)
			}
		})
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// statSources stats the module's Go sources so that `go test` caching notices changes in the
// packages the notebooks import (the kernel reads them, not this test).
func statSources(root string) {
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && path != root && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir // .git, .venv, .tools
		case strings.HasSuffix(path, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum":
			_, _ = os.Stat(path)
		}
		return nil
	})
}

// checkTooling skips the test (or fails it, with NEURONAS_NOTEBOOK_TESTS=1) if the python
// runner or the GoNB kernel are not installed.
func checkTooling(t *testing.T, python, runner string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...) + "; prepara el entorno con `make setup` (scripts/setup.sh)"
		if os.Getenv("NEURONAS_NOTEBOOK_TESTS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (con NEURONAS_NOTEBOOK_TESTS=1 esto es un fallo)")
	}
	if _, err := exec.LookPath(python); err != nil {
		missing("no se encuentra el python de los cuadernos (NEURONAS_PYTHON=%s)", python)
	}
	if _, err := os.Stat(runner); err != nil {
		missing("no se encuentra el ejecutor de cuadernos (NEURONAS_NOTEBOOK_RUNNER=%s)", runner)
	}
	out, err := exec.Command(python, runner, "--check", "gonb").CombinedOutput()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		missing("el kernel de GoNB no está disponible para %s: %s", python, lines[len(lines)-1])
	}
}

// runNotebook executes the notebook and returns the executed copy, parsed and raw, and, if a
// cell timed out or the kernel died, a message saying so.
func runNotebook(t *testing.T, python, runner, path string) (nb *notebook, raw []byte, interrupted string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, python, runner,
		"--timeout", envOr("NEURONAS_CELL_TIMEOUT", "600"), "--cwd", ".", path, out)
	var stdout, logs bytes.Buffer // The runner reports on stdout; the kernel logs to stderr.
	cmd.Stdout, cmd.Stderr = &stdout, &logs
	// SIGTERM lets the runner shut the kernel down (it runs in its own session); SIGKILL after 20s.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s no terminó antes del límite de tiempo de `go test`; se ha parado (sube -timeout)", path)
	}
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 2) {
		t.Fatalf("falló la ejecución de %s: %v\n%s\n%s", path, err, tail(logs.String(), 60), stdout.String())
	}
	if err != nil { // Exit code 2: a cell timed out or the kernel died.
		interrupted = fmt.Sprintf("%s: la ejecución se interrumpió (NEURONAS_CELL_TIMEOUT=%s s por celda):\n%s",
			path, envOr("NEURONAS_CELL_TIMEOUT", "600"), strings.TrimSpace(stdout.String()))
	}
	return readNotebook(t, out), mustRead(t, out), interrupted
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"[...]"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Notebook format (nbformat 4), only the parts compared here.
type notebook struct {
	Cells []cell `json:"cells"`
}

type cell struct {
	CellType       string                     `json:"cell_type"`
	ID             string                     `json:"id"`
	Metadata       map[string]json.RawMessage `json:"metadata"`
	Source         multiline                  `json:"source"`
	Outputs        []output                   `json:"outputs"`
	ExecutionCount json.RawMessage            `json:"execution_count"`
}

type output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"` // stream: stdout or stderr
	Text       multiline                  `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
	Traceback  []string                   `json:"traceback"`
}

// multiline is a notebook string, stored either as a string or as a list of lines.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*m = multiline(strings.Join(lines, ""))
		return nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	*m = multiline(s)
	return err
}

func (o output) data(mime string) (string, bool) {
	raw, ok := o.Data[mime]
	if !ok {
		return "", false
	}
	var m multiline
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", false
	}
	return string(m), true
}

func readNotebook(t *testing.T, path string) *notebook {
	t.Helper()
	var nb notebook
	if err := json.Unmarshal(mustRead(t, path), &nb); err != nil {
		t.Fatalf("%s no es un cuaderno válido: %v", path, err)
	}
	return &nb
}

// describe names a cell for messages: its 1-based position, the course cell it mirrors
// ("curso" metadata) and its first line.
func describe(i int, c cell) string {
	s := fmt.Sprintf("celda %d", i+1)
	if curso, ok := c.Metadata["curso"]; ok {
		var b bytes.Buffer
		_ = json.Compact(&b, curso)
		s += fmt.Sprintf(" (curso %s)", b.String())
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(c.Source)), "\n")
	if r := []rune(first); len(r) > 60 {
		first = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%s [%s]", s, first)
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

var (
	htmlStyle = regexp.MustCompile(`(?s)<style.*?</style>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
	blankRuns = regexp.MustCompile(`\n\s*\n(\s*\n)+`)
)

// cellErrors lists the error outputs of a notebook, each with the cell's stderr and the text of
// GoNB's HTML error reports (compiler messages, `go get` failures) that came before it.
func cellErrors(nb *notebook) []string {
	var errs []string
	for i, c := range nb.Cells {
		var context strings.Builder
		for _, o := range c.Outputs {
			if o.OutputType == "stream" && o.Name == "stderr" {
				context.WriteString(string(o.Text))
			}
			if html, ok := o.data("text/html"); ok && strings.Contains(html, "vnd.jupyter.stderr") {
				text := htmlTag.ReplaceAllString(htmlStyle.ReplaceAllString(html, ""), "")
				context.WriteString(strings.TrimSpace(blankRuns.ReplaceAllString(text, "\n")) + "\n")
			}
			if o.OutputType == "error" {
				tb := strings.Join(o.Traceback, "\n")
				errs = append(errs, ansi.ReplaceAllString(fmt.Sprintf("%s: error %s: %s\n%s\n%s",
					describe(i, c), o.Ename, o.Evalue, context.String(), tb), ""))
			}
		}
	}
	return errs
}

// compareNotebooks returns the differences between the committed outputs and the fresh ones.
func compareNotebooks(committed, fresh *notebook) []string {
	if len(committed.Cells) != len(fresh.Cells) {
		return []string{fmt.Sprintf("el cuaderno tiene %d celdas y la ejecución devolvió %d", len(committed.Cells), len(fresh.Cells))}
	}
	if !hasOutputs(committed) && hasOutputs(fresh) {
		return []string{"el cuaderno no tiene salidas guardadas; genéralas con `make notebooks`"}
	}
	var diffs []string
	for i, c := range committed.Cells {
		if c.CellType != "code" {
			continue
		}
		f := fresh.Cells[i]
		want, got := normalize(cellText(c)), normalize(cellText(f))
		if want != got {
			diffs = append(diffs, fmt.Sprintf("%s: la salida de texto cambió; %s\n%s",
				describe(i, c), updateHint, lineDiff(want, got)))
		}
		wantImg, gotImg := cellImages(c), cellImages(f)
		for kind, n := range wantImg {
			if gotImg[kind] < n {
				diffs = append(diffs, fmt.Sprintf("%s: tenía %d imagen(es) %s y ahora produce %d; %s",
					describe(i, c), n, kind, gotImg[kind], updateHint))
			}
		}
	}
	return diffs
}

func hasOutputs(nb *notebook) bool {
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 {
			return true
		}
	}
	return false
}

// cellText gathers the text outputs of a cell: stdout and stderr (each concatenated, since how
// a stream is split into messages varies from run to run) and the text/plain of results and
// displays, in order. Outputs without text/plain (HTML-only displays such as GoNB's updatable
// ones) are not compared as text.
func cellText(c cell) string {
	var stdout, stderr, results strings.Builder
	for _, o := range c.Outputs {
		switch o.OutputType {
		case "stream":
			if o.Name == "stderr" {
				stderr.WriteString(string(o.Text))
			} else {
				stdout.WriteString(string(o.Text))
			}
		case "execute_result", "display_data":
			if s, ok := o.data("text/plain"); ok {
				fmt.Fprintf(&results, "[%s]\n%s\n", o.OutputType, s)
			}
		}
	}
	var b strings.Builder
	for _, part := range []struct{ name, text string }{
		{"stdout", stdout.String()}, {"stderr", stderr.String()}, {"resultados", results.String()},
	} {
		if part.text != "" {
			fmt.Fprintf(&b, "--- %s:\n%s\n", part.name, strings.TrimRight(part.text, "\n"))
		}
	}
	return b.String()
}

var htmlImage = regexp.MustCompile(`(?i)<(img|svg)\b`)

// cellImages counts the images of a cell by kind.
func cellImages(c cell) map[string]int {
	n := map[string]int{}
	for _, o := range c.Outputs {
		for _, mime := range []string{"image/png", "image/svg+xml"} {
			if _, ok := o.Data[mime]; ok {
				n[mime]++
			}
		}
		if html, ok := o.data("text/html"); ok {
			for _, m := range htmlImage.FindAllStringSubmatch(html, -1) {
				n["<"+strings.ToLower(m[1])+"> en text/html"]++
			}
		}
	}
	return n
}

// lineDiff shows the first differing line of two texts, with a little context.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	excerpt := func(lines []string) string {
		lo, hi := max(0, i-2), min(len(lines), i+3)
		if lo >= hi {
			return "    (nada)"
		}
		return "    " + strings.Join(lines[lo:hi], "\n    ")
	}
	return fmt.Sprintf("  primera diferencia en la línea %d\n  guardado:\n%s\n  ahora:\n%s", i+1, excerpt(w), excerpt(g))
}
