// SPDX-License-Identifier: Apache-2.0

package docker_test

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// workflowsDir holds the repository's GitHub Actions workflows (the image's release workflow).
const workflowsDir = "../.github/workflows"

// TestWorkflowsLint runs actionlint (as a library, pinned in this module's go.mod) on every
// workflow: syntax, expressions, action inputs, job needs and, when shellcheck is installed, the
// shell scripts of `run:` steps.
func TestWorkflowsLint(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(workflowsDir, "*.y*ml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no hay flujos de trabajo en %s", workflowsDir)
	}
	opts := &actionlint.LinterOptions{Color: actionlint.ColorOptionKindNever, Oneline: true}
	if path, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = path
	} else {
		t.Log("shellcheck no está instalado: actionlint no revisa los scripts de run:")
	}
	var out bytes.Buffer
	linter, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := linter.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s:%d:%d: %s [%s]", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
	}
}

// TestReleaseWorkflow checks what the release workflow promises: both architectures, pushed to
// the host's registry, on tags, with the version and the commit as tags and in the labels.
func TestReleaseWorkflow(t *testing.T) {
	wf := string(readFile(t, filepath.Join(workflowsDir, "imagen.yml")))
	for _, want := range []string{
		"tags: [\"v*\"]",
		"platforms: linux/amd64,linux/arm64",
		"file: docker/Dockerfile",
		"push: true",
		"registry: ghcr.io",
		"packages: write",
		`image="ghcr.io/${REPO,,}"`,
		"$image:$VERSION",
		"$image:sha-${GITHUB_SHA::12}",
		"NEURONAS_VERSION=${{ github.ref_name }}",
		"NEURONAS_REVISION=${{ github.sha }}",
		"NEURONAS_SOURCE=${{ steps.meta.outputs.source }}",
	} {
		if !strings.Contains(wf, want) {
			t.Errorf("imagen.yml no contiene %q", want)
		}
	}
}

// TestSiteWorkflow checks the release workflow's job that publishes the course website: built by
// the project's script (make sitio) from the tag's notebooks, uploaded and deployed to GitHub
// Pages with the permissions Pages needs, and only those.
func TestSiteWorkflow(t *testing.T) {
	wf := string(readFile(t, filepath.Join(workflowsDir, "imagen.yml")))
	i := strings.Index(wf, "\n  sitio:\n")
	if i < 0 {
		t.Fatal("imagen.yml no tiene el trabajo «sitio» (el sitio web del curso en GitHub Pages)")
	}
	job := wf[i:]
	for _, want := range []string{
		"pages: write",
		"id-token: write",
		"contents: read",
		"name: github-pages",
		"bash scripts/sitio/sitio.sh --out _sitio",
		"NEURONAS_REPOSITORIO: ${{ github.server_url }}/${{ github.repository }}",
		"uses: actions/upload-pages-artifact@",
		"path: _sitio",
		"uses: actions/deploy-pages@",
	} {
		if !strings.Contains(job, want) {
			t.Errorf("el trabajo «sitio» de imagen.yml no contiene %q", want)
		}
	}
	if strings.Contains(job, "packages: write") {
		t.Error("el trabajo «sitio» no necesita escribir paquetes (packages: write)")
	}
}
