// SPDX-License-Identifier: Apache-2.0

package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseKlog(t *testing.T) {
	ref := float64(time.Date(2026, 12, 2, 7, 0, 0, 0, time.Local).Unix())
	text := "I1202 07:26:31.757410   14812 execcode.go:80] \x1b[7;39;32m[884c87b2]\x1b[0m ExecuteCell: [\"%%\"]\n" +
		"fmt.Println(\"hola 2\") silent:false]\n" + // Continuación de un mensaje de varias líneas.
		"I1202 07:26:31.780021   14812 execcode.go:360] Executing /usr/local/go/bin/go get\n"
	evs := parseKlog(text, ref)
	if len(evs) != 2 {
		t.Fatalf("%d mensajes, quiero 2: %+v", len(evs), evs)
	}
	if evs[0].msg != `ExecuteCell: ["%%"]` || evs[1].msg != "Executing /usr/local/go/bin/go get" {
		t.Errorf("mensajes %q, %q", evs[0].msg, evs[1].msg)
	}
	want := float64(time.Date(2026, 12, 2, 7, 26, 31, 757410000, time.Local).UnixNano()) / 1e9
	if math.Abs(evs[0].t-want) > 1e-6 || math.Abs(evs[1].t-evs[0].t-0.022611) > 1e-6 {
		t.Errorf("horas %v, %v; quiero %v y 0.022611 s después", evs[0].t, evs[1].t, want)
	}
}

func TestReadTrace(t *testing.T) {
	// Como lo escribe go build -debug-trace: B/E por acción, en µs.
	trace := `[{"name":"Running build command","ph":"B","ts":0,"pid":0,"tid":1},
{"name":"Executing action (build check cache fmt)","ph":"B","ts":1000,"pid":0,"tid":2},
{"name":"Executing action (build check cache fmt)","ph":"E","ts":3000,"pid":0,"tid":2},
{"name":"Executing action (build gonb_x)","ph":"B","ts":10000,"pid":0,"tid":3},
{"name":"Executing action (build gonb_x)","ph":"E","ts":40000,"pid":0,"tid":3},
{"name":"Executing action (link gonb_x)","ph":"B","ts":40000,"pid":0,"tid":3},
{"name":"Executing action (link gonb_x)","ph":"E","ts":240000,"pid":0,"tid":3},
{"name":"Executing action (link-install gonb_x)","ph":"B","ts":240000,"pid":0,"tid":3},
{"name":"Executing action (link-install gonb_x)","ph":"E","ts":250000,"pid":0,"tid":3},
{"name":"Executing action (link gonb_x) -\u003e Executing action (link-install gonb_x)","ph":"s","ts":250000,"pid":0,"tid":3},`
	path := filepath.Join(t.TempDir(), "t.json")
	if err := os.WriteFile(path, []byte(trace), 0o644); err != nil {
		t.Fatal(err)
	}
	bt, err := readTrace(path)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(bt.compile-0.030) > 1e-9 || math.Abs(bt.link-0.210) > 1e-9 {
		t.Errorf("compilar %v s, enlazar %v s; quiero 0.030 y 0.210", bt.compile, bt.link)
	}
}

// Las fases reparten todo el tiempo de la celda, en el orden en que pasan.
func TestCellPhases(t *testing.T) {
	c := driverCell{Sent: 100, Idle: 102, Events: []driverEvent{
		{Type: "stream", Name: "stdout", Text: "Entrenamiento: 50000 pasos en 0.44 s (8.8 µs/paso); pérdida 1 → 2\n"},
	}}
	logs := []logEvent{{100.01, `ExecuteCell: ["%%"]`}, {101.1, "Executing: /tmp/gonb_1/gonb_1 []"}, {101.8, "Execution finished successfully"}}
	probes := []probe{
		{Tool: "goimports", Parent: "gonb", Start: 100.02, End: 100.12, CPU: 0.1},
		{Tool: "go", Args: []string{"env"}, Parent: "goimports", Start: 100.03, End: 100.04},
		{Tool: "go", Args: []string{"build", "-o", "x"}, Parent: "gonb", Start: 100.15, End: 101.05, CPU: 0.8, Trace: "/no/existe"},
	}
	ct := analyzeCell("entrenamiento", c, logs, probes)
	sum := 0.0
	for _, p := range ct.phases {
		sum += p
	}
	if math.Abs(sum-2) > 1e-9 || math.Abs(ct.wall-2) > 1e-9 {
		t.Errorf("las fases suman %v s y la celda dura %v s; quiero 2", sum, ct.wall)
	}
	want := map[int]float64{phKernelIn: 0.01, phParse: 0.01, phGoimports: 0.1, phMerge: 0.03, phLoad: 0.9,
		phPreRun: 0.05, phTraining: 0.44, phProgram: 0.26, phReply: 0.2}
	for p, w := range want {
		if math.Abs(ct.phases[p]-w) > 1e-6 {
			t.Errorf("%s: %.3f s, quiero %.3f", phaseNames[p], ct.phases[p], w)
		}
	}
	if math.Abs(ct.training-0.44) > 1e-9 || ct.cpu.goimports != 0.1 || ct.cpu.gobuild != 0.8 {
		t.Errorf("entrenamiento %v s, CPU goimports %v, go build %v", ct.training, ct.cpu.goimports, ct.cpu.gobuild)
	}
}

func TestCourseCellsOfNotebookII(t *testing.T) {
	c, err := loadCourseCells("../../notebooks/02-modelos-neuronales-II.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]struct {
		i    int
		want string
	}{
		"preparación": {c.setup, "go get neuronas/pkg/..."}, "importaciones": {c.imports, `"neuronas/pkg/plots"`},
		"gráfica": {c.plot, "plots.Draw2DFunction("}, "declaraciones": {c.decls, "steps        = 50000"},
		"entrenamiento": {c.fit, "nn.Linear(1, 2)"},
	}
	for name, ch := range checks {
		if !strings.Contains(c.code[ch.i], ch.want) {
			t.Errorf("celda %s (%d) no contiene %q:\n%s", name, ch.i, ch.want, c.code[ch.i])
		}
	}
	antes := c.setupFor("antes")
	if !strings.HasPrefix(antes, "%autoget\n") || strings.Contains(antes, "%noautoget") {
		t.Errorf("preparación «antes»:\n%s", antes)
	}
	cells, labels := c.session("micro", "ahora", 2)
	if len(cells) != 9 || labels[2] != "trivial" || labels[5] != "gráfica" || labels[8] != "entrenamiento" || cells[2] == cells[4] {
		t.Errorf("sesión micro: %q", labels)
	}
}
