// SPDX-License-Identifier: Apache-2.0

// Tests that the project's JupyterLab has the slides extension, jupyterlab-rise, at the version
// scripts/requirements.txt pins, and that JupyterLab finds it compatible (enabled, OK).
package nbtest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"neuronas/internal/nbtest"
)

func TestRISE(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: sin preguntar a JupyterLab por sus extensiones (unos 20 s); `make test` lo hace")
	}
	root := nbtest.Root(t)
	reqs, err := os.ReadFile(filepath.Join(root, "scripts", "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^jupyterlab[-_]rise==(\S+)$`).FindSubmatch(reqs)
	if m == nil {
		t.Fatal("scripts/requirements.txt no fija jupyterlab-rise (las diapositivas de los cuadernos)")
	}
	version := string(m[1])
	python := nbtest.Python(t, "jupyterlab")
	out, err := exec.Command(python, "-m", "jupyterlab.labextensions", "list").CombinedOutput()
	if err != nil {
		t.Fatalf("jupyter labextension list: %v\n%s", err, out)
	}
	list := nbtest.StripANSI(string(out))
	line := regexp.MustCompile(`(?m)^\s*jupyterlab-rise v(\S+) (\S+)\s+(\S+)`).FindStringSubmatch(list)
	if line == nil {
		nbtest.Missing(t, "el JupyterLab de %s no tiene jupyterlab-rise (`make setup` lo instala de scripts/requirements.txt):\n%s", python, strings.TrimSpace(list))
		return
	}
	if line[1] != version || line[2] != "enabled" || line[3] != "OK" {
		t.Errorf("jupyter labextension list: jupyterlab-rise v%s %s %s; se esperaba v%s enabled OK", line[1], line[2], line[3], version)
	}
}
