// SPDX-License-Identifier: Apache-2.0

package nbtest

import "testing"

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Entrenamiento: 50000 pasos en 0.86 s (17.3 µs/paso); pérdida 1851.9287 → 374.8805",
			"Entrenamiento: 50000 pasos en <tiempo> (<tiempo>/paso); pérdida 1851.9287 → 374.8805"},
		{"tardó 1.234s, luego 12ms y 850ns", "tardó <tiempo>, luego <tiempo> y <tiempo>"},
		{"total 1m2.5s o 2h0m0s", "total <tiempo> o <tiempo>"},
		{"3,5 segundos y 2 minutos", "<tiempo> y <tiempo>"},
		{"1234.5 pasos/s", "<n> pasos/s"},
		{"figura guardada en /tmp/figuras/figura-1234-001.png: texto", "figura guardada en <tmp>: texto"},
		{"error en /tmp/gonb_1a2b3c4d/main.go:12", "error en <tmp>"},
		{"pid=4321 PID 77", "pid <pid> pid <pid>"},
		{"&{0xc000123456}", "&{0x<dirección>}"},
		{"a las 17:54:14.557550 arrancó", "a las <hora> arrancó"},
		{"W1129 17:54:14.557609   14118 main.go:190] aviso", "<klog> main.go:190] aviso"},
		// Not volatile: results, sizes, versions, names that contain digits.
		{"pérdida 0.5369 tras 5 pasos, capa 1-5-5-5-1, float32s, 8×8 píxeles, go1.26",
			"pérdida 0.5369 tras 5 pasos, capa 1-5-5-5-1, float32s, 8×8 píxeles, go1.26"},
		{"[17.7823 6.2195 2.3190 0.9947 0.5369]", "[17.7823 6.2195 2.3190 0.9947 0.5369]"},
		{"3 salidas y 2 sesgos", "3 salidas y 2 sesgos"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
