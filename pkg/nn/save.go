// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"neuronas/internal/engine"
)

// GoNB ejecuta cada celda como un programa nuevo: un modelo entrenado en una
// celda desaparece al terminar. Para usarlo en otra celda, la primera lo guarda
// con Save y la segunda lo recupera con Load. Los modelos se guardan en la
// carpeta temporal de la sesión del kernel (se borran al reiniciarlo, como las
// variables de Python), así que volver a ejecutar la celda que entrena
// sobrescribe el modelo guardado y la celda que lo usa ve siempre el último.

// ModelsDir devuelve la carpeta donde Save y Load guardan los modelos: la
// variable de entorno NEURONAS_MODELOS si existe y no está en blanco; si no, la carpeta temporal
// de la sesión de GoNB; fuera de un cuaderno, "neuronas-modelos" en la carpeta
// temporal del sistema (nunca en la carpeta de trabajo).
func ModelsDir() string {
	// Solo espacios cuenta como vacía: si no, los modelos irían a una
	// carpeta «   » dentro de la carpeta de trabajo.
	if d := strings.TrimSpace(os.Getenv("NEURONAS_MODELOS")); d != "" {
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

// MaxNameLen es la longitud máxima del nombre de un modelo guardado.
const MaxNameLen = 64

// Save guarda el modelo (capas y parámetros) con el nombre dado, por ejemplo
// "relu", para recuperarlo en otra celda con [Load]. El nombre es una palabra
// corta: letras, números, «-» y «_» (ver [MaxNameLen]).
//
// Se puede llamar a la vez desde varias goroutines o programas, con el mismo
// nombre: cada Save escribe su propio fichero temporal y lo pone en su sitio
// de una vez, así que gana el último y [Load] nunca ve un fichero a medias.
func (m *Model) Save(name string) error {
	const fn = "nn.Model.Save"
	if err := m.check("el modelo"); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	path, err := modelPath(fn, name)
	if err != nil {
		return err
	}
	m.mu.RLock()
	params := m.params
	m.mu.RUnlock()
	if err := checkFiniteParams(params); err != nil {
		return fmt.Errorf("%s: no se guarda el modelo %q: %w; vuelve a entrenarlo (por ejemplo con una tasa de aprendizaje menor)", fn, name, err)
	}
	blob, err := json.Marshal(savedModel{Layers: m.layers, Params: params})
	if err != nil {
		return fmt.Errorf("%s: no se pudo convertir el modelo a JSON (%v); vuelve a crearlo con nn.Sequential", fn, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: no se pudo crear la carpeta %q (%v); cambia NEURONAS_MODELOS a una carpeta donde puedas escribir", fn, dir, err)
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		what := "algo que no es un fichero (un dispositivo, un enlace roto...)"
		if st.IsDir() {
			what = "una carpeta"
		}
		return fmt.Errorf("%s: no se puede guardar el modelo %q: en su sitio, %q, hay %s; usa otro nombre o borra lo que hay ahí", fn, name, path, what)
	}
	// Un fichero temporal propio en la misma carpeta y un rename atómico: dos
	// Save a la vez no se pisan el temporal, y Load ve el fichero viejo o el
	// nuevo, entero.
	tmp, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: no se pudo escribir en la carpeta %q (%v); cambia NEURONAS_MODELOS a una carpeta donde puedas escribir", fn, dir, err)
	}
	_, errW := tmp.Write(blob)
	errC := tmp.Close()
	if errW == nil {
		errW = errC
	}
	if errW == nil {
		errW = os.Chmod(tmp.Name(), 0o644)
	}
	if errW == nil {
		errW = os.Rename(tmp.Name(), path)
	}
	if errW != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: no se pudo guardar el modelo en %q (%v); comprueba que queda espacio en disco", fn, path, errW)
	}
	return nil
}

// jsonProblem dice en español qué le pasa a un fichero de modelo que no se
// pudo leer como JSON (el detalle de encoding/json, en inglés, va al final).
func jsonProblem(blob []byte, err error) string {
	var typeErr *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(blob)) == 0:
		return "está vacío"
	case errors.As(err, &typeErr):
		return fmt.Sprintf("es JSON, pero no tiene la forma de un modelo guardado: %v", err)
	case json.Valid(blob):
		return fmt.Sprintf("no se pudo leer: %v", err)
	}
	return fmt.Sprintf("no es JSON válido o está cortado: %v", err)
}

// checkFiniteParams comprueba que todos los parámetros sean números finitos.
func checkFiniteParams(params [][]float32) error {
	for i, a := range params {
		for j, v := range a {
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				return fmt.Errorf("el parámetro %d de la capa lineal %d vale %v (el entrenamiento divergió)", j, i, v)
			}
		}
	}
	return nil
}

// maxFileSize es el tamaño máximo de un modelo guardado: MaxParameters
// números en JSON, con holgura.
const maxFileSize = 32 * MaxParameters

// Load recupera el modelo que otra celda guardó con [Model.Save] con ese nombre.
// Si no existe, el error explica qué celda hay que ejecutar antes.
func Load(name string) (*Model, error) {
	const fn = "nn.Load"
	path, err := modelPath(fn, name)
	if err != nil {
		return nil, err
	}
	damaged := func(why string) error {
		return fmt.Errorf("%s: el fichero %q está dañado (%s); vuelve a ejecutar la celda que entrena el modelo y lo guarda con model.Save(%q)", fn, path, why, name)
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no hay ningún modelo guardado como %q en esta sesión del kernel; "+
			"ejecuta primero la celda que lo entrena y lo guarda con model.Save(%q)", fn, name, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: no se pudo leer %q (%v); comprueba la carpeta NEURONAS_MODELOS", fn, path, err)
	}
	if !info.Mode().IsRegular() || info.Size() > maxFileSize {
		return nil, damaged(fmt.Sprintf("no es un fichero normal de como mucho %d bytes", maxFileSize))
	}
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: no se pudo leer %q (%v); comprueba la carpeta NEURONAS_MODELOS", fn, path, err)
	}
	var s savedModel
	if err := json.Unmarshal(blob, &s); err != nil {
		return nil, damaged(jsonProblem(blob, err))
	}
	if err := validate(s.Layers); err != nil {
		return nil, damaged(err.Error())
	}
	m := &Model{layers: s.Layers}
	ls := m.Linears()
	if len(s.Params) != len(ls) {
		return nil, damaged("los parámetros no encajan con sus capas")
	}
	for i, l := range ls {
		if len(s.Params[i]) != engine.PackedSize(l.In, l.Out) {
			return nil, damaged("los parámetros no encajan con sus capas")
		}
	}
	if err := checkFiniteParams(s.Params); err != nil {
		return nil, damaged(err.Error())
	}
	m.params = s.Params
	return m, nil
}

// modelPath comprueba el nombre de un modelo (la regla de [Model.Save]) y
// devuelve la ruta de su fichero.
func modelPath(fn, name string) (string, error) {
	bad := func(why string) error {
		return fmt.Errorf("%s: el nombre de modelo %q no es válido: %s; usa una palabra corta con letras, números, - o _, como \"relu\"", fn, name, why)
	}
	switch {
	case name == "":
		return "", bad("está vacío")
	case !utf8.ValidString(name):
		return "", bad("no es texto UTF-8 válido")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return "", bad(fmt.Sprintf("tiene %d caracteres y el máximo es %d", utf8.RuneCountInString(name), MaxNameLen))
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return "", bad(fmt.Sprintf("tiene el carácter %q", r))
		}
	}
	return filepath.Join(ModelsDir(), name+".json"), nil
}
