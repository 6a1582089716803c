package train

import (
	"github.com/gomlx/gomlx/core/tensors"

	"neuronas/pkg/nn"
)

// packParams pasa los parámetros del modelo a la disposición del
// entrenamiento: una matriz A = [W | b] de forma [out, in+1] por capa Linear,
// con los pesos en la orientación de PyTorch (fila o: los pesos de la
// neurona o) y el sesgo en la última columna.
func packParams(m *nn.Model) []*tensors.Tensor {
	ps := m.Parameters() // Pesos [out, in] y sesgo [out] de cada capa, como PyTorch.
	var out []*tensors.Tensor
	for i := 0; i < len(ps); i += 2 {
		w, b := ps[i], ps[i+1]
		rows, cols := w.Shape[0], w.Shape[1]
		a := make([]float32, 0, rows*(cols+1))
		for o := range rows {
			a = append(a, w.Values[o*cols:(o+1)*cols]...)
			a = append(a, b.Values[o])
		}
		out = append(out, tensors.FromFlatDataAndDimensions(a, rows, cols+1))
	}
	return out
}

// unpackParams deshace packParams: devuelve W [in, out] y b [1, out] de cada
// capa, la forma de nn.Model.ParamTensors.
func unpackParams(m *nn.Model, as []*tensors.Tensor) []*tensors.Tensor {
	var out []*tensors.Tensor
	for i, l := range m.Linears() {
		a := tensors.MustCopyFlatData[float32](as[i])
		w, b := make([]float32, l.In*l.Out), make([]float32, l.Out)
		for o := range l.Out {
			for in := range l.In {
				w[in*l.Out+o] = a[o*(l.In+1)+in]
			}
			b[o] = a[o*(l.In+1)+l.In]
		}
		out = append(out, tensors.FromFlatDataAndDimensions(w, l.In, l.Out), tensors.FromFlatDataAndDimensions(b, 1, l.Out))
	}
	return out
}

// transposed devuelve la traspuesta de una matriz float32.
func transposed(t *tensors.Tensor) *tensors.Tensor {
	rows, cols := t.Shape().Dimensions[0], t.Shape().Dimensions[1]
	v := tensors.MustCopyFlatData[float32](t)
	tv := make([]float32, len(v))
	for i := range rows {
		for j := range cols {
			tv[j*rows+i] = v[i*cols+j]
		}
	}
	return tensors.FromFlatDataAndDimensions(tv, cols, rows)
}
