// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Fases de una celda, en orden: suman el tiempo real de la celda, desde que
// el cliente envía la petición hasta que el kernel vuelve a estar libre.
const (
	phKernelIn  = iota // Recibir la celda y ejecutar sus comandos % y !.
	phParse            // GoNB: analizar la celda, juntarla con lo declarado antes y escribir main.go.
	phGoimports        // goimports -w main.go.
	phMerge            // GoNB: leer lo que escribió goimports y reescribir main.go.
	phGoget            // go get (autoget).
	phLoad             // go build: arrancar, cargar los paquetes y comprobar la caché.
	phCompile          // go build: compilar (normalmente solo el paquete de la celda).
	phLink             // go build: enlazar el ejecutable.
	phPreRun           // GoNB: entre go build y arrancar el programa.
	phTraining         // Programa: el entrenamiento, según la propia celda.
	phProgram          // Programa: el resto (arranque, gráficas, envío de figuras).
	phReply            // Del fin del programa a la respuesta al cliente.
	nPhases
)

var phaseNames = [nPhases]string{
	"kernel: recibir, comandos % y !",
	"GoNB: analizar, escribir main.go",
	"goimports",
	"GoNB: releer y reescribir main.go",
	"go get (autoget)",
	"go build: carga y caché",
	"go build: compilar",
	"go build: enlazar",
	"GoNB: hasta arrancar el programa",
	"programa: entrenamiento",
	"programa: resto (arranque, figuras)",
	"respuesta al cliente",
}

// cellTiming es lo medido en una celda (segundos).
type cellTiming struct {
	label    string
	wall     float64 // Desde que se envía hasta que el kernel queda libre.
	phases   [nPhases]float64
	cpu      cellCPU
	training float64 // Lo que la celda dice que tardó el entrenamiento (0 si no entrena).
	figures  int     // Mensajes display_data con imagen.
}

// cellCPU es el tiempo de CPU (usuario + sistema) de la celda, por proceso.
type cellCPU struct {
	gonb, goimports, goget, gobuild, program, gopls float64
}

func (c cellCPU) total() float64 {
	return c.gonb + c.goimports + c.goget + c.gobuild + c.program + c.gopls
}

// session son los tiempos de las celdas de un kernel.
type session struct {
	kind        string
	startup     float64 // De arrancar el kernel a que responde.
	first, last float64 // Envío de la primera celda y fin de la última.
	cells       []cellTiming
	source      []string // El código de cada celda.
}

type logEvent struct {
	t   float64
	msg string
}

// klogLine es una línea del registro de GoNB (klog), con el identificador de
// kernel en color que GoNB pone delante de cada mensaje.
var klogLine = regexp.MustCompile(`^[IWEF](\d{4}) (\d{2}:\d{2}:\d{2}\.\d{6})\s+\d+ [^\]]+\] (?:\x1b\[[0-9;]*m\[[0-9a-f]+\]\x1b\[0m )?(.*)$`)

// parseKlog devuelve los mensajes del registro con su hora (segundos desde
// 1970). klog no escribe el año: se toma el de ref.
func parseKlog(text string, ref float64) []logEvent {
	year := time.Unix(int64(ref), 0).Year()
	var evs []logEvent
	for _, line := range strings.Split(text, "\n") {
		m := klogLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		t, err := time.ParseInLocation("2006 0102 15:04:05.000000", fmt.Sprintf("%d %s %s", year, m[1], m[2]), time.Local)
		if err != nil {
			continue
		}
		evs = append(evs, logEvent{float64(t.UnixNano()) / 1e9, m[3]})
	}
	return evs
}

// probe es una llamada a go o goimports medida por cmd/cellprofile/cellprobe.
type probe struct {
	Tool     string
	Args     []string
	Parent   string
	Start    float64
	End      float64
	CPU      float64
	ProbeCPU float64 `json:"probe_cpu"`
	Trace    string
	Exit     int
}

func (p probe) is(tool, sub string) bool {
	return p.Tool == tool && (sub == "" || len(p.Args) > 0 && p.Args[0] == sub)
}

func readProbes(path string) ([]probe, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []probe
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var p probe
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// buildTrace separa un go build (según su -debug-trace) en compilar el
// paquete de la celda, enlazar y el resto (arrancar, cargar paquetes,
// comprobar la caché de los demás), en segundos.
type buildTrace struct{ compile, link float64 }

func readTrace(path string) (buildTrace, error) {
	var bt buildTrace
	raw, err := os.ReadFile(path)
	if err != nil {
		return bt, err
	}
	var evs []struct {
		Name string  `json:"name"`
		Ph   string  `json:"ph"`
		TS   float64 `json:"ts"`
		TID  int64   `json:"tid"`
	}
	// go build cierra el JSON al terminar; si no está cerrado, se cierra aquí.
	text := strings.TrimRight(strings.TrimSpace(string(raw)), ",")
	if !strings.HasSuffix(text, "]") {
		text += "]"
	}
	if err := json.Unmarshal([]byte(text), &evs); err != nil {
		return bt, fmt.Errorf("%s: %w", path, err)
	}
	type key struct {
		name string
		tid  int64
	}
	open, dur := map[key]float64{}, map[string]float64{}
	main := ""
	for _, e := range evs {
		k := key{e.Name, e.TID}
		switch e.Ph {
		case "B":
			open[k] = e.TS
		case "E":
			if b, ok := open[k]; ok {
				delete(open, k)
				dur[e.Name] += (e.TS - b) / 1e6
			}
		}
		if strings.Contains(e.Name, " -> ") {
			continue // Flechas entre acciones, no acciones.
		}
		if p, ok := strings.CutPrefix(e.Name, "Executing action (link "); ok {
			main = strings.TrimSuffix(p, ")")
		}
	}
	// Solo cuenta como compilar el paquete que se enlaza (el de la celda): las
	// demás acciones «build» de la traza son consultas a la caché.
	bt.compile = dur["Executing action (build "+main+")"]
	bt.link = dur["Executing action (link "+main+")"] + dur["Executing action (link-install "+main+")"]
	return bt, nil
}

// trainingLine es la línea que deja train.LearningLoop.
var trainingLine = regexp.MustCompile(`Entrenamiento: (\d+) pasos en [0-9.]+ s \(([0-9.]+) µs/paso\)`)

// analyzeSession reparte el tiempo de cada celda en fases con el registro del
// kernel y las sondas.
func analyzeSession(kind string, labels, source []string, res *driverResult, logs []logEvent, probes []probe) (*session, error) {
	s := &session{kind: kind, startup: res.Ready - res.Start, source: source}
	if n := len(res.Cells); n > 0 {
		s.first, s.last = res.Cells[0].Sent, res.Cells[n-1].Idle
	}
	for i, c := range res.Cells {
		if c.Status != "ok" {
			return nil, fmt.Errorf("la celda %q (%s) terminó con error: %s", labels[i], kind, cellError(c))
		}
		s.cells = append(s.cells, analyzeCell(labels[i], c, logs, probes))
	}
	return s, nil
}

func cellError(c driverCell) string {
	var parts []string
	for _, e := range c.Events {
		if e.Type == "error" || e.Type == "stream" && e.Name == "stderr" {
			parts = append(parts, strings.TrimSpace(e.Text))
		}
	}
	return strings.Join(parts, "\n")
}

func analyzeCell(label string, c driverCell, logs []logEvent, probes []probe) cellTiming {
	ct := cellTiming{label: label, wall: c.Idle - c.Sent}
	in := func(t float64) bool { return t >= c.Sent-0.002 && t <= c.Idle+0.002 }
	var execStart, runStart, runEnd float64
	for _, e := range logs {
		switch {
		case !in(e.t):
		case execStart == 0 && strings.HasPrefix(e.msg, "ExecuteCell: ["):
			execStart = e.t
		case execStart != 0 && runStart == 0 && strings.HasPrefix(e.msg, "Executing: ") && !strings.HasPrefix(e.msg, "Executing: /bin/bash"):
			runStart = e.t
		case runStart != 0 && runEnd == 0 && strings.HasPrefix(e.msg, "Execution finished"):
			runEnd = e.t
		}
	}
	var gi, get, build *probe
	for i := range probes {
		p := &probes[i]
		if p.Parent != "gonb" || !in(p.Start) {
			continue
		}
		switch {
		case gi == nil && p.is("goimports", ""):
			gi = p
		case get == nil && p.is("go", "get"):
			get = p
		case build == nil && p.is("go", "build"):
			build = p
		}
	}
	for _, e := range c.Events {
		if e.Type == "stream" && e.Name == "stdout" {
			for _, m := range trainingLine.FindAllStringSubmatch(e.Text, -1) {
				steps, _ := strconv.Atoi(m[1])
				us, _ := strconv.ParseFloat(m[2], 64)
				ct.training += float64(steps) * us / 1e6
			}
		}
		if e.Type == "display_data" && e.Bytes > 1000 {
			ct.figures++
		}
	}
	ct.phases = cellPhases(c, execStart, runStart, runEnd, ct.training, gi, get, build)
	ct.cpu = cellCPUOf(c, probes, in)
	return ct
}

// cellPhases reparte [c.Sent, c.Idle] en fases. Los tramos que faltan (una
// celda sin código Go, un error de compilación) se quedan en la fase anterior.
func cellPhases(c driverCell, execStart, runStart, runEnd, training float64, gi, get, build *probe) [nPhases]float64 {
	var ph [nPhases]float64
	cur, at := phKernelIn, c.Sent
	mark := func(next int, t float64) {
		if t == 0 || t < at {
			return
		}
		ph[cur] += t - at
		cur, at = next, t
	}
	mark(phParse, execStart)
	if gi != nil {
		mark(phGoimports, gi.Start)
		mark(phMerge, gi.End)
	}
	if get != nil {
		mark(phGoget, get.Start)
		mark(phMerge, get.End)
	}
	if build != nil {
		mark(phLoad, build.Start)
		mark(phPreRun, build.End)
		if bt, err := readTrace(build.Trace); err == nil {
			total := build.End - build.Start
			ph[phLink], ph[phCompile] = min(bt.link, total), min(bt.compile, total-min(bt.link, total))
			ph[phLoad] -= ph[phLink] + ph[phCompile]
		}
	}
	mark(phProgram, runStart)
	mark(phReply, runEnd)
	mark(phReply, c.Idle)
	if runEnd > runStart && training > 0 {
		ph[phTraining] = min(training, ph[phProgram])
		ph[phProgram] -= ph[phTraining]
	}
	return ph
}

// cellCPUOf reparte la CPU de la celda: GoNB (el proceso del kernel), cada
// herramienta (según las sondas), gopls y, lo que queda de los hijos de GoNB,
// el programa de la celda (y los comandos !).
func cellCPUOf(c driverCell, probes []probe, in func(float64) bool) cellCPU {
	cpu := cellCPU{
		gonb:  c.CPUAfter.Kernel - c.CPUBefore.Kernel,
		gopls: c.CPUAfter.Gopls - c.CPUBefore.Gopls,
	}
	children := c.CPUAfter.Children - c.CPUBefore.Children
	for _, p := range probes {
		if p.Parent != "gonb" || !in(p.Start) {
			continue
		}
		switch {
		case p.is("goimports", ""):
			cpu.goimports += p.CPU
		case p.is("go", "get"):
			cpu.goget += p.CPU
		case p.is("go", "build"):
			cpu.gobuild += p.CPU
		}
		children -= p.CPU + p.ProbeCPU
	}
	cpu.program = max(children, 0)
	return cpu
}
