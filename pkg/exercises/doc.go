// SPDX-License-Identifier: Apache-2.0

// Package exercises comprueba las respuestas de los cuadernos de ejercicios
// (notebooks/03-ejercicios-I.ipynb y notebooks/04-ejercicios-II.ipynb): una
// función por ejercicio, que recibe la respuesta del estudiante (una función
// suya), la prueba y escribe en español qué está bien o qué falla, con una
// pista. Si algo falla devuelve un error, y check.OK detiene la celda: así
// nbgrader da 0 puntos a ese ejercicio y sigue con los demás.
//
// En un cuaderno, cada ejercicio tiene una celda de respuesta (una función con
// la solución entre las marcas de nbgrader) y una celda de comprobación:
//
//	%%
//	check.OK(exercises.LeakyReLUDerivative(leakyReLUDerivative))
//
// Las comprobaciones aguantan respuestas rotas: una función nil, una que entra
// en pánico (también el panic que nbgrader deja en una respuesta vacía: «todavía
// no has respondido»), una que no termina (cada llamada tiene un tiempo
// límite, Timeout o TrainingTimeout), resultados NaN o infinitos y listas de
// longitud equivocada. Cada mensaje nombra el ejercicio («Ejercicio 3: ...»)
// y dice qué probar. Todo el informe va a la salida estándar; solo el error
// final va a la de errores, porque nbgrader puntúa con 0 cualquier celda que
// escriba en ella.
//
// Pruebas ocultas: cada comprobación tiene, además de las pruebas visibles,
// otras que se piden con la opción Hidden() y que solo se describen si fallan.
// En los cuadernos van en la celda de comprobación entre las marcas
// `### BEGIN HIDDEN TESTS` y `### END HIDDEN TESTS` de nbgrader.
//
// Lección I (cuaderno 03-ejercicios-I):
//
//  1. NeuronOutput: z y la salida de una neurona ReLU.
//  2. MSE: la pérdida MSE.
//  3. TrueLineLoss: la pérdida de la recta verdadera sobre sus datos.
//  4. BelowTheTrueLine: por qué la neurona entrenada la mejora.
//  5. LargestLearningRate: la mayor tasa de aprendizaje que no diverge.
//  6. SigmoidDerivative: la derivada de la sigmoide.
//  7. LeakyReLUDerivative: la derivada de LeakyReLU.
//  8. TanhSaturation: dónde se satura tanh.
//  9. DeadFromTheStart: una neurona ReLU muerta desde el principio.
//  10. OneNeuronParabola: por qué una neurona no ajusta la parábola.
//
// Lección II (cuaderno 04-ejercicios-II):
//
//  1. ParameterCount: los parámetros de un perceptrón multicapa.
//  2. DrawnNetwork: el modelo de nn.Sequential de un dibujo.
//  3. ForwardByHand: una red 1-2-1 calculada a mano.
//  4. ConstantPrediction: la mejor predicción constante y su pérdida.
//  5. NoiseFloor: la pérdida de la función verdadera, y = x² (el suelo del ruido).
//  6. NetsBelowTheFloor: qué redes de la lección bajan de ese suelo.
//  7. BelowTheFloor: qué significa bajar del suelo.
//  8. DeadNeurons: contar neuronas muertas a partir de los gradientes.
//  9. DeadInTheLessonNet: las neuronas muertas de la red ReLU de la lección.
//  10. RescueReLU: rescatar la red ReLU sin LeakyReLU, con 20 semillas.
//  11. LastActivation: la activación de la última capa según el problema.
//
// Todas las comprobaciones que no entrenan redes tardan menos de 2 s de CPU
// (BenchmarkChecks); las que entrenan (la del ejercicio 9 de la lección II y
// la del 10, que entrena 20 redes) tardan lo que tarde la función del
// estudiante.
package exercises
