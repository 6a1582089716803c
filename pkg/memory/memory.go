// SPDX-License-Identifier: Apache-2.0

// Package memory vigila la memoria del programa de una celda, para que una
// celda que pide más memoria de la que hay se pare con una explicación en vez
// de que el sistema la mate sin decir nada (o, peor, mate el servidor).
//
// En un JupyterHub cada estudiante tiene un límite de memoria (el de su
// contenedor) que comparten JupyterLab, el kernel, gopls y el programa de la
// celda que se está ejecutando. Si ese programa pasa del límite, el sistema
// operativo lo mata (GoNB solo muestra «signal: killed»). Basta con importar
// este paquete: al empezar el programa, [Guard] calcula cuánta memoria le
// queda a la celda y la vigila; si el programa pasa de ese presupuesto,
// escribe qué ha pasado y qué probar, y termina la celda. El servidor y el
// kernel siguen en pie, y la celda siguiente se ejecuta con normalidad.
//
// Los cuadernos lo importan en su celda de importaciones con
//
//	_ "neuronas/pkg/memory"
//
// y GoNB conserva las importaciones con _ en todas las celdas siguientes, así
// que toda celda queda vigilada, use o no los paquetes del curso. Ningún otro
// paquete del proyecto lo importa: importar nn, train o gradients no cambia
// nada del programa, y sus pruebas y el banco de pruebas no tienen vigilante.
//
// Al cargarse, el paquete también ajusta el recolector de basura para los
// grafos diminutos del curso (GOGC = 400, ver internal/gogc), de modo que el
// entrenamiento de las celdas va igual de deprisa que antes; el límite de
// memoria que fija Guard hace que el recolector trabaje más al acercarse al
// presupuesto. La variable de entorno GOGC, si existe, manda.
//
// El límite sale del cgroup del contenedor (cgroup v1 o v2); sin límite, de la
// memoria disponible del sistema al empezar la celda. La variable de entorno
// NEURONAS_MEMORIA («512M», «2G», bytes) lo fija a mano; NEURONAS_MEMORIA=0
// desactiva la vigilancia, y un valor de menos de 64M (como «1», pensando en 1G) se
// avisa y se ignora.
package memory

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"neuronas/internal/gogc"
)

// EnvVar es la variable de entorno que fija el límite a mano.
const EnvVar = "NEURONAS_MEMORIA"

// MinLimit es el menor límite que admite NEURONAS_MEMORIA (salvo 0, que
// desactiva la vigilancia): con menos no cabe ni el programa de una celda
// vacía. Un valor menor (como «1», pensando en 1G) se avisa y se ignora.
const MinLimit = 64 << 20

// Interval es cada cuánto se mira la memoria del programa.
const Interval = 20 * time.Millisecond

// ExitCode es el código con el que termina una celda que se queda sin memoria.
const ExitCode = 3

// Budget es la memoria que puede usar el programa de la celda.
type Budget struct {
	Limit  uint64 // Límite de memoria (del contenedor, del sistema o de NEURONAS_MEMORIA).
	Others uint64 // Memoria que ya usaban los demás procesos (Jupyter, kernel, gopls) al empezar.
	Bytes  uint64 // Lo que le queda a la celda, con un margen: Limit - Others - margen.
	Source string // De dónde sale el límite, para el mensaje.
}

var guardOnce sync.Once

func init() {
	gogc.Tune()
	Guard()
}

// Guard empieza a vigilar la memoria del programa (una sola vez; las demás
// llamadas no hacen nada). Si no hay límite conocido, no hace nada.
func Guard() {
	guardOnce.Do(func() {
		b, ok := CurrentBudget()
		if !ok {
			return
		}
		// El recolector de basura trabaja más al acercarse al presupuesto
		// (salvo que el usuario haya fijado GOMEMLIMIT).
		if debug.SetMemoryLimit(-1) == math.MaxInt64 {
			debug.SetMemoryLimit(int64(b.Bytes))
		}
		go watch(b, os.Stderr, func() { os.Exit(ExitCode) })
	})
}

// watch mira la memoria del programa cada Interval y, si pasa del presupuesto,
// escribe el mensaje en w y llama a exit.
func watch(b Budget, w io.Writer, exit func()) {
	t := time.NewTicker(Interval)
	defer t.Stop()
	for range t.C {
		if used := GoMemory(); used > b.Bytes {
			fmt.Fprint(w, Message(b, used))
			exit()
			return
		}
	}
}

// Message es lo que se escribe cuando la celda se queda sin memoria.
func Message(b Budget, used uint64) string {
	others := ""
	if b.Others > 0 {
		others = fmt.Sprintf(", del que Jupyter, el kernel y gopls ya usaban %s", human(b.Others))
	}
	return fmt.Sprintf("\nmemoria: esta celda se ha quedado sin memoria y se detiene aquí.\n"+
		"  El programa de la celda ha llegado a %s; el límite es %s (%s)%s.\n"+
		"  El servidor y el kernel siguen en marcha: puedes corregir la celda y volver a\n"+
		"  ejecutarla, o seguir con la siguiente.\n"+
		"  Qué probar: menos puntos de datos, capas más estrechas (cada punto guarda una salida\n"+
		"  por neurona y capa), o cerrar los kernels de otros cuadernos que tengas abiertos.\n",
		human(used), human(b.Limit), b.Source, others)
}

// GoMemory es la memoria que el programa ha pedido al sistema y no ha
// devuelto (montón, pilas y estructuras del runtime de Go): cuenta un bloque
// desde que se reserva, antes de escribirlo.
func GoMemory() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	total, released := s[0].Value.Uint64(), s[1].Value.Uint64()
	if released > total {
		return 0
	}
	return total - released
}

// CurrentBudget calcula el presupuesto de este programa: el límite (de
// NEURONAS_MEMORIA, del cgroup o de la memoria disponible del sistema), menos
// lo que ya usan los demás procesos del contenedor, menos un margen del 5 %
// (al menos 64 MB) para lo que crezcan mientras tanto. ok es false si no hay
// límite, o si NEURONAS_MEMORIA=0.
func CurrentBudget() (b Budget, ok bool) {
	return budgetFrom(os.Getenv(EnvVar), "/sys/fs/cgroup", "/proc", selfRSS())
}

func budgetFrom(env, cgroupRoot, procRoot string, own uint64) (Budget, bool) {
	var b Budget
	switch {
	case env != "":
		n, err := ParseSize(env)
		if err != nil {
			fmt.Fprintf(os.Stderr, "memoria: %s=%q: %v; se vigila el límite del sistema\n", EnvVar, env, err)
			return budgetFrom("", cgroupRoot, procRoot, own)
		}
		if n == 0 {
			return b, false
		}
		if n < MinLimit {
			// Con menos, hasta una celda vacía se pararía «sin memoria», y el
			// mensaje culparía a la celda en vez de a la variable.
			fmt.Fprintf(os.Stderr, "memoria: %s=%q son %d bytes, muy poco para una celda (hace falta al menos 64M); "+
				"usa un tamaño con unidad, como 512M o 2G; se vigila el límite del sistema\n", EnvVar, env, n)
			return budgetFrom("", cgroupRoot, procRoot, own)
		}
		b.Limit, b.Source = n, EnvVar+"="+env
	default:
		if limit, used, ok := cgroupLimit(cgroupRoot); ok {
			b.Limit, b.Source = limit, "límite de memoria del contenedor"
			if used > own {
				b.Others = used - own
			}
		} else if avail, ok := memAvailable(procRoot); ok {
			b.Limit, b.Source = avail+own, "memoria disponible del sistema al empezar la celda"
		} else {
			return b, false
		}
	}
	margin := max(b.Limit/20, 64<<20)
	if b.Limit <= b.Others+margin {
		// Ya no queda nada: que sea la primera lectura la que avise.
		b.Bytes = 1
		return b, true
	}
	b.Bytes = b.Limit - b.Others - margin
	return b, true
}

// cgroupLimit lee el límite de memoria del cgroup (v2 o v1) y la memoria
// anónima que ya usan sus procesos (sin la caché de ficheros, que el sistema
// libera cuando la necesita).
func cgroupLimit(root string) (limit, used uint64, ok bool) {
	// cgroup v2: memory.max ("max" sin límite) y memory.stat "anon".
	if s, err := readTrim(filepath.Join(root, "memory.max")); err == nil {
		if s == "max" {
			return 0, 0, false
		}
		limit, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		anon, _ := statField(filepath.Join(root, "memory.stat"), "anon")
		return limit, anon, true
	}
	// cgroup v1: memory/memory.limit_in_bytes (un número enorme sin límite)
	// y memory/memory.stat "total_rss".
	s, err := readTrim(filepath.Join(root, "memory", "memory.limit_in_bytes"))
	if err != nil {
		return 0, 0, false
	}
	limit, err = strconv.ParseUint(s, 10, 64)
	if err != nil || limit >= 1<<62 {
		return 0, 0, false
	}
	rss, _ := statField(filepath.Join(root, "memory", "memory.stat"), "total_rss")
	return limit, rss, true
}

// memAvailable es MemAvailable de /proc/meminfo, en bytes.
func memAvailable(procRoot string) (uint64, bool) {
	kb, ok := statField(filepath.Join(procRoot, "meminfo"), "MemAvailable:")
	return kb * 1024, ok
}

// selfRSS es la memoria residente de este programa, en bytes.
func selfRSS() uint64 {
	kb, _ := statField("/proc/self/status", "VmRSS:")
	return kb * 1024
}

// statField devuelve el número que sigue a key en un fichero de líneas
// «clave valor [unidad]».
func statField(path, key string) (uint64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == key {
			n, err := strconv.ParseUint(fields[1], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

func readTrim(path string) (string, error) {
	b, err := os.ReadFile(path)
	return strings.TrimSpace(string(b)), err
}

// ParseSize lee un tamaño en bytes: «123», «512K», «512M», «2G» (potencias de
// 1024, con o sin B final, en mayúsculas o minúsculas). «0» da 0; un valor
// positivo de menos de un byte (como «1e-30») es un error, no 0.
func ParseSize(s string) (uint64, error) {
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	mult := uint64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			mult, t = 1<<10, t[:n-1]
		case 'M':
			mult, t = 1<<20, t[:n-1]
		case 'G':
			mult, t = 1<<30, t[:n-1]
		case 'T':
			mult, t = 1<<40, t[:n-1]
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err == nil && f > 0 && !math.IsInf(f, 0) && f*float64(mult) >= 1<<63 {
		return 0, fmt.Errorf("memory.ParseSize: %q es demasiado grande (como mucho 8 EB); usa un tamaño como 512M o 2G", s)
	}
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("memory.ParseSize: %q no es un tamaño de memoria; usa bytes o un número con K, M, G o T, p. ej. 512M o 2G", s)
	}
	n := uint64(f * float64(mult))
	if n == 0 && f != 0 {
		// Antes se convertía en 0 y desactivaba la vigilancia sin decir nada.
		return 0, fmt.Errorf("memory.ParseSize: %q es menos de un byte; usa un tamaño como 512M o 2G "+
			"(0 exacto desactiva la vigilancia)", s)
	}
	return n, nil
}

// human escribe un tamaño en MB o GB.
func human(n uint64) string {
	if n >= 1<<30 {
		return strings.Replace(fmt.Sprintf("%.1f GB", float64(n)/(1<<30)), ".", ",", 1)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
