// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"encoding/json"
	"slices"
	"strings"
)

// SolutionMarkers are the delimiters of nbgrader's solution and hidden-test regions, as the
// course's ejercicios/nbgrader_config.py sets them; a line that contains one is a marker line.
var SolutionMarkers = []string{"BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"}

// Grading is a cell's nbgrader metadata (schema 3).
type Grading struct {
	Solution bool    `json:"solution"` // the student's answer goes here
	Grade    bool    `json:"grade"`    // graded: a check cell (code) or a manually graded answer
	Locked   bool    `json:"locked"`   // restored from the source when autograding
	Points   float64 `json:"points"`
	GradeID  string  `json:"grade_id"`
}

// Grading returns the cell's nbgrader metadata (all zero if it has none).
func (c Cell) Grading() Grading {
	var g Grading
	if raw, ok := c.Metadata["nbgrader"]; ok {
		_ = json.Unmarshal(raw, &g)
	}
	return g
}

// HasSolutions reports whether the notebook has nbgrader solution cells (an exercise notebook).
func (nb *Notebook) HasSolutions() bool {
	for _, c := range nb.Cells {
		if c.Grading().Solution {
			return true
		}
	}
	return false
}

// HasMarker reports whether s has a solution or hidden-test marker.
func HasMarker(s string) bool {
	for _, m := range SolutionMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// Stripped reports whether nbgrader's release copy changes the cell: an answer cell (its
// solution is replaced by the stub) or a cell with hidden tests.
func (c Cell) Stripped() bool {
	return c.Grading().Solution || HasMarker(string(c.Source))
}

// SecretLines returns the lines of the notebook that lie between solution or hidden-test markers
// and appear nowhere else in it (trimmed, longer than one character): none of them may be in a
// copy for the students.
func SecretLines(nb *Notebook) []string {
	inside, outside := map[string]bool{}, map[string]bool{}
	for _, c := range nb.Cells {
		region := false
		for _, line := range strings.Split(string(c.Source), "\n") {
			if HasMarker(line) {
				region = strings.Contains(line, "BEGIN")
				continue
			}
			if region {
				inside[strings.TrimSpace(line)] = true
			} else {
				outside[strings.TrimSpace(line)] = true
			}
		}
	}
	var secret []string
	for line := range inside {
		if len(line) > 1 && !outside[line] {
			secret = append(secret, line)
		}
	}
	slices.Sort(secret)
	return secret
}

// Leftovers returns the lines of the notebook's cells (trimmed) that are among the secret lines
// (see SecretLines): what a copy for the students still has of the solutions.
func Leftovers(nb *Notebook, secret []string) []string {
	var found []string
	for _, c := range nb.Cells {
		for _, line := range strings.Split(string(c.Source), "\n") {
			if line = strings.TrimSpace(line); slices.Contains(secret, line) {
				found = append(found, line)
			}
		}
	}
	return found
}
