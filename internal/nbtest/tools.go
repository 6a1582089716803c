// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Env returns the environment variable name, or def if it is unset or empty.
func Env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// Missing is the one rule for missing tooling: it skips the test, or fails it when
// NEURONAS_NOTEBOOK_TESTS=1 (`make test`, CI), where a missing tool must not pass unnoticed.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("NEURONAS_NOTEBOOK_TESTS") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg + " (con NEURONAS_NOTEBOOK_TESTS=1 esto es un fallo)")
}

var rootOnce = sync.OnceValues(FindRoot)

// Root returns the repository root: the nearest folder above the working directory whose go.mod
// declares the module neuronas.
func Root(t testing.TB) string {
	t.Helper()
	root, err := rootOnce()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// FindRoot returns the repository root like Root, for programs (the bench) that are not tests.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.HasPrefix(mod, []byte("module neuronas\n")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no se encuentra el go.mod del módulo neuronas por encima de %s", dir)
		}
	}
}

// Notebooks returns the course's notebooks (<repo>/notebooks/*.ipynb), sorted; only those whose
// name starts with one of the comma-separated prefixes of NEURONAS_NOTEBOOKS, if it is set (e.g.
// "00-"). The test is skipped if there are none.
func Notebooks(t testing.TB) []string {
	t.Helper()
	root := Root(t)
	paths, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if only := os.Getenv("NEURONAS_NOTEBOOKS"); only != "" {
		paths = slices.DeleteFunc(paths, func(p string) bool {
			for prefix := range strings.SplitSeq(only, ",") {
				if prefix = strings.TrimSpace(prefix); prefix != "" && strings.HasPrefix(filepath.Base(p), prefix) {
					return false
				}
			}
			return true
		})
	}
	if len(paths) == 0 {
		t.Skip("no hay cuadernos en notebooks/ (o ninguno empieza por NEURONAS_NOTEBOOKS)")
	}
	if !testing.Short() { // -short runs no notebook: what the kernel builds does not matter then.
		statSources(root, ".go", "go.mod", "go.sum")
	}
	return paths
}

// statSources stats the files under dir with the given extensions or names so that `go test`
// caching notices changes in what the tests' external programs read (the kernel builds the Go
// sources; the harness's and the handouts' Python read their scripts, templates and styles), not
// the test binary. go test's cache also records every folder listed, so dir is kept narrow.
func statSources(dir string, kinds ...string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && path != dir && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir // .git, .venv, .tools
		case slices.Contains(kinds, filepath.Ext(path)) || slices.Contains(kinds, d.Name()):
			_, _ = os.Stat(path)
		}
		return nil
	})
}

// Venv returns the project's Python environment (NEURONAS_VENV, default <repo>/.venv), where
// `make setup` registers the "gonb" kernel.
func Venv(t testing.TB) string { return VenvIn(Root(t)) }

// VenvIn is Venv for the repository at root.
func VenvIn(root string) string { return Env("NEURONAS_VENV", filepath.Join(root, ".venv")) }

// PythonIn returns the project's python for the repository at root (NEURONAS_PYTHON, default
// the venv's), without checking that it is there (see Python).
func PythonIn(root string) string {
	return Env("NEURONAS_PYTHON", filepath.Join(VenvIn(root), "bin", "python"))
}

// Python returns the project's python (NEURONAS_PYTHON, default the venv's), or skips/fails the
// test (see Missing) if it is not there or lacks one of the given modules.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	for _, dir := range []string{"scripts", filepath.Join("internal", "nbtest")} {
		statSources(filepath.Join(Root(t), dir), ".py", ".j2", ".css")
	}
	python := PythonIn(Root(t))
	if _, err := exec.LookPath(python); err != nil {
		Missing(t, "no se encuentra el python del proyecto (NEURONAS_PYTHON=%s); prepara el entorno con `make setup`", python)
	}
	if len(modules) > 0 {
		out, err := exec.Command(python, "-c", "import "+strings.Join(modules, ", ")).CombinedOutput()
		if err != nil {
			Missing(t, "al python del proyecto le faltan paquetes de scripts/requirements.txt (`make setup`): %s", LastLine(string(out)))
		}
	}
	return python
}

// Script returns the path of a script of this harness (e.g. run_notebook.py).
func Script(t testing.TB, name string) string {
	return filepath.Join(Root(t), "internal", "nbtest", name)
}

var kernelChecks sync.Map // python -> error

// Kernel returns the python that runs notebooks (see Python) after checking, once per test
// binary, that it has nbclient and the GoNB kernel; otherwise it skips/fails the test. With -short
// it skips the test.
func Kernel(t testing.TB) string {
	t.Helper()
	skipShort(t, "el kernel de GoNB")
	python := Python(t)
	v, ok := kernelChecks.Load(python)
	if !ok {
		out, err := exec.Command(python, Script(t, "run_notebook.py"), "--check", "gonb").CombinedOutput()
		if err != nil {
			err = errors.New(LastLine(string(out)))
		}
		v, _ = kernelChecks.LoadOrStore(python, err)
	}
	if err, _ := v.(error); err != nil {
		Missing(t, "el kernel de GoNB no está disponible para %s: %v; prepara el entorno con `make setup`", python, err)
	}
	return python
}

// Chromium returns the browser for the PDF and browser tests: NEURONAS_CHROMIUM, or the first
// of chromium, chromium-browser and google-chrome on PATH; otherwise it skips/fails the test. With
// -short it skips the test.
func Chromium(t testing.TB) string {
	t.Helper()
	skipShort(t, "Chromium")
	if c := os.Getenv("NEURONAS_CHROMIUM"); c != "" {
		p, err := exec.LookPath(c)
		if err != nil {
			Missing(t, "NEURONAS_CHROMIUM=%s no es un ejecutable: %v", c, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(t, "no se encuentra Chromium; instálalo con `apt-get install chromium` (o indica otro con NEURONAS_CHROMIUM)")
	return ""
}

// skipShort skips the test with -short (`make check`, the fast tier): what needs the kernel or the
// browser runs in `make test`.
func skipShort(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short (make check): sin %s; `make test` lo ejecuta", what)
	}
}

// Programs skips/fails the test (see Missing) unless every program is on PATH; hint says how to
// install them.
func Programs(t testing.TB, hint string, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			Missing(t, "no se encuentra %s (%s)", name, hint)
		}
	}
}

// LastLine returns the last non-empty line of s.
func LastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// Tail returns the last n lines of s.
func Tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"[...]"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
