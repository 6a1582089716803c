package nn

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"neuronas/internal/engine"
)

// GoNB ejecuta cada celda como un programa nuevo: un modelo entrenado en una
// celda desaparece al terminar. Para usarlo en otra celda, la primera lo guarda
// con Save y la segunda lo recupera con Load. Los modelos se guardan en la
// carpeta temporal de la sesión del kernel (se borran al reiniciarlo, como las
// variables de Python), así que volver a ejecutar la celda que entrena
// sobrescribe el modelo guardado y la celda que lo usa ve siempre el último.

// ModelsDir devuelve la carpeta donde Save y Load guardan los modelos: la
// variable de entorno NEURONAS_MODELOS si existe; si no, la carpeta temporal
// de la sesión de GoNB; fuera de un cuaderno, "neuronas-modelos" en la carpeta
// temporal del sistema (nunca en la carpeta de trabajo).
func ModelsDir() string {
	if d := os.Getenv("NEURONAS_MODELOS"); d != "" {
		return d
	}
	if d := os.Getenv("GONB_TMP_DIR"); d != "" {
		return filepath.Join(d, "modelos")
	}
	return filepath.Join(os.TempDir(), "neuronas-modelos")
}

type savedModel struct {
	Layers []Layer     `json:"layers"`
	Params [][]float32 `json:"params"` // Una matriz [W | b] por capa Linear, como Model.params.
}

// Save guarda el modelo (capas y parámetros) con el nombre dado, por ejemplo
// "relu", para recuperarlo en otra celda con [Load].
func (m *Model) Save(name string) error {
	if err := m.check("el modelo"); err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	path, err := modelPath(name)
	if err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	blob, err := json.Marshal(savedModel{Layers: m.layers, Params: m.params})
	if err != nil {
		return fmt.Errorf("nn.Save: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("nn.Save: no se pudo crear la carpeta %q: %w", filepath.Dir(path), err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, blob, 0o644); err != nil {
		return fmt.Errorf("nn.Save: no se pudo escribir %q: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// Load recupera el modelo que otra celda guardó con [Model.Save] con ese nombre.
// Si no existe, el error explica qué celda hay que ejecutar antes.
func Load(name string) (*Model, error) {
	path, err := modelPath(name)
	if err != nil {
		return nil, fmt.Errorf("nn.Load: %w", err)
	}
	blob, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("nn.Load: no hay ningún modelo guardado como %q en esta sesión del kernel; "+
			"ejecuta primero la celda que lo entrena y lo guarda con model.Save(%q)", name, name)
	}
	if err != nil {
		return nil, fmt.Errorf("nn.Load: %w", err)
	}
	var s savedModel
	if err := json.Unmarshal(blob, &s); err != nil {
		return nil, fmt.Errorf("nn.Load: el fichero %q está dañado (%v); vuelve a ejecutar la celda que entrena el modelo", path, err)
	}
	if err := validate(s.Layers); err != nil {
		return nil, fmt.Errorf("nn.Load: %q: %w", path, err)
	}
	m := &Model{layers: s.Layers}
	ls := m.Linears()
	for i, l := range ls {
		if len(s.Params) != len(ls) || len(s.Params[i]) != engine.PackedSize(l.In, l.Out) {
			return nil, fmt.Errorf("nn.Load: los parámetros de %q no encajan con sus capas; vuelve a ejecutar la celda que entrena el modelo", path)
		}
	}
	m.params = s.Params
	return m, nil
}

func modelPath(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("nombre de modelo %q no válido; usa una palabra sin barras, como \"relu\"", name)
	}
	return filepath.Join(ModelsDir(), name+".json"), nil
}
