// SPDX-License-Identifier: Apache-2.0

// Package engine es el motor de cálculo que hay detrás de los paquetes nn,
// train y gradients: lo que los estudiantes no necesitan ver para usar el
// curso. Es la única casa de
//
//   - la disposición de los parámetros: cada capa Linear(in, out) guarda sus
//     pesos y sesgos juntos en una matriz A = [W | b] de forma [out, in+1]
//     (layout.go);
//   - los datos de entrada y salida convertidos en tensores (data.go);
//   - el forward, model(x) dentro de un grafo de GoMLX (forward.go);
//   - el grafo de los pasos de entrenamiento, con la retropropagación escrita
//     a mano (step.go);
//   - compilar un grafo y llamarlo (exec.go), y el backend de GoMLX que usan
//     todos (backend.go);
//   - el puente por el que train y gradients llegan a las tripas de un
//     nn.Model sin que nn las exporte (bridge.go).
//
// El motor no conoce las activaciones por su nombre: cada [Layer] trae su
// función y su regla de la cadena, que define el paquete nn (activations.go).
//
// Importar este paquete no tiene efectos sobre el programa: el backend se
// crea la primera vez que se pide, y el recolector de basura se ajusta en el
// paquete memory (ver internal/gogc).
package engine
