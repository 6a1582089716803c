// SPDX-License-Identifier: Apache-2.0

package course

import (
	"slices"
	"strings"
	"testing"
)

func TestDeclarationIsValid(t *testing.T) {
	d, err := parse(declarationJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cells) == 0 || d.Settings.Steps == 0 {
		t.Errorf("declaración vacía: %+v", d)
	}
	// Declared devuelve copias: cambiarlas no cambia el curso.
	c := Cells()
	c[0].Sizes[0] = 99
	if Cells()[0].Sizes[0] == 99 {
		t.Error("Cells no devuelve una copia")
	}
}

func TestNamesAndSweepSeeds(t *testing.T) {
	relu, err := Lookup(32)
	if err != nil {
		t.Fatal(err)
	}
	tanh, _ := Lookup(19)
	if relu.Name() != "1-5-5-5-1 ReLU" || tanh.Name() != "1-1-1 Tanh" {
		t.Errorf("nombres %q, %q", relu.Name(), tanh.Name())
	}
	d := Declared()
	if SweepSeeds(relu) != d.Sweep.SeedsCanDie || SweepSeeds(tanh) != d.Sweep.Seeds || !relu.CanDie || tanh.CanDie {
		t.Errorf("semillas del barrido: ReLU %d, Tanh %d (%+v)", SweepSeeds(relu), SweepSeeds(tanh), d.Sweep)
	}
	_, err = Lookup(23)
	if err == nil || !strings.Contains(err.Error(), "In [23]") || !strings.Contains(err.Error(), File) ||
		!strings.HasPrefix(err.Error(), "course.Lookup: ") {
		t.Errorf("celda que no existe: %v", err)
	}
	if !slices.IsSorted(Numbers()) {
		t.Errorf("celdas desordenadas: %v", Numbers())
	}
}

// Una declaración rota da un error que dice qué está mal.
func TestBadDeclarations(t *testing.T) {
	good := string(declarationJSON)
	cases := map[string]struct{ old, new, want string }{
		"campo desconocido":    {`"course":`, `"curso": 1, "course":`, `unknown field "curso"`},
		"lr negativa":          {`"lr": 0.001`, `"lr": -1`, "ajustes imposibles"},
		"otro optimizador":     {`"optimizer": "SGD"`, `"optimizer": "Adam"`, `optimizador "Adam"`},
		"otra pérdida":         {`"loss": "MSELoss"`, `"loss": "L1Loss"`, `pérdida "L1Loss"`},
		"semilla sin fixtures": {`"default": 42`, `"default": 7`, "semilla de los cuadernos (7)"},
		"barrido sin semillas": {`"seeds": 20`, `"seeds": 0`, "al menos una semilla"},
		"celdas desordenadas":  {`{"cell": 20,`, `{"cell": 19,`, "In [19]: los números de celda"},
		"red de 2 entradas":    {`"sizes": [1, 2, 1]`, `"sizes": [2, 2, 1]`, "tamaños [2 2 1]"},
		"capa vacía":           {`"sizes": [1, 2, 1]`, `"sizes": [1, 0, 1]`, "tamaños [1 0 1]"},
		"activación rara":      {`"activation": "Tanh"}`, `"activation": "Swish"}`, `activación "Swish"`},
	}
	for name, c := range cases {
		bad := strings.Replace(good, c.old, c.new, 1)
		if bad == good {
			t.Fatalf("%s: %q no está en course.json", name, c.old)
		}
		_, err := parse([]byte(bad))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), File) {
			t.Errorf("%s: %v; debía decir %q", name, err, c.want)
		}
	}
}
