// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestSaveLoadBadInput(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("NEURONAS_MODELOS", dir)
	m, err := Sequential(Linear(1, 3), Tanh(), Linear(3, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, want string }{
		{"", "está vacío"},
		{"../fuera", "tiene el carácter '.'"},
		{"a/b", "tiene el carácter '/'"},
		{`a\b`, `tiene el carácter '\\'`},
		{"..", "tiene el carácter '.'"},
		{strings.Repeat("x", 300), "tiene 300 caracteres y el máximo es 64"},
		{"re\x00lu", `tiene el carácter '\x00'`},
		{"relu\n", `tiene el carácter '\n'`},
		{"a\xffb", "no es texto UTF-8 válido"},
		{"dos palabras", "tiene el carácter ' '"},
	} {
		for fn, call := range map[string]func() error{
			"nn.Model.Save": func() error { return m.Save(tt.name) },
			"nn.Load":       func() error { _, err := Load(tt.name); return err },
		} {
			err := call()
			if err == nil || !strings.HasPrefix(err.Error(), fn+": el nombre de modelo") ||
				!strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `como "relu"`) {
				t.Errorf("%s(%q): %v; quería la regla del nombre con %q", fn, tt.name, err, tt.want)
			}
		}
	}
	for _, name := range []string{"relu", "tanh-sgd_2", "modelo_ñandú", strings.Repeat("x", MaxNameLen)} {
		if err := m.Save(name); err != nil {
			t.Errorf("Save(%q): %v", name, err)
		}
	}

	// Un modelo con NaN no se guarda, con un mensaje en español (no el de encoding/json).
	bad, _ := Sequential(Linear(1, 3), Tanh(), Linear(3, 1))
	bad.params[1][2] = float32(math.NaN())
	if err := bad.Save("nan"); err == nil || !strings.Contains(err.Error(), "nn.Model.Save: no se guarda el modelo \"nan\": el parámetro 2 de la capa lineal 1 vale NaN") {
		t.Errorf("Save con NaN: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nan.json")); err == nil {
		t.Error("Save con NaN dejó un fichero")
	}

	// Una carpeta con el nombre del fichero del modelo: el error lo dice (no
	// el rename en inglés ni «comprueba que queda espacio en disco»).
	if err := os.Mkdir(filepath.Join(dir, "carpeta.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := m.Save("carpeta"); err == nil || !strings.HasPrefix(err.Error(), "nn.Model.Save: no se puede guardar el modelo \"carpeta\"") ||
		!strings.Contains(err.Error(), "hay una carpeta; usa otro nombre") {
		t.Errorf("Save sobre una carpeta: %v", err)
	}

	// Ficheros dañados: un error que dice qué celda volver a ejecutar.
	for content, want := range map[string]string{
		"{":                         "está dañado (no es JSON válido o está cortado",
		"":                          "está dañado (está vacío)",
		"[1, 2]":                    "está dañado (es JSON, pero no tiene la forma de un modelo guardado",
		`{"layers":[],"params":[]}`: "no hay capas",
		`{"layers":[{"Kind":"Linear","In":1,"Out":1}],"params":[[1]]}`:      "no encajan",
		`{"layers":[{"Kind":"Linear","In":1,"Out":1}],"params":[[1,1e39]]}`: "está dañado",
	} {
		if err := os.WriteFile(filepath.Join(dir, "roto.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load("roto"); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `model.Save("roto")`) {
			t.Errorf("Load de %q: %v; quería %q", content, err, want)
		}
	}
}

// NEURONAS_MODELOS con solo espacios cuenta como vacía: los modelos no van a
// una carpeta «   » dentro de la carpeta de trabajo.
func TestModelsDirBlank(t *testing.T) {
	t.Setenv("NEURONAS_MODELOS", "   ")
	t.Setenv("GONB_TMP_DIR", "")
	if d := ModelsDir(); d != filepath.Join(os.TempDir(), "neuronas-modelos") {
		t.Errorf("ModelsDir() = %q con NEURONAS_MODELOS=\"   \"; quería la carpeta temporal", d)
	}
	t.Setenv("NEURONAS_MODELOS", " /tmp/x ")
	if d := ModelsDir(); d != "/tmp/x" {
		t.Errorf("ModelsDir() = %q; quería /tmp/x sin los espacios", d)
	}
}

// Varias goroutines guardan con el mismo nombre mientras otras cargan: ningún
// Save falla y ningún Load ve un fichero a medias.
func TestSaveLoadConcurrent(t *testing.T) {
	t.Setenv("NEURONAS_MODELOS", t.TempDir())
	m, err := Sequential(Linear(1, 20), ReLU(), Linear(20, 20), ReLU(), Linear(20, 1))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Save("compartido"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 30 {
				if err := m.Save("compartido"); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 30 {
				if _, err := Load("compartido"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	left, _ := filepath.Glob(filepath.Join(os.Getenv("NEURONAS_MODELOS"), "*tmp*"))
	if len(left) > 0 {
		t.Errorf("quedan ficheros temporales: %v", left)
	}
}
