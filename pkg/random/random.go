// Package random es la única fuente de azar de los cuadernos: es el generador
// de CPU de PyTorch (un Mersenne Twister mt19937) reescrito en Go, así que con
// la misma semilla da los mismos números que PyTorch: los datos con ruido y
// los pesos iniciales de las redes coinciden con los del curso.
//
// Cada celda de GoNB es un programa nuevo que arranca con la semilla
// [DefaultSeed]; por eso volver a ejecutar una celda da exactamente los mismos
// números, en cualquier máquina. Para probar otra semilla, llama a [SetSeed]
// al principio de la celda: es el equivalente de torch.manual_seed.
//
// Equivalencias (tras torch.manual_seed(S) y random.New(S) o random.SetSeed(S)):
//
//	torch.rand(n)                          g.Rand(n)
//	torch.normal(mean, std)                g.Normal(mean, std)
//	torch.empty(n).uniform_(a, b)          g.Uniform(n, a, b)
//	torch.nn.Linear(in, out) (sus pesos)   g.Linear(in, out)
//
// Los valores son idénticos bit a bit a los de PyTorch 1.13 en un x86-64 con
// AVX2 (lo normal hoy); en otras CPU PyTorch calcula las normales con otro
// código y puede diferir en la última cifra.
package random

import (
	"fmt"
	"math"
	"sync"
)

// Rand es un generador de números aleatorios idéntico al de CPU de PyTorch
// (torch.Generator). Es seguro usarlo desde varias goroutines a la vez (lleva
// un mutex dentro), pero entonces el orden de los números entre ellas depende
// de quién llegue antes: para resultados reproducibles, úsalo desde una sola.
//
// Si se creó con una semilla no válida, [Rand.Err] devuelve el error y todos
// los métodos que sacan números devuelven ceros.
type Rand struct {
	mu   sync.Mutex
	seed int
	err  error
	mt   mt19937
	// Segunda normal de Box–Muller guardada para la siguiente llamada (la
	// «next_double_normal_sample» de PyTorch); la usa Normal con menos de 16 valores.
	nextNormal    float64
	hasNextNormal bool
}

// New crea un generador con la semilla dada, como torch.manual_seed(seed) en
// un torch.Generator nuevo. Solo cuentan los 32 bits bajos de la semilla, igual
// que en PyTorch. Una semilla negativa da un generador no válido: compruébalo
// con [Rand.Err].
func New(seed int) *Rand {
	g := &Rand{seed: seed}
	if seed < 0 {
		g.err = fmt.Errorf("random.New: la semilla (seed) vale %d, pero debe ser un entero ≥ 0, "+
			"por ejemplo 42 (como torch.manual_seed(42))", seed)
		return g
	}
	g.mt.seed(uint64(seed))
	return g
}

// Err devuelve el error del generador (semilla no válida) o nil si es válido.
func (g *Rand) Err() error { return g.err }

// Seed devuelve la semilla con la que se creó el generador (torch.initial_seed()).
func (g *Rand) Seed() int { return g.seed }

// uniform24 es un número en [0, 1) con 24 bits, como los float32 de PyTorch.
func (g *Rand) uniform24() float64 {
	return float64(g.mt.uint32()&(1<<24-1)) / (1 << 24)
}

// uniform53 es un número en [0, 1) con 53 bits, como los float64 de PyTorch.
func (g *Rand) uniform53() float64 {
	return float64(g.mt.uint64()&(1<<53-1)) / (1 << 53)
}

// Rand devuelve n números uniformes en [0, 1), como torch.rand(n).
func (g *Rand) Rand(n int) []float32 {
	out := make([]float32, max(n, 0))
	if g.err != nil {
		return out
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := range out {
		out[i] = float32(g.uniform24())
	}
	return out
}

// Uniform devuelve n números uniformes en [from, to), como
// torch.empty(n).uniform_(from, to) con un tensor float32: los extremos se
// redondean a float32 y cada valor es u·(to−from) + from.
func (g *Rand) Uniform(n int, from, to float64) []float32 {
	out := make([]float32, max(n, 0))
	if g.err != nil {
		return out
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fillUniform(out, float32(from), float32(to))
	return out
}

func (g *Rand) fillUniform(out []float32, from, to float32) {
	width := float64(to - from)
	for i := range out {
		// u·width es exacto en float64 (24 + 24 bits): el resultado no depende
		// de que el compilador funda la multiplicación y la suma.
		out[i] = float32(float64(g.uniform24()*width) + float64(from))
	}
}

// Normal devuelve una muestra de la normal de media mean[i] y desviación típica
// std[i] para cada i, como torch.normal(mean, std) con dos tensores float32 del
// mismo tamaño. Como PyTorch: con 16 valores o más, Box–Muller por bloques de
// 16 (y el último bloque se rehace con 16 uniformes nuevos si el tamaño no es
// múltiplo de 16); con menos de 16, una normal en float64 por valor, que
// aprovecha la segunda muestra de cada par en la llamada siguiente. Después,
// cada valor se multiplica por std[i] y se le suma mean[i] en float32.
// Si mean y std no tienen el mismo tamaño, devuelve nil.
func (g *Rand) Normal(mean, std []float32) []float32 {
	if len(mean) != len(std) {
		return nil
	}
	out := make([]float32, len(mean))
	if g.err != nil {
		return out
	}
	g.mu.Lock()
	g.standardNormal(out)
	g.mu.Unlock()
	for i := range out {
		out[i] = float32(out[i]*std[i]) + mean[i]
	}
	return out
}

// standardNormal llena out con normales estándar (normal_kernel de PyTorch).
func (g *Rand) standardNormal(out []float32) {
	n := len(out)
	if n < 16 {
		for i := range out {
			out[i] = float32(g.normal64())
		}
		return
	}
	for i := range out {
		out[i] = float32(g.uniform24())
	}
	for i := 0; i+16 <= n; i += 16 {
		boxMuller16(out[i : i+16])
	}
	if n%16 != 0 {
		tail := out[n-16:]
		for i := range tail {
			tail[i] = float32(g.uniform24())
		}
		boxMuller16(tail)
	}
}

// normal64 es normal_distribution<double> de PyTorch: Box–Muller en float64,
// que guarda la segunda muestra para la llamada siguiente.
func (g *Rand) normal64() float64 {
	if g.hasNextNormal {
		g.hasNextNormal = false
		return g.nextNormal
	}
	u1 := g.uniform53()
	u2 := g.uniform53()
	r := math.Sqrt(-2 * math.Log(1-u2))
	theta := 2 * math.Pi * u1
	g.nextNormal, g.hasNextNormal = r*math.Sin(theta), true
	return r * math.Cos(theta)
}

// Linear devuelve los parámetros iniciales de torch.nn.Linear(in, out): primero
// los pesos, out×in en el orden de PyTorch (fila a fila, una fila por salida),
// con kaiming_uniform_(a=√5), es decir, uniformes en ±√3·√(1/3)/√in; después los
// sesgos, uniformes en ±1/√in. Con in u out no positivos devuelve nil, nil.
func (g *Rand) Linear(in, out int) (weight, bias []float32) {
	if in <= 0 || out <= 0 {
		return nil, nil
	}
	weight, bias = make([]float32, in*out), make([]float32, out)
	if g.err != nil {
		return weight, bias
	}
	// Los límites se calculan en float64, como en torch/nn/init.py y
	// torch/nn/modules/linear.py.
	a := math.Sqrt(5)
	gain := math.Sqrt(2 / (1 + a*a)) // calculate_gain("leaky_relu", √5); a·a no es 5 exacto
	std := gain / math.Sqrt(float64(in))
	wBound := math.Sqrt(3.0) * std
	bBound := 1 / math.Sqrt(float64(in))
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fillUniform(weight, float32(-wBound), float32(wBound))
	g.fillUniform(bias, float32(-bBound), float32(bBound))
	return weight, bias
}

// DefaultSeed es la semilla con la que arranca cada programa (cada celda).
const DefaultSeed = 42

var (
	mu     sync.Mutex
	global = New(DefaultSeed)
)

// SetSeed reinicia el generador global con la semilla dada, como
// torch.manual_seed(seed): todo el azar que venga después (datos, pesos
// iniciales) depende solo de ella. Con una semilla negativa devuelve un error y
// deja el generador global como estaba.
func SetSeed(seed int) error {
	g := New(seed)
	if g.err != nil {
		return fmt.Errorf("random.SetSeed: la semilla (seed) vale %d, pero debe ser un entero ≥ 0, "+
			"por ejemplo random.SetSeed(42) (como torch.manual_seed(42))", seed)
	}
	mu.Lock()
	defer mu.Unlock()
	global = g
	return nil
}

// Seed devuelve la semilla del generador global, para imprimirla
// (torch.initial_seed()).
func Seed() int {
	mu.Lock()
	defer mu.Unlock()
	return global.seed
}

// Global devuelve el generador global que usan por defecto los demás paquetes
// (el torch.default_generator de PyTorch). Se puede usar desde varias
// goroutines, pero [SetSeed] lo sustituye por otro: quien ya lo tenga sigue con
// el anterior, así que pídelo de nuevo después de cambiar la semilla.
func Global() *Rand {
	mu.Lock()
	defer mu.Unlock()
	return global
}
