// SPDX-License-Identifier: Apache-2.0

// Package course declara en un solo sitio el curso «Modelos Neuronales II»
// tal como lo reproduce el proyecto: sus celdas de entrenamiento (el número
// de la celda en el curso, los tamaños de las capas y la activación), los
// ajustes del entrenamiento (y = x², 50 puntos, sigma 0,5, rango 10, tasa de
// aprendizaje 1e-3, 50 000 pasos, SGD sin decaimiento, pérdida MSE), las
// semillas de las referencias de PyTorch, cuántas semillas prueban los
// barridos y qué quiere decir que una red «muere».
//
// La declaración es el fichero course.json, incluido en el paquete. La leen
// igual el Go del proyecto (el banco de pruebas, los barridos de semillas,
// las pruebas frente a PyTorch, pkg/reference) y el script de PyTorch
// (internal/parity/curso.py); una prueba comprueba que el cuaderno II usa
// los mismos ajustes y las mismas redes. Para cambiar un ajuste o añadir una
// celda de entrenamiento se cambian course.json y el cuaderno; lo demás lo
// lee de aquí (las referencias de PyTorch y los barridos se regeneran con
// `make fixtures` y `make sweep`).
package course

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed course.json
var declarationJSON []byte

// File es la ruta de la declaración relativa a la raíz del repositorio.
const File = "pkg/course/course.json"

// Activations son las activaciones que puede usar una celda, con el nombre
// de la capa de PyTorch (torch.nn.Tanh, …) y de pkg/nn (nn.Tanh, …).
var Activations = []string{"Tanh", "ReLU", "LeakyReLU", "Sigmoid"}

// Declaration es el curso entero, tal como está en course.json.
type Declaration struct {
	Course   string   `json:"course"`  // Nombre del curso.
	Updated  string   `json:"updated"` // Fecha de la última actualización del curso que se reproduce.
	Settings Settings `json:"settings"`
	Seeds    Seeds    `json:"seeds"`
	Sweep    Sweep    `json:"sweep"`
	Died     string   `json:"died"` // Qué quiere decir que una red «muere».
	Cells    []Cell   `json:"cells"`
}

// Settings son los ajustes del entrenamiento de las celdas: los datos
// (polinomio, puntos, sigma y rango de get_data_from_a_polynomial) y el
// entrenamiento (pasos, tasa de aprendizaje, optimizador y pérdida). Los
// ficheros de referencia guardan los ajustes con los que se generaron con
// estos mismos nombres.
type Settings struct {
	Steps      int       `json:"steps"`
	LR         float64   `json:"lr"`
	N          int       `json:"n"`
	Sigma      float64   `json:"sigma"`
	Range      float64   `json:"range"`
	Polynomial []float64 `json:"polynomial"` // Coeficientes, del grado mayor al menor: [1, 0, 0] es x².
	Optimizer  string    `json:"optimizer"`  // "SGD": torch.optim.SGD, train.SGD (sin decaimiento).
	Loss       string    `json:"loss"`       // "MSELoss": torch.nn.MSELoss, train.MSELoss.
}

// Seeds son las semillas del curso.
type Seeds struct {
	Default  int    `json:"default"`  // La de los cuadernos (random.DefaultSeed).
	Fixtures []int  `json:"fixtures"` // Las que tienen números de PyTorch paso a paso (pkg/reference).
	Rule     string `json:"rule"`     // Dónde se fija la semilla, en palabras de PyTorch.
}

// Sweep dice cuántas semillas (0, 1, …) prueban los barridos de Go y de
// PyTorch en cada celda.
type Sweep struct {
	Seeds       int `json:"seeds"`         // En las celdas cuya red no puede morir.
	SeedsCanDie int `json:"seeds_can_die"` // En las que sí (la proporción de redes muertas necesita más muestras).
}

// Cell es una celda de entrenamiento del curso: una red Linear, activación,
// Linear, … con los tamaños Sizes y la misma activación entre cada dos
// Linear.
type Cell struct {
	Number     int    `json:"cell"` // In [Number] en el curso.
	Sizes      []int  `json:"sizes"`
	Activation string `json:"activation"`
	CanDie     bool   `json:"can_die,omitempty"` // La red puede morir (ReLU) o se compara con una que puede (LeakyReLU).
}

// Name es la red de la celda, por ejemplo «1-5-5-5-1 ReLU», como la nombran
// los ficheros de referencia.
func (c Cell) Name() string {
	sizes := make([]string, len(c.Sizes))
	for i, s := range c.Sizes {
		sizes[i] = strconv.Itoa(s)
	}
	return strings.Join(sizes, "-") + " " + c.Activation
}

var declared = sync.OnceValues(func() (Declaration, error) { return parse(declarationJSON) })

// get devuelve una copia de la declaración. course.json va dentro del
// paquete y una prueba lo valida, así que un error aquí es un error del
// proyecto, no de quien lo usa.
func get() Declaration {
	d, err := declared()
	if err != nil {
		panic(err)
	}
	return d.clone()
}

// Declared devuelve una copia de la declaración entera.
func Declared() Declaration { return get() }

// Training devuelve los ajustes del entrenamiento.
func Training() Settings { return get().Settings }

// DefaultSeed es la semilla de los cuadernos.
func DefaultSeed() int { return get().Seeds.Default }

// FixtureSeeds son las semillas con números de PyTorch paso a paso.
func FixtureSeeds() []int { return get().Seeds.Fixtures }

// Cells devuelve las celdas de entrenamiento, en el orden del curso.
func Cells() []Cell { return get().Cells }

// Numbers devuelve los números de las celdas de entrenamiento, en orden
// (19 para In [19], …).
func Numbers() []int {
	var out []int
	for _, c := range get().Cells {
		out = append(out, c.Number)
	}
	return out
}

// Lookup devuelve la celda de entrenamiento In [number].
func Lookup(number int) (Cell, error) {
	for _, c := range get().Cells {
		if c.Number == number {
			return c, nil
		}
	}
	return Cell{}, fmt.Errorf("course.Lookup: In [%d] no es una celda de entrenamiento del curso; las celdas son %v "+
		"(para añadir una, decláralo en %s)", number, Numbers(), File)
}

// SweepSeeds es cuántas semillas prueba un barrido en la celda c.
func SweepSeeds(c Cell) int {
	s := get().Sweep
	if c.CanDie {
		return s.SeedsCanDie
	}
	return s.Seeds
}

func (d Declaration) clone() Declaration {
	d.Settings.Polynomial = slices.Clone(d.Settings.Polynomial)
	d.Seeds.Fixtures = slices.Clone(d.Seeds.Fixtures)
	d.Cells = slices.Clone(d.Cells)
	for i := range d.Cells {
		d.Cells[i].Sizes = slices.Clone(d.Cells[i].Sizes)
	}
	return d
}

// Equal dice si dos ajustes son iguales.
func (s Settings) Equal(o Settings) bool {
	return s.Steps == o.Steps && s.LR == o.LR && s.N == o.N && s.Sigma == o.Sigma && s.Range == o.Range &&
		slices.Equal(s.Polynomial, o.Polynomial) && s.Optimizer == o.Optimizer && s.Loss == o.Loss
}

// String escribe los ajustes en una línea, para los mensajes.
func (s Settings) String() string {
	return fmt.Sprintf("pasos %d, lr %g, %d puntos, sigma %g, rango %g, polinomio %v, %s, %s",
		s.Steps, s.LR, s.N, s.Sigma, s.Range, s.Polynomial, s.Optimizer, s.Loss)
}

// parse lee y valida una declaración.
func parse(raw []byte) (Declaration, error) {
	var d Declaration
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("course: %s no se puede leer: %v", File, err)
	}
	if err := d.validate(); err != nil {
		return d, fmt.Errorf("course: %s no es válido: %w", File, err)
	}
	return d, nil
}

func (d Declaration) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if d.Course == "" || d.Updated == "" {
		bad("faltan el nombre del curso (course) o su fecha (updated)")
	}
	s := d.Settings
	if s.Steps <= 0 || !(s.LR > 0) || s.N <= 0 || s.Sigma < 0 || !(s.Range > 0) || len(s.Polynomial) == 0 {
		bad("ajustes imposibles: %s (pasos, lr, puntos y rango deben ser positivos, sigma no negativa, y el polinomio no puede estar vacío)", s)
	}
	if s.Optimizer != "SGD" {
		bad("optimizador %q: el curso usa \"SGD\" (el único que saben reproducir el script de PyTorch y el banco de pruebas)", s.Optimizer)
	}
	if s.Loss != "MSELoss" {
		bad("pérdida %q: el curso usa \"MSELoss\"", s.Loss)
	}
	if !slices.Contains(d.Seeds.Fixtures, d.Seeds.Default) {
		bad("la semilla de los cuadernos (%d) debe estar entre las de las referencias %v: el cuaderno II imprime su pérdida de PyTorch",
			d.Seeds.Default, d.Seeds.Fixtures)
	}
	if d.Sweep.Seeds <= 0 || d.Sweep.SeedsCanDie <= 0 {
		bad("los barridos necesitan al menos una semilla (seeds %d, seeds_can_die %d)", d.Sweep.Seeds, d.Sweep.SeedsCanDie)
	}
	if len(d.Cells) == 0 {
		bad("no hay celdas de entrenamiento")
	}
	for i, c := range d.Cells {
		if c.Number <= 0 || i > 0 && c.Number <= d.Cells[i-1].Number {
			bad("In [%d]: los números de celda deben ser positivos, sin repetirse y en orden", c.Number)
		}
		if len(c.Sizes) < 2 || c.Sizes[0] != 1 || c.Sizes[len(c.Sizes)-1] != 1 ||
			slices.ContainsFunc(c.Sizes, func(n int) bool { return n < 1 }) {
			bad("In [%d]: tamaños %v; la red va de 1 entrada a 1 salida y cada capa tiene al menos una neurona", c.Number, c.Sizes)
		}
		if !slices.Contains(Activations, c.Activation) {
			bad("In [%d]: activación %q desconocida; usa una de %v", c.Number, c.Activation, Activations)
		}
	}
	return errors.Join(errs...)
}
