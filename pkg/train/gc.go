package train

import (
	"runtime/debug"
	"sync"
)

// trainingGCPercent es el GOGC que usa LearningLoop mientras entrena. El
// backend de Go crea muchos objetos pequeños en cada operación del grafo; con
// el valor por defecto (100) el recolector de basura se activa cada pocos
// milisegundos y se lleva en torno a un 10 % del tiempo de las redes
// pequeñas del curso. Con 400 el montón apenas crece unos megabytes.
const trainingGCPercent = 400

var gc struct {
	sync.Mutex
	users int // Entrenamientos en marcha.
	saved int // GOGC anterior, para restaurarlo al acabar el último.
}

// relaxGC sube el umbral del recolector de basura mientras dura un
// entrenamiento y devuelve la función que lo restaura. Si el programa ya
// usaba un umbral mayor o tenía el recolector apagado, no lo toca.
func relaxGC() (restore func()) {
	gc.Lock()
	defer gc.Unlock()
	if gc.users == 0 {
		gc.saved = debug.SetGCPercent(trainingGCPercent)
		if gc.saved < 0 || gc.saved > trainingGCPercent {
			debug.SetGCPercent(gc.saved)
		}
	}
	gc.users++
	return func() {
		gc.Lock()
		defer gc.Unlock()
		gc.users--
		if gc.users == 0 {
			debug.SetGCPercent(gc.saved)
		}
	}
}
