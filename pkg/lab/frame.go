// SPDX-License-Identifier: Apache-2.0

package lab

import (
	"encoding/base64"
	"fmt"
	"html"
	"strings"
)

// Frame es un fotograma del laboratorio: las figuras y el veredicto de un
// resultado (parcial o final), en HTML para el cuaderno y en texto plano.
type Frame struct {
	HTML, Text string
}

// Frame dibuja el fotograma del resultado.
func (r *Result) Frame() (Frame, error) {
	if r == nil || r.Model == nil {
		return Frame{}, fmt.Errorf("lab.Result.Frame: el resultado está vacío; obtenlo con lab.Train")
	}
	f, err := r.Figures()
	if err != nil {
		return Frame{}, err
	}
	color := "#2c7a2c"
	switch {
	case !r.Final:
		color = "#555"
	case r.Died || r.Diverged:
		color = "#b22222"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="neuronas-lab-frame"><div style="font-family:sans-serif;margin:4px 0"><b>%s</b></div>`, html.EscapeString(r.Settings.String()))
	b.WriteString(`<div style="display:flex;flex-wrap:wrap;gap:4px">`)
	for _, fig := range []Figure{f.Fit, f.Loss, f.Neurons} {
		a := html.EscapeString(fig.Alt)
		fmt.Fprintf(&b, `<img src="data:image/png;base64,%s" alt="%s" title="%s" width="%d" style="max-width:100%%;height:auto"/>`,
			base64.StdEncoding.EncodeToString(fig.PNG), a, a, DisplayWidth)
	}
	fmt.Fprintf(&b, `</div><div class="neuronas-lab-verdict" style="font-family:sans-serif;font-size:110%%;color:%s;margin:6px 0">%s</div></div>`,
		color, html.EscapeString(r.Verdict()))
	text := fmt.Sprintf("%s\n[figura] %s\n[figura] %s\n[figura] %s\n%s",
		r.Settings, f.Fit.Alt, f.Loss.Alt, f.Neurons.Alt, r.Verdict())
	return Frame{HTML: b.String(), Text: text}, nil
}
