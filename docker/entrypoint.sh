#!/bin/sh
# Punto de entrada de la imagen: copia a la carpeta del estudiante (normalmente un volumen) los
# cuadernos del curso que le falten y después ejecuta la orden (por defecto, `jupyter lab`).
#
# Nunca sobrescribe un cuaderno que ya exista, así que una imagen nueva no pisa el trabajo del
# estudiante; para recuperar la versión original de un cuaderno basta con borrarlo (o cambiarle el
# nombre) y volver a arrancar el contenedor.
set -eu

CURSO="${NEURONAS_CURSO:-/usr/local/share/neuronas/notebooks}"
CUADERNOS="${NEURONAS_CUADERNOS:-/opt/neuronas/notebooks}"

aviso() { printf 'neuronas: %s\n' "$*" >&2; }

if [ ! -d "$CUADERNOS" ] || [ ! -w "$CUADERNOS" ]; then
  aviso "no se puede escribir en $CUADERNOS (usuario $(id -u)); los cuadernos no se copian."
  aviso "Usa un volumen con nombre o una carpeta en la que pueda escribir el usuario 1000."
else
  for origen in "$CURSO"/*.ipynb; do
    [ -f "$origen" ] || continue
    nombre="$(basename "$origen")"
    destino="$CUADERNOS/$nombre"
    if [ -e "$destino" ] || [ -L "$destino" ]; then
      continue
    fi
    # Copy under a temporary name and rename, so that an interrupted copy never leaves a
    # truncated notebook that would then be kept as if it were the student's.
    tmp="$CUADERNOS/.$nombre.$$"
    cp "$origen" "$tmp"
    mv "$tmp" "$destino"
    aviso "copiado $nombre"
  done
fi

exec "$@"
