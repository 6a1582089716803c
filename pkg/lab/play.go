// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/dom"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/janpfeifer/gonb/gonbui/widgets"
)

// Variables de entorno que cambian el comportamiento de Play (para las
// pruebas; un estudiante no las necesita).
const (
	// EnvSeconds limita cuántos segundos siguen vivos los controles (por
	// defecto, hasta que se interrumpe el kernel).
	EnvSeconds = "NEURONAS_LAB_SEGUNDOS"
	// EnvProbe es cuántos segundos espera Play a que JupyterLab responda
	// antes de decidir que no hay navegador (por defecto 10; 0: no esperar,
	// fotograma fijo).
	EnvProbe = "NEURONAS_LAB_ESPERA"
	// envSession la pone el servidor de Jupyter (JupyterLab, Notebook, el Hub)
	// a los kernels que arranca; nbclient y nbconvert, que ejecutan cuadernos
	// sin navegador, no la ponen.
	envSession = "JPY_SESSION_NAME"
)

// Play monta el laboratorio en la celda del cuaderno, empezando por los
// ajustes s.
//
// Si la celda se ejecuta en JupyterLab (el servidor de Jupyter arrancó el kernel
// y el navegador responde en 10 s como mucho), muestra los controles (semilla, capas,
// neuronas, activación, tasa, pasos, normalizar y el botón del recuento) y
// vuelve a entrenar cada vez que cambia uno, hasta que se interrumpe el
// kernel. Si no hay navegador que responda (el cuaderno se ejecuta sin
// JupyterLab, como en las pruebas o al generar los materiales) o fuera de un
// cuaderno, entrena una vez con s, muestra el fotograma y termina: así el
// cuaderno guardado tiene una figura y un veredicto, no unos controles vacíos.
//
// Los errores de los ajustes se muestran en la zona del laboratorio; Play solo
// devuelve un error si no puede dibujar nada.
func Play(s Settings) error {
	probe := seconds(EnvProbe, 10)
	if os.Getenv(envSession) == "" && os.Getenv(EnvProbe) == "" {
		probe = 0 // Sin servidor de Jupyter no hay navegador: ni lo intentamos.
	}
	if !gonbui.IsNotebook || !frontEndAlive(probe) {
		return staticFrame(s)
	}
	return live(s, seconds(EnvSeconds, 0))
}

func seconds(env string, def float64) time.Duration {
	if v, err := strconv.ParseFloat(os.Getenv(env), 64); err == nil && v >= 0 {
		def = v
	}
	return time.Duration(def * float64(time.Second))
}

// staticFrame entrena una vez y deja el fotograma en la salida de la celda.
func staticFrame(s Settings) error {
	r, err := Train(s, nil)
	if err != nil {
		fmt.Println(err)
		return nil
	}
	f, err := r.Frame()
	if err != nil {
		return err
	}
	if !gonbui.IsNotebook {
		fmt.Println(f.Text)
		return nil
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  f.HTML,
		protocol.MIMETextPlain: f.Text,
	}})
	gonbui.Sync()
	return nil
}

// frontEndAlive dice si hay un JupyterLab que ejecuta el JavaScript de la
// celda y habla con GoNB: le pide que cree una variable sincronizada y
// espera su valor como mucho wait. Lo vuelve a pedir cada 2 s, porque con la
// máquina cargada la conexión de GoNB con el navegador puede tardar en abrirse.
func frontEndAlive(wait time.Duration) bool {
	if wait <= 0 {
		return false
	}
	dom.TransientJavascript(socketURLFix)
	addr := "/neuronas/lab/sonda/" + gonbui.UniqueId()
	ch := comms.Listen[int](addr)
	defer ch.Close()
	js := fmt.Sprintf(`(() => { const c = globalThis?.gonb_comm; if (c) { c.newSyncedVariable(%q, Date.now() %% 1000000); } })();`, addr)
	deadline := time.After(wait)
	for {
		comms.Start() // Instala (o comprueba) la conexión de GoNB con el navegador.
		dom.TransientJavascript(js)
		select {
		case <-ch.C:
			return true
		case <-deadline:
			return false
		case <-time.After(2 * time.Second):
		}
	}
}

// socketURLFix corrige en el navegador la dirección con la que GoNB (v0.11.4)
// abre su conexión con el kernel para los controles: la escribe como
// ws://servidor/api/kernels/…, sin la ruta base del servidor de Jupyter ni
// wss:// en las páginas https. Detrás de un JupyterHub (ruta base
// /user/<nombre>/) o de https, esa dirección no llega al kernel y los
// controles no aparecerían. El arreglo envuelve WebSocket para que esas
// direcciones, y solo esas, usen la ruta base de la página
// (jupyter-config-data) y el protocolo que toca; con la ruta base «/» y
// http no cambia nada.
const socketURLFix = `(() => {
  if (globalThis.neuronasSocketFix) { return; }
  let base = "/";
  try { base = JSON.parse(document.getElementById("jupyter-config-data").textContent).baseUrl || "/"; } catch (e) {}
  if (!base.endsWith("/")) { base += "/"; }
  const wrong = "ws://" + location.host + "/api/kernels/";
  const right = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + base + "api/kernels/";
  globalThis.neuronasSocketFix = true;
  if (wrong === right) { return; }
  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(url, protocols) {
      if (typeof url === "string" && url.startsWith(wrong)) { url = right + url.slice(wrong.length); }
      super(url, protocols);
    }
  };
})();`

// event es un cambio en un control: qué ajuste cambia, o el botón.
type event struct {
	apply func(*Settings)
	tally bool
}

func indexOf[T comparable](xs []T, v T) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return 0
}

// live es el laboratorio con controles.
func live(s Settings, limit time.Duration) error {
	id := gonbui.UniqueId()
	root := dom.CreateTransientDiv()
	row := func(label, key string) string {
		return fmt.Sprintf(`<tr><td style="text-align:right;padding-right:8px">%s</td><td id="lab_%s_%s"></td><td id="lab_%s_%s_v" style="padding-left:8px;font-family:monospace"></td></tr>`,
			label, key, id, key, id)
	}
	// data-lm-suppress-shortcuts: las flechas del teclado mueven el control
	// en vez de activar los atajos de JupyterLab.
	dom.Append(root, `<div class="neuronas-lab-controls" id="lab_controls_`+id+`" data-lm-suppress-shortcuts="true" style="font-family:sans-serif"><p><b>Laboratorio</b>: mueve un control y la red se vuelve a entrenar. `+
		`Para pararlo: menú Kernel → «Interrumpir el intérprete» (o el botón ■ de la barra).</p><table>`+
		row("semilla", "seed")+row("capas ocultas", "layers")+row("neuronas por capa", "neurons")+
		row("activación", "act")+row("tasa de aprendizaje", "lr")+row("pasos", "steps")+row("datos", "norm")+
		row("", "tally")+`</table></div>`)
	// Las teclas que se pulsan en un control se quedan en él: sin esto,
	// JupyterLab las toma por atajos del cuaderno (y se lleva el foco a otra celda).
	dom.TransientJavascript(fmt.Sprintf(`(() => { const c = document.getElementById(%q); if (c) { c.addEventListener("keydown", e => e.stopPropagation()); } })();`, "lab_controls_"+id))
	cell := func(key string) string { return fmt.Sprintf("lab_%s_%s", key, id) }
	setLabel := func(key, text string) { dom.SetInnerText(cell(key)+"_v", text) }

	events := make(chan event, 64)
	forward := func(c *comms.AddressChan[int], f func(v int) event) {
		go func() {
			for v := range c.C {
				events <- f(v)
			}
		}()
	}

	seed := widgets.Slider(0, 99, min(s.Seed, 99)).AppendTo(cell("seed")).Done()
	setLabel("seed", strconv.Itoa(seed.Value()))
	forward(seed.Listen(), func(v int) event {
		setLabel("seed", strconv.Itoa(v))
		return event{apply: func(s *Settings) { s.Seed = v }}
	})
	layers := widgets.Slider(0, MaxHiddenLayers, s.HiddenLayers).AppendTo(cell("layers")).Done()
	setLabel("layers", strconv.Itoa(s.HiddenLayers))
	forward(layers.Listen(), func(v int) event {
		setLabel("layers", strconv.Itoa(v))
		return event{apply: func(s *Settings) { s.HiddenLayers = v }}
	})
	neurons := widgets.Slider(0, 16, s.Neurons).AppendTo(cell("neurons")).Done()
	setLabel("neurons", strconv.Itoa(s.Neurons))
	forward(neurons.Listen(), func(v int) event {
		setLabel("neurons", strconv.Itoa(v))
		return event{apply: func(s *Settings) { s.Neurons = v }}
	})
	act := widgets.Select(Activations).SetDefault(indexOf(Activations, s.Activation)).AppendTo(cell("act")).Done()
	forward(act.Listen(), func(v int) event {
		return event{apply: func(s *Settings) { s.Activation = Activations[v] }}
	})
	rates := make([]string, len(LearningRates))
	for i, lr := range LearningRates {
		rates[i] = strconv.FormatFloat(lr, 'g', -1, 64)
	}
	lr := widgets.Select(rates).SetDefault(indexOf(LearningRates, s.LR)).AppendTo(cell("lr")).Done()
	forward(lr.Listen(), func(v int) event {
		return event{apply: func(s *Settings) { s.LR = LearningRates[v] }}
	})
	stepNames := make([]string, len(StepChoices))
	for i, n := range StepChoices {
		stepNames[i] = strconv.Itoa(n)
	}
	steps := widgets.Select(stepNames).SetDefault(indexOf(StepChoices, s.Steps)).AppendTo(cell("steps")).Done()
	forward(steps.Listen(), func(v int) event {
		return event{apply: func(s *Settings) { s.Steps = StepChoices[v] }}
	})
	normIdx := 0
	if s.Normalize {
		normIdx = 1
	}
	norm := widgets.Select([]string{"sin normalizar", "normalizados (media 0, desviación típica 1)"}).SetDefault(normIdx).AppendTo(cell("norm")).Done()
	forward(norm.Listen(), func(v int) event {
		return event{apply: func(s *Settings) { s.Normalize = v == 1 }}
	})
	button := widgets.Button(fmt.Sprintf("Recuento con %d semillas", TallySeeds)).AppendTo(cell("tally")).Done()
	forward(button.Listen(), func(int) event { return event{tally: true} })

	area := "neuronas_lab_" + id
	tallyArea := "neuronas_lab_tally_" + id
	gonbui.UpdateHTML(area, `<div style="font-family:sans-serif;color:#555">Entrenando…</div>`)
	gonbui.UpdateHTML(tallyArea, `<div style="font-family:sans-serif;color:#555">Pulsa el botón para entrenar con las semillas 0 a 19 y contar cuántas redes mueren.</div>`)
	show := func(htmlText string) {
		gonbui.UpdateHTML(area, htmlText)
	}
	message := func(err error) {
		show(fmt.Sprintf(`<div style="font-family:sans-serif;color:#b22222;border:1px solid #b22222;padding:6px">%s</div>`, html.EscapeString(studentMessage(err))))
	}

	retrain := func(ctx context.Context, s Settings) {
		r, err := TrainContext(ctx, s, func(p *Result) {
			if f, err := p.Frame(); err == nil && ctx.Err() == nil {
				show(f.HTML)
			}
		})
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			message(err)
			return
		}
		f, err := r.Frame()
		if err != nil {
			message(err)
			return
		}
		show(f.HTML)
		gonbui.Sync()
	}
	tally := func(ctx context.Context, s Settings) {
		gonbui.UpdateHTML(tallyArea, `<div style="font-family:sans-serif">Recuento: empezando…</div>`)
		t, err := Tally(ctx, s, TallySeeds, func(done int) {
			gonbui.UpdateHTML(tallyArea, fmt.Sprintf(`<div style="font-family:sans-serif">Recuento: %d de %d semillas…</div>`, done, TallySeeds))
		})
		if ctx.Err() != nil {
			gonbui.UpdateHTML(tallyArea, `<div style="font-family:sans-serif;color:#555">Recuento interrumpido por un cambio en los controles; vuelve a pulsar el botón.</div>`)
			return
		}
		if err != nil {
			gonbui.UpdateHTML(tallyArea, fmt.Sprintf(`<div style="font-family:sans-serif;color:#b22222">%s</div>`, html.EscapeString(studentMessage(err))))
			return
		}
		gonbui.UpdateHTML(tallyArea, fmt.Sprintf(`<div class="neuronas-lab-tally" style="font-family:sans-serif"><b>Recuento</b>: %s</div>`,
			html.EscapeString(t.Summary())))
		gonbui.Sync()
	}

	// Kernel → «Interrumpir el intérprete» le manda a este programa SIGINT:
	// terminamos limpiamente, sin error, y el último fotograma se queda.
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)

	// Bucle de eventos: cada cambio cancela el trabajo en curso y empieza otro.
	var deadline <-chan time.Time
	if limit > 0 {
		deadline = time.After(limit)
	}
	cancel := func() {}
	done := make(chan struct{}, 1)
	running := false
	start := func(job func(context.Context, Settings)) {
		ctx, c := context.WithCancel(context.Background())
		cancel = c
		running = true
		cur := s
		go func() { job(ctx, cur); done <- struct{}{} }()
	}
	stop := func() {
		if running {
			cancel()
			<-done
			running = false
		}
	}
	start(retrain)
	for {
		select {
		case ev := <-events:
			// Junta los cambios que llegan seguidos (al arrastrar un control).
			tallyAsked := ev.tally
			if ev.apply != nil {
				ev.apply(&s)
			}
			quiet := time.After(60 * time.Millisecond)
		drain:
			for {
				select {
				case ev := <-events:
					tallyAsked = tallyAsked || ev.tally
					if ev.apply != nil {
						ev.apply(&s)
					}
				case <-quiet:
					break drain
				}
			}
			stop()
			if err := s.Validate(); err != nil {
				message(err)
				continue
			}
			if tallyAsked {
				start(tally)
			} else {
				start(retrain)
			}
		case <-done:
			running = false
		case <-deadline:
			stop()
			return nil
		case <-interrupt:
			stop()
			fmt.Println("Laboratorio detenido. Vuelve a ejecutar la celda para seguir probando.")
			return nil
		}
	}
}

// studentMessage es el mensaje de un error para la zona del laboratorio, sin
// el prefijo «lab.Función:» (el estudiante no ha llamado a ninguna función).
func studentMessage(err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "lab.") {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			return rest
		}
	}
	return msg
}
