// SPDX-License-Identifier: Apache-2.0

package grading_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

// Students are the three submissions every assignment is graded with.
const (
	solved  = "solucion"    // the source notebook: full marks
	blank   = "en-blanco"   // the release copy as the student gets it: zero, and no crash
	mistake = "con-errores" // the release copy with the typical mistakes of the fixture
)

// stub is what nbgrader leaves in place of a solution (ejercicios/nbgrader_config.py).
const stub = "ejercicio sin responder"

// mistakes is a fixture: the answers with typical mistakes and what they must score.
type mistakes struct {
	// CellTimeout is the per-cell time limit of the autograder for this assignment, in seconds
	// (NEURONAS_EJERCICIOS_TIMEOUT); an answer that never ends costs this much.
	CellTimeout int `json:"tiempo_por_celda"`
	// Blank is what every check cell of the blank submission must say: the stub's panic, or the
	// check's own message for an unanswered exercise.
	Blank string `json:"en_blanco"`
	// Answers replace the source of the answer cells, by grade_id.
	Answers map[string]string `json:"respuestas"`
	// Scores are the expected points of every grade cell, by grade_id.
	Scores map[string]float64 `json:"notas"`
	// Messages are texts that the outputs of a cell must contain after autograding, by grade_id.
	Messages map[string][]string `json:"mensajes"`
}

// assignment is an exercise notebook graded by the test.
type assignment struct {
	name     string    // nbgrader's assignment and notebook name: the notebook's name without .ipynb
	notebook string    // the teacher's notebook, with solutions
	mistakes *mistakes // nil: only its release copy is made and checked
}

// assignments returns the sample assignment (testdata/muestra/muestra.ipynb) and every exercise
// notebook of notebooks/ (those with nbgrader solution cells) whose name starts with one of the
// comma-separated prefixes of NEURONAS_NOTEBOOKS, if it is set; each with its typical mistakes,
// testdata/NAME.errores.json, if it has them (without them only its release copy is checked).
func assignments(t *testing.T) []assignment {
	root := nbtest.Root(t)
	testdata := filepath.Join(root, "internal", "grading", "testdata")
	paths := []string{filepath.Join(testdata, "muestra", "muestra.ipynb")}
	notebooks, err := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range notebooks {
		if selected(filepath.Base(p)) && nbtest.Read(t, p).HasSolutions() {
			paths = append(paths, p)
		}
	}
	var out []assignment
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		fixture := filepath.Join(testdata, name+".errores.json")
		a := assignment{name: name, notebook: p}
		raw, err := os.ReadFile(fixture)
		switch {
		case os.IsNotExist(err):
			t.Logf("%s: no tiene errores típicos en %s; solo se comprueba su copia para los alumnos", name, fixture)
		case err != nil:
			t.Fatal(err)
		default:
			a.mistakes = new(mistakes)
			if err := json.Unmarshal(raw, a.mistakes); err != nil {
				t.Fatalf("%s: %v", fixture, err)
			}
			if a.mistakes.Blank == "" {
				t.Fatalf("%s: falta «en_blanco», lo que dicen las comprobaciones de una entrega en blanco", fixture)
			}
		}
		out = append(out, a)
	}
	return out
}

// selected reports whether NEURONAS_NOTEBOOKS (comma-separated prefixes) selects the notebook;
// all are selected when it is unset.
func selected(name string) bool {
	only := os.Getenv("NEURONAS_NOTEBOOKS")
	if only == "" {
		return true
	}
	for prefix := range strings.SplitSeq(only, ",") {
		if prefix = strings.TrimSpace(prefix); prefix != "" && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// course is a temporary nbgrader course folder driven by scripts/ejercicios/ejercicios.py.
type course struct {
	dir, python, script, root string
}

// run runs ejercicios.py with args in the course and returns its standard output.
func (c course) run(t *testing.T, timeout int, args ...string) (string, time.Duration) {
	t.Helper()
	cmd := exec.Command(c.python, append([]string{c.script, "--curso", c.dir}, args...)...)
	cmd.Env = append(os.Environ(), "NEURONAS_MODULE="+c.root,
		fmt.Sprintf("NEURONAS_EJERCICIOS_TIMEOUT=%d", timeout))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("falló ejercicios.py %s: %v\n%s\n%s", strings.Join(args, " "), err, out, nbtest.Tail(stderr.String(), 40))
	}
	return string(out), time.Since(start)
}

// TestNbgrader runs nbgrader's whole cycle with the GoNB kernel on every assignment with typical
// mistakes (see assignments; the others only get their release copy checked):
// generate_assignment makes the release copy, which must keep no solution;
// autograde grades three submissions (the solutions: full marks; the release copy as it is: zero,
// every cell run; the typical mistakes: the fixture's score, exercise by exercise, with the
// expected messages, and the student's answers kept); generate_feedback writes a Spanish report
// per student with the same scores.
func TestNbgrader(t *testing.T) {
	python := nbtest.Python(t, "nbgrader")
	nbtest.Kernel(t)
	root := nbtest.Root(t)
	list := assignments(t)
	if len(list) == 0 {
		t.Fatal("no hay ninguna tarea que corregir (falta testdata/muestra)")
	}
	for _, a := range list {
		t.Run(a.name, func(t *testing.T) {
			c := course{dir: t.TempDir(), python: python, script: filepath.Join(root, "scripts", "ejercicios", "ejercicios.py"), root: root}
			timeout := 180
			if a.mistakes != nil {
				timeout = max(a.mistakes.CellTimeout, 10)
			}
			source := nbtest.Read(t, a.notebook)

			log, took := c.run(t, timeout, "publicar", a.notebook)
			t.Logf("generate_assignment: %v\n%s", took.Round(time.Millisecond), strings.TrimSpace(log))
			releasePath := filepath.Join(c.dir, "release", a.name, a.name+".ipynb")
			checkRelease(t, source, releasePath)
			if t.Failed() || testing.Short() || a.mistakes == nil {
				return
			}

			submit(t, c.dir, a.name, solved, a.notebook, nil)
			submit(t, c.dir, a.name, blank, releasePath, nil)
			submit(t, c.dir, a.name, mistake, releasePath, a.mistakes.Answers)
			_, took = c.run(t, timeout, "nbgrader", "autograde", a.name, "--log-level=WARN")
			t.Logf("autograde de 3 entregas: %v", took.Round(time.Millisecond))

			raw, _ := c.run(t, timeout, "notas", a.name)
			var scores map[string]struct {
				Total float64            `json:"total"`
				Max   float64            `json:"maximo"`
				Cells map[string]float64 `json:"celdas"`
			}
			if err := json.Unmarshal([]byte(raw), &scores); err != nil {
				t.Fatalf("notas: %v\n%s", err, raw)
			}
			points := map[string]float64{}
			var maxScore float64
			for _, cell := range source.Cells {
				if g := cell.Grading(); g.Grade {
					points[g.GradeID] = g.Points
					maxScore += g.Points
				}
			}
			want := map[string]map[string]float64{solved: points, blank: {}, mistake: a.mistakes.Scores}
			for id := range points {
				want[blank][id] = 0
				if _, ok := a.mistakes.Scores[id]; !ok {
					t.Errorf("el fichero de errores típicos no dice cuánto vale con errores la comprobación %q", id)
				}
			}
			for _, student := range []string{solved, blank, mistake} {
				got := scores[student]
				var total float64
				for id, w := range want[student] {
					total += w
					if g, ok := got.Cells[id]; !ok || g != w {
						t.Errorf("%s, %s: %v puntos; se esperaban %v", student, id, g, w)
					}
				}
				if got.Total != total || got.Max != maxScore {
					t.Errorf("%s: nota %v de %v; se esperaba %v de %v", student, got.Total, got.Max, total, maxScore)
				}
				t.Logf("%s: %v de %v %v", student, got.Total, got.Max, got.Cells)
			}
			checkGraded(t, c.dir, a, source)

			_, took = c.run(t, timeout, "nbgrader", "generate_feedback", a.name, "--log-level=WARN")
			t.Logf("generate_feedback de 3 entregas: %v", took.Round(time.Millisecond))
			for _, student := range []string{solved, blank, mistake} {
				checkFeedback(t, filepath.Join(c.dir, "feedback", student, a.name, a.name+".html"), source, want[student])
			}
		})
	}
}

// checkRelease checks the students' copy nbgrader made of source: the same cells and nbgrader
// metadata, no outputs, every answer cell with the stub, and no marker nor line of a solution or
// of the hidden tests.
func checkRelease(t *testing.T, source *nbtest.Notebook, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("nbgrader no escribió la copia de los alumnos: %v", err)
	}
	rel := nbtest.Read(t, path)
	if len(rel.Cells) != len(source.Cells) {
		t.Fatalf("la copia de los alumnos tiene %d celdas y el cuaderno %d", len(rel.Cells), len(source.Cells))
	}
	for i, c := range rel.Cells {
		s := source.Cells[i]
		where := nbtest.Describe(i, s)
		if c.Grading() != s.Grading() {
			t.Errorf("%s: los metadatos de nbgrader cambiaron: %+v en lugar de %+v", where, c.Grading(), s.Grading())
		}
		if len(c.Outputs) > 0 {
			t.Errorf("%s: la copia conserva %d salidas", where, len(c.Outputs))
		}
		if nbtest.HasMarker(string(c.Source)) {
			t.Errorf("%s: la copia conserva una marca de solución o de pruebas ocultas:\n%s", where, c.Source)
		}
		if s.CellType == "code" && s.Grading().Solution && !strings.Contains(string(c.Source), stub) {
			t.Errorf("%s: la respuesta no quedó con el código de «%s»:\n%s", where, stub, c.Source)
		}
		if !s.Stripped() && c.Source != s.Source {
			t.Errorf("%s: la copia cambió una celda sin solución", where)
		}
	}
	secret := nbtest.SecretLines(source)
	if len(secret) == 0 {
		t.Errorf("el cuaderno no tiene ninguna línea de solución entre marcas: la comprobación no comprobaría nada")
	}
	for _, line := range nbtest.Leftovers(rel, secret) {
		t.Errorf("la copia de los alumnos conserva una línea de una solución o de las pruebas ocultas: %q", line)
	}
	for _, m := range nbtest.SolutionMarkers {
		if strings.Contains(string(raw), m) {
			t.Errorf("la copia de los alumnos contiene %q", m)
		}
	}
}

// submit writes the submission of student: the notebook at from, with the answer cells whose
// grade_id is in answers replaced.
func submit(t *testing.T, dir, name, student, from string, answers map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if answers != nil {
		var nb map[string]any
		if err := json.Unmarshal(raw, &nb); err != nil {
			t.Fatal(err)
		}
		used := 0
		for _, cell := range nb["cells"].([]any) {
			cell := cell.(map[string]any)
			md, _ := cell["metadata"].(map[string]any)
			g, _ := md["nbgrader"].(map[string]any)
			if src, ok := answers[fmt.Sprint(g["grade_id"])]; ok && g["solution"] == true {
				cell["source"] = src
				used++
			}
		}
		if used != len(answers) {
			t.Fatalf("%s: solo %d de las %d respuestas con errores tienen una celda de respuesta con su grade_id", name, used, len(answers))
		}
		if raw, err = json.MarshalIndent(nb, "", " "); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "submitted", student, name)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, name+".ipynb"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// outputText is everything a cell printed: streams, errors and the text of HTML outputs.
func outputText(c nbtest.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(string(o.Text))
		b.WriteString(o.Ename + " " + o.Evalue + "\n" + strings.Join(o.Traceback, "\n"))
		if html, ok := o.DataText("text/html"); ok {
			b.WriteString(html)
		}
	}
	return nbtest.StripANSI(b.String())
}

// checkGraded checks the autograded notebooks: every code cell ran (autograde went on after every
// failure), every check of the blank submission failed saying it is unanswered, the answers with
// mistakes are kept as the student wrote them and their checks say what the fixture expects.
func checkGraded(t *testing.T, dir string, a assignment, source *nbtest.Notebook) {
	t.Helper()
	graded := func(student string) *nbtest.Notebook {
		return nbtest.Read(t, filepath.Join(dir, "autograded", student, a.name, a.name+".ipynb"))
	}
	for _, student := range []string{solved, blank, mistake} {
		nb := graded(student)
		for i, c := range nb.Cells {
			if c.CellType == "code" && strings.TrimSpace(string(c.ExecutionCount)) == "null" {
				t.Errorf("%s: %s no se ejecutó", student, nbtest.Describe(i, c))
			}
			if student == solved && c.Grading().Grade {
				for _, o := range c.Outputs {
					if o.OutputType == "error" || (o.OutputType == "stream" && o.Name == "stderr") {
						t.Errorf("%s: %s falla con la solución:\n%s", student, nbtest.Describe(i, c), outputText(c))
					}
				}
			}
		}
	}
	nb := graded(blank)
	for i, c := range nb.Cells {
		if c.Grading().Grade && !strings.Contains(outputText(c), a.mistakes.Blank) {
			t.Errorf("%s: %s no dice %q:\n%.2000s", blank, nbtest.Describe(i, c), a.mistakes.Blank, outputText(c))
		}
	}
	nb = graded(mistake)
	for i, c := range nb.Cells {
		g := c.Grading()
		if ans, ok := a.mistakes.Answers[g.GradeID]; ok && g.Solution && string(c.Source) != ans {
			t.Errorf("%s: %s: la respuesta del alumno no se conservó:\n%s", mistake, nbtest.Describe(i, c), c.Source)
		}
		for _, m := range a.mistakes.Messages[g.GradeID] {
			if !strings.Contains(outputText(c), m) {
				t.Errorf("%s: la salida de %s no dice %q:\n%.2000s", mistake, g.GradeID, m, outputText(c))
			}
		}
	}
}

var scoreLine = regexp.MustCompile(`Comprobación «([^»]+)»</a>: ([0-9.]+) de ([0-9.]+) puntos?`)

// checkFeedback checks a student's feedback report: Spanish, with no scripts, the total and every
// check's score as graded.
func checkFeedback(t *testing.T, path string, source *nbtest.Notebook, want map[string]float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("generate_feedback no escribió el informe: %v", err)
		return
	}
	html := string(b)
	name := filepath.Base(filepath.Dir(filepath.Dir(path)))
	var total, maxScore float64
	for _, c := range source.Cells {
		if g := c.Grading(); g.Grade {
			total += want[g.GradeID]
			maxScore += g.Points
		}
	}
	for _, s := range []string{`<html lang="es"`, "Informe de corrección", fmt.Sprintf("Nota: %g de %g puntos", total, maxScore)} {
		if !strings.Contains(html, s) {
			t.Errorf("%s: el informe no contiene %q", name, s)
		}
	}
	for _, s := range []string{"<script", "Score", "Student's answer", "Comments"} {
		if strings.Contains(html, s) {
			t.Errorf("%s: el informe contiene %q", name, s)
		}
	}
	seen := map[string]bool{}
	for _, m := range scoreLine.FindAllStringSubmatch(html, -1) {
		seen[m[1]] = true
		if w, ok := want[m[1]]; !ok || m[2] != fmt.Sprint(w) {
			t.Errorf("%s: el informe da a «%s» %s puntos; se esperaban %v", name, m[1], m[2], w)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s: el informe no da la nota de «%s»", name, id)
		}
	}
}
