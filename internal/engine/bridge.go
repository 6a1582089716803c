// SPDX-License-Identifier: Apache-2.0

package engine

import "github.com/gomlx/gomlx/core/tensors"

// Bridge son las operaciones sobre un modelo de nn (M, *nn.Model) que
// necesitan train y gradients y que nn no exporta, para que su vocabulario
// sea solo el de los cuadernos. P es el tipo de sus parámetros con nombre
// (nn.Parameter). nn lo registra con [Register] al cargarse; train y
// gradients lo piden con [Models]. (Go no tiene paquetes «amigos»: sin este
// puente, nn tendría que exportar estas operaciones para todos.) Registrarlo
// solo toca una variable de este paquete, nada del programa.
type Bridge[M, P any] struct {
	// Net comprueba el modelo (name es el nombre del argumento en el error)
	// y devuelve su vista para el motor, con una copia de sus parámetros.
	Net func(m M, name string) (Net, error)
	// SetParams pone en el modelo los parámetros dados como una matriz
	// A = [W | b] por capa Linear (por ejemplo, los entrenados, leídos con
	// [Net.FromTensors]).
	SetParams func(m M, packed [][]float32)
	// Named presenta matrices A = [W | b] (parámetros o sus gradientes) con
	// los nombres y formas de PyTorch.
	Named func(m M, packed [][]float32) []P
	// Train marca el modelo como «entrenándose» hasta que se llame a release;
	// si ya lo estaba (otro entrenamiento del mismo modelo en marcha),
	// devuelve un error en español.
	Train func(m M) (release func(), err error)
}

// bridge es el Bridge que registró nn.
var bridge any

// Register guarda el puente de nn (solo lo llama nn, al cargarse).
func Register[M, P any](b Bridge[M, P]) { bridge = b }

// Models devuelve el puente que registró nn. Como quien lo pide importa nn,
// nn ya se ha cargado; si no, es un error de programación y Models entra en
// pánico.
func Models[M, P any]() Bridge[M, P] {
	b, ok := bridge.(Bridge[M, P])
	if !ok {
		panic("engine.Models: nn no ha registrado su puente con engine.Register")
	}
	return b
}

// Prepare comprueba el modelo m (el argumento «model») y los datos (nn.Batch)
// y los prepara para el motor: la vista del modelo y los tensores x
// ([n, entradas]) e y ([n, salidas]).
func (b Bridge[M, P]) Prepare(m M, xTrue, yTrue any) (net Net, x, y *tensors.Tensor, err error) {
	if net, err = b.Net(m, "model"); err != nil {
		return net, nil, nil, err
	}
	x, y, err = net.Data(xTrue, yTrue)
	return net, x, y, err
}
