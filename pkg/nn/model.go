// SPDX-License-Identifier: Apache-2.0

package nn

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"neuronas/internal/engine"
	"neuronas/pkg/random"
)

// Model es una red secuencial: las capas se aplican una tras otra, como en
// torch.nn.Sequential. Cada capa Linear tiene dos parámetros entrenables, la
// matriz de pesos W y el vector de sesgos b, guardados juntos en la
// disposición del motor (ver params.go).
//
// Uso desde varias goroutines: leer un modelo (Predict, Parameters, Save,
// String…) se puede desde todas las que quieras a la vez, también mientras se
// entrena (se ve el modelo de antes o el de después del entrenamiento, nunca
// una mezcla). Entrenarlo ([train.LearningLoop], o un [train.Stepper] hasta su
// Finish) solo desde una a la vez: un segundo entrenamiento del mismo modelo,
// o SetParameters o Reset mientras se entrena, devuelven un error.
type Model struct {
	layers []Layer
	mu     sync.RWMutex // Protege params.
	params [][]float32  // Una matriz A = [W | b] por capa Linear (ver internal/engine/layout.go).
	busy   atomic.Bool  // Se está entrenando (LearningLoop o un Stepper sin Finish).
}

// MaxLayers es el máximo de capas de un modelo (lineales y activaciones): de
// sobra para el curso; con muchas más, compilar el grafo tardaría minutos.
const MaxLayers = 1000

// MaxParameters es el máximo de parámetros entrenables de un modelo.
const MaxParameters = 1 << 22

// Sequential crea un modelo con las capas dadas, en orden, y lo inicializa
// como PyTorch con el generador global de [random]. Devuelve un error si no
// hay capas, si alguna dimensión no es válida o si las capas lineales no
// encadenan (las salidas de una deben ser las entradas de la siguiente).
func Sequential(layers ...Layer) (*Model, error) {
	if err := validate(layers); err != nil {
		return nil, fmt.Errorf("nn.Sequential: %w", err)
	}
	m := &Model{layers: append([]Layer(nil), layers...)}
	if err := m.Reset(random.Global()); err != nil {
		return nil, fmt.Errorf("nn.Sequential: %w", err)
	}
	return m, nil
}

func validate(layers []Layer) error {
	if len(layers) == 0 {
		return fmt.Errorf("no hay capas; pasa al menos una, por ejemplo nn.Sequential(nn.Linear(1, 1))")
	}
	if len(layers) > MaxLayers {
		return fmt.Errorf("hay %d capas, más de las %d que admite este curso; usa menos capas", len(layers), MaxLayers)
	}
	prevOut, prevIdx, params := 0, -1, 0
	for i, l := range layers {
		if err := l.check(); err != nil {
			return fmt.Errorf("la capa %d %w", i, err)
		}
		if l.Kind != KindLinear {
			continue
		}
		if prevIdx >= 0 && l.In != prevOut {
			return fmt.Errorf("la capa %d es Linear(%d, %d), pero la capa lineal anterior (%d) tiene %d salidas; "+
				"cámbiala a Linear(%d, %d) para que encajen", i, l.In, l.Out, prevIdx, prevOut, prevOut, l.Out)
		}
		prevOut, prevIdx = l.Out, i
		params += engine.PackedSize(l.In, l.Out)
	}
	if prevIdx < 0 {
		return fmt.Errorf("el modelo no tiene ninguna capa Linear y no tendría nada que aprender; añade por ejemplo nn.Linear(1, 5)")
	}
	if params > MaxParameters {
		return fmt.Errorf("el modelo tendría %d parámetros, más de los %d que admite este curso; usa capas más pequeñas", params, MaxParameters)
	}
	return nil
}

// check comprueba que el modelo se creó con [Sequential] o [Load]: un
// nn.Model{} vacío no tiene capas. Se comprueba antes de usar un modelo (en
// train y gradients, a través de net); name es el nombre del argumento en el
// mensaje.
func (m *Model) check(name string) error {
	if m == nil {
		return fmt.Errorf("%s es nil; créalo con nn.Sequential(...)", name)
	}
	m.mu.RLock()
	n := len(m.params)
	m.mu.RUnlock()
	if len(m.layers) == 0 || n != len(m.Linears()) {
		return fmt.Errorf("%s no tiene capas (¿un nn.Model{} vacío?); créalo con nn.Sequential(...) o recupéralo con nn.Load", name)
	}
	return nil
}

// train marca el modelo como «entrenándose» hasta que se llame a la función
// que devuelve; si ya lo estaba, devuelve un error (ver [Model]).
func (m *Model) train() (release func(), err error) {
	if !m.busy.CompareAndSwap(false, true) {
		return nil, errBusy
	}
	var once sync.Once
	return func() { once.Do(func() { m.busy.Store(false) }) }, nil
}

var errBusy = fmt.Errorf("el modelo ya se está entrenando (en otra goroutine, o con un train.Stepper al que no se ha llamado Finish); " +
	"entrena cada modelo desde una sola goroutine a la vez, o crea otro modelo para entrenarlo en paralelo")

// setParams pone los parámetros (ya comprobados) bajo el cerrojo.
func (m *Model) setParams(params [][]float32) {
	m.mu.Lock()
	m.params = params
	m.mu.Unlock()
}

// Reset vuelve a inicializar los parámetros como torch.nn.Linear, con los
// mismos números que PyTorch para la misma semilla (ver random.Rand.Linear):
// capa a capa, primero los pesos (en el orden de PyTorch, out×in) y luego
// los sesgos. Devuelve un error, sin tocar el modelo, si el modelo no es
// válido o rng es nil o no válido.
func (m *Model) Reset(rng *random.Rand) error {
	const fn = "nn.Model.Reset"
	if m == nil || len(m.layers) == 0 {
		return fmt.Errorf("%s: el modelo no tiene capas (¿un nn.Model{} vacío o nil?); créalo con nn.Sequential(...)", fn)
	}
	if rng == nil {
		return fmt.Errorf("%s: el generador (rng) es nil; pasa random.Global() o random.New(42)", fn)
	}
	if m.busy.Load() {
		return fmt.Errorf("%s: %w", fn, errBusy)
	}
	if err := rng.Err(); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	params := make([][]float32, 0, len(m.layers))
	for _, l := range m.Linears() {
		w, b, err := rng.Linear(l.In, l.Out)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		params = append(params, engine.Pack(w, b, l.In, l.Out))
	}
	m.setParams(params)
	return nil
}

// Layers devuelve una copia de las capas del modelo (nil si el modelo es nil).
func (m *Model) Layers() []Layer {
	if m == nil {
		return nil
	}
	return append([]Layer(nil), m.layers...)
}

// Linears devuelve solo las capas Linear, en orden.
func (m *Model) Linears() []Layer {
	if m == nil {
		return nil
	}
	var out []Layer
	for _, l := range m.layers {
		if l.Kind == KindLinear {
			out = append(out, l)
		}
	}
	return out
}

// InputSize es el número de entradas de la primera capa lineal; 0 si el
// modelo no tiene capas (un nn.Model{} vacío o nil).
func (m *Model) InputSize() int {
	ls := m.Linears()
	if len(ls) == 0 {
		return 0
	}
	return ls[0].In
}

// OutputSize es el número de salidas de la última capa lineal; 0 si el modelo
// no tiene capas.
func (m *Model) OutputSize() int {
	ls := m.Linears()
	if len(ls) == 0 {
		return 0
	}
	return ls[len(ls)-1].Out
}

// NumParameters cuenta los parámetros entrenables (pesos y sesgos).
func (m *Model) NumParameters() int {
	if m == nil {
		return 0
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	n := 0
	for _, p := range m.params {
		n += len(p)
	}
	return n
}

// String resume el modelo como lo imprime PyTorch, con los parámetros de cada capa.
func (m *Model) String() string {
	if m == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString("Sequential(\n")
	for i, l := range m.layers {
		line := fmt.Sprintf("  (%d): %s", i, l)
		if l.Kind == KindLinear {
			line = fmt.Sprintf("%-48s %d parámetros", line, l.In*l.Out+l.Out)
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, ")\nParámetros entrenables: %d", m.NumParameters())
	return b.String()
}
