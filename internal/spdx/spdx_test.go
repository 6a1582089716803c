// SPDX-License-Identifier: Apache-2.0

package spdx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSourcesHaveLicense fails naming every source file of the repository without the license
// line in its first lines; `go run ./scripts/spdx` adds it.
func TestSourcesHaveLicense(t *testing.T) {
	root := filepath.Join("..", "..")
	if mod, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !bytes.HasPrefix(mod, []byte("module neuronas\n")) {
		t.Fatalf("no se encuentra la raíz del módulo neuronas en %s", root)
	}
	files, err := Files(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("solo %d ficheros fuente en el repositorio: ¿se recorre la carpeta correcta?", len(files))
	}
	missing, err := Missing(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range missing {
		t.Errorf("%s: falta la línea «%s» al principio; añádela con `go run ./scripts/spdx`", f, Identifier)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"a.go", "b/c.py", "d.sh", "Makefile", "e/Dockerfile", "f.yml", "g.yaml", "h.js", "i.css", "j.html.j2", ".ci/run", ".github/w.yml", "scripts/handouts/t.css"} {
		write(name, "#!/bin/sh\nx\n")
	}
	for _, name := range []string{"README.md", "k.json", "l.txt", "notes", ".venv/m.py", ".tools/n.go", "handouts/o.py", "dist/r.sh", "p/node_modules/q.js", "p/__pycache__/s.py"} {
		write(name, "x\n")
	}
	got, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := ".ci/run .github/w.yml Makefile a.go b/c.py d.sh e/Dockerfile f.yml g.yaml h.js i.css j.html.j2 scripts/handouts/t.css"
	if strings.Join(got, " ") != want {
		t.Errorf("Files = %v\nse esperaba  %s", got, want)
	}
}

func TestAddHeader(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"x.go", "// Package x hace algo.\npackage x\n", "// SPDX-License-Identifier: Apache-2.0\n\n// Package x hace algo.\npackage x\n"},
		{"x.py", "\"\"\"Doc.\"\"\"\n", "# SPDX-License-Identifier: Apache-2.0\n\"\"\"Doc.\"\"\"\n"},
		{"x.sh", "#!/usr/bin/env bash\nset -e\n", "#!/usr/bin/env bash\n# SPDX-License-Identifier: Apache-2.0\nset -e\n"},
		{"run", "#!/bin/sh", "#!/bin/sh\n# SPDX-License-Identifier: Apache-2.0\n"},
		{"Dockerfile", "# check=skip=X\n# Imagen\nFROM a\n", "# check=skip=X\n# SPDX-License-Identifier: Apache-2.0\n# Imagen\nFROM a\n"},
		{"Makefile", "all:\n", "# SPDX-License-Identifier: Apache-2.0\nall:\n"},
		{"a.css", "p {}\n", "/* SPDX-License-Identifier: Apache-2.0 */\np {}\n"},
		{"a.js", "x()\n", "// SPDX-License-Identifier: Apache-2.0\nx()\n"},
		{"a.j2", "{%- extends 'b' -%}\n", "{#- SPDX-License-Identifier: Apache-2.0 -#}\n{%- extends 'b' -%}\n"},
		{"a.yaml", "a: 1\n", "# SPDX-License-Identifier: Apache-2.0\na: 1\n"},
	} {
		got, err := AddHeader(c.name, []byte(c.src))
		if err != nil {
			t.Errorf("AddHeader(%s): %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("AddHeader(%s) =\n%q\nse esperaba\n%q", c.name, got, c.want)
		}
		if !HasHeader(got) {
			t.Errorf("AddHeader(%s): HasHeader no la ve", c.name)
		}
		again, _ := AddHeader(c.name, got)
		if !bytes.Equal(again, got) {
			t.Errorf("AddHeader(%s) la añade dos veces", c.name)
		}
	}
	if _, err := AddHeader("a.md", []byte("x")); err == nil {
		t.Error("AddHeader(a.md) debería fallar: no es un fichero fuente")
	}
	// Far down the file it does not count.
	if HasHeader([]byte("a\nb\nc\nd\ne\nf\n// " + Identifier + "\n")) {
		t.Error("HasHeader cuenta una línea de licencia en la línea 7")
	}
}
