// SPDX-License-Identifier: Apache-2.0

//go:build linux

// The JupyterLab that TestBrowser drives: a private server on a mirror of the repository, or one
// given by NEURONAS_JUPYTER_URL, and the reaping of every process the test started.
package nbtest_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

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
	tree       string // The server's root on this machine (only for a server this test started).
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
	jupyterPath := filepath.Join(nbtest.Venv(t), "share", "jupyter")
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
		server := jupyterServer{url: fmt.Sprintf("http://127.0.0.1:%d/", port), token: token, dir: "notebooks", tree: tree}
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
	t.Fatalf("%v\n%s", lastErr, nbtest.Tail(string(log), 40))
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
			raw, err := os.ReadFile(from)
			if err == nil {
				err = os.WriteFile(to, raw, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		default:
			link(from, to)
		}
	}
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
