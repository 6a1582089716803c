package nn

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/gobackend"

	// Todo programa que entrena o predice vigila su memoria (ver el paquete memory).
	_ "neuronas/pkg/memory"
)

// DefaultBackendConfig es la configuración del backend de Go que usan los
// cuadernos: un único hilo que ejecuta las operaciones en orden, lo más rápido
// para grafos diminutos como los del curso.
const DefaultBackendConfig = "parallelism=0,ops_sequential"

var backendOnce = sync.OnceValues(newBackend)

// Backend devuelve el backend de GoMLX que usan todos los modelos (se crea una
// vez, y a la vez ajusta el recolector de basura del programa para grafos
// diminutos; ver gcPercent). Si la variable de entorno GOMLX_BACKEND existe
// («go» o «go:opciones»), manda ella.
func Backend() (compute.Backend, error) { return backendOnce() }

// gcPercent es el GOGC que se fija al crear el backend. El backend de Go crea
// muchos objetos pequeños en cada operación del grafo; con el valor por
// defecto (100) el recolector de basura se activa cada pocos milisegundos y
// se lleva en torno a un 10 % del tiempo de entrenamiento de las redes del
// curso. Con 400 el montón apenas crece unos megabytes. Si la variable de
// entorno GOGC existe, manda ella.
const gcPercent = 400

func newBackend() (compute.Backend, error) {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(gcPercent)
	}
	config := DefaultBackendConfig
	if env, ok := os.LookupEnv(compute.ConfigEnvVar); ok {
		name, opts, _ := strings.Cut(env, ":")
		if name != gobackend.BackendName {
			return nil, fmt.Errorf("nn.Backend: GOMLX_BACKEND=%q: este proyecto solo incluye el backend de Go puro; "+
				"usa GOMLX_BACKEND=go o go:%s, o quita la variable", env, DefaultBackendConfig)
		}
		config = opts
	}
	return quietly(func() (compute.Backend, error) { return gobackend.New(config) })
}

// quietly ejecuta fn con la salida estándar descartada: el backend de Go
// imprime «parallelism set to …» al crearse, y eso ensuciaría las celdas.
func quietly[T any](fn func() (T, error)) (T, error) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		return fn()
	}
	defer devNull.Close()
	saved := os.Stdout
	os.Stdout = devNull
	defer func() { os.Stdout = saved }()
	return fn()
}
