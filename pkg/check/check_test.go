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

type myError struct{}

func (*myError) Error() string { return "mi error" }

// Un *myError nil guardado en un error no es nil: OK para la celda con un
// mensaje que explica el caso, no con «Error: <nil>».
func TestOKTypedNil(t *testing.T) {
	var out bytes.Buffer
	code := -1
	stderr, exit = &out, func(c int) { code = c }
	var p *myError
	var err error = p
	OK(err)
	want := "Error: check.OK: el error no es nil, pero es un *check.myError nil"
	if code != 1 || !bytes.HasPrefix(out.Bytes(), []byte(want)) {
		t.Fatalf("code %d, out %q; quería %q", code, out.String(), want)
	}
}
