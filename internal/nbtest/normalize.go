// SPDX-License-Identifier: Apache-2.0

package nbtest

import (
	"os"
	"path/filepath"
	"regexp"
)

// volatile are the rules of Normalize, applied in order: each replaces something that changes
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

// Normalize replaces the volatile parts of a text output (see volatile) with placeholders.
func Normalize(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.repl)
	}
	return s
}
