// SPDX-License-Identifier: Apache-2.0

package nbtest_test

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"neuronas/internal/nbtest"
)

// TestQuotedNumbers checks that every number the Markdown of a notebook quotes is read from an
// output of that same notebook (its printed text or the alternative text of its figures), or of a
// notebook it links to (an exercise notebook quotes its lecture's results), so that
// re-running a cell that changes a result makes the text fail here instead of silently lying. It
// reads the committed notebooks: no kernel needed.
//
// The rule: a quoted number is a numeral in running text (not in code spans or code blocks, not
// part of a word such as float32 or 1e-3, not a cell name In [N], not a year 1900–2099) with at
// least three significant digits: 132.82, 51.20, 2475 and 11 894 are quoted numbers; 0.01, 0.5,
// 42, 100 and 50 000 are settings or counts and are not checked. A quoted number matches an
// output number that rounds to it: 132.82 matches 132.8174, 888.80 matches 888.7956 and 2475
// matches 2475.28. The Spanish decimal comma (0,05) and thousands separated by spaces (11 894)
// are read as numbers too.
func TestQuotedNumbers(t *testing.T) {
	for _, path := range nbtest.Notebooks(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".ipynb"), func(t *testing.T) {
			nb := nbtest.Read(t, path)
			outputs := outputNumbers(nb)
			// A notebook may also quote the results of the notebooks it links to (an exercise
			// notebook quotes its lecture's): the outputs of every notebook named in a Markdown link.
			for _, linked := range linkedNotebooks(nb) {
				outputs = append(outputs, outputNumbers(nbtest.Read(t, filepath.Join(filepath.Dir(path), linked)))...)
			}
			for i, c := range nb.Cells {
				if c.CellType != "markdown" {
					continue
				}
				for _, q := range quotedNumbers(string(c.Source)) {
					if !q.matchesAny(outputs) {
						t.Errorf("%s cita %q, que no aparece en ninguna salida del cuaderno", nbtest.Describe(i, c), q.text)
					}
				}
			}
		})
	}
}

// outputNumbers are the numbers in every output of nb.
func outputNumbers(nb *nbtest.Notebook) []number {
	var out []number
	for _, c := range nb.Cells {
		for _, text := range outputTexts(c) {
			out = append(out, numbersIn(text, false)...)
		}
	}
	return out
}

// notebookLink is a Markdown link to another notebook of the folder: ](NN-name.ipynb or ](NN-name.ipynb#anchor.
var notebookLink = regexp.MustCompile(`\]\((\d\d-[\w-]+\.ipynb)[#)]`)

// linkedNotebooks are the notebooks nb's Markdown links to, once each.
func linkedNotebooks(nb *nbtest.Notebook) []string {
	var names []string
	for _, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		for _, m := range notebookLink.FindAllStringSubmatch(string(c.Source), -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// The rule itself, on examples.
func TestQuotedNumbersRule(t *testing.T) {
	got := []string{}
	for _, q := range quotedNumbers("La pérdida baja de 2475 a 132.82 (y 0,05, 0.01, 42, 100, 50 000 pasos, 11 894 y " +
		"17,92); `1234.5` no; In [32] no; float32 y 1e-3 no; en 1989 no; 1-5-5-5-1 no; ```\n999.9\n``` no; 888.80.") {
		got = append(got, q.text)
	}
	want := []string{"2475", "132.82", "11 894", "17,92", "888.80"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("citados %q, quiero %q", got, want)
	}
	outputs := numbersIn("pérdida 2475.28 → 132.817; mínimo 17.92 en el paso 11893.9; final 888.7956", false)
	for _, c := range []struct {
		text string
		ok   bool
	}{{"2475", true}, {"132.82", true}, {"132.81", false}, {"17,92", true}, {"11 894", true}, {"888.80", true}, {"888.79", false}, {"2476", false}} {
		q := quotedNumbers(c.text)
		if len(q) != 1 || q[0].matchesAny(outputs) != c.ok {
			t.Errorf("%q frente a las salidas: %v, quiero %v", c.text, q, c.ok)
		}
	}
}

type number struct {
	text     string
	value    float64
	decimals int
}

// matchesAny reports whether some output number, as precise as q or more, rounds to q.
func (q number) matchesAny(outputs []number) bool {
	scale := math.Pow(10, float64(q.decimals))
	want := math.Round(math.Abs(q.value) * scale)
	for _, o := range outputs {
		if o.decimals >= q.decimals && math.Round(math.Abs(o.value)*scale) == want {
			return true
		}
	}
	return false
}

// outputTexts are the texts of a code cell's outputs: streams, text/plain data and the
// alternative texts of its images.
func outputTexts(c nbtest.Cell) []string {
	var out []string
	for _, o := range c.Outputs {
		out = append(out, string(o.Text))
		if s, ok := o.DataText("text/plain"); ok {
			out = append(out, s)
		}
	}
	return append(out, c.Alts()...)
}

var (
	mdCodeBlock = regexp.MustCompile("(?s)```.*?```")
	mdCodeSpan  = regexp.MustCompile("`[^`]*`")
	cellName    = regexp.MustCompile(`In \[\d+\]`)
	linkTarget  = regexp.MustCompile(`\]\([^)]*\)`)
	// A numeral: thousands groups separated by a space (Spanish style) or plain digits, with an
	// optional decimal part after a point or a comma; an exponent for outputs (3.74e+35).
	numeral    = regexp.MustCompile(`\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?(?:e[+-]?\d+)?`)
	outNumeral = regexp.MustCompile(`\d+(?:\.\d+)?(?:e[+-]?\d+)?`)
)

// quotedNumbers returns the numbers of Markdown text that the rule checks.
func quotedNumbers(md string) []number {
	md = mdCodeBlock.ReplaceAllString(md, " ")
	md = mdCodeSpan.ReplaceAllString(md, " ")
	md = cellName.ReplaceAllString(md, " ")
	md = linkTarget.ReplaceAllString(md, "]")
	var out []number
	for _, n := range numbersIn(md, true) {
		if significantDigits(n) >= 3 && !(n.decimals == 0 && n.value >= 1900 && n.value < 2100) {
			out = append(out, n)
		}
	}
	return out
}

// numbersIn finds the numerals of s that are not part of a word (float32, 1e-3 in text,
// seed-42) nor of a chain of digits and hyphens (1-5-5-5-1).
func numbersIn(s string, markdown bool) []number {
	re := outNumeral
	if markdown {
		re = numeral
	}
	var out []number
	for _, loc := range re.FindAllStringIndex(s, -1) {
		text := strings.TrimRight(s[loc[0]:loc[1]], ".,")
		before, after := lastRune(s[:loc[0]]), firstRune(s[loc[0]+len(text):])
		if markdown && (isWordRune(before) || isWordRune(after) || before == '-' && loc[0] >= 2 && isDigit(s[loc[0]-2]) ||
			after == '-' && loc[0]+len(text)+1 < len(s) && isDigit(s[loc[0]+len(text)+1])) {
			continue
		}
		if !markdown && isLetter(before) {
			continue // float32, go1.26 and the like in outputs are not results.
		}
		plain := strings.NewReplacer(" ", "", " ", "", ",", ".").Replace(text)
		v, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			continue
		}
		decimals := 0
		if i := strings.IndexByte(plain, '.'); i >= 0 {
			mantissa, _, _ := strings.Cut(plain[i+1:], "e") // 3.74e+35: the mantissa's decimals.
			decimals = len(mantissa)
		}
		out = append(out, number{text: text, value: v, decimals: decimals})
	}
	return out
}

// significantDigits counts the digits of n without leading zeros and, in an integer, without
// trailing zeros: 132.82 has 5, 0.01 has 1, 100 and 50 000 have 1, 11 894 has 5.
func significantDigits(n number) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, n.text)
	digits = strings.TrimLeft(digits, "0")
	if n.decimals == 0 {
		digits = strings.TrimRight(digits, "0")
	}
	return len(digits)
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return ' '
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isLetter(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && strings.ContainsRune("áéíóúñüÁÉÍÓÚÑ", r)
}

func isWordRune(r rune) bool { return isLetter(r) || r >= '0' && r <= '9' }
