// SPDX-License-Identifier: Apache-2.0

//go:build linux

// A student answers an exercise in JupyterLab and sees its check pass.
//
// TestBrowserAnswer builds the students' copy of notebooks/03-ejercicios-I.ipynb with the course's
// stripping (scripts/handouts/build.py --only alumnos: nbgrader's, no solutions) into alumnos/ of
// the tree a private JupyterLab serves (the mirror of TestBrowser, so `${GONB_DIR}/..` is the
// module), and drives headless Chromium with answer_e2e.py (Playwright) as a student would:
//   - runs the notebook from its setup cell down to exercise 1's check cell (Shift+Enter, cell by
//     cell): the answer cell still has the stub, so the check must say «todavía no has respondido»;
//   - clicks the stub in the answer cell, selects its lines with the keyboard and types the
//     solution (taken from the teacher's notebook, between its BEGIN/END SOLUTION markers), runs
//     the answer and the check: the check must pass and show the success message the committed
//     notebook shows;
//   - types over it a typical wrong answer (the bias forgotten) and runs both again: the check must
//     fail with its hint.
//
// Every time, the answer cell's editor must hold exactly what was typed (no stray brackets or
// lines). Screenshots and the driver's report go to .artefactos/navegador-respuesta/.
// Only with a JupyterLab started here (not with NEURONAS_JUPYTER_URL); skipped if
// NEURONAS_NOTEBOOKS leaves out 03-ejercicios-I, with NEURONAS_BROWSER_TESTS=0 and with -short.
package nbtest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"neuronas/internal/nbtest"
)

const (
	// answerNotebook is the notebook whose exercise the student answers, and answerExercise the
	// nbgrader grade_id prefix of that exercise's cells.
	answerNotebook, answerExercise = "03-ejercicios-I.ipynb", "ej01"
	// answerSetup is the grade_id of the notebook's first cell to run (it links the module).
	answerSetup = "preparacion"
	// stubFirst is the first line of the stub that replaces a solution in the students' copy
	// (ejercicios/nbgrader_config.py); it has stubLines lines.
	stubFirst, stubLines = "// TU CÓDIGO AQUÍ", 2
	// unanswered is what a check says of a stub that was not replaced (pkg/exercises).
	unanswered = "todavía no has respondido"
	// passed starts the message of a check that passes.
	passed = "¡Correcto!"
)

// wrongAnswer is a typical mistake in exercise 1 (the bias forgotten) and the hint its check gives.
var wrongAnswer, wrongHint = []string{
	"z := 0.5*2 + 3*(-1) + (-2)*0.5",
	"return exercises.ZY{Z: z, Y: max(0, z)}",
}, "te falta el sesgo"

// answerPlan is what answer_e2e.py does (see its doc).
type answerPlan struct {
	Notebook  string          `json:"notebook"`
	RunFrom   int             `json:"run_from"`
	Answer    int             `json:"answer"`
	Check     int             `json:"check"`
	StubFirst string          `json:"stub_first"`
	StubLines int             `json:"stub_lines"`
	Attempts  []answerAttempt `json:"attempts"`
}

type answerAttempt struct {
	Name  string   `json:"name"`
	Lines []string `json:"lines"`
}

// answerReport is answer_e2e.py's report (the fields used here).
type answerReport struct {
	Chromium string     `json:"chromium"`
	Answer   *answerRun `json:"answer"`
}

// answerRun is what the student did in the notebook, step by step.
type answerRun struct {
	Error         *string      `json:"error"`
	KernelReadyS  float64      `json:"kernel_ready_s"`
	TotalS        float64      `json:"total_s"`
	Cells         int          `json:"cells"`
	Steps         []answerStep `json:"steps"`
	ConsoleErrors []string     `json:"console_errors"`
}

type answerStep struct {
	Name       string     `json:"name"`
	Error      *string    `json:"error"`
	Typed      []string   `json:"typed"`
	WaitS      float64    `json:"wait_s"`
	Seconds    float64    `json:"seconds"`
	Screenshot string     `json:"screenshot"`
	AnswerCell answerCell `json:"answer_cell"`
	CheckCell  answerCell `json:"check_cell"`
}

// answerCell is what the page showed of a cell: prompt, editor lines, outputs' text, stderr.
type answerCell struct {
	Prompt string   `json:"prompt"`
	Editor []string `json:"editor"`
	Output string   `json:"output"`
	Stderr []string `json:"stderr"`
}

// answerWant is what each step must show: the answer cell's code (trimmed lines; nil: not
// checked), whether the check passes, and a text its output must contain.
type answerWant struct {
	Name   string
	Code   []string
	Passes bool
	Shows  string
}

func TestBrowserAnswer(t *testing.T) {
	if os.Getenv("NEURONAS_BROWSER_TESTS") == "0" {
		t.Skip("NEURONAS_BROWSER_TESTS=0")
	}
	if os.Getenv("NEURONAS_JUPYTER_URL") != "" {
		t.Skip("con NEURONAS_JUPYTER_URL no: la copia de los alumnos se construye en el JupyterLab que arranca esta prueba")
	}
	root := nbtest.Root(t)
	teacherPath := filepath.Join(root, "notebooks", answerNotebook)
	if !slices.Contains(nbtest.Notebooks(t), teacherPath) {
		t.Skipf("NEURONAS_NOTEBOOKS no incluye %s", answerNotebook)
	}
	python, chromium, _ := checkBrowserTooling(t)
	tools := needHandoutTools(t, false)
	script := nbtest.Script(t, "answer_e2e.py")

	teacher := nbtest.Read(t, teacherPath)
	setup, answer, check := cellByID(t, teacher, answerSetup), cellByID(t, teacher, answerExercise+"-respuesta"),
		cellByID(t, teacher, answerExercise+"-comprobacion")
	solution := solutionLines(string(teacher.Cells[answer].Source))
	if len(solution) == 0 {
		t.Fatalf("la celda %s de %s no tiene solución entre marcas", answerExercise+"-respuesta", answerNotebook)
	}
	success := successLine(teacher.Cells[check])
	if success == "" {
		t.Fatalf("la salida guardada de %s-comprobacion en %s no tiene la línea «%s…»", answerExercise, answerNotebook, passed)
	}

	artefacts := artefactsDir(t, root, "navegador-respuesta")
	id := randomHex(8)
	t.Setenv(browserTestID, id)
	t.Cleanup(func() { reapMarked(t, id) })
	start := time.Now()
	server := startJupyterLab(t, root, python, artefacts)

	// The students' copy, built as the handouts build it, one folder below the served root.
	out := runBuild(t, tools, "--only", "alumnos", "--out", filepath.Join(server.tree, "alumnos"), teacherPath)
	t.Logf("copia de los alumnos: %s", strings.TrimSpace(out))
	student := nbtest.Read(t, filepath.Join(server.tree, "alumnos", answerNotebook))
	if len(student.Cells) != len(teacher.Cells) {
		t.Fatalf("la copia de los alumnos tiene %d celdas y el cuaderno %d", len(student.Cells), len(teacher.Cells))
	}
	stub := string(student.Cells[answer].Source)
	if !strings.Contains(stub, stubFirst) || strings.Contains(stub, solution[0]) {
		t.Fatalf("la celda de respuesta de la copia de los alumnos no es el esqueleto:\n%s", stub)
	}

	plan := answerPlan{
		Notebook: "alumnos/" + answerNotebook, RunFrom: setup, Answer: answer, Check: check,
		StubFirst: stubFirst, StubLines: stubLines,
		Attempts: []answerAttempt{{"correcta", solution}, {"equivocada", wrongAnswer}},
	}
	want := []answerWant{
		{Name: "sin-responder", Shows: unanswered},
		{Name: "correcta", Code: replaceStub(stub, solution), Passes: true, Shows: success},
		{Name: "equivocada", Code: replaceStub(stub, wrongAnswer), Shows: wrongHint},
	}
	rep := runAnswer(t, python, script, chromium, artefacts, server, plan)
	t.Logf("navegador: ejercicio %s de %s respondido en %v en total (Chromium %s)",
		answerExercise, answerNotebook, time.Since(start).Round(time.Second), rep.Chromium)
	for _, p := range checkAnswer(rep, want) {
		t.Error(p)
	}
	if a := rep.Answer; a != nil {
		t.Logf("kernel listo en %.1f s; en el navegador %.1f s", a.KernelReadyS, a.TotalS)
		for _, s := range a.Steps {
			t.Logf("%s: %.1f s (comprobación %.1f s); captura %s\n%s", s.Name, s.Seconds, s.WaitS, s.Screenshot, s.CheckCell.Output)
		}
		for _, e := range a.ConsoleErrors {
			t.Logf("consola del navegador: %s", e)
		}
	}
}

// runAnswer writes the plan, runs answer_e2e.py and returns its report.
func runAnswer(t *testing.T, python, script, chromium, artefacts string, server jupyterServer, plan answerPlan) *answerReport {
	t.Helper()
	planPath := filepath.Join(t.TempDir(), "plan.json")
	raw, err := json.Marshal(plan)
	if err == nil {
		err = os.WriteFile(planPath, raw, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	stderr := runDriver(t, python, []string{script, "--url", server.url, "--token", server.token,
		"--chromium", chromium, "--out", artefacts, planPath})
	var rep answerReport
	raw, err = os.ReadFile(filepath.Join(artefacts, "informe.json"))
	if err == nil {
		err = json.Unmarshal(raw, &rep)
	}
	if err != nil {
		t.Fatalf("no se pudo leer el informe del navegador: %v\n%s", err, nbtest.Tail(stderr, 40))
	}
	return &rep
}

// checkAnswer returns what the page showed wrong, step by step, against want.
func checkAnswer(rep *answerReport, want []answerWant) []string {
	a := rep.Answer
	if a == nil {
		return []string{"el informe del navegador no tiene la respuesta del alumno"}
	}
	var problems []string
	if a.Error != nil {
		problems = append(problems, "el navegador no pudo completar la respuesta: "+*a.Error)
	}
	if len(a.Steps) != len(want) {
		problems = append(problems, fmt.Sprintf("el navegador hizo %d pasos de %d", len(a.Steps), len(want)))
	}
	for i, w := range want[:min(len(want), len(a.Steps))] {
		s := a.Steps[i]
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s: ", w.Name)+fmt.Sprintf(format, args...))
		}
		if s.Name != w.Name {
			bad("el paso %d del navegador es %q", i+1, s.Name)
			continue
		}
		if s.Error != nil {
			bad("%s", *s.Error)
		}
		if w.Code != nil {
			if got := trimmedLines(s.AnswerCell.Editor); !slices.Equal(got, w.Code) {
				bad("la celda de respuesta no tiene lo que se tecleó:\n%s\n(se esperaba)\n%s",
					strings.Join(s.AnswerCell.Editor, "\n"), strings.Join(w.Code, "\n"))
			}
			if !slices.Equal(trimmedLines(s.Typed), w.Code) {
				bad("tras teclear, antes de ejecutar, el editor tenía:\n%s", strings.Join(s.Typed, "\n"))
			}
			for _, e := range s.AnswerCell.Stderr {
				bad("la celda de respuesta muestra un error:\n%s", nbtest.Tail(e, 20))
			}
		}
		if !strings.ContainsAny(s.CheckCell.Prompt, "0123456789") {
			bad("la comprobación no se ejecutó (indicador %q)", s.CheckCell.Prompt)
		}
		if !strings.Contains(s.CheckCell.Output, w.Shows) {
			bad("la comprobación no muestra «%s»; muestra:\n%s", w.Shows, s.CheckCell.Output)
		}
		if w.Passes {
			for _, e := range s.CheckCell.Stderr {
				bad("la comprobación debía pasar y muestra un error:\n%s", nbtest.Tail(e, 20))
			}
		} else {
			if strings.Contains(s.CheckCell.Output, passed) {
				bad("la comprobación debía fallar y dice «%s»:\n%s", passed, s.CheckCell.Output)
			}
			if len(s.CheckCell.Stderr) == 0 {
				bad("la comprobación debía fallar y no muestra ningún error")
			}
		}
	}
	return problems
}

// TestCheckAnswer: checkAnswer accepts what the page shows when the student's answers behave, and
// finds a check that did not pass, a hint that did not show and code that was not typed as asked.
func TestCheckAnswer(t *testing.T) {
	code := []string{"func f() {", "return 1", "}"}
	want := []answerWant{
		{Name: "sin-responder", Shows: unanswered},
		{Name: "correcta", Code: code, Passes: true, Shows: "¡Correcto! bien"},
		{Name: "equivocada", Code: code, Shows: wrongHint},
	}
	good := func() *answerReport {
		rep := &answerReport{Answer: &answerRun{}}
		editor := []string{"func f() {", "\treturn 1", "}"}
		rep.Answer.Steps = []answerStep{
			{Name: "sin-responder", CheckCell: answerCell{Prompt: "[3]:", Output: "Error: " + unanswered, Stderr: []string{"Error: " + unanswered}}},
			{Name: "correcta", Typed: editor, AnswerCell: answerCell{Prompt: "[4]:", Editor: editor},
				CheckCell: answerCell{Prompt: "[5]:", Output: "✔ z = -2\n¡Correcto! bien"}},
			{Name: "equivocada", Typed: editor, AnswerCell: answerCell{Prompt: "[6]:", Editor: editor},
				CheckCell: answerCell{Prompt: "[7]:", Output: "✘ z = -3: " + wrongHint, Stderr: []string{"exit status 1"}}},
		}
		return rep
	}
	if p := checkAnswer(good(), want); len(p) != 0 {
		t.Errorf("checkAnswer rechaza una respuesta que va bien: %q", p)
	}
	for name, spoil := range map[string]func(r *answerReport){
		"la correcta no pasa": func(r *answerReport) {
			r.Answer.Steps[1].CheckCell = answerCell{Prompt: "[5]:", Output: "✘ z = -3: " + wrongHint, Stderr: []string{"exit status 1"}}
		},
		"la equivocada pasa": func(r *answerReport) {
			r.Answer.Steps[2].CheckCell = answerCell{Prompt: "[7]:", Output: "¡Correcto! " + wrongHint}
		},
		"sin responder pasa": func(r *answerReport) { r.Answer.Steps[0].CheckCell.Output = "¡Correcto!" },
		"tecleado de más":    func(r *answerReport) { r.Answer.Steps[1].AnswerCell.Editor = []string{"func f() {", "return 1)", "}"} },
		"sin ejecutar":       func(r *answerReport) { r.Answer.Steps[1].CheckCell.Prompt = "[ ]:" },
		"un paso de menos":   func(r *answerReport) { r.Answer.Steps = r.Answer.Steps[:2] },
	} {
		rep := good()
		spoil(rep)
		if p := checkAnswer(rep, want); len(p) == 0 {
			t.Errorf("%s: checkAnswer no encuentra nada", name)
		}
	}
}

// cellByID returns the index of the cell with that nbgrader grade_id; the test fails if none.
func cellByID(t *testing.T, nb *nbtest.Notebook, id string) int {
	t.Helper()
	for i, c := range nb.Cells {
		if c.Grading().GradeID == id {
			return i
		}
	}
	t.Fatalf("%s no tiene ninguna celda con grade_id %q", answerNotebook, id)
	return -1
}

// solutionLines returns the lines between the BEGIN/END SOLUTION markers of src, trimmed.
func solutionLines(src string) []string {
	var lines []string
	in := false
	for l := range strings.SplitSeq(src, "\n") {
		switch {
		case strings.Contains(l, "BEGIN SOLUTION"):
			in = true
		case strings.Contains(l, "END SOLUTION"):
			in = false
		case in && strings.TrimSpace(l) != "":
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

// replaceStub returns the answer cell's code (trimmed, non-blank lines) with its stub replaced by
// lines.
func replaceStub(stub string, lines []string) []string {
	code := trimmedLines(strings.Split(stub, "\n"))
	i := slices.Index(code, stubFirst)
	if i < 0 || i+stubLines > len(code) {
		return code
	}
	return slices.Concat(code[:i], lines, code[i+stubLines:])
}

// trimmedLines returns the lines trimmed, without blank ones.
func trimmedLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// successLine returns the line of the cell's saved outputs that starts with passed ("" if none).
func successLine(c nbtest.Cell) string {
	for _, o := range c.Outputs {
		for l := range strings.SplitSeq(string(o.Text), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), passed) {
				return strings.TrimSpace(l)
			}
		}
	}
	return ""
}
