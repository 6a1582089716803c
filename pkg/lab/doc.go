// SPDX-License-Identifier: Apache-2.0

// Package lab es el laboratorio del curso (cuaderno 06-laboratorio): una red
// pequeña que se vuelve a entrenar cada vez que el estudiante mueve un control,
// al estilo de TensorFlow Playground, pero en Go y con los datos del curso
// (y = x², 50 puntos con ruido en x y en y, generados como en PyTorch con la
// semilla elegida).
//
// La lógica no depende de los controles: [Train] recibe unos ajustes
// ([Settings]: semilla, capas ocultas, neuronas por capa, activación, tasa de
// aprendizaje, pasos y si se normalizan los datos) y devuelve un [Result]: el
// modelo entrenado, la pérdida de cada paso, qué neuronas siguen vivas, el
// veredicto (viva o muerta, y la pérdida frente al suelo) y las
// figuras como PNG pequeños con su texto alternativo en español. [Tally]
// entrena con muchas semillas y cuenta cuántas redes mueren.
//
// Una red «muere» como la define el curso (pkg/course): al final del
// entrenamiento, el gradiente de la pérdida respecto a los pesos y sesgos de
// la primera Linear es exactamente cero. El suelo es el del cuaderno II: la
// pérdida de la mejor predicción posible de y a partir de la x medida, sobre
// los mismos datos ([Floor]; 24.29 con la semilla 42). La función verdadera,
// y = x², pierde más (51.20, [TrueLoss]), porque el ruido está también en las
// x. Por debajo del suelo, un modelo solo baja siguiendo el ruido de estos 50
// puntos. Los dos cambian con la semilla, porque cambian los datos; con los
// datos normalizados, la pérdida se da en las unidades originales, para
// compararla con el mismo suelo.
//
// Los ajustes absurdos (0 neuronas, 10⁶ pasos, una tasa negativa…) no
// provocan un pánico: [Settings.Validate] devuelve un mensaje en español que
// el cuaderno muestra en la zona del laboratorio y que nombra el control que
// hay que cambiar. Una tasa que hace divergir el entrenamiento no es un error:
// el resultado lo dice en su veredicto.
//
// [Play] monta los controles de GoNB (gonbui/widgets) en el cuaderno; fuera de
// JupyterLab (por ejemplo, al ejecutar el cuaderno sin navegador) entrena una
// vez con los ajustes que recibe, dibuja el fotograma y termina, para que el
// cuaderno guardado muestre una figura y no un control vacío.
package lab
