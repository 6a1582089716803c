// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Execution is one run of a notebook by the GoNB kernel.
type Execution struct {
	Path        string    // the notebook that was run
	Notebook    *Notebook // the executed notebook, up to the cell that failed, if any
	Raw         []byte    // its JSON, as run_notebook.py wrote it
	Interrupted string    // why the run stopped early (a cell timed out, the kernel died), or ""
	Duration    time.Duration
}

// Problems lists the error outputs of the run and, if it was interrupted, why.
func (e *Execution) Problems() []string {
	errs := Errors(e.Notebook)
	if e.Interrupted != "" {
		errs = append(errs, e.Interrupted)
	}
	return errs
}

// Run executes the notebook at path headless through the GoNB kernel (run_notebook.py, nbclient)
// with the kernel started in dir (the notebook's own folder if dir is ""), and returns the
// executed copy; the notebook itself is not modified. A missing kernel skips/fails the test (see
// Missing); a runner that cannot run the notebook fails it.
func Run(t testing.TB, path, dir string) *Execution {
	t.Helper()
	python := Kernel(t)
	ctx, cancel := testContext(t, 30*time.Second)
	defer cancel()
	e, err := run(ctx, python, Script(t, "run_notebook.py"), path, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// RunAll is Run without stopping at the first cell that fails: every cell runs, as nbgrader's
// autograde runs a submission (a student's copy of an exercise notebook, whose checks fail until
// the exercises are answered). The kernel starts in dir (the notebook's own folder if "").
func RunAll(t testing.TB, path, dir string) *Execution {
	t.Helper()
	python := Kernel(t)
	ctx, cancel := testContext(t, 30*time.Second)
	defer cancel()
	e, err := run(ctx, python, Script(t, "run_notebook.py"), path, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// testContext is a context that ends margin before the test's deadline (go test -timeout).
func testContext(t testing.TB, margin time.Duration) (context.Context, context.CancelFunc) {
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if deadline, ok := tt.Deadline(); ok {
			return context.WithDeadline(context.Background(), deadline.Add(-margin))
		}
	}
	return context.WithCancel(context.Background())
}

// CellTimeout is the per-cell timeout of the kernel runs, in seconds (NEURONAS_CELL_TIMEOUT).
func CellTimeout() string { return Env("NEURONAS_CELL_TIMEOUT", "600") }

func run(ctx context.Context, python, runner, path, dir string, allowErrors bool) (*Execution, error) {
	tmp, err := os.MkdirTemp("", "nbtest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, filepath.Base(path))
	args := []string{runner, "--timeout", CellTimeout()}
	if dir != "" {
		args = append(args, "--cwd", dir)
	}
	if allowErrors {
		args = append(args, "--allow-errors")
	}
	cmd := exec.CommandContext(ctx, python, append(args, path, out)...)
	var stdout, logs bytes.Buffer // The runner reports on stdout; the kernel logs to stderr.
	cmd.Stdout, cmd.Stderr = &stdout, &logs
	// SIGTERM lets the runner shut the kernel down (it runs in its own session); SIGKILL after 20s.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	start := time.Now()
	err = cmd.Run()
	name := filepath.Base(path)
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s no terminó antes del límite de tiempo de `go test`; se ha parado (sube -timeout)", name)
	}
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 2) {
		return nil, fmt.Errorf("falló la ejecución de %s: %v\n%s\n%s", name, err, Tail(logs.String(), 60), stdout.String())
	}
	e := &Execution{Path: path, Duration: time.Since(start)}
	if err != nil { // Exit code 2: a cell timed out or the kernel died.
		e.Interrupted = fmt.Sprintf("%s: la ejecución se interrumpió (NEURONAS_CELL_TIMEOUT=%s s por celda):\n%s",
			name, CellTimeout(), strings.TrimSpace(stdout.String()))
	}
	if e.Raw, err = os.ReadFile(out); err != nil {
		return nil, fmt.Errorf("%s: el ejecutor no escribió el cuaderno ejecutado: %v\n%s", name, err, Tail(logs.String(), 60))
	}
	if e.Notebook, err = Parse(e.Raw); err != nil {
		return nil, fmt.Errorf("%s: el cuaderno ejecutado no es válido: %v", name, err)
	}
	return e, nil
}

// executions holds the notebooks run by Executed in this test binary.
var executions struct {
	sync.Mutex
	done map[string]*executed
}

type executed struct {
	e   *Execution
	err error
}

// Executed returns the run of the notebook at path in its own folder, the kernel's working
// directory (as JupyterLab runs it), executing it only the first time any test of this binary
// asks: TestNotebooks and TestHandouts share one run per notebook.
func Executed(t testing.TB, path string) *Execution {
	t.Helper()
	python := Kernel(t)
	executions.Lock()
	defer executions.Unlock()
	r, ok := executions.done[path]
	if !ok {
		ctx, cancel := testContext(t, 30*time.Second)
		defer cancel()
		r = &executed{}
		r.e, r.err = run(ctx, python, Script(t, "run_notebook.py"), path, "", false)
		if executions.done == nil {
			executions.done = map[string]*executed{}
		}
		executions.done[path] = r
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	if ok {
		t.Logf("%s: se usa su ejecución de antes en esta prueba (%v)", filepath.Base(path), r.e.Duration.Round(time.Millisecond))
	} else {
		t.Logf("%s ejecutado en %v", filepath.Base(path), r.e.Duration.Round(time.Millisecond))
	}
	return r.e
}
