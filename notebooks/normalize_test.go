package notebooks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// volatile are the rules of normalize, applied in order: each replaces something that changes
// from run to run (and only that) with a fixed placeholder.
var volatile = []struct {
	re   *regexp.Regexp
	repl string
}{
	// Temporary paths, e.g. GoNB's work folder /tmp/gonb_1a2b3c4d/main.go or $TMPDIR/figuras/x.png
	// (a trailing '.', ',', ';' or ':' is taken as punctuation, not part of the path).
	{regexp.MustCompile(`(?:` + regexp.QuoteMeta(filepath.Clean(os.TempDir())) + `|/tmp|/var/folders)(?:/[^\s"'<>()\[\]]*[^\s"'<>()\[\].,;:])?`), "<tmp>"},
	// Process ids: "pid 123", "PID=123", "pid: 123".
	{regexp.MustCompile(`(?i)\bpid\s*[=:]?\s*\d+`), "pid <pid>"},
	// Memory addresses, e.g. 0xc000123456.
	{regexp.MustCompile(`\b0x[0-9a-fA-F]{6,}\b`), "0x<dirección>"},
	// Log headers from klog (GoMLX logs with it): "I1129 17:54:14.557550   14118 file.go:12]" carry
	// date, time and pid.
	{regexp.MustCompile(`(?m)^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ `), "<klog> "},
	// Clock times: 17:49:03, 17:49:03.123456.
	{regexp.MustCompile(`\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b`), "<hora>"},
	// Durations as Go prints them or written in Spanish: 1.23s, 12ms, 45 µs, 1m2.5s, 2h0m0s,
	// 3,5 segundos. A unit may be followed by "/paso" etc.: "45 µs/paso" -> "<tiempo>/paso".
	{regexp.MustCompile(`\b(?:\d+(?:[.,]\d+)?[hm])*\d+(?:[.,]\d+)? ?(?:ns|µs|μs|us|ms|s|segundos?|milisegundos?|microsegundos?|minutos?)\b`), "<tiempo>"},
	// Rates per second: "1234 pasos/s", "12.5 it/s".
	{regexp.MustCompile(`\b\d+(?:[.,]\d+)?( ?\pL+/s)\b`), "<n>$1"},
}

// normalize replaces the volatile parts of a text output (see volatile) with placeholders.
func normalize(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.repl)
	}
	return s
}

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
		if got := normalize(c.in); got != c.want {
			t.Errorf("normalize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
