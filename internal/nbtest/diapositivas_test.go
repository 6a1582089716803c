// SPDX-License-Identifier: Apache-2.0

// Tests the slides' metadata: scripts/diapositivas/diapositivas.py is its one home.
//
// TestDiapositivasMetadata runs the script with --check: it fails if a lecture notebook's slide
// metadata ("slideshow" of each cell, "rise" of the notebook) differs from what the script would
// write (after editing a notebook's text: `make diapositivas`). On copies of the lecture notebooks,
// it also checks that the script notices a changed slide type and names the cell, and that writing
// the metadata into a copy stripped of it gives back the committed notebook byte for byte (so the
// script touches nothing but those keys, and running it twice changes nothing).
// TestDiapositivas (browser_diapositivas_test.go) presents the notebooks in Chromium.
package nbtest_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"neuronas/internal/nbtest"
)

// slidesScript runs scripts/diapositivas/diapositivas.py with args; it returns its output and error.
func slidesScript(t *testing.T, python string, args ...string) (string, error) {
	t.Helper()
	script := filepath.Join(nbtest.Root(t), "scripts", "diapositivas", "diapositivas.py")
	out, err := exec.Command(python, append([]string{script}, args...)...).CombinedOutput()
	return string(out), err
}

// stripSlidesPy removes the slide metadata from the notebooks given as arguments, writing them as
// Jupyter does.
const stripSlidesPy = `
import json, sys
for p in sys.argv[1:]:
    nb = json.load(open(p, encoding="utf-8"))
    nb["metadata"].pop("rise", None)
    for c in nb["cells"]:
        c["metadata"].pop("slideshow", None)
    open(p, "w", encoding="utf-8").write(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
`

func TestDiapositivasMetadata(t *testing.T) {
	python := nbtest.Python(t)
	out, err := slidesScript(t, python, "--check")
	if err != nil {
		t.Fatalf("los metadatos de diapositivas de los cuadernos no son los que escribe scripts/diapositivas/diapositivas.py "+
			"(vuelve a escribirlos con `make diapositivas` y revisa las diapositivas): %v\n%s", err, out)
	}
	t.Logf("scripts/diapositivas/diapositivas.py --check:\n%s", strings.TrimSpace(out))

	// The lecture notebooks: the ones the script writes (they carry "rise" metadata).
	var lectures []string
	for _, p := range nbtest.Notebooks(t) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte(`"rise": {`)) {
			lectures = append(lectures, p)
		}
	}
	if len(lectures) == 0 {
		if os.Getenv("NEURONAS_NOTEBOOKS") != "" {
			t.Skipf("NEURONAS_NOTEBOOKS=%s no incluye ningún cuaderno de teoría", os.Getenv("NEURONAS_NOTEBOOKS"))
		}
		t.Fatal("ningún cuaderno tiene metadatos de diapositivas (\"rise\"); `make diapositivas` los escribe")
	}

	t.Run("detecta un cambio", func(t *testing.T) {
		dir := t.TempDir()
		committed, err := os.ReadFile(lectures[0])
		if err != nil {
			t.Fatal(err)
		}
		copyPath := filepath.Join(dir, filepath.Base(lectures[0]))
		// A cell that starts a vertical slide, turned into a fragment of the slide before.
		from, to := []byte(`"slide_type": "subslide"`), []byte(`"slide_type": "fragment"`)
		if !bytes.Contains(committed, from) {
			t.Fatalf("%s no tiene ninguna celda \"subslide\"", lectures[0])
		}
		if err := os.WriteFile(copyPath, bytes.Replace(committed, from, to, 1), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := slidesScript(t, python, "--check", copyPath)
		if err == nil {
			t.Fatalf("--check no se queja de una celda cambiada de \"subslide\" a \"fragment\":\n%s", out)
		}
		if !strings.Contains(out, "'fragment' -> 'subslide'") || !strings.Contains(out, "(id ") {
			t.Errorf("--check no nombra la celda cambiada ni su tipo:\n%s", out)
		}
		t.Logf("--check ante un cambio: %v\n%s", err, strings.TrimSpace(out))
	})

	t.Run("solo toca sus claves", func(t *testing.T) {
		dir := t.TempDir()
		var copies []string
		for _, p := range lectures {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			c := filepath.Join(dir, filepath.Base(p))
			if err := os.WriteFile(c, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			copies = append(copies, c)
		}
		if out, err := exec.Command(python, append([]string{"-c", stripSlidesPy}, copies...)...).CombinedOutput(); err != nil {
			t.Fatalf("no se pudieron quitar los metadatos de las copias: %v\n%s", err, out)
		}
		for _, pass := range []string{"primera", "segunda"} {
			if out, err := slidesScript(t, python, copies...); err != nil {
				t.Fatalf("%s pasada del guion: %v\n%s", pass, err, out)
			}
			for i, c := range copies {
				got, _ := os.ReadFile(c)
				want, _ := os.ReadFile(lectures[i])
				if !bytes.Equal(got, want) {
					t.Errorf("%s pasada: el guion, sobre %s sin metadatos de diapositivas, no devuelve el cuaderno guardado byte a byte",
						pass, filepath.Base(c))
				}
			}
		}
	})
}
