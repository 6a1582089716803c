// SPDX-License-Identifier: Apache-2.0

package check

import (
	"bytes"
	"errors"
	"testing"
)

func TestMust(t *testing.T) {
	var out bytes.Buffer
	code := -1
	stderr, exit = &out, func(c int) { code = c }
	if v := Must(3, nil); v != 3 || code != -1 || out.Len() != 0 {
		t.Fatalf("Must(3, nil) = %d, code %d, out %q", v, code, out.String())
	}
	Must(0, errors.New("steps debe ser positivo"))
	if code != 1 || out.String() != "Error: steps debe ser positivo\n" {
		t.Fatalf("code %d, out %q", code, out.String())
	}
}
