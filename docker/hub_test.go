// SPDX-License-Identifier: Apache-2.0

package docker_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// hubDefault returns the default of a NEURONAS_HUB_* setting in hub/jupyterhub_config.py, read
// from its setting("NAME", "default") or integer("NAME", default) call.
func hubDefault(t *testing.T, config, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?:setting|integer)\(\s*"` + name + `"\s*,\s*"?([^")]+)"?\)`).FindStringSubmatch(config)
	if m == nil {
		t.Fatalf("hub/jupyterhub_config.py no lee %s con un valor por defecto", name)
	}
	return m[1]
}

// TestHubZ2JHConsistent: the Zero to JupyterHub config (untestable here) keeps the tested
// single-server settings: the same image, command, user, notebooks folder, limits and culling.
func TestHubZ2JHConsistent(t *testing.T) {
	config := string(readFile(t, "hub/jupyterhub_config.py"))
	var z struct {
		Singleuser struct {
			Image struct {
				Name string `yaml:"name"`
			} `yaml:"image"`
			Cmd        string `yaml:"cmd"`
			DefaultURL string `yaml:"defaultUrl"`
			UID        int    `yaml:"uid"`
			Memory     struct {
				Limit     string `yaml:"limit"`
				Guarantee string `yaml:"guarantee"`
			} `yaml:"memory"`
			CPU struct {
				Limit     float64 `yaml:"limit"`
				Guarantee float64 `yaml:"guarantee"`
			} `yaml:"cpu"`
			Storage struct {
				HomeMountPath string `yaml:"homeMountPath"`
			} `yaml:"storage"`
		} `yaml:"singleuser"`
		Cull struct {
			Enabled bool `yaml:"enabled"`
			Timeout int  `yaml:"timeout"`
		} `yaml:"cull"`
	}
	if err := yaml.Unmarshal(readFile(t, "hub/z2jh/config.yaml"), &z); err != nil {
		t.Fatalf("hub/z2jh/config.yaml: %v", err)
	}
	s := z.Singleuser
	want := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("z2jh/config.yaml: %s = %q, pero el Hub de un servidor usa %q", what, got, want)
		}
	}
	want("singleuser.memory.limit", s.Memory.Limit, hubDefault(t, config, "NEURONAS_HUB_MEMORIA"))
	if cpu, err := strconv.ParseFloat(hubDefault(t, config, "NEURONAS_HUB_CPU"), 64); err != nil || cpu != s.CPU.Limit {
		t.Errorf("z2jh/config.yaml: singleuser.cpu.limit = %v, pero el Hub de un servidor usa %v", s.CPU.Limit, cpu)
	}
	want("cull.timeout", strconv.Itoa(z.Cull.Timeout), hubDefault(t, config, "NEURONAS_HUB_INACTIVO"))
	if !z.Cull.Enabled {
		t.Error("z2jh/config.yaml: cull.enabled tiene que ser true, como el culler del Hub de un servidor")
	}
	if !strings.Contains(config, `c.DockerSpawner.cmd = ["`+s.Cmd+`"]`) {
		t.Errorf("z2jh/config.yaml: singleuser.cmd = %q no es la orden de c.DockerSpawner.cmd", s.Cmd)
	}
	if !strings.Contains(config, `c.Spawner.default_url = "`+s.DefaultURL+`"`) {
		t.Errorf("z2jh/config.yaml: singleuser.defaultUrl = %q no es c.Spawner.default_url", s.DefaultURL)
	}
	dockerfile := string(readFile(t, "Dockerfile"))
	if !strings.Contains(dockerfile, "VOLUME "+s.Storage.HomeMountPath+"\n") ||
		!strings.Contains(config, `c.DockerSpawner.notebook_dir = "`+s.Storage.HomeMountPath+`"`) {
		t.Errorf("z2jh/config.yaml: storage.homeMountPath = %q no es el VOLUME de la imagen ni el notebook_dir del Hub", s.Storage.HomeMountPath)
	}
	if !strings.Contains(dockerfile, "USER "+strconv.Itoa(s.UID)+":") {
		t.Errorf("z2jh/config.yaml: singleuser.uid = %d no es el USER de la imagen", s.UID)
	}
	m := regexp.MustCompile(`(?m)^ARG NEURONAS_SOURCE=https://github\.com/([^/\s]+/[^/\s]+)$`).FindStringSubmatch(dockerfile)
	if m == nil || s.Image.Name != "ghcr.io/"+strings.ToLower(m[1]) {
		t.Errorf("z2jh/config.yaml: singleuser.image.name = %q no es la imagen publicada (NEURONAS_SOURCE del Dockerfile)", s.Image.Name)
	}
	if s.Memory.Guarantee == "" || s.CPU.Guarantee <= 0 || s.CPU.Guarantee > s.CPU.Limit {
		t.Errorf("z2jh/config.yaml: faltan las garantías medidas (memory.guarantee %q, cpu.guarantee %v)", s.Memory.Guarantee, s.CPU.Guarantee)
	}
}

// TestHubPins: the Hub runs the same JupyterHub as the image's jupyterhub-singleuser, and every
// package of its environment is pinned.
func TestHubPins(t *testing.T) {
	version := func(file string) string {
		m := regexp.MustCompile(`(?mi)^jupyterhub==(\S+)`).FindStringSubmatch(string(readFile(t, file)))
		if m == nil {
			t.Fatalf("%s no fija jupyterhub==X", file)
		}
		return m[1]
	}
	if hub, image := version("hub/requirements.txt"), version("requirements.txt"); hub != image {
		t.Errorf("el Hub usa jupyterhub %s y la imagen %s: cámbialos juntos", hub, image)
	}
	for _, line := range strings.Split(string(readFile(t, "hub/requirements.txt")), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !strings.Contains(line, "==") {
			t.Errorf("hub/requirements.txt: %q sin versión fijada", line)
		}
	}
	for _, pkg := range []string{"dockerspawner==", "jupyterhub-idle-culler==", "docker=="} {
		if !strings.Contains(string(readFile(t, "hub/requirements.txt")), pkg) {
			t.Errorf("hub/requirements.txt no fija %s…", pkg)
		}
	}
	if !strings.Contains(string(readFile(t, "hub/proxy/package.json")), `"configurable-http-proxy": "5.`) {
		t.Error("hub/proxy/package.json no fija configurable-http-proxy 5.x")
	}
}

// TestHubPython: the Hub's Python files compile (python3 -m py_compile).
func TestHubPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no hay python3")
	}
	files, _ := filepath.Glob("hub/*.py")
	if len(files) == 0 {
		t.Fatal("no hay ficheros de Python en hub/")
	}
	for _, f := range files {
		readFile(t, f) // go test's cache then notices a change in the file.
	}
	cache := t.TempDir()
	cmd := exec.Command(python, append([]string{"-m", "py_compile"}, files...)...)
	cmd.Env = append(os.Environ(), "PYTHONPYCACHEPREFIX="+cache)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("py_compile: %v\n%s", err, out)
	}
}
