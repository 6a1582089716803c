# SPDX-License-Identifier: Apache-2.0
# Estado del kernel de Go en JupyterLab nada más abrir un cuaderno («Go (gonb) | Idle» y no
# «Unknown» hasta ejecutar la primera celda).
#
# Se instala como jupyter_server_config.py en etc/jupyter del entorno de Python de Jupyter:
# scripts/setup.sh en el del proyecto (.venv; lo usan `make jupyter` y las pruebas) y
# docker/Dockerfile en el de la imagen (/opt/jupyter).
#
# Por qué: al abrir un cuaderno, JupyterLab toma el estado del kernel de los mensajes «status»
# que este publica al atender sus peticiones, pero descarta los que responden a las peticiones de
# la lista untracked_message_types del servidor (la pasa a la página), y en ella está
# kernel_info_request, la única que atiende GoNB al conectar. Con ipykernel no se nota porque
# también responde a la history_request que JupyterLab envía a continuación; GoNB (v0.11.4 y
# v0.11.5) la ignora, sin respuesta ni estado, así que la página muestra «Unknown» hasta que una
# celda se ejecuta. Se quita kernel_info_request de la lista.
#
# Efecto secundario: esa lista también decide qué mensajes cuentan como actividad del kernel;
# ahora cuenta la petición kernel_info que el servidor y JupyterLab envían al conectar una
# pestaña al kernel (al abrir o reconectar un cuaderno), que ya es actividad del estudiante.
from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.MappingKernelManager.untracked_message_types = [
    t for t in MappingKernelManager.untracked_message_types.default() if t != "kernel_info_request"
]
