// Package random es la única fuente de azar de los cuadernos: datos con ruido
// e inicialización de los modelos salen de aquí, con una semilla fija.
//
// Cada celda de GoNB es un programa nuevo que arranca con la semilla
// [DefaultSeed]; por eso volver a ejecutar una celda da exactamente los mismos
// números, en cualquier máquina. Para probar otra semilla, llama a [SetSeed]
// al principio de la celda (el equivalente de torch.manual_seed).
package random

import (
	"math/rand/v2"
	"sync"
)

// DefaultSeed es la semilla con la que arranca cada programa (cada celda).
const DefaultSeed uint64 = 42

// Rand es un generador de números aleatorios con semilla (PCG), reproducible
// en cualquier máquina.
type Rand struct {
	seed uint64
	r    *rand.Rand
}

// New crea un generador independiente con la semilla dada.
func New(seed uint64) *Rand {
	return &Rand{seed: seed, r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Seed devuelve la semilla con la que se creó el generador.
func (g *Rand) Seed() uint64 { return g.seed }

// Uniform devuelve un número uniforme en [lo, hi).
func (g *Rand) Uniform(lo, hi float64) float64 { return lo + (hi-lo)*g.r.Float64() }

// Normal devuelve un número de una normal de media mean y desviación típica std.
func (g *Rand) Normal(mean, std float64) float64 { return mean + std*g.r.NormFloat64() }

var (
	mu     sync.Mutex
	global = New(DefaultSeed)
)

// SetSeed reinicia el generador global con la semilla dada: todo el azar que
// venga después (datos, pesos iniciales) depende solo de ella.
func SetSeed(seed uint64) {
	mu.Lock()
	defer mu.Unlock()
	global = New(seed)
}

// Seed devuelve la semilla del generador global, para imprimirla.
func Seed() uint64 {
	mu.Lock()
	defer mu.Unlock()
	return global.seed
}

// Global devuelve el generador global que usan por defecto los demás paquetes.
func Global() *Rand {
	mu.Lock()
	defer mu.Unlock()
	return global
}
