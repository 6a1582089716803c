// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Notebook is a Jupyter notebook (nbformat 4), only the parts the tests read.
type Notebook struct {
	Cells    []Cell `json:"cells"`
	Metadata struct {
		Kernelspec struct {
			Name        string `json:"name"`
			DisplayName string `json:"display_name"`
		} `json:"kernelspec"`
	} `json:"metadata"`
}

// Cell is a notebook cell.
type Cell struct {
	CellType       string                     `json:"cell_type"`
	ID             string                     `json:"id"`
	Metadata       map[string]json.RawMessage `json:"metadata"`
	Source         Multiline                  `json:"source"`
	Outputs        []Output                   `json:"outputs"`
	ExecutionCount json.RawMessage            `json:"execution_count"`
}

// Output is an output of a code cell.
type Output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"` // stream: stdout or stderr
	Text       Multiline                  `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
	Traceback  []string                   `json:"traceback"`
}

// Multiline is a notebook string, stored either as a string or as a list of lines.
type Multiline string

func (m *Multiline) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*m = Multiline(strings.Join(lines, ""))
		return nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	*m = Multiline(s)
	return err
}

// DataText returns the output's data of the given MIME type as text.
func (o Output) DataText(mime string) (string, bool) {
	raw, ok := o.Data[mime]
	if !ok {
		return "", false
	}
	var m Multiline
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", false
	}
	return string(m), true
}

// Parse reads a notebook from its JSON.
func Parse(raw []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(raw, &nb); err != nil {
		return nil, err
	}
	return &nb, nil
}

// Read reads the notebook at path; the test fails if it cannot.
func Read(t testing.TB, path string) *Notebook {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := Parse(raw)
	if err != nil {
		t.Fatalf("%s no es un cuaderno válido: %v", path, err)
	}
	return nb
}

// HasOutputs reports whether any cell has outputs.
func (nb *Notebook) HasOutputs() bool {
	for _, c := range nb.Cells {
		if len(c.Outputs) > 0 {
			return true
		}
	}
	return false
}

// Describe names a cell for messages: its 1-based position, the course cell it mirrors
// ("curso" metadata) and its first line.
func Describe(i int, c Cell) string {
	s := fmt.Sprintf("celda %d", i+1)
	if curso, ok := c.Metadata["curso"]; ok {
		var b bytes.Buffer
		_ = json.Compact(&b, curso)
		s += fmt.Sprintf(" (curso %s)", b.String())
	}
	first, _, _ := strings.Cut(strings.TrimSpace(string(c.Source)), "\n")
	if r := []rune(first); len(r) > 60 {
		first = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%s [%s]", s, first)
}

var (
	ansi      = regexp.MustCompile(`\x1b\[[0-9;]*m`)
	htmlStyle = regexp.MustCompile(`(?s)<style.*?</style>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
	blankRuns = regexp.MustCompile(`\n\s*\n(\s*\n)+`)
	htmlImage = regexp.MustCompile(`(?i)<(img|svg)\b`)
	htmlAlt   = regexp.MustCompile(`(?i)<img\b[^>]*\balt="([^"]*)"`)
)

// StripANSI removes terminal colour codes.
func StripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

// Errors lists the error outputs of a notebook, each with the cell's stderr and the text of
// GoNB's HTML error reports (compiler messages, `go get` failures) that came before it.
func Errors(nb *Notebook) []string {
	var errs []string
	for i, c := range nb.Cells {
		var context strings.Builder
		for _, o := range c.Outputs {
			if o.OutputType == "stream" && o.Name == "stderr" {
				context.WriteString(string(o.Text))
			}
			if html, ok := o.DataText("text/html"); ok && strings.Contains(html, "vnd.jupyter.stderr") {
				text := htmlTag.ReplaceAllString(htmlStyle.ReplaceAllString(html, ""), "")
				context.WriteString(strings.TrimSpace(blankRuns.ReplaceAllString(text, "\n")) + "\n")
			}
			if o.OutputType == "error" {
				tb := strings.Join(o.Traceback, "\n")
				errs = append(errs, StripANSI(fmt.Sprintf("%s: error %s: %s\n%s\n%s",
					Describe(i, c), o.Ename, o.Evalue, context.String(), tb)))
			}
		}
	}
	return errs
}

// Images counts the images of a cell by kind: image/png, image/svg+xml, and <img> or <svg>
// inside text/html.
func (c Cell) Images() map[string]int {
	n := map[string]int{}
	for _, o := range c.Outputs {
		for _, mime := range []string{"image/png", "image/svg+xml"} {
			if _, ok := o.Data[mime]; ok {
				n[mime]++
			}
		}
		if html, ok := o.DataText("text/html"); ok {
			for _, m := range htmlImage.FindAllStringSubmatch(html, -1) {
				n["<"+strings.ToLower(m[1])+"> en text/html"]++
			}
		}
	}
	return n
}

// Alts returns the alt texts of the <img> elements in the cell's HTML outputs.
func (c Cell) Alts() []string {
	var alts []string
	for _, o := range c.Outputs {
		if html, ok := o.DataText("text/html"); ok {
			for _, m := range htmlAlt.FindAllStringSubmatch(html, -1) {
				alts = append(alts, m[1])
			}
		}
	}
	return alts
}

// SameCode reports whether two notebooks have the same code cells, in the same order and with
// the same sources: executing one is then executing the other, whatever their outputs.
func SameCode(a, b *Notebook) bool {
	code := func(nb *Notebook) []Multiline {
		var s []Multiline
		for _, c := range nb.Cells {
			if c.CellType == "code" {
				s = append(s, c.Source)
			}
		}
		return s
	}
	return slices.Equal(code(a), code(b))
}
