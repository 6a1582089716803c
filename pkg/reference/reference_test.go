// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"neuronas/pkg/course"
	"neuronas/pkg/random"
)

// Semillas que deben estar en el paquete: las que declara el curso.
var fixtureSeeds = course.FixtureSeeds()

// Los datos de PyTorch se reconstruyen con pkg/random bit a bit, en el orden
// del curso: x = 10·rand(50); y = x²; después el ruido de x y el de y.
func TestDataMatchesGenerator(t *testing.T) {
	for _, seed := range fixtureSeeds {
		x, y, err := Data(seed)
		if err != nil {
			t.Fatal(err)
		}
		st := course.Training()
		if len(x) != st.N || len(y) != st.N {
			t.Fatalf("semilla %d: %d y %d puntos", seed, len(x), len(y))
		}
		if !slices.Equal(st.Polynomial, []float64{1, 0, 0}) || st.Range != 10 {
			t.Skipf("esta prueba reconstruye y = x² en [0, 10); el curso declara %s", st)
		}
		g := random.New(seed)
		u, err := g.Rand(st.N)
		if err != nil {
			t.Fatal(err)
		}
		zeros, sigmas := make([]float32, st.N), make([]float32, st.N)
		for i := range sigmas {
			sigmas[i] = float32(st.Sigma)
		}
		nx, errX := g.Normal(zeros, sigmas)
		ny, errY := g.Normal(zeros, sigmas)
		if errX != nil || errY != nil {
			t.Fatal(errX, errY)
		}
		for i := range u {
			xi := 10 * u[i]
			wantX, wantY := xi+nx[i], float32(xi*xi)+ny[i]
			if math.Float32bits(x[i]) != math.Float32bits(wantX) || math.Float32bits(y[i]) != math.Float32bits(wantY) {
				t.Errorf("semilla %d, punto %d: PyTorch (%v, %v), random (%v, %v)", seed, i, x[i], y[i], wantX, wantY)
			}
		}
	}
}

// Los parámetros iniciales de cada celda son los de random.Linear capa a capa.
func TestInitialMatchesGenerator(t *testing.T) {
	for _, seed := range fixtureSeeds {
		for _, cell := range Cells {
			params, err := Initial(cell, seed)
			if err != nil {
				t.Fatal(err)
			}
			if len(params)%2 != 0 || len(params) < 4 {
				t.Fatalf("In [%d]: %d parámetros", cell, len(params))
			}
			g := random.New(seed)
			for p := 0; p < len(params); p += 2 {
				w, b := params[p], params[p+1]
				out, in := w.Shape[0], w.Shape[1]
				if !slices.Equal(b.Shape, []int{out}) {
					t.Fatalf("In [%d]: formas %v y %v", cell, w.Shape, b.Shape)
				}
				gw, gb, err := g.Linear(in, out)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(gw, w.Values) || !slices.Equal(gb, b.Values) {
					t.Errorf("semilla %d, In [%d], capa %d: los parámetros no coinciden con random.Linear(%d, %d)", seed, cell, p/2, in, out)
				}
			}
		}
	}
}

func TestLossesAndSensitivity(t *testing.T) {
	for _, seed := range fixtureSeeds {
		for _, cell := range Cells {
			l, err := Losses(cell, seed)
			if err != nil {
				t.Fatal(err)
			}
			var steps []int
			for _, s := range l {
				steps = append(steps, s.Step)
				if !(s.Loss > 0) || math.IsInf(float64(s.Loss), 0) {
					t.Errorf("In [%d], semilla %d, paso %d: pérdida %v", cell, seed, s.Step, s.Loss)
				}
			}
			all := []int{1, 10, 100, 1000, course.Training().Steps}
			if len(steps) < 4 || !slices.Equal(steps, all[:len(steps)]) || seed == course.DefaultSeed() && len(steps) != len(all) {
				t.Errorf("In [%d], semilla %d: pasos %v", cell, seed, steps)
			}
			final, err := FinalLoss(cell, seed)
			switch {
			case len(steps) == len(all) && (err != nil || final != l[len(l)-1].Loss):
				t.Errorf("FinalLoss = %v, %v; la última pérdida es %v", final, err, l[len(l)-1].Loss)
			case len(steps) < len(all) && (err == nil || !strings.Contains(err.Error(), "make fixtures")):
				t.Errorf("FinalLoss sin el último paso debe dar un error que diga cómo regenerar; da %v, %v", final, err)
			}
			s, err := Sensitivity(cell, seed)
			if err != nil || len(s) < 4 || len(s) > len(l) || s[0].Loss != l[0].Loss || s[len(s)-1].Step != l[len(s)-1].Step {
				t.Errorf("In [%d], semilla %d: sensibilidad %v (%v); el paso 1 debe coincidir", cell, seed, s, err)
			}
			if _, err := Died(cell, seed); err != nil {
				t.Error(err)
			}
		}
	}
	st, torch, err := TrainingSettings()
	if err != nil || !st.Equal(course.Training()) || !strings.HasPrefix(torch, "1.") {
		t.Errorf("ajustes %+v, torch %q, %v", st, torch, err)
	}
}

func TestSweep(t *testing.T) {
	for _, cell := range Cells {
		runs, err := Sweep(cell)
		if err != nil {
			t.Fatal(err)
		}
		c, err := course.Lookup(cell)
		if err != nil {
			t.Fatal(err)
		}
		if want := course.SweepSeeds(c); len(runs) != want {
			t.Errorf("In [%d]: %d semillas en el barrido, el curso declara %d", cell, len(runs), want)
		}
		for i, r := range runs {
			if r.Seed != i || !(r.FinalLoss > 0) {
				t.Errorf("In [%d]: ejecución %d = %+v", cell, i, r)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"semilla que falta", second(Losses(19, 7)), []string{"reference.Losses: ", "semilla 7", "seed-7.json", "--fixture-seeds 7", "make fixtures", "0, 1, 42"}},
		{"celda que no existe", second(Losses(23, 42)), []string{"reference.Losses: ", "In [23]", "19"}},
		{"celda del barrido que no existe", second(Sweep(5)), []string{"reference.Sweep: ", "In [5]"}},
		{"datos de semilla que falta", third(Data(7)), []string{"reference.Data: ", "semilla 7", "make fixtures"}},
		// Una semilla negativa no se puede generar: el error no propone generarla.
		{"semilla negativa", third(Data(-1)), []string{"reference.Data: la semilla es -1, pero debe ser un entero ≥ 0", "0, 1, 42"}},
		// Cada función firma sus errores, también los que vienen de otra del paquete.
		{"FinalLoss de celda que no existe", second(FinalLoss(0, 42)), []string{"reference.FinalLoss: In [0]"}},
		{"CompareSweeps de celda que no existe", second(CompareSweeps(-1)), []string{"reference.CompareSweeps: In [-1]"}},
		{"ULPSensitivity de celda que no existe", second(ULPSensitivity(0, 42)), []string{"reference.ULPSensitivity: In [0]"}},
		{"OwnSpread paso 0", second(OwnSpread(19, 42, 0)), []string{"reference.OwnSpread: step = 0, pero debe ser un entero positivo, como mucho 100"}},
		{"OwnSpread paso 101", second(OwnSpread(19, 42, 101)), []string{"reference.OwnSpread: step = 101, pero debe estar entre 1 y 100"}},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: sin error", c.name)
			continue
		}
		if strings.Count(c.err.Error(), "reference") != strings.Count(c.err.Error(), "pkg/reference")+1 {
			t.Errorf("%s: %q lleva más de un prefijo", c.name, c.err)
		}
		for _, w := range c.want {
			if !strings.Contains(c.err.Error(), w) {
				t.Errorf("%s: %q no menciona %q", c.name, c.err, w)
			}
		}
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

// Ficheros de otra versión del curso, de otro formato, rotos, incompletos o ausentes.
func TestBadFixtures(t *testing.T) {
	good := `{"meta": {"format": 1, "kind": "seed", "course_updated": "25/09/2025", "settings": ` + settingsJSON(t) + `},
		"seed": 3, "data": {"x": [1], "y": [2]}, "cells": {"20": {"net": "1-3-1 Tanh"}}}`
	lr := strings.Replace(good, `"lr":0.001`, `"lr":0.01`, 1)
	shorter := strings.Replace(good, `"steps":50000`, `"steps":1000`, 1)
	sweep := strings.Replace(strings.Replace(good, `"kind": "seed"`, `"kind": "sweep"`, 1), `"course_updated"`,
		`"died_rule": "`+course.Declared().Died+`", "course_updated"`, 1)
	fsys := fstest.MapFS{
		"pytorch/seed-3.json":  {Data: []byte(good)},
		"pytorch/seed-4.json":  {Data: []byte(strings.Replace(good, "25/09/2025", "01/02/2024", 1))},
		"pytorch/seed-5.json":  {Data: []byte(strings.Replace(good, `"format": 1`, `"format": 2`, 1))},
		"pytorch/seed-6.json":  {Data: []byte(`{"meta": `)},
		"pytorch/seed-7.json":  {Data: []byte(lr)},
		"pytorch/seed-8.json":  {Data: []byte(shorter)},
		"pytorch/seed-10.json": {Data: []byte(strings.Replace(shorter, `"steps":1000`, `"steps":60000`, 1))},
		"pytorch/sweep.json": {Data: []byte(strings.Replace(sweep, `"cells": {"20": {"net": "1-3-1 Tanh"}}`,
			`"cells": {"19": {"net": "1-1-1 Tanh", "seeds": [0], "final_loss": [1], "died": [false]}}`, 1))},
	}
	if lr == good || shorter == good {
		t.Fatalf("los ajustes de la prueba no tienen la forma esperada: %s", good)
	}
	s := &store{fsys: fsys}
	if _, err := s.seedFile(3); err != nil {
		t.Fatalf("un fichero bueno dio error: %v", err)
	}
	check := func(name string, err error, want ...string) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: sin error", name)
			return
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q no menciona %q", name, err, w)
			}
		}
	}
	_, err := s.seedFile(4)
	check("otra versión del curso", err, "seed-4.json", "01/02/2024", "25/09/2025", "make fixtures")
	_, err = s.seedFile(5)
	check("otro formato", err, "formato 2", "formato 1", "make fixtures")
	_, err = s.seedFile(6)
	check("roto", err, "seed-6.json", "make fixtures")
	_, err = s.seedFile(7)
	check("otra tasa de aprendizaje", err, "seed-7.json", "lr 0.01", "lr 0.001", "pkg/course/course.json", "make fixtures")
	if _, err := s.seedFile(8); err != nil {
		t.Errorf("una referencia más corta que el curso vale (sus primeros pasos no cambian): %v", err)
	}
	_, err = s.seedFile(10)
	check("más pasos que el curso", err, "seed-10.json", "pasos 60000", "make fixtures")
	_, err = s.seedFile(9)
	check("ausente", err, "semilla 9", "3, 4, 5, 6", "make fixtures")
	_, err = s.run(19, 3)
	check("celda que falta", err, "seed-3.json", "In [19]", "--fixture-seeds 3 --cells 19", "make fixtures")
	_, err = s.run(20, 3)
	check("otra red", err, "seed-3.json", "In [20]", "1-3-1 Tanh", "1-2-1 Tanh", "pkg/course/course.json", "--cells 20")
	_, err = s.sweepRuns(19)
	check("barrido con menos semillas", err, "sweep.json", "1 semillas", "In [19]", "--sweep", "--cells 19")
	s.sweep = nil
	s.fsys.(fstest.MapFS)["pytorch/sweep.json"] = &fstest.MapFile{Data: []byte(strings.Replace(sweep, "exactamente cero", "casi cero", 1))}
	_, err = s.sweepRuns(19)
	check("barrido con otra regla de red muerta", err, "sweep.json", "casi cero", "make fixtures")
	s.fsys.(fstest.MapFS)["pytorch/sweep.json"] = &fstest.MapFile{Data: []byte(strings.Replace(good, `"seed"`, `"sweep"`, 1))}
	_, err = s.sweepRuns(19)
	check("barrido de otro tipo", err, "sweep.json", "make fixtures")
	_, err = (&store{fsys: fstest.MapFS{}}).sweepRuns(19)
	check("barrido ausente", err, "sweep.json", "make fixtures")
}

// settingsJSON son los ajustes del curso como los escriben los generadores.
func settingsJSON(t *testing.T) string {
	t.Helper()
	raw, err := json.Marshal(course.Training())
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// La sensibilidad a un ulp en cualquier parámetro: pasos 1, 10, 100 y 1000;
// hasta el paso 100 solo pueden contar los cambios hechos al principio; en el
// paso 1 un ulp apenas mueve la pérdida (del orden del épsilon de float32);
// y en el paso 1000 es mucho mayor que la del primer peso solo (In [19],
// semilla 0: el primer peso no cambia nada y otro parámetro, mucho).
func TestULPSensitivity(t *testing.T) {
	for _, seed := range fixtureSeeds {
		for _, cell := range Cells {
			ch, err := ULPSensitivity(cell, seed)
			if err != nil {
				t.Fatal(err)
			}
			var steps []int
			for _, c := range ch {
				steps = append(steps, c.Step)
				if !(c.Change >= 0) || math.IsInf(c.Change, 0) || c.Direction*c.Direction != 1 ||
					!strings.Contains(c.Param, ".weight[") && !strings.Contains(c.Param, ".bias[") {
					t.Errorf("In [%d], semilla %d: %+v", cell, seed, c)
				}
				if c.Step <= 100 && c.NudgedAfter != 0 || c.NudgedAfter != 0 && c.NudgedAfter != 100 {
					t.Errorf("In [%d], semilla %d, paso %d: movido tras %d pasos", cell, seed, c.Step, c.NudgedAfter)
				}
				if c.Step == 1 && c.Change > 1e-5 {
					t.Errorf("In [%d], semilla %d: un ulp mueve la pérdida del paso 1 un %v", cell, seed, c.Change)
				}
			}
			if !slices.Equal(steps, []int{1, 10, 100, 1000}) {
				t.Errorf("In [%d], semilla %d: pasos %v", cell, seed, steps)
			}
			own, err := OwnSpread(cell, seed, 100)
			if err != nil || own < ch[2].Change {
				t.Errorf("In [%d], semilla %d: OwnSpread(100) = %v (%v), menor que la sensibilidad a un ulp %v", cell, seed, own, err, ch[2].Change)
			}
		}
	}
	ch, _ := ULPSensitivity(19, 0)
	first, _ := Sensitivity(19, 0)
	main, _ := Losses(19, 0)
	if first[3].Loss != main[3].Loss || ch[3].Change < 0.1 {
		t.Errorf("In [19], semilla 0, paso 1000: primer peso %v frente a %v; cualquier parámetro: %+v", first[3].Loss, main[3].Loss, ch[3])
	}
	if _, err := ULPSensitivity(23, 0); err == nil {
		t.Error("ULPSensitivity(23, 0) debe dar error: no es una celda del curso")
	}
}
