// SPDX-License-Identifier: Apache-2.0

package course

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"neuronas/pkg/random"
)

// notebookII es el cuaderno que reproduce las celdas de entrenamiento.
const notebookII = "../../notebooks/02-modelos-neuronales-II.ipynb"

// notebookCell es una celda de código del cuaderno con su número en el curso
// (metadata "curso": {"celda": N}), o 0 si no lo tiene. netOf es, en una
// celda añadida por la versión en Go que entrena una red del curso (metadata
// "neuronas": {"red_del_curso": N}), la celda del curso cuya red entrena.
type notebookCell struct {
	number int
	netOf  int
	source string
}

func readNotebook(t *testing.T, path string) []notebookCell {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Cells []struct {
			Type     string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
			Metadata struct {
				Curso struct {
					Celda int `json:"celda"`
				} `json:"curso"`
				Neuronas struct {
					NetOf int `json:"red_del_curso"`
				} `json:"neuronas"`
			} `json:"metadata"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []notebookCell
	for _, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		// La fuente de una celda es una cadena o una lista de líneas.
		var src string
		if json.Unmarshal(c.Source, &src) != nil {
			var lines []string
			if err := json.Unmarshal(c.Source, &lines); err != nil {
				t.Fatalf("%s: fuente de celda ilegible: %v", path, err)
			}
			src = strings.Join(lines, "")
		}
		out = append(out, notebookCell{c.Metadata.Curso.Celda, c.Metadata.Neuronas.NetOf, src})
	}
	return out
}

// parseCell separa una celda de GoNB en sus declaraciones (antes de %%) y sus
// sentencias (después), y las analiza como Go.
func parseCell(t *testing.T, c notebookCell) (decls *ast.File, body *ast.BlockStmt) {
	t.Helper()
	all := strings.Split(c.source, "\n")
	split := slices.IndexFunc(all, func(l string) bool { return strings.TrimSpace(l) == "%%" })
	before, after := all, []string(nil)
	if split >= 0 {
		before, after = all[:split], all[split+1:]
	}
	var lines []string // Las órdenes de GoNB (%…, !…, con sus líneas de continuación) no son Go.
	command := false
	for _, l := range before {
		command = command || strings.HasPrefix(l, "%") || strings.HasPrefix(l, "!")
		if !command {
			lines = append(lines, l)
		}
		command = command && strings.HasSuffix(l, "\\")
	}
	fset := token.NewFileSet()
	decls, err := parser.ParseFile(fset, "", "package p\n"+strings.Join(lines, "\n"), 0)
	if err != nil {
		t.Fatalf("celda In [%d]: las declaraciones no son Go: %v\n%s", c.number, err, c.source)
	}
	f, err := parser.ParseFile(fset, "", "package p\nfunc _() {\n"+strings.Join(after, "\n")+"\n}", 0)
	if err != nil {
		t.Fatalf("celda In [%d]: el cuerpo no es Go: %v\n%s", c.number, err, c.source)
	}
	return decls, f.Decls[0].(*ast.FuncDecl).Body
}

// exprString escribe una expresión sencilla (identificadores, selectores y
// literales) como en el código.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.BasicLit:
		return e.Value
	case *ast.UnaryExpr:
		return e.Op.String() + exprString(e.X)
	}
	return fmt.Sprintf("%T", e)
}

func number(t *testing.T, what string, e ast.Expr) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(exprString(e), 64)
	if err != nil {
		t.Errorf("%s: %s no es un número", what, exprString(e))
	}
	return v
}

// calls devuelve las llamadas a fn (p. ej. "nn.Sequential") dentro de n.
func calls(n ast.Node, fn string) []*ast.CallExpr {
	var out []*ast.CallExpr
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && exprString(c.Fun) == fn {
			out = append(out, c)
		}
		return true
	})
	return out
}

// El bloque var de la primera celda de entrenamiento del cuaderno II (In
// [19]) tiene los ajustes que declara course.json, y la semilla de los
// cuadernos es la declarada.
func TestNotebookIISettings(t *testing.T) {
	var vars map[string]ast.Expr
	for _, c := range readNotebook(t, notebookII) {
		if c.number == 0 || !strings.Contains(c.source, "var (") {
			continue
		}
		decls, _ := parseCell(t, c)
		vars = map[string]ast.Expr{}
		ast.Inspect(decls, func(n ast.Node) bool {
			if v, ok := n.(*ast.ValueSpec); ok {
				for i, name := range v.Names {
					if i < len(v.Values) {
						vars[name.Name] = v.Values[i]
					}
				}
			}
			return true
		})
		if _, ok := vars["learningRate"]; ok {
			break
		}
	}
	need := []string{"seed", "polynomialCoefficients", "dataset", "learningRate", "steps", "lossFn", "optimizer"}
	for _, name := range need {
		if vars[name] == nil {
			t.Fatalf("el cuaderno II no declara %s en el bloque var de sus celdas de entrenamiento (%v)", name, need)
		}
	}
	want := Training()
	if got := number(t, "learningRate", vars["learningRate"]); got != want.LR {
		t.Errorf("cuaderno II: learningRate = %v; el curso declara %v en %s", got, want.LR, File)
	}
	if got := number(t, "steps", vars["steps"]); got != float64(want.Steps) {
		t.Errorf("cuaderno II: steps = %v; el curso declara %v", got, want.Steps)
	}
	if got := exprString(vars["lossFn"]); got != "train."+want.Loss {
		t.Errorf("cuaderno II: lossFn = %s; el curso declara %s", got, want.Loss)
	}
	if got := exprString(vars["optimizer"]); got != "train."+want.Optimizer {
		t.Errorf("cuaderno II: optimizer = %s; el curso declara %s", got, want.Optimizer)
	}
	switch seed := exprString(vars["seed"]); seed {
	case "random.DefaultSeed":
		if random.DefaultSeed != DefaultSeed() {
			t.Errorf("random.DefaultSeed = %d; el curso declara la semilla %d", random.DefaultSeed, DefaultSeed())
		}
	default:
		if got := number(t, "seed", vars["seed"]); got != float64(DefaultSeed()) {
			t.Errorf("cuaderno II: seed = %s; el curso declara %d", seed, DefaultSeed())
		}
	}
	lit, ok := vars["polynomialCoefficients"].(*ast.CompositeLit)
	if !ok {
		t.Fatalf("cuaderno II: polynomialCoefficients no es una lista de coeficientes")
	}
	var coeffs []float64
	for _, e := range lit.Elts {
		coeffs = append(coeffs, number(t, "polynomialCoefficients", e))
	}
	if !slices.Equal(coeffs, want.Polynomial) {
		t.Errorf("cuaderno II: coeficientes %v; el curso declara %v", coeffs, want.Polynomial)
	}
	get := calls(vars["dataset"], "data.GetDataFromAPolynomial")
	if len(get) != 1 || len(get[0].Args) < 2 {
		t.Fatalf("cuaderno II: dataset no sale de data.GetDataFromAPolynomial(polinomio, n, …)")
	}
	if n := number(t, "n", get[0].Args[1]); n != float64(want.N) {
		t.Errorf("cuaderno II: %v puntos; el curso declara %d", n, want.N)
	}
	for fn, w := range map[string]float64{"data.Sigma": want.Sigma, "data.Range": want.Range} {
		c := calls(get[0], fn)
		if len(c) != 1 || len(c[0].Args) != 1 {
			t.Errorf("cuaderno II: dataset no usa %s(…)", fn)
		} else if v := number(t, fn, c[0].Args[0]); v != w {
			t.Errorf("cuaderno II: %s(%v); el curso declara %v", fn, v, w)
		}
	}
	if r := calls(get[0], "random.New"); len(r) != 1 || exprString(r[0].Args[0]) != "seed" {
		t.Errorf("cuaderno II: los datos no se generan con data.WithRand(random.New(seed))")
	}
}

// trainingCell es lo que entrena una celda del cuaderno que entrena una red
// con los datos del curso (train.LearningLoop(xTrue, …)).
type trainingCell struct {
	sizes       []int
	activations []string
	loop        string // Los argumentos de train.LearningLoop.
	reference   string // El primer argumento de reference.FinalLoss.
}

func readTrainingCell(t *testing.T, c notebookCell) (trainingCell, bool) {
	t.Helper()
	if !strings.Contains(c.source, "train.LearningLoop(") {
		return trainingCell{}, false
	}
	_, body := parseCell(t, c)
	loops := calls(body, "train.LearningLoop")
	if len(loops) == 0 || exprString(loops[0].Args[0]) != "xTrue" {
		return trainingCell{}, false // No entrena con los datos del curso (p. ej., la prueba de In [17]).
	}
	seq := calls(body, "nn.Sequential")
	if len(seq) == 0 {
		t.Errorf("celda In [%d]: entrena con los datos del curso sin crear la red con nn.Sequential", c.number)
		return trainingCell{}, false
	}
	if len(seq) > 1 {
		t.Errorf("celda In [%d]: %d modelos; una celda de entrenamiento crea uno", c.number, len(seq))
	}
	var tc trainingCell
	for _, arg := range seq[0].Args {
		call, ok := arg.(*ast.CallExpr)
		if !ok {
			t.Errorf("celda In [%d]: capa %s que no es una llamada", c.number, exprString(arg))
			continue
		}
		switch fn := exprString(call.Fun); fn {
		case "nn.Linear":
			in, out := int(number(t, "nn.Linear", call.Args[0])), int(number(t, "nn.Linear", call.Args[1]))
			if len(tc.sizes) == 0 {
				tc.sizes = append(tc.sizes, in)
			} else if tc.sizes[len(tc.sizes)-1] != in {
				t.Errorf("celda In [%d]: nn.Linear(%d, %d) después de una capa de %d", c.number, in, out, tc.sizes[len(tc.sizes)-1])
			}
			tc.sizes = append(tc.sizes, out)
		default:
			tc.activations = append(tc.activations, strings.TrimPrefix(fn, "nn."))
		}
	}
	for _, l := range loops {
		var args []string
		for _, a := range l.Args {
			args = append(args, exprString(a))
		}
		tc.loop = strings.Join(args, ", ")
	}
	if r := calls(body, "reference.FinalLoss"); len(r) > 0 {
		tc.reference = exprString(r[0].Args[0])
	}
	return tc, true
}

// sameNet dice si la celda entrena la red que declara want: mismos tamaños y
// una sola activación, la declarada, entre cada par de Linear.
func sameNet(tc trainingCell, want Cell) bool {
	acts := slices.Compact(slices.Clone(tc.activations))
	return slices.Equal(tc.sizes, want.Sizes) && len(tc.activations) == len(want.Sizes)-2 &&
		len(acts) <= 1 && (len(acts) == 0 || acts[0] == want.Activation)
}

// Cada celda del cuaderno II que entrena una red (con metadata "curso":
// {"celda": N}) entrena la red que declara course.json para In [N], con los
// ajustes del bloque var, y cada celda declarada está en el cuaderno.
func TestNotebookIICells(t *testing.T) {
	seen := map[int]bool{}
	for _, c := range readNotebook(t, notebookII) {
		tc, ok := readTrainingCell(t, c)
		if !ok {
			continue
		}
		if c.number == 0 && c.netOf != 0 {
			// Una celda añadida: entrena la red de otra celda, quizá de otra forma (otro bucle).
			if want, err := Lookup(c.netOf); err != nil {
				t.Errorf("una celda añadida del cuaderno II dice entrenar la red de In [%d]: %v", c.netOf, err)
			} else if !sameNet(tc, want) {
				t.Errorf("una celda añadida dice entrenar la red de In [%d] (%s), pero entrena %v con %v",
					c.netOf, want.Name(), tc.sizes, tc.activations)
			}
			continue
		}
		if c.number == 0 {
			t.Errorf("una celda del cuaderno II entrena una red sin metadata \"curso\": {\"celda\": N} "+
				"(o, si la añade la versión en Go, \"neuronas\": {\"red_del_curso\": N}):\n%s", c.source)
			continue
		}
		seen[c.number] = true
		want, err := Lookup(c.number)
		if err != nil {
			t.Errorf("el cuaderno II entrena una red en In [%d]: %v", c.number, err)
			continue
		}
		if !sameNet(tc, want) {
			t.Errorf("In [%d]: el cuaderno entrena %v con %v; el curso declara %s en %s", c.number, tc.sizes, tc.activations, want.Name(), File)
		}
		if tc.loop != "xTrue, yTrue, model, steps, lossFn, learningRate, optimizer" {
			t.Errorf("In [%d]: train.LearningLoop(%s) no usa los ajustes del bloque var", c.number, tc.loop)
		}
		if tc.reference != strconv.Itoa(c.number) {
			t.Errorf("In [%d]: compara con reference.FinalLoss(%s, …), no con su propia celda", c.number, tc.reference)
		}
	}
	for _, n := range Numbers() {
		if !seen[n] {
			t.Errorf("el curso declara In [%d] en %s, pero el cuaderno II no tiene esa celda de entrenamiento", n, File)
		}
	}
}
