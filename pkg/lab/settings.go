// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"neuronas/pkg/course"
)

// Límites de los ajustes: los del laboratorio. Con los ajustes por defecto,
// un entrenamiento dura una décima de segundo; con la red más grande que
// ofrecen los controles del cuaderno (5 capas ocultas de 16 neuronas y 50 000
// pasos), del orden de diez segundos (13 s en una máquina de 2 núcleos
// compartida); con MaxNeurons, que solo se alcanza desde el código, más.
const (
	MaxHiddenLayers = 5
	MaxNeurons      = 32
	MaxSteps        = 50_000 // Los del curso; más tardaría demasiado para un control.
	MaxLR           = 10.0
	MaxSeed         = 1_000_000
)

// Activations son las activaciones que se pueden elegir, con el nombre de su
// capa en pkg/nn (y en torch.nn).
var Activations = []string{"Tanh", "ReLU", "LeakyReLU", "Sigmoid", "Softplus"}

// LearningRates son las tasas de aprendizaje que ofrece el control del
// cuaderno, de 1e-5 a 1 (el curso usa 1e-3).
var LearningRates = []float64{1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1}

// StepChoices son los números de pasos que ofrece el control del cuaderno.
var StepChoices = []int{100, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000}

// Settings son los ajustes de un experimento del laboratorio.
type Settings struct {
	Seed         int     // torch.manual_seed(Seed) antes de los datos y otra vez antes del modelo, como en el curso.
	HiddenLayers int     // Capas ocultas (0: una sola Linear(1, 1), una recta).
	Neurons      int     // Neuronas de cada capa oculta.
	Activation   string  // Una de Activations.
	LR           float64 // Tasa de aprendizaje de SGD (sin decaimiento).
	Steps        int     // Pasos de entrenamiento.
	Normalize    bool    // Entrenar con x e y tipificadas (media 0, desviación típica 1).
}

// Default son los ajustes por defecto: la red ReLU de In [32] del curso
// (1-5-5-5-1, semilla 42, tasa 1e-3) con 5000 pasos en vez de 50 000, para que
// responda en un segundo.
func Default() Settings {
	t := course.Training()
	return Settings{Seed: course.DefaultSeed(), HiddenLayers: 3, Neurons: 5, Activation: "ReLU",
		LR: t.LR, Steps: 5000}
}

// Sizes son los tamaños de las capas: 1 (la entrada), Neurons por cada capa
// oculta y 1 (la salida); con los ajustes por defecto, 1-5-5-5-1. Si las capas
// ocultas o las neuronas por capa están fuera de lo que admite Validate,
// devuelve nil.
func (s Settings) Sizes() []int {
	if s.HiddenLayers < 0 || s.HiddenLayers > MaxHiddenLayers ||
		(s.HiddenLayers > 0 && (s.Neurons <= 0 || s.Neurons > MaxNeurons)) {
		return nil
	}
	sizes := []int{1}
	for range s.HiddenLayers {
		sizes = append(sizes, s.Neurons)
	}
	return append(sizes, 1)
}

// String describe los ajustes en una línea, en español.
func (s Settings) String() string { return s.describe(true) }

// describe es String, con la semilla o sin ella.
func (s Settings) describe(withSeed bool) string {
	var sizes []string
	for _, n := range s.Sizes() {
		sizes = append(sizes, fmt.Sprint(n))
	}
	net := strings.Join(sizes, "-")
	if sizes == nil {
		net = fmt.Sprintf("con %d capas ocultas de %d neuronas", s.HiddenLayers, s.Neurons)
	}
	norm := "datos sin normalizar"
	if s.Normalize {
		norm = "datos normalizados"
	}
	act := " " + s.Activation
	if s.HiddenLayers == 0 {
		act = ""
	}
	seed := ""
	if withSeed {
		seed = fmt.Sprintf(" · semilla %d", s.Seed)
	}
	return fmt.Sprintf("red %s%s%s · tasa %g · %d pasos · %s",
		net, act, seed, s.LR, s.Steps, norm)
}

// Validate comprueba que los ajustes tienen sentido y, si no, devuelve un
// mensaje en español que dice qué ajuste falla y cómo arreglarlo.
func (s Settings) Validate() error {
	switch {
	case s.Seed < 0 || s.Seed > MaxSeed:
		return fmt.Errorf("lab.Settings.Validate: la semilla es %d, pero debe estar entre 0 y %d; elige otra «semilla» (el curso usa 42)", s.Seed, MaxSeed)
	case s.HiddenLayers < 0 || s.HiddenLayers > MaxHiddenLayers:
		return fmt.Errorf("lab.Settings.Validate: hay %d capas ocultas, pero el laboratorio admite entre 0 y %d; pon «capas ocultas» entre 1 y 3 (el curso usa 3)", s.HiddenLayers, MaxHiddenLayers)
	case s.HiddenLayers > 0 && s.Neurons <= 0:
		return fmt.Errorf("lab.Settings.Validate: una capa oculta con %d neuronas no puede calcular nada: sube «neuronas por capa» al menos a 1 (el curso usa 5), o pon «capas ocultas» a 0 si quieres una recta", s.Neurons)
	case s.Neurons > MaxNeurons:
		return fmt.Errorf("lab.Settings.Validate: %d neuronas por capa son demasiadas para el laboratorio; pon «neuronas por capa» entre 1 y %d (el curso usa 5)", s.Neurons, MaxNeurons)
	case s.HiddenLayers > 0 && !slices.Contains(Activations, s.Activation):
		return fmt.Errorf("lab.Settings.Validate: la activación %q no existe; elige en «activación» una de estas: %s", s.Activation, strings.Join(Activations, ", "))
	case math.IsNaN(s.LR) || math.IsInf(s.LR, 0) || s.LR <= 0:
		return fmt.Errorf("lab.Settings.Validate: la tasa de aprendizaje es %v, pero debe ser un número positivo; elige una «tasa de aprendizaje» entre 1e-5 y 1 (el curso usa 1e-3)", s.LR)
	case s.LR > MaxLR:
		return fmt.Errorf("lab.Settings.Validate: con una tasa de aprendizaje de %g, el entrenamiento divergiría en los primeros pasos; elige una «tasa de aprendizaje» entre 1e-5 y 1 (el curso usa 1e-3)", s.LR)
	case s.Steps <= 0:
		return fmt.Errorf("lab.Settings.Validate: %d pasos no entrenan nada; elige en «pasos» al menos 1 (el laboratorio empieza con 5000)", s.Steps)
	case s.Steps > MaxSteps:
		return fmt.Errorf("lab.Settings.Validate: %d pasos son demasiados para el laboratorio: cada cambio de un control tardaría demasiado en responder; elige en «pasos» como mucho %d, los del curso (el laboratorio empieza con 5000)", s.Steps, MaxSteps)
	}
	return nil
}
