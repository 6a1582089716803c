// SPDX-License-Identifier: Apache-2.0

// Package show muestra figuras (PNG o SVG) en el cuaderno de GoNB, siempre
// acompañadas de un texto alternativo en español.
//
// Dentro de un cuaderno, cada figura se envía como HTML con la imagen
// incrustada (data URI) y su atributo alt, más una versión en texto plano con
// el mismo texto alternativo. Así la figura se guarda dentro del propio
// cuaderno y se ve sin red al exportarlo a HTML o PDF.
//
// Fuera de un cuaderno (por ejemplo con `go run`), la figura se escribe en un
// fichero dentro de [Dir] y se imprime su ruta junto al texto alternativo.
package show

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"neuronas/internal/valid"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Dir es la carpeta donde se guardan las figuras cuando el programa no se
// ejecuta dentro de un cuaderno. Por defecto es la variable de entorno
// NEURONAS_FIGURAS o, si no existe, "figuras" dentro de la carpeta temporal
// del sistema.
var Dir = defaultDir()

func defaultDir() string {
	if d := os.Getenv("NEURONAS_FIGURAS"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "figuras")
}

var (
	mu      sync.Mutex
	counter int
)

// PNG muestra una imagen PNG con su texto alternativo (alt).
// Devuelve un error si la imagen está vacía, si falta el texto alternativo o
// si no se pudo escribir el fichero fuera del cuaderno.
func PNG(png []byte, alt string) error {
	return display("show.PNG", png, "image/png", "png", alt)
}

// SVG muestra una imagen SVG con su texto alternativo (alt).
func SVG(svg string, alt string) error {
	return display("show.SVG", []byte(svg), "image/svg+xml", "svg", alt)
}

func display(fn string, content []byte, mime, ext, alt string) error {
	if len(content) == 0 {
		return fmt.Errorf("%s: la imagen está vacía; comprueba que la figura se generó bien antes de mostrarla", fn)
	}
	if len(content) > MaxBytes {
		return fmt.Errorf("%s: la imagen ocupa %d bytes, más de los %d que admite un cuaderno; "+
			"haz la figura más pequeña o con menos elementos", fn, len(content), MaxBytes)
	}
	if err := checkFormat(fn, content, mime); err != nil {
		return err
	}
	alt = strings.TrimSpace(alt)
	if alt == "" {
		return fmt.Errorf("%s: falta el texto alternativo (alt); describe en una frase lo que muestra la figura", fn)
	}
	if err := valid.Text(fn, "el texto alternativo (alt)", alt, MaxAlt, true); err != nil {
		return err
	}
	if !gonbui.IsNotebook {
		return writeFile(fn, content, ext, alt)
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  HTMLImage(content, mime, alt),
		protocol.MIMETextPlain: "[figura] " + alt,
	}})
	// Espera a que el kernel reciba la figura: si la celda termina justo
	// después, GoNB podría cerrar la tubería antes de leerla y se perdería.
	gonbui.Sync()
	return nil
}

// MaxBytes es el tamaño máximo de una figura (8 MB): más haría el cuaderno
// lento de abrir y de guardar.
const MaxBytes = 8 << 20

// MaxAlt es la longitud máxima del texto alternativo, en caracteres.
const MaxAlt = 5000

// checkFormat comprueba que content sea de verdad un PNG (firma y cabecera) o
// un SVG (XML bien formado cuyo primer elemento es <svg>).
func checkFormat(fn string, content []byte, mime string) error {
	switch mime {
	case "image/png":
		if _, err := png.DecodeConfig(bytes.NewReader(content)); err != nil {
			return fmt.Errorf("%s: los bytes no son un PNG válido (%v); pasa la imagen que devuelve plots o png.Encode", fn, err)
		}
		// Un PNG termina con el bloque IEND: sin él, la imagen está cortada
		// (el navegador la mostraría a medias o nada).
		if !bytes.HasSuffix(content, pngEnd) {
			return fmt.Errorf("%s: el PNG está incompleto (no termina con el bloque IEND: ¿se cortó al copiarlo o leerlo?); "+
				"pasa la imagen entera, tal como la devuelve plots o png.Encode", fn)
		}
	case "image/svg+xml":
		if err := checkSVG(content); err != nil {
			return fmt.Errorf("%s: el texto no es un SVG válido (%v); debe ser XML bien formado que empiece por <svg", fn, err)
		}
	}
	return nil
}

// pngEnd es el último bloque de todo PNG: IEND, vacío, con su CRC.
var pngEnd = []byte{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}

func checkSVG(content []byte) error {
	d := xml.NewDecoder(bytes.NewReader(content))
	root, depth := false, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if !root {
				return errors.New("no hay ningún elemento <svg>")
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && root {
				return fmt.Errorf("hay otro elemento <%s> después del <svg> principal (un documento XML tiene un solo elemento raíz)", t.Name.Local)
			}
			if !root && t.Name.Local != "svg" {
				return fmt.Errorf("el primer elemento es <%s>", t.Name.Local)
			}
			root = true
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("hay texto fuera del elemento <svg> (%q)", bytes.TrimSpace(t))
			}
		}
	}
}

// DisplayWidth es el ancho, en píxeles de pantalla, con que el cuaderno
// muestra una imagen PNG (menos si la ventana es más estrecha). Las gráficas
// de plots tienen el doble de píxeles, para que se vean nítidas; un PNG más
// pequeño se muestra a su tamaño. Un SVG dice su propio tamaño (los
// esquemas de diagram miden también 640 de ancho).
const DisplayWidth = 640

// HTMLImage devuelve una etiqueta <img> con el contenido incrustado como data URI
// y el texto alternativo en sus atributos alt y title. Un PNG lleva además su
// ancho en pantalla: el suyo, pero como mucho [DisplayWidth].
func HTMLImage(content []byte, mime, alt string) string {
	a := html.EscapeString(alt)
	width := ""
	if cfg, err := png.DecodeConfig(bytes.NewReader(content)); mime == "image/png" && err == nil {
		width = fmt.Sprintf(` width="%d"`, min(cfg.Width, DisplayWidth))
	}
	return fmt.Sprintf(`<img src="data:%s;base64,%s" alt="%s" title="%s"%s style="max-width:100%%;height:auto"/>`,
		html.EscapeString(mime), base64.StdEncoding.EncodeToString(content), a, a, width)
}

func writeFile(fn string, content []byte, ext, alt string) error {
	mu.Lock()
	counter++
	n := counter
	mu.Unlock()
	if strings.TrimSpace(Dir) == "" {
		return fmt.Errorf("%s: show.Dir está vacío y no hay dónde guardar la figura; dale una carpeta, por ejemplo show.Dir = os.TempDir()", fn)
	}
	if err := os.MkdirAll(Dir, 0o755); err != nil {
		return fmt.Errorf("%s: no se pudo crear la carpeta de figuras %q: %w; cambia show.Dir o la variable NEURONAS_FIGURAS", fn, Dir, err)
	}
	path := filepath.Join(Dir, fmt.Sprintf("figura-%d-%03d.%s", os.Getpid(), n, ext))
	if err := os.WriteFile(path, content, 0o644); err != nil {
		return fmt.Errorf("%s: no se pudo escribir la figura en %q: %w", fn, path, err)
	}
	fmt.Printf("figura guardada en %s: %s\n", path, alt)
	return nil
}
