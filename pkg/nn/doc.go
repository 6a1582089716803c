// SPDX-License-Identifier: Apache-2.0

// Package nn es el vocabulario de capas del curso en GoMLX: un modelo
// secuencial de capas Linear y funciones de activación (Tanh, ReLU,
// LeakyReLU, Sigmoid, Softplus; todas en activations.go), como
// torch.nn.Sequential, con la inicialización por defecto de PyTorch.
//
// En PyTorch el curso escribe
//
//	model = torch.nn.Sequential(torch.nn.Linear(1, 5), torch.nn.Tanh(), torch.nn.Linear(5, 1))
//
// y aquí
//
//	model := check.Must(nn.Sequential(nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 1)))
//
// Los pesos de cada Linear(in, out) y sus sesgos empiezan uniformes en
// ±1/√in (como torch.nn.Linear) y salen del generador de [random], que es el
// de PyTorch: con la misma semilla, el modelo empieza con los mismos pesos que
// en PyTorch, bit a bit. LeakyReLU usa pendiente 0.01 como en PyTorch (en
// GoMLX el valor por defecto es 0.3).
//
// El cálculo se hace con GoMLX sobre el backend de Go puro (sin descargas, sin
// GPU), configurado con "parallelism=0,ops_sequential", lo más rápido para
// redes tan pequeñas. La variable de entorno GOMLX_BACKEND lo cambia.
package nn
