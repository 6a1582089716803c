// SPDX-License-Identifier: Apache-2.0

package memory

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBudgetCgroupV2(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "memory.max"), "2147483648\n")
	write(t, filepath.Join(root, "memory.stat"), "anon 314572800\nfile 999999999\n")
	b, ok := budgetFrom("", root, t.TempDir(), 10<<20)
	if !ok {
		t.Fatal("con memory.max = 2G tiene que haber presupuesto")
	}
	// 2 GB - (300 MB de memoria anónima - 10 MB del propio programa) - 5 % de margen.
	want := uint64(2<<30) - (290 << 20) - (2<<30)/20
	if b.Limit != 2<<30 || b.Others != 290<<20 || b.Bytes != want {
		t.Errorf("presupuesto %+v; se esperaba límite 2 GB, otros 290 MB, %d bytes", b, want)
	}
	if !strings.Contains(b.Source, "contenedor") {
		t.Errorf("origen del límite %q", b.Source)
	}
}

func TestBudgetCgroupV1(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "memory", "memory.limit_in_bytes"), "1073741824\n")
	write(t, filepath.Join(root, "memory", "memory.stat"), "cache 5000000000\nrss 1\ntotal_cache 5000000000\ntotal_rss 104857600\n")
	b, ok := budgetFrom("", root, t.TempDir(), 0)
	if !ok || b.Limit != 1<<30 || b.Others != 100<<20 || b.Bytes != (1<<30)-(100<<20)-(64<<20) {
		t.Errorf("presupuesto %+v, ok=%v; se esperaba 1 GB - 100 MB - 64 MB (el margen mínimo)", b, ok)
	}
}

func TestBudgetWithoutCgroupLimit(t *testing.T) {
	proc := t.TempDir()
	write(t, filepath.Join(proc, "meminfo"), "MemTotal:       24000000 kB\nMemAvailable:    8388608 kB\n")
	for name, setup := range map[string]func(root string){
		"v2 max": func(root string) { write(t, filepath.Join(root, "memory.max"), "max\n") },
		"v1 sin límite": func(root string) {
			write(t, filepath.Join(root, "memory", "memory.limit_in_bytes"), "9223372036854771712\n")
		},
		"sin cgroup": func(string) {},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			setup(root)
			b, ok := budgetFrom("", root, proc, 0)
			if !ok || b.Limit != 8<<30 || !strings.Contains(b.Source, "sistema") {
				t.Errorf("presupuesto %+v, ok=%v; se esperaba la memoria disponible (8 GB)", b, ok)
			}
		})
	}
	if _, ok := budgetFrom("", t.TempDir(), t.TempDir(), 0); ok {
		t.Error("sin cgroup ni /proc/meminfo no hay límite que vigilar")
	}
}

func TestBudgetFromEnv(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "memory.max"), "2147483648\n")
	b, ok := budgetFrom("512M", root, t.TempDir(), 0)
	if !ok || b.Limit != 512<<20 || b.Bytes != (512<<20)-(64<<20) || !strings.Contains(b.Source, EnvVar) {
		t.Errorf("presupuesto %+v, ok=%v; NEURONAS_MEMORIA=512M manda sobre el cgroup", b, ok)
	}
	if _, ok := budgetFrom("0", root, t.TempDir(), 0); ok {
		t.Error("NEURONAS_MEMORIA=0 desactiva la vigilancia")
	}
	// Un tamaño de menos de un byte no desactiva la vigilancia: se avisa y se
	// vigila el límite del contenedor.
	if b, ok := budgetFrom("1e-30", root, t.TempDir(), 0); !ok || b.Limit != 2<<30 {
		t.Errorf("NEURONAS_MEMORIA=1e-30: presupuesto %+v, ok=%v; se esperaba el límite del cgroup", b, ok)
	}
	// Un límite con el que no cabe ni una celda vacía (1, pensando en 1G; 1K):
	// se avisa y se vigila el límite del contenedor.
	for _, env := range []string{"1", "1K", "63M"} {
		if b, ok := budgetFrom(env, root, t.TempDir(), 0); !ok || b.Limit != 2<<30 {
			t.Errorf("NEURONAS_MEMORIA=%s: presupuesto %+v, ok=%v; se esperaba el límite del cgroup", env, b, ok)
		}
	}
	if b, ok := budgetFrom("64M", root, t.TempDir(), 0); !ok || b.Limit != 64<<20 {
		t.Errorf("NEURONAS_MEMORIA=64M: presupuesto %+v, ok=%v; 64M es el mínimo admitido", b, ok)
	}
	// Un valor que no se entiende: se avisa y se usa el límite del contenedor.
	if b, ok := budgetFrom("mucho", root, t.TempDir(), 0); !ok || b.Limit != 2<<30 {
		t.Errorf("NEURONAS_MEMORIA=mucho: presupuesto %+v, ok=%v; se esperaba el límite del cgroup", b, ok)
	}
	// Los demás ya usan todo: la celda no tiene nada.
	write(t, filepath.Join(root, "memory.stat"), "anon 2147483648\n")
	if b, ok := budgetFrom("", root, t.TempDir(), 0); !ok || b.Bytes != 1 {
		t.Errorf("sin memoria libre: presupuesto %+v, ok=%v; se esperaba 1 byte", b, ok)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]uint64{
		"123": 123, "512K": 512 << 10, "512m": 512 << 20, "2G": 2 << 30, "1.5GB": 3 << 29, " 1T ": 1 << 40,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; se esperaba %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "G", "-1M", "dos", "NaN", "1e30G", "1e-30", "0.5", "1e-20G"} {
		if _, err := ParseSize(in); err == nil || !strings.Contains(err.Error(), "512M") ||
			!strings.HasPrefix(err.Error(), "memory.ParseSize: ") {
			t.Errorf("ParseSize(%q): error %v; se esperaba uno que diga cómo escribirlo", in, err)
		}
	}
	// Un número que no cabe no es «no es un tamaño»: el error dice que es demasiado grande.
	for _, in := range []string{"1e30", "18446744073709551616", "9999999999G"} {
		if _, err := ParseSize(in); err == nil || !strings.Contains(err.Error(), "demasiado grande") {
			t.Errorf("ParseSize(%q): error %v; se esperaba «demasiado grande»", in, err)
		}
	}
	if n, err := ParseSize("0"); n != 0 || err != nil {
		t.Errorf("ParseSize(\"0\") = %d, %v; 0 desactiva la vigilancia", n, err)
	}
}

// watch avisa en cuanto el programa pasa del presupuesto, y no antes.
func TestWatch(t *testing.T) {
	var out bytes.Buffer
	exited := make(chan struct{})
	b := Budget{Limit: 2 << 30, Others: 300 << 20, Bytes: GoMemory() + 64<<20, Source: "límite de prueba"}
	go watch(b, &out, func() { close(exited) })
	select {
	case <-exited:
		t.Fatalf("avisó sin pasar del presupuesto: %s", out.String())
	case <-time.After(5 * Interval):
	}
	big := make([]byte, 128<<20)
	select {
	case <-exited:
	case <-time.After(2 * time.Second):
		t.Fatal("no avisó con 128 MB más que el presupuesto")
	}
	big[len(big)-1] = 1
	msg := out.String()
	for _, want := range []string{"sin memoria", "2,0 GB (límite de prueba)", "300 MB", "siguen en marcha", "menos puntos"} {
		if !strings.Contains(msg, want) {
			t.Errorf("el mensaje no dice %q:\n%s", want, msg)
		}
	}
}

// Un programa de verdad con NEURONAS_MEMORIA=256M que va llenando 1 GB: Guard
// lo para con el mensaje y el código ExitCode antes de llegar al GB.
func TestGuardStopsProgram(t *testing.T) {
	if os.Getenv("MEMORY_TEST_CHILD") == "1" {
		Guard()
		var chunks [][]byte
		for range 64 {
			c := make([]byte, 16<<20)
			for i := range c {
				c[i] = 1
			}
			chunks = append(chunks, c)
			time.Sleep(5 * time.Millisecond)
		}
		os.Stdout.WriteString("llegó al final con 1 GB\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGuardStopsProgram$")
	cmd.Env = append(os.Environ(), "MEMORY_TEST_CHILD=1", EnvVar+"=256M", "GOMEMLIMIT=off")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != ExitCode {
		t.Fatalf("el programa terminó con %v (se esperaba el código %d):\n%s", err, ExitCode, out)
	}
	if !strings.Contains(string(out), "esta celda se ha quedado sin memoria") || strings.Contains(string(out), "llegó al final") {
		t.Errorf("salida:\n%s", out)
	}
}

// Solo los cuadernos importan este paquete: ningún otro paquete del módulo
// (ni sus pruebas, ni el banco de pruebas) debe importarlo, porque al
// cargarse instala el vigilante, que puede terminar el programa desde otra
// gorrutina, y cambia el recolector de basura.
func TestOnlyNotebooksImportMemory(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	self := filepath.Join(root, "pkg", "memory")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == self || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"neuronas/pkg/memory"` {
				t.Errorf("%s importa neuronas/pkg/memory; solo deben importarlo los cuadernos", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Los valores cero no entran en pánico: un Budget{} vacío, un tamaño vacío.
func TestZeroValues(t *testing.T) {
	if m := Message(Budget{}, 0); !strings.Contains(m, "sin memoria") {
		t.Errorf("Message(Budget{}, 0) = %q", m)
	}
	if _, err := ParseSize(""); err == nil {
		t.Error("ParseSize(\"\") sin error")
	}
	_, _ = CurrentBudget()
	_ = GoMemory()
}
