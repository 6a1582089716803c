// SPDX-License-Identifier: Apache-2.0

// Package plots dibuja las figuras del curso (matplotlib en el original) como
// imágenes PNG estáticas de 8×6 pulgadas a 160 ppp (1280×960 píxeles) y las
// muestra en el cuaderno con [show.PNG] a 640 píxeles de ancho (el doble de
// resolución, para que se vean nítidas), siempre con un texto alternativo en
// español que describe la figura con sus números reales.
//
// Correspondencia con el curso:
//
//   - draw_2D_function(function, range, function_label, title, data) →
//     [Draw2DFunction](f, [Options]{Range, Label, Title, Data}).
//     Sin Range se usa [-4, 4], como en el curso. Con Data se dibujan los
//     puntos y la curva recorre el rango de x de los datos.
//   - Varias funciones en la misma figura (por ejemplo una activación y su
//     derivada, o sigmoide frente a tanh) → [Draw2DFunctions] con una [Func]
//     por curva.
//   - La primera figura de cada celda de entrenamiento (los datos con
//     plt.plot(..., 'ro', label="data") y la curva del modelo sobre 100 puntos
//     entre el mínimo y el máximo de x) → [Fit]. Las leyendas están en
//     español: «datos» y «modelo».
//   - La segunda figura (plt.plot(range(steps), loss_list, label="error")) →
//     [Loss]. Con Options.LogY el eje y es logarítmico, útil cuando la pérdida
//     baja de 1e3 a 1e0.
//
// Todas las figuras llevan rejilla, como plt.grid(True). Las opciones son
// opcionales: plots.Loss(losses) basta; para cambiar algo se pasa un único
// [Options], por ejemplo plots.Loss(losses, plots.Options{LogY: true}).
//
// Cada función tiene una variante Render… ([Render2DFunction],
// [Render2DFunctions], [RenderFit], [RenderLoss]) que no muestra nada y
// devuelve los bytes del PNG y el texto alternativo, para guardar la figura
// en un fichero o comprobarla en un test.
//
// Las entradas incorrectas (función nil, datos vacíos, NaN o Inf, rangos al
// revés…) no provocan un pánico: devuelven un error en español que dice qué
// argumento falla y cómo arreglarlo. El texto usa las fuentes Liberation
// incluidas en gonum/plot, así que no hace falta ninguna fuente del sistema
// ni conexión a la red, y en una misma máquina las mismas entradas dan
// siempre los mismos bytes.
package plots
