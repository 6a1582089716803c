#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Punto de entrada de la imagen: copia a la carpeta del estudiante (normalmente un volumen) los
# cuadernos del curso que le falten, pone al día el estilo de las diapositivas (rise.css) y después
# ejecuta la orden (por defecto, `jupyter lab`).
#
# Nunca sobrescribe un cuaderno que ya exista, así que una imagen nueva no pisa el trabajo del
# estudiante; para recuperar la versión original de un cuaderno basta con borrarlo (o cambiarle el
# nombre) y volver a arrancar el contenedor.
set -eu

COURSE_DIR="${NEURONAS_CURSO:-/usr/local/share/neuronas/notebooks}"
NOTEBOOKS_DIR="${NEURONAS_CUADERNOS:-/opt/neuronas/notebooks}"

warn() { printf 'neuronas: %s\n' "$*" >&2; }

if [ ! -d "$NOTEBOOKS_DIR" ] || [ ! -w "$NOTEBOOKS_DIR" ]; then
  warn "no se puede escribir en $NOTEBOOKS_DIR (usuario $(id -u)); los cuadernos no se copian."
  warn "Usa un volumen con nombre o una carpeta en la que pueda escribir el usuario 1000."
else
  for src in "$COURSE_DIR"/*.ipynb; do
    [ -f "$src" ] || continue
    name="$(basename "$src")"
    dest="$NOTEBOOKS_DIR/$name"
    if [ -e "$dest" ] || [ -L "$dest" ]; then
      continue
    fi
    # Copy under a temporary name and rename, so that an interrupted copy never leaves a
    # truncated notebook that would then be kept as if it were the student's.
    tmp="$NOTEBOOKS_DIR/.$name.$$"
    cp "$src" "$tmp"
    mv "$tmp" "$dest"
    warn "copiado $name"
  done
  # The slides' style (RISE reads rise.css beside the notebook) is the course's, not the student's
  # work: it is brought up to date whenever it differs from the image's.
  if [ -f "$COURSE_DIR/rise.css" ] && ! cmp -s "$COURSE_DIR/rise.css" "$NOTEBOOKS_DIR/rise.css"; then
    cp "$COURSE_DIR/rise.css" "$NOTEBOOKS_DIR/.rise.css.$$"
    mv "$NOTEBOOKS_DIR/.rise.css.$$" "$NOTEBOOKS_DIR/rise.css"
  fi
fi

exec "$@"
