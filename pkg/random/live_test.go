// SPDX-License-Identifier: Apache-2.0

package random

import (
	"encoding/json"
	"neuronas/pkg/reference"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// Programa de PyTorch que imprime, para la semilla de argv[1], lo mismo que
// comprueba TestLiveAgainstPyTorch.
const livePyTorch = `
import json, sys, torch
s = int(sys.argv[1])
f = lambda t: [float(v) for v in t.detach().reshape(-1).tolist()]
mean = lambda n: torch.arange(n, dtype=torch.float32) * 0.25 - 1
std = lambda n: 0.5 + 0.1 * torch.arange(n, dtype=torch.float32)
out = {}
torch.manual_seed(s)
out["rand"] = f(torch.rand(50))
out["normal"] = [f(torch.normal(mean(n), std(n))) for n in (50, 16, 17, 5, 3)]
out["uniform"] = f(torch.empty(20).uniform_(-0.3, 0.7))
out["linear"] = [f(p) for io in ((1, 5), (5, 5), (5, 1)) for p in torch.nn.Linear(*io).parameters()]
print(json.dumps(out))
`

// Compara en vivo con PyTorch (Debian: python3-torch con /usr/bin/python3)
// para una semilla nueva en cada ejecución.
func TestLiveAgainstPyTorch(t *testing.T) {
	if testing.Short() {
		t.Skip("con -short no se compara en vivo con PyTorch (tarda unos segundos en arrancar)")
	}
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import torch").Run(); err != nil {
		t.Skip("sin PyTorch no hay comparación en vivo: instala python3-torch (sudo apt-get install python3-torch) para /usr/bin/python3")
	}
	seed := int(time.Now().UnixNano() % (1 << 32))
	t.Logf("semilla %d", seed)
	raw, err := exec.Command(python, "-c", livePyTorch, strconv.Itoa(seed)).Output()
	if err != nil {
		t.Fatalf("PyTorch falló: %v", err)
	}
	var want struct {
		Rand, Uniform  []float32
		Normal, Linear [][]float32
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	g := New(seed)
	exact(t, "rand(50)", must(g.Rand(50)), want.Rand)
	same, total := 0, 0
	for i, n := range []int{50, 16, 17, 5, 3} {
		got := must(g.Normal(courseMean(n), courseStd(n)))
		for j := range got {
			total++
			switch d := reference.ULPs(got[j], want.Normal[i][j]); {
			case d == 0:
				same++
			case d > 2:
				t.Errorf("normal(%d)[%d] = %v, PyTorch %v (%d ulps)", n, j, got[j], want.Normal[i][j], d)
			}
		}
	}
	t.Logf("normales exactas: %d de %d", same, total)
	exact(t, "uniform_(-0.3, 0.7)", must(g.Uniform(20, -0.3, 0.7)), want.Uniform)
	for i, io := range [][2]int{{1, 5}, {5, 5}, {5, 1}} {
		w, b := mustLinear(t, g, io[0], io[1])
		exact(t, "Linear.weight", w, want.Linear[2*i])
		exact(t, "Linear.bias", b, want.Linear[2*i+1])
	}
}
