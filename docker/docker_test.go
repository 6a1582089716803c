// SPDX-License-Identifier: Apache-2.0

// Static checks of the course image's files, fast and without a container engine: the Dockerfile
// passes BuildKit's linter (the same rules `docker build` reports, experimental ones included) and
// keeps the image's promises (pinned base image, non-root user, health check, labels, offline Go),
// the build context holds what the Dockerfile copies and nothing private, compose.yaml publishes
// on 127.0.0.1 only and mounts the notebooks folder, and the helper scripts do what they say.
//
// The real build and run, with podman, are in docker/test.sh.
//
// This is its own Go module (neuronas/docker) so that BuildKit and its dependencies stay out of
// the course module's go.mod and go.sum, which the image copies and the notebooks use.
package docker_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	"go.yaml.in/yaml/v3"
)

const (
	baseImage    = "debian:bookworm-slim"
	notebooksDir = "/opt/neuronas/notebooks"
	courseDir    = "/usr/local/share/neuronas/notebooks"
)

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stubResolver answers BuildKit's questions about the base image without a registry: a config
// like the real debian:bookworm-slim's (its PATH matters for the UndefinedVar rule).
type stubResolver struct{}

func (stubResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	config := fmt.Sprintf(`{"architecture":%q,"os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["bash"]},"rootfs":{"type":"layers","diff_ids":[]}}`, runtime.GOARCH)
	return ref, digest.FromString(config), []byte(config), nil
}

func TestDockerfileLint(t *testing.T) {
	dt := readFile(t, "Dockerfile")
	// All rules, the experimental ones too: a check directive of the Dockerfile's own (its first
	// line) gets experimental=all added; otherwise one goes on a line of its own before the
	// Dockerfile, and reported lines are one past the file's.
	directive, body, offset := "# check=experimental=all", dt, 1
	if first, rest, ok := bytes.Cut(dt, []byte("\n")); ok && bytes.HasPrefix(first, []byte("# check=")) {
		directive, body, offset = string(first)+";experimental=all", rest, 0
	}
	src := append([]byte(directive+"\n"), body...)

	ctx := context.Background()
	scratch := llb.Scratch()
	def, err := scratch.Marshal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sourceMap := llb.NewSourceMap(&scratch, "Dockerfile", "Dockerfile", src)
	sourceMap.Definition = def
	platform := ocispecs.Platform{OS: "linux", Architecture: runtime.GOARCH}
	res, err := dockerfile2llb.DockerfileLint(ctx, src, dockerfile2llb.ConvertOpt{
		MainContext:    &scratch,
		SourceMap:      sourceMap,
		MetaResolver:   stubResolver{},
		TargetPlatform: &platform,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Error != nil {
		t.Errorf("BuildKit no puede convertir el Dockerfile: %s", res.Error.Message)
	}
	for _, w := range res.Warnings {
		line := 0
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = int(w.Location.Ranges[0].Start.Line) - offset
		}
		t.Errorf("Dockerfile:%d: %s: %s (%s)", line, w.RuleName, w.Detail, w.URL)
	}
}

// stages parses the Dockerfile into its build stages.
func stages(t *testing.T) []instructions.Stage {
	t.Helper()
	ast, err := parser.Parse(bytes.NewReader(readFile(t, "Dockerfile")))
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := instructions.Parse(ast.AST, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDockerfilePromises(t *testing.T) {
	all := stages(t)
	names := map[string]bool{}
	for _, s := range all {
		// Every stage starts from the pinned base image or from an earlier stage.
		if s.BaseName != baseImage && !names[s.BaseName] {
			t.Errorf("la etapa %q parte de %q; todas deben partir de %s o de otra etapa", s.Name, s.BaseName, baseImage)
		}
		names[s.Name] = true
	}
	final := all[len(all)-1]

	var (
		user, cmd, entrypoint string
		health                bool
		volumes, ports        []string
		env                   = map[string]string{}
		labels                = map[string]string{}
	)
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.HealthCheckCommand:
			health = c.Health != nil && len(c.Health.Test) > 0 && c.Health.Test[0] != "NONE"
		case *instructions.VolumeCommand:
			volumes = append(volumes, c.Volumes...)
		case *instructions.ExposeCommand:
			ports = append(ports, c.Ports...)
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				env[kv.Key] = strings.Trim(kv.Value, `"`)
			}
		case *instructions.LabelCommand:
			for _, kv := range c.Labels {
				labels[kv.Key] = kv.Value
			}
		case *instructions.CmdCommand:
			cmd = strings.Join(c.CmdLine, " ")
		case *instructions.EntrypointCommand:
			entrypoint = strings.Join(c.CmdLine, " ")
		}
	}

	// A fixed, numeric, unprivileged user (Kubernetes' runAsNonRoot can check it).
	if !regexp.MustCompile(`^[1-9][0-9]*(:[0-9]+)?$`).MatchString(user) {
		t.Errorf("USER final %q: debe ser un uid numérico distinto de 0", user)
	}
	if !health {
		t.Error("falta HEALTHCHECK en la imagen final")
	}
	if !slices.Equal(volumes, []string{notebooksDir}) {
		t.Errorf("VOLUME = %q, debe ser %q (la carpeta de cuadernos del estudiante)", volumes, notebooksDir)
	}
	if !slices.Equal(ports, []string{"8888"}) {
		t.Errorf("EXPOSE = %q, debe ser solo 8888", ports)
	}
	for _, l := range []string{"source", "version", "licenses", "revision", "title"} {
		if _, ok := labels["org.opencontainers.image."+l]; !ok {
			t.Errorf("falta la etiqueta org.opencontainers.image.%s", l)
		}
	}
	// The project's licence, and credit for the course material.
	if got := strings.Trim(labels["org.opencontainers.image.licenses"], `"`); got != "Apache-2.0" {
		t.Errorf("org.opencontainers.image.licenses = %q, debe ser Apache-2.0 (LICENSE)", got)
	}
	for k, v := range map[string]string{
		"neuronas.curso.autor":       "Jorge García González",
		"neuronas.curso.universidad": "Universidad de Málaga",
		"neuronas.curso.asignatura":  "Programación para la Inteligencia Artificial",
	} {
		if !strings.Contains(labels[k], v) {
			t.Errorf("la etiqueta %s = %q debe decir %q", k, labels[k], v)
		}
	}
	// Offline at run time: no module downloads, no toolchain downloads.
	for k, v := range map[string]string{"GOPROXY": "off", "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=mod -buildvcs=false -ldflags=-s"} {
		if env[k] != v {
			t.Errorf("ENV %s=%q, debe ser %q", k, env[k], v)
		}
	}
	if !strings.Contains(entrypoint, "tini") || !strings.Contains(entrypoint, "neuronas-entrypoint") {
		t.Errorf("ENTRYPOINT %q: debe pasar por tini y neuronas-entrypoint", entrypoint)
	}
	if cmd != "jupyter lab" {
		t.Errorf("CMD %q, debe ser jupyter lab", cmd)
	}
}

// TestDockerfilePlatforms: every stage built from the base image names its platform, the build
// platform for stages that only download or cross-compile, the target for the rest (podman 4.3
// otherwise keeps the platform of the last FROM that named one), and the final stage is the
// target's.
func TestDockerfilePlatforms(t *testing.T) {
	all := stages(t)
	build := 0
	for _, s := range all {
		if s.BaseName != baseImage {
			continue
		}
		switch s.Platform {
		case "$BUILDPLATFORM":
			build++
		case "$TARGETPLATFORM":
		default:
			t.Errorf("la etapa %q parte de %s con --platform=%q; debe ser $BUILDPLATFORM o $TARGETPLATFORM", s.Name, baseImage, s.Platform)
		}
	}
	if build == 0 {
		t.Error("ninguna etapa corre en la plataforma de construcción ($BUILDPLATFORM): todo se emularía")
	}
	if final := all[len(all)-1]; final.Platform != "$TARGETPLATFORM" {
		t.Errorf("la etapa final tiene --platform=%q, debe ser $TARGETPLATFORM", final.Platform)
	}
}

// TestDockerfileStudentNotebooks: the image ships the students' copies of the exercise notebooks,
// never the teacher's. The course's notebooks reach the final stage only from a stage that makes
// nbgrader's release copies with the project's own script (scripts/ejercicios/ejercicios.py
// publicar, the one `make ejercicios` runs, with the course's ejercicios/nbgrader_config.py), on
// the notebooks it finds by their nbgrader metadata (has_solutions), not by name; notebooks/ is
// never copied from the context into the final stage, and nbgrader is not installed in it.
// docker/test.sh checks the built image's notebooks themselves.
func TestDockerfileStudentNotebooks(t *testing.T) {
	all := stages(t)
	final := all[len(all)-1]
	byName := map[string]instructions.Stage{}
	for _, s := range all {
		byName[s.Name] = s
	}
	var from string
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.CopyCommand:
			for _, src := range c.SourcePaths {
				if c.From == "" && (src == "notebooks" || strings.HasPrefix(src, "notebooks/")) {
					t.Errorf("la etapa final copia %s del contexto: los cuadernos de ejercicios llevarían las soluciones", src)
				}
			}
			if strings.TrimSuffix(c.DestPath, "/") == courseDir {
				from = c.From
			}
		case *instructions.RunCommand:
			if strings.Contains(strings.Join(c.CmdLine, " "), "nbgrader") {
				t.Errorf("la etapa final instala o ejecuta nbgrader: los estudiantes verían sus menús de profesor (%s)", c)
			}
		}
	}
	stage, ok := byName[from]
	if !ok || from == "" {
		t.Fatalf("la etapa final no copia los cuadernos del curso a %s desde otra etapa (COPY --from=...)", courseDir)
	}
	var copied []string
	var runs strings.Builder
	for _, c := range stage.Commands {
		switch c := c.(type) {
		case *instructions.CopyCommand:
			if c.From == "" {
				copied = append(copied, c.SourcePaths...)
			}
		case *instructions.RunCommand:
			runs.WriteString(strings.Join(c.CmdLine, " ") + "\n")
		}
	}
	for _, want := range []string{"notebooks", "scripts/ejercicios/ejercicios.py", "ejercicios/nbgrader_config.py", "scripts/requirements.txt"} {
		if !slices.Contains(copied, want) {
			t.Errorf("la etapa %q no copia %s (copia %q)", from, want, copied)
		}
	}
	for _, want := range []string{"ejercicios.py --curso /tmp/curso publicar", "has_solutions", "BEGIN SOLUTION"} {
		if !strings.Contains(runs.String(), want) {
			t.Errorf("la etapa %q no ejecuta %q: las copias de los alumnos se hacen con el script del proyecto, "+
				"eligiendo los cuadernos por sus metadatos de nbgrader, y se comprueban", from, want)
		}
	}
	// The Python packages of the image (docker/requirements.txt, the ones without a version) are
	// installed in the final image: nbgrader must not be one of them.
	for _, line := range strings.Split(string(readFile(t, "requirements.txt")), "\n") {
		line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
		if strings.EqualFold(strings.SplitN(line, "==", 2)[0], "nbgrader") {
			t.Errorf("docker/requirements.txt pide nbgrader (%q): los estudiantes verían sus menús de profesor", line)
		}
	}
}

// TestInternalPackagesCopied: pkg/ imports some of the module's internal packages (go list); the
// modules stage compiles pkg/ and the notebooks compile it in the final image, so both stages copy
// every one of them to the same path under /opt/neuronas.
func TestInternalPackagesCopied(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./pkg/...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list ./pkg/... falla aquí (%v): no se puede comprobar", err)
	}
	var internal []string
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "neuronas/internal/") {
			internal = append(internal, strings.TrimPrefix(p, "neuronas/"))
		}
	}
	all := stages(t)
	for i, s := range all {
		if s.Name != "modules" && i != len(all)-1 {
			continue
		}
		copied := map[string]bool{}
		for _, c := range s.Commands {
			if cp, ok := c.(*instructions.CopyCommand); ok && cp.From == "" && len(cp.SourcePaths) == 1 {
				copied[cp.SourcePaths[0]+" "+strings.TrimSuffix(cp.DestPath, "/")] = true
			}
		}
		for _, dir := range internal {
			if !copied[dir+" /opt/neuronas/"+dir] {
				name := s.Name
				if name == "" {
					name = "final"
				}
				t.Errorf("pkg/ importa neuronas/%s y la etapa %s no lo copia: falta `COPY %s /opt/neuronas/%s`", dir, name, dir, dir)
			}
		}
	}
	if len(internal) == 0 {
		t.Log("pkg/ no importa ningún paquete de internal/")
	}
}

// TestPublishedImageName: a newcomer's first Docker command works before any image is published:
// the READMEs lead with `make docker` (which builds it) and name no image on a registry that does
// not exist (no placeholder owner such as the Dockerfile's NEURONAS_SOURCE default); where the
// published image will be is said as the release workflow computes it, from github.repository.
func TestPublishedImageName(t *testing.T) {
	makefile := string(readFile(t, "../Makefile"))
	if !regexp.MustCompile(`(?m)^docker:`).MatchString(makefile) {
		t.Fatal("el Makefile no tiene la tarea docker, la primera orden de los README")
	}
	wf := string(readFile(t, "../.github/workflows/imagen.yml"))
	if !strings.Contains(wf, "REPO: ${{ github.repository }}") || !strings.Contains(wf, `image="ghcr.io/${REPO,,}"`) {
		t.Error("imagen.yml ya no toma el nombre de la imagen de github.repository (ghcr.io/<dueño>/<repositorio>)")
	}
	firstCommand := regexp.MustCompile("(?s)```sh\n([^\n]*)")
	for readme, section := range map[string]string{"../README.md": "## Con Docker o podman", "README.md": "## Arrancar la imagen"} {
		text := string(readFile(t, readme))
		i := strings.Index(text, section)
		if i < 0 {
			t.Errorf("%s no tiene la sección %q", readme, section)
			continue
		}
		if m := firstCommand.FindStringSubmatch(text[i:]); m == nil || !strings.HasPrefix(m[1], "make docker") {
			t.Errorf("%s: la primera orden de %q debe ser `make docker` (la que construye la imagen), no %q", readme, section, m)
		}
		if !strings.Contains(text, "ghcr.io/<dueño>/<repositorio>") || !strings.Contains(text, "github.repository") {
			t.Errorf("%s no dice dónde estará la imagen publicada (ghcr.io/<dueño>/<repositorio>, de github.repository)", readme)
		}
		for _, name := range regexp.MustCompile(`ghcr\.io/[a-z0-9][a-z0-9._-]*/[a-z0-9._-]+`).FindAllString(text, -1) {
			t.Errorf("%s nombra la imagen %s, que no está publicada: los README dicen dónde estará, sin inventar el dueño", readme, name)
		}
	}
}

func TestDockerfileVersionsPinned(t *testing.T) {
	dt := string(readFile(t, "Dockerfile"))
	if strings.Contains(strings.ToLower(dt), ":latest") || strings.Contains(dt, "@latest") {
		t.Error("el Dockerfile usa 'latest'; todas las versiones deben estar fijadas")
	}
	if !regexp.MustCompile(`(?m)^ARG GO_VERSION=1\.26\.[0-9]+$`).MatchString(dt) {
		t.Error("falta ARG GO_VERSION=1.26.x con la versión exacta de Go")
	}
	// gopls comes from scripts/setup.sh: the Dockerfile reads it from there.
	setup := string(readFile(t, "../scripts/setup.sh"))
	if !regexp.MustCompile(`(?m)^GOPLS_VERSION="v[0-9]+\.[0-9]+\.[0-9]+"`).MatchString(setup) {
		t.Error(`scripts/setup.sh ya no tiene una línea GOPLS_VERSION="vX.Y.Z", de la que el Dockerfile toma la versión de gopls`)
	}
}

// TestBuildContext checks Dockerfile.dockerignore against the repository: everything the
// Dockerfile copies from the context is in it, and private or bulky folders are not.
func TestBuildContext(t *testing.T) {
	f, err := os.Open("Dockerfile.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	excluded := func(path string) bool {
		ex, err := pm.MatchesOrParentMatches(path)
		if err != nil {
			t.Fatal(err)
		}
		return ex
	}

	for _, s := range stages(t) {
		for _, c := range s.Commands {
			cp, ok := c.(*instructions.CopyCommand)
			if !ok || cp.From != "" {
				continue
			}
			for _, src := range cp.SourcePaths {
				path := filepath.Join("..", src)
				info, err := os.Stat(path)
				if err != nil {
					t.Errorf("COPY %s: %v", src, err)
					continue
				}
				if !info.IsDir() {
					if excluded(src) {
						t.Errorf("COPY %s: Dockerfile.dockerignore deja el fichero fuera del contexto", src)
					}
					continue
				}
				// A folder: at least its non-test files must be in the context.
				included := 0
				_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					rel, _ := filepath.Rel("..", p)
					if !excluded(filepath.ToSlash(rel)) {
						included++
					}
					return nil
				})
				if included == 0 {
					t.Errorf("COPY %s: Dockerfile.dockerignore deja toda la carpeta fuera del contexto", src)
				}
			}
		}
	}
	for _, p := range []string{".git/config", ".venv/bin/python", ".tools/bin/gonb", "bench/x_test.go", "docker/test.sh", "pkg/nn/nn_test.go", "README.md",
		"internal/nbtest/notebooks_test.go", "internal/nbtest/run_notebook.py"} {
		if !excluded(p) {
			t.Errorf("%s entra en el contexto de construcción y no debe", p)
		}
	}
	for _, p := range []string{"go.mod", "go.sum", "pkg/nn/nn.go", "notebooks/00-x.ipynb"} {
		if excluded(p) {
			t.Errorf("%s queda fuera del contexto de construcción y la imagen lo necesita", p)
		}
	}
}

// TestRootDockerignore: Docker's legacy builder (no BuildKit) reads only the .dockerignore at the
// root of the context; if the repository has one, it must say the same as Dockerfile.dockerignore.
func TestRootDockerignore(t *testing.T) {
	root, err := os.ReadFile("../.dockerignore")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no hay .dockerignore en la raíz")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(root, readFile(t, "Dockerfile.dockerignore")) {
		t.Error(".dockerignore (raíz) y docker/Dockerfile.dockerignore difieren; copia el segundo sobre el primero")
	}
}

func TestCompose(t *testing.T) {
	var compose struct {
		Services map[string]struct {
			Image string `yaml:"image"`
			Build struct {
				Context    string `yaml:"context"`
				Dockerfile string `yaml:"dockerfile"`
			} `yaml:"build"`
			Ports       []string          `yaml:"ports"`
			Volumes     []string          `yaml:"volumes"`
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(readFile(t, "compose.yaml"), &compose); err != nil {
		t.Fatal(err)
	}
	if len(compose.Services) != 1 {
		t.Fatalf("compose.yaml tiene %d servicios, se esperaba 1", len(compose.Services))
	}
	for name, s := range compose.Services {
		if filepath.Join(s.Build.Context, s.Build.Dockerfile) != filepath.Join("..", "docker", "Dockerfile") {
			t.Errorf("%s: build %q + %q no apunta a ../docker/Dockerfile con la raíz del repositorio como contexto", name, s.Build.Context, s.Build.Dockerfile)
		}
		if len(s.Ports) == 0 {
			t.Errorf("%s: no publica ningún puerto", name)
		}
		for _, p := range s.Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") || !strings.HasSuffix(p, ":8888") {
				t.Errorf("%s: el puerto %q debe publicarse solo en 127.0.0.1 y apuntar al 8888", name, p)
			}
		}
		mounted := false
		for _, v := range s.Volumes {
			parts := strings.Split(v, ":")
			if len(parts) >= 2 && parts[1] == notebooksDir {
				mounted = true
				if _, ok := compose.Volumes[parts[0]]; !ok && !strings.HasPrefix(parts[0], ".") && !strings.HasPrefix(parts[0], "/") {
					t.Errorf("%s: el volumen %q no está declarado en volumes:", name, parts[0])
				}
			}
		}
		if !mounted {
			t.Errorf("%s: ningún volumen se monta en %s: el trabajo del estudiante se perdería", name, notebooksDir)
		}
		if tok, ok := s.Environment["JUPYTER_TOKEN"]; ok && tok == "" {
			t.Errorf("%s: JUPYTER_TOKEN vacío literal; déjalo sin valor por defecto (Jupyter genera uno)", name)
		}
	}
}

// runEntrypoint runs entrypoint.sh with the course and student folders given, and `cmd`.
func runEntrypoint(t *testing.T, course, student string, cmd ...string) string {
	t.Helper()
	readFile(t, "entrypoint.sh") // go test's cache then notices a change in the script.
	c := exec.Command("sh", append([]string{"entrypoint.sh"}, cmd...)...)
	c.Env = append(os.Environ(), "NEURONAS_CURSO="+course, "NEURONAS_CUADERNOS="+student)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("entrypoint.sh: %v\n%s", err, out)
	}
	return string(out)
}

func TestEntrypoint(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no hay sh")
	}
	course, student := t.TempDir(), t.TempDir()
	write := func(dir, name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(student, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write(course, "01 uno.ipynb", "curso-1")
	write(course, "02-dos.ipynb", "curso-2")
	write(course, "notebooks_test.go", "package x")

	// A fresh folder gets every course notebook, and only notebooks; the command runs after.
	out := runEntrypoint(t, course, student, "echo", "orden-ejecutada")
	if !strings.Contains(out, "orden-ejecutada") {
		t.Errorf("no ejecutó la orden: %q", out)
	}
	if read("01 uno.ipynb") != "curso-1" || read("02-dos.ipynb") != "curso-2" {
		t.Error("no copió los cuadernos del curso")
	}
	if _, err := os.Stat(filepath.Join(student, "notebooks_test.go")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("copió algo que no es un cuaderno")
	}

	// The student's edits survive a new image; a deleted notebook comes back; their own files stay.
	write(student, "01 uno.ipynb", "mi trabajo")
	write(student, "mío.ipynb", "propio")
	write(course, "01 uno.ipynb", "curso-1 nuevo")
	write(course, "03-tres.ipynb", "curso-3")
	if err := os.Remove(filepath.Join(student, "02-dos.ipynb")); err != nil {
		t.Fatal(err)
	}
	runEntrypoint(t, course, student, "true")
	for name, want := range map[string]string{"01 uno.ipynb": "mi trabajo", "02-dos.ipynb": "curso-2", "03-tres.ipynb": "curso-3", "mío.ipynb": "propio"} {
		if got := read(name); got != want {
			t.Errorf("%s = %q, se esperaba %q", name, got, want)
		}
	}
	entries, _ := os.ReadDir(student)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("quedó un fichero temporal: %s", e.Name())
		}
	}

	// A folder it cannot write to is reported, and the command still runs.
	if os.Geteuid() != 0 {
		ro := t.TempDir()
		if err := os.Chmod(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		if out := runEntrypoint(t, course, ro, "echo", "sigue"); !strings.Contains(out, "no se puede escribir") || !strings.Contains(out, "sigue") {
			t.Errorf("carpeta sin permiso de escritura: %q", out)
		}
	}
}

func TestPins(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no hay python3")
	}
	dir := t.TempDir()
	project := filepath.Join(dir, "project.txt")
	image := filepath.Join(dir, "image.txt")
	if err := os.WriteFile(project, []byte("# comentario\nJinja2==3.1.6\nsoupsieve==4.1.3\nzope.interface==7.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(image, []byte("jupyterlab\n\n# otra\nsoupsieve==2.10  # Python 3.11.2\nzope_interface==7.1\nextra==1.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	readFile(t, "pins.py") // go test's cache then notices a change in the script.
	run := func(args ...string) string {
		out, err := exec.Command(python, append([]string{"pins.py"}, args...)...).Output()
		if err != nil {
			t.Fatalf("pins.py %v: %v", args, err)
		}
		return string(out)
	}
	if got, want := run("constraints", project, image), "extra==1.0\nJinja2==3.1.6\nsoupsieve==2.10\nzope_interface==7.1\n"; got != want {
		t.Errorf("constraints:\n%s\nse esperaba:\n%s", got, want)
	}
	if got, want := run("roots", image), "jupyterlab\n"; got != want {
		t.Errorf("roots = %q, se esperaba %q", got, want)
	}
	// The real files: every root is a name pip can resolve against the merged pins.
	real := run("constraints", "../scripts/requirements.txt", "requirements.txt")
	for _, root := range strings.Fields(run("roots", "requirements.txt")) {
		if !strings.Contains(strings.ToLower(real), strings.ToLower(root)+"==") {
			t.Errorf("%s no tiene versión fijada en scripts/requirements.txt ni en docker/requirements.txt", root)
		}
	}
}

func TestScriptsSyntax(t *testing.T) {
	for _, s := range []struct{ shell, file string }{
		{"sh", "entrypoint.sh"}, {"sh", "warm.sh"},
		{"bash", "run.sh"}, {"bash", "test.sh"}, {"bash", "hub/run.sh"}, {"bash", "base-image.sh"}, {"bash", "multiarch.sh"},
	} {
		if _, err := exec.LookPath(s.shell); err != nil {
			continue
		}
		readFile(t, s.file) // go test's cache then notices a change in the script.
		if out, err := exec.Command(s.shell, "-n", s.file).CombinedOutput(); err != nil {
			t.Errorf("%s -n %s: %v\n%s", s.shell, s.file, err, out)
		}
	}
}
