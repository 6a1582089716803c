// SPDX-License-Identifier: Apache-2.0

// Package train es el bucle de entrenamiento del curso (learning_loop), con la
// pérdida MSE y los optimizadores SGD (sin decaimiento de la tasa de
// aprendizaje, como torch.optim.SGD) y Adam.
//
// Cada paso hace lo mismo que el bucle de PyTorch del curso:
//
//  1. forward: y_pred = model(x_true)
//  2. pérdida: loss = loss_fn(y_pred, y_true), que se guarda en el historial
//  3. backward: el gradiente de la pérdida respecto a cada parámetro
//  4. actualización: el optimizador mueve cada parámetro contra su gradiente
//
// Aquí esos cuatro pasos son un grafo de GoMLX (internal/engine/step.go) que
// se compila una vez y se ejecuta muchas veces desde el bucle (loop.go); para
// ahorrar tiempo, cada ejecución encadena 10 pasos y devuelve la pérdida de
// todos ellos. La presentación (la barra de progreso y la línea de resumen) es cosa
// del paquete show.
//
// El backward está escrito con la regla de la cadena, capa a capa (el mismo step.go),
// en vez de pedírselo a graph.Gradient: con redes tan pequeñas como las del
// curso, el tiempo se va en el coste fijo de cada operación del grafo, y así
// salen muchas menos. Las pruebas comprueban que da los mismos gradientes que
// graph.Gradient sobre nn.Model.Forward, que es lo que hace loss.backward()
// en PyTorch.
package train
