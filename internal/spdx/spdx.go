// SPDX-License-Identifier: Apache-2.0

// Package spdx checks and writes the license line (SPDX-License-Identifier: Apache-2.0) at the top
// of every source file of the repository where a comment can go, as GoMLX does: Go, Python, shell
// (by extension or by a #! line), Makefile, Dockerfile, YAML, JavaScript, CSS and Jinja templates.
// Its test (spdx_test.go, in `make check`) fails naming every file without it; `go run ./scripts/spdx`
// adds it.
package spdx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Identifier is the license expression every source file declares.
const Identifier = "SPDX-License-Identifier: Apache-2.0"

// headerLines is how many lines from the top the identifier may be on (after a #! line, a
// Dockerfile's parser directives or a file's own opening comment).
const headerLines = 5

// skipDirs are folders that hold no sources of the project (installed or generated), anywhere;
// skipRootDirs, the same at the repository root (make handouts, make docker-save, make sitio).
var (
	skipDirs     = map[string]bool{"node_modules": true, "__pycache__": true}
	skipRootDirs = map[string]bool{"handouts": true, "dist": true, "_sitio": true}
)

// comment returns how a file of this name writes a one-line comment, as (prefix, suffix), or ok
// false if it is not a source file this package checks. first is the file's first line (for #!).
func comment(name string, first []byte) (prefix, suffix string, ok bool) {
	switch filepath.Ext(name) {
	case ".go", ".js":
		return "// ", "", true
	case ".py", ".sh", ".yml", ".yaml":
		return "# ", "", true
	case ".css":
		return "/* ", " */", true
	case ".j2":
		return "{#- ", " -#}", true // Whitespace control: the template's output does not change.
	}
	switch {
	case name == "Makefile" || name == "Dockerfile":
		return "# ", "", true
	case filepath.Ext(name) == "" && bytes.HasPrefix(first, []byte("#!")):
		return "# ", "", true // A script without extension (.ci/run).
	}
	return "", "", false
}

// Files returns the source files under root (relative paths, sorted) that must carry the
// identifier. Hidden folders (.git, .venv, .tools...) are skipped, except .ci and .github.
func Files(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			atRoot := filepath.Dir(path) == filepath.Clean(root)
			if path != root && (skipDirs[name] || atRoot && skipRootDirs[name] ||
				strings.HasPrefix(name, ".") && name != ".ci" && name != ".github") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		first, err := firstLine(path)
		if err != nil {
			return err
		}
		if _, _, ok := comment(name, first); ok {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

func firstLine(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 256)
	n, err := f.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	line, _, _ := bytes.Cut(buf[:n], []byte("\n"))
	return line, nil
}

// HasHeader reports whether the file's first lines declare Identifier.
func HasHeader(src []byte) bool {
	lines := bytes.SplitN(src, []byte("\n"), headerLines+1)
	for _, l := range lines[:min(len(lines), headerLines)] {
		if bytes.Contains(l, []byte(Identifier)) {
			return true
		}
	}
	return false
}

// Missing returns the files of Files(root) that do not declare Identifier in their first lines.
func Missing(root string) ([]string, error) {
	files, err := Files(root)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return nil, err
		}
		if !HasHeader(src) {
			missing = append(missing, f)
		}
	}
	return missing, nil
}

// dockerDirective is a Dockerfile parser directive (# syntax=..., # check=..., # escape=...),
// which must stay above every comment.
var dockerDirective = regexp.MustCompile(`^#\s*[a-zA-Z]+\s*=`)

// AddHeader returns src with the identifier line added where it goes: the first line, or after a
// #! line or a Dockerfile's parser directives; in Go, with a blank line after it so that it does
// not become part of the package's documentation. src is returned unchanged if it has it.
func AddHeader(name string, src []byte) ([]byte, error) {
	if HasHeader(src) {
		return src, nil
	}
	first, _, _ := bytes.Cut(src, []byte("\n"))
	prefix, suffix, ok := comment(filepath.Base(name), first)
	if !ok {
		return nil, fmt.Errorf("spdx: %s no es un fichero fuente que lleve la línea de licencia", name)
	}
	line := prefix + Identifier + suffix + "\n"
	if filepath.Ext(name) == ".go" {
		line += "\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	at := 0
	switch {
	case strings.HasPrefix(lines[0], "#!"):
		at = 1
	case filepath.Base(name) == "Dockerfile":
		for at < len(lines) && dockerDirective.MatchString(lines[at]) {
			at++
		}
	}
	if at > 0 && !strings.HasSuffix(lines[at-1], "\n") {
		lines[at-1] += "\n"
	}
	out := strings.Join(lines[:at], "") + line + strings.Join(lines[at:], "")
	return []byte(out), nil
}
