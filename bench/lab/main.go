// SPDX-License-Identifier: Apache-2.0

// Command lab mide lo que tarda el laboratorio (pkg/lab) en responder a un
// control: volver a entrenar la red con 5000 pasos y dibujar el fotograma
// (las tres figuras PNG y el HTML). El objetivo es 1 s en una máquina de dos
// núcleos. Imprime, para cada experimento, la mediana y el máximo del tiempo
// de reloj y el tiempo de CPU del proceso: en una máquina compartida el reloj
// cuenta también la espera por la CPU.
//
//	go run ./bench/lab [-n 10]
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"neuronas/pkg/lab"
)

func main() {
	n := flag.Int("n", 10, "repeticiones de cada experimento")
	flag.Parse()
	if *n < 1 {
		fmt.Fprintln(os.Stderr, "lab: -n debe ser al menos 1")
		os.Exit(2)
	}
	leaky := lab.Default()
	leaky.Activation = "LeakyReLU"
	wide := lab.Default()
	wide.Neurons = 16
	cases := []struct {
		name string
		s    lab.Settings
	}{
		{"por defecto (1-5-5-5-1 ReLU, 5000 pasos)", lab.Default()},
		{"1-5-5-5-1 LeakyReLU, 5000 pasos", leaky},
		{"1-16-16-16-1 ReLU, 5000 pasos", wide},
	}
	// Un primer experimento sin medir: arranca el backend.
	if _, err := lab.Train(lab.Default(), nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-42s %12s %12s %12s %12s %12s\n", "experimento", "entrenar", "dibujar", "total med.", "total máx.", "CPU/total")
	for _, c := range cases {
		var train, draw, total []time.Duration
		var cpu time.Duration
		for range *n {
			c0, t0 := cpuTime(), time.Now()
			r, err := lab.Train(c.s, nil)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			t1 := time.Now()
			if _, err := r.Frame(); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			t2 := time.Now()
			cpu += cpuTime() - c0
			train, draw, total = append(train, t1.Sub(t0)), append(draw, t2.Sub(t1)), append(total, t2.Sub(t0))
		}
		fmt.Printf("%-42s %12s %12s %12s %12s %12s\n", c.name, med(train), med(draw), med(total), slices.Max(total).Round(time.Millisecond),
			(cpu / time.Duration(*n)).Round(time.Millisecond))
	}
}

func med(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2].Round(time.Millisecond)
}
