// Package diagram dibuja esquemas de redes neuronales como imágenes SVG a
// partir de una descripción de sus capas.
//
// Una red se describe con un [Network]: un título, una lista de capas
// ([Layer]) y, si hace falta, conexiones de salto ([Skip]) y grupos de capas
// ([Group]). El campo Layout elige el tipo de dibujo:
//
//   - [Layered]: esquema por capas, de izquierda a derecha. Los mapas de
//     características (imagen de entrada, convoluciones) se dibujan como cajas
//     en 3D cuyo tamaño refleja el tamaño espacial y el número de canales; las
//     capas densas, como rectángulos verticales con el número de neuronas al
//     lado. Sirve para AlexNet o un autoencoder.
//   - [UShaped]: esquema en U, como U-Net: la resolución baja con cada
//     [Pool], sube con cada [UpConv] y las conexiones de salto cruzan la U.
//   - [NeuronLevel]: cada neurona es un círculo y cada peso una línea. Solo
//     para perceptrones pequeños (como mucho [MaxNeurons] neuronas por capa).
//
// Hay descripciones ya hechas: [AlexNet], [Autoencoder], [UNet] y
// [Perceptron]; y dos atajos: [MLP] para un perceptrón dado por el tamaño de
// sus capas y [Layers] para un esquema por capas. En un cuaderno basta una
// línea:
//
//	diagram.AlexNet().Show()
//	diagram.MLP(1, 5, 5, 5, 1).Show()
//
// Como las descripciones son datos normales de Go, se pueden mirar y cambiar
// antes de dibujarlas:
//
//	red := diagram.Autoencoder()
//	red.Layers[3].Units = 2 // un código latente de solo 2 números
//	red.Show()
//
// Todos los dibujos tienen [Network.SVG] (el texto SVG), [Network.Alt] (un
// texto alternativo en español que describe la figura) y [Network.Show]
// (los muestra en el cuaderno con el paquete show). La misma descripción da
// siempre exactamente el mismo SVG. Si la descripción tiene un error (una
// capa sin tamaño, un índice fuera de rango...), SVG y Show devuelven un
// error en español que dice qué capa falla y cómo arreglarla.
package diagram
