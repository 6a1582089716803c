// SPDX-License-Identifier: Apache-2.0

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

	"neuronas/internal/valid"
)

// MaxSize es el máximo de números que da una sola llamada (Rand, Uniform,
// Normal, o in·out en Linear): 16 777 216 float32, 64 MB. Es mucho más de lo
// que usa el curso y deja memoria de sobra en el contenedor de un estudiante;
// un tamaño mayor es casi seguro un error de tecleo.
const MaxSize = 1 << 24

// Rand es un generador de números aleatorios idéntico al de CPU de PyTorch
// (torch.Generator). Es seguro usarlo desde varias goroutines a la vez (lleva
// un mutex dentro), pero entonces el orden de los números entre ellas depende
// de quién llegue antes: para resultados reproducibles, úsalo desde una sola.
//
// Se crea con [New] (o se usa el global, [Global]). Si se creó con una
// semilla no válida, o no se creó con New (un Rand{} a secas o un *Rand nil),
// [Rand.Err] devuelve el error, y todos los métodos que sacan números lo
// devuelven también, sin números.
type Rand struct {
	mu   sync.Mutex
	seed int
	err  error
	ok   bool // creado por New con una semilla válida
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
	g.ok = true
	return g
}

// Err devuelve el error del generador (semilla no válida, o no creado con
// [New]) o nil si es válido.
func (g *Rand) Err() error { return g.check("random.Rand.Err") }

// check es el error del generador con el prefijo de la función fn.
func (g *Rand) check(fn string) error {
	switch {
	case g == nil:
		return fmt.Errorf("%s: el generador es nil; créalo con random.New(42) o usa random.Global()", fn)
	case g.err != nil:
		return g.err
	case !g.ok:
		return fmt.Errorf("%s: el generador no se creó con random.New (es un random.Rand{} vacío); "+
			"créalo con random.New(42) o usa random.Global()", fn)
	}
	return nil
}

// Seed devuelve la semilla con la que se creó el generador (torch.initial_seed());
// 0 si el generador es nil.
func (g *Rand) Seed() int {
	if g == nil {
		return 0
	}
	return g.seed
}

// uniform24 es un número en [0, 1) con 24 bits, como los float32 de PyTorch.
func (g *Rand) uniform24() float64 {
	return float64(g.mt.uint32()&(1<<24-1)) / (1 << 24)
}

// uniform53 es un número en [0, 1) con 53 bits, como los float64 de PyTorch.
func (g *Rand) uniform53() float64 {
	return float64(g.mt.uint64()&(1<<53-1)) / (1 << 53)
}

// Rand devuelve n números uniformes en [0, 1), como torch.rand(n); n va de 0
// a [MaxSize].
func (g *Rand) Rand(n int) ([]float32, error) {
	const fn = "random.Rand.Rand"
	if err := g.check(fn); err != nil {
		return nil, err
	}
	if err := valid.Size(fn, "n", n, 0, MaxSize, "por ejemplo g.Rand(50)"); err != nil {
		return nil, err
	}
	out := make([]float32, n)
	g.mu.Lock()
	defer g.mu.Unlock()
	for i := range out {
		out[i] = float32(g.uniform24())
	}
	return out, nil
}

// Uniform devuelve n números uniformes en [from, to), como
// torch.empty(n).uniform_(from, to) con un tensor float32: los extremos se
// redondean a float32 y cada valor es u·(to−from) + from. n va de 0 a
// [MaxSize]; from ≤ to, y los dos (y su diferencia) deben caber en float32.
func (g *Rand) Uniform(n int, from, to float64) ([]float32, error) {
	const fn = "random.Rand.Uniform"
	if err := g.check(fn); err != nil {
		return nil, err
	}
	if err := valid.Size(fn, "n", n, 0, MaxSize, "por ejemplo g.Uniform(20, -1, 1)"); err != nil {
		return nil, err
	}
	if err := valid.Float32(fn, "from", from); err != nil {
		return nil, err
	}
	if err := valid.Float32(fn, "to", to); err != nil {
		return nil, err
	}
	if from > to {
		return nil, fmt.Errorf("%s: from = %g es mayor que to = %g; pon primero el extremo menor, por ejemplo g.Uniform(20, -1, 1)", fn, from, to)
	}
	if w := float32(to) - float32(from); math.IsInf(float64(w), 0) {
		return nil, fmt.Errorf("%s: el intervalo [%g, %g] es demasiado ancho para float32 (to − from no cabe); usa extremos más pequeños", fn, from, to)
	}
	out := make([]float32, n)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fillUniform(out, float32(from), float32(to))
	return out, nil
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
// mean y std deben tener el mismo tamaño (como mucho [MaxSize]); std[i] ≥ 0
// y todos los valores finitos.
func (g *Rand) Normal(mean, std []float32) ([]float32, error) {
	const fn = "random.Rand.Normal"
	if err := g.check(fn); err != nil {
		return nil, err
	}
	if len(mean) != len(std) {
		return nil, fmt.Errorf("%s: mean tiene %d valores y std %d; pasa una desviación típica por cada media", fn, len(mean), len(std))
	}
	if err := valid.Size(fn, "len(mean)", len(mean), 0, MaxSize, ""); err != nil {
		return nil, err
	}
	if err := valid.FiniteFloat32s(fn, "mean", mean, "todas las medias deben ser números finitos"); err != nil {
		return nil, err
	}
	if err := valid.FiniteFloat32s(fn, "std", std, "todas las desviaciones típicas deben ser números finitos"); err != nil {
		return nil, err
	}
	for i, s := range std {
		if s < 0 {
			return nil, fmt.Errorf("%s: std[%d] = %v, pero una desviación típica no puede ser negativa; usa un valor ≥ 0", fn, i, s)
		}
	}
	out := make([]float32, len(mean))
	g.mu.Lock()
	g.standardNormal(out)
	g.mu.Unlock()
	for i := range out {
		out[i] = float32(out[i]*std[i]) + mean[i]
	}
	if err := valid.FiniteFloat32s(fn, "el resultado", out, "mean o std son tan grandes que la muestra no cabe en float32; usa valores más pequeños"); err != nil {
		return nil, err
	}
	return out, nil
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
// sesgos, uniformes en ±1/√in. in y out deben ser positivos, con in·out como
// mucho [MaxSize].
func (g *Rand) Linear(in, out int) (weight, bias []float32, err error) {
	const fn = "random.Rand.Linear"
	if err := g.check(fn); err != nil {
		return nil, nil, err
	}
	if err := valid.Size(fn, "in", in, 1, MaxSize, "por ejemplo g.Linear(1, 5)"); err != nil {
		return nil, nil, err
	}
	if err := valid.Size(fn, "out", out, 1, MaxSize, "por ejemplo g.Linear(1, 5)"); err != nil {
		return nil, nil, err
	}
	if in > MaxSize/out {
		return nil, nil, fmt.Errorf("%s: in·out = %d·%d pesos, más de los %d admitidos; usa capas más pequeñas", fn, in, out, MaxSize)
	}
	weight, bias = make([]float32, in*out), make([]float32, out)
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
	return weight, bias, nil
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
