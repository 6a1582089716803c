// SPDX-License-Identifier: Apache-2.0

package engine

import (
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/gobackend"
)

// DefaultBackendConfig es la configuración del backend de Go que usan los
// cuadernos: un único hilo que ejecuta las operaciones en orden, lo más rápido
// para grafos diminutos como los del curso.
const DefaultBackendConfig = "parallelism=0,ops_sequential"

var backendOnce = sync.OnceValues(newBackend)

// Backend devuelve el backend de GoMLX que usan todos los modelos (se crea la
// primera vez que se pide). Si la variable de entorno GOMLX_BACKEND existe
// («go» o «go:opciones»), manda ella.
func Backend() (compute.Backend, error) { return backendOnce() }

func newBackend() (compute.Backend, error) {
	config := DefaultBackendConfig
	if env, ok := os.LookupEnv(compute.ConfigEnvVar); ok {
		name, opts, _ := strings.Cut(env, ":")
		if name != gobackend.BackendName {
			return nil, fmt.Errorf("GOMLX_BACKEND=%q: este proyecto solo incluye el backend de Go puro; "+
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
