// SPDX-License-Identifier: Apache-2.0

// Command spdx adds the license line (SPDX-License-Identifier: Apache-2.0) to every source file
// of the repository that lacks it (see internal/spdx), and lists them; with FILE arguments
// (relative to the repository root), only to those. With -check it only lists them and exits with
// 1 if there is any. Run it from anywhere inside the repository:
//
//	go run ./scripts/spdx [-check] [FILE...]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"neuronas/internal/nbtest"
	"neuronas/internal/spdx"
)

func main() {
	check := flag.Bool("check", false, "solo lista los ficheros sin la línea de licencia")
	flag.Parse()
	root, err := nbtest.FindRoot()
	if err != nil {
		fail(err)
	}
	missing, err := spdx.Missing(root)
	if err != nil {
		fail(err)
	}
	if flag.NArg() > 0 {
		missing = slices.DeleteFunc(missing, func(f string) bool { return !slices.Contains(flag.Args(), f) })
	}
	for _, f := range missing {
		if *check {
			fmt.Printf("falta: %s\n", f)
			continue
		}
		path := filepath.Join(root, f)
		src, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		}
		out, err := spdx.AddHeader(f, src)
		if err != nil {
			fail(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(path, out, info.Mode().Perm()); err != nil {
			fail(err)
		}
		fmt.Printf("añadida: %s\n", f)
	}
	if *check && len(missing) > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "spdx:", err)
	os.Exit(1)
}
