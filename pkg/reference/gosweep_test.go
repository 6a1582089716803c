// SPDX-License-Identifier: Apache-2.0

package reference

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"neuronas/pkg/course"
)

func TestGoSweepErrors(t *testing.T) {
	cases := map[string]fstest.MapFS{
		"falta el barrido de semillas de Go": {},
		"no se puede leer":                   {"go/sweep.json": {Data: []byte("{")}},
		"es de otra versión":                 {"go/sweep.json": {Data: []byte(`{"meta": {"format": 99, "kind": "go-sweep"}}`)}},
	}
	for want, fsys := range cases {
		_, err := readGoSweep(fsys)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "make sweep") {
			t.Errorf("%s: %v", want, err)
		}
	}
	relu, _ := course.Lookup(32)
	seeds := course.SweepSeeds(relu)
	losses, died := make([]float32, seeds), make([]bool, seeds)
	losses[0], losses[1], died[1] = 20.5, 788, true
	cells, _ := json.Marshal(map[string]GoSweepCells{"32": {Net: relu.Name(), Seeds: make([]int, seeds), FinalLoss: losses, Died: died},
		"19": {Net: "1-1-1 Tanh", Seeds: []int{0}, FinalLoss: []float32{1}, Died: []bool{false}}})
	meta := `{"format": 1, "kind": "go-sweep", "course_updated": "25/09/2025", "settings": ` + settingsJSON(t) +
		`, "died_rule": "` + course.Declared().Died + `"}`
	ok := `{"meta": ` + meta + `, "cells": ` + string(cells) + `}`
	d, err := readGoSweep(fstest.MapFS{"go/sweep.json": {Data: []byte(ok)}})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := d.runs(32)
	if err != nil || len(runs) != seeds || !runs[1].Died || runs[0].FinalLoss != 20.5 {
		t.Errorf("runs = %+v, %v", runs, err)
	}
	if _, err := d.runs(19); err == nil || !strings.Contains(err.Error(), "1 semillas") || !strings.Contains(err.Error(), "make sweep") {
		t.Errorf("celda con menos semillas que las declaradas: %v", err)
	}
	for name, bad := range map[string]string{
		"otros ajustes": strings.Replace(ok, `"steps":50000`, `"steps":100`, 1),
		"otra regla":    strings.Replace(ok, "exactamente cero", "casi cero", 1),
	} {
		if bad == ok {
			t.Fatalf("%s: la prueba no cambió nada", name)
		}
		if _, err := readGoSweep(fstest.MapFS{"go/sweep.json": {Data: []byte(bad)}}); err == nil ||
			!strings.Contains(err.Error(), "pkg/course/course.json") || !strings.Contains(err.Error(), "make sweep") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := d.runs(36); err == nil || !strings.Contains(err.Error(), "no tiene la celda In [36]") {
		t.Errorf("celda que falta: %v", err)
	}
	if _, err := GoSweep(23); err == nil || !strings.Contains(err.Error(), "no es una celda") {
		t.Errorf("celda que no existe: %v", err)
	}
}

func TestCompare(t *testing.T) {
	run := func(losses []float32, dead int) []SweepRun {
		var out []SweepRun
		for i, l := range losses {
			out = append(out, SweepRun{Seed: i, FinalLoss: l, Died: i < dead})
		}
		return out
	}
	same := []float32{10, 12, 15, 20, 30, 40, 700, 800, 11, 13}
	c, err := compare(run(same, 2), run(same, 2))
	if err != nil || c.PLoss != 1 || c.PDead != 1 || c.MedianGo != 17.5 || c.DeadGo != 2 || c.Seeds != 10 {
		t.Errorf("barridos iguales: %+v, %v", c, err)
	}
	far := []float32{1000, 1200, 1500, 2000, 3000, 4000, 7000, 8000, 1100, 1300}
	if c, _ := compare(run(same, 0), run(far, 10)); c.PLoss > 0.01 || c.PDead > 0.01 {
		t.Errorf("barridos muy distintos: %+v", c)
	}
}

func TestULPs(t *testing.T) {
	nan, negZero := float32(math.NaN()), float32(math.Copysign(0, -1))
	one := float32(1)
	next := math.Nextafter32(one, 2)
	cases := []struct {
		a, b float32
		want int64
	}{{one, one, 0}, {one, next, 1}, {next, one, 1}, {0, math.SmallestNonzeroFloat32, 1},
		{-math.SmallestNonzeroFloat32, math.SmallestNonzeroFloat32, 2}, {-1, 1, 2 * int64(math.Float32bits(1))},
		{nan, nan, NaNULPs}, {nan, 1, NaNULPs}, {0, nan, NaNULPs}, {negZero, 0, 0},
		{float32(math.Inf(1)), math.MaxFloat32, 1}}
	for _, c := range cases {
		if got := ULPs(c.a, c.b); got != c.want {
			t.Errorf("ULPs(%v, %v) = %d, esperado %d", c.a, c.b, got, c.want)
		}
	}
}
