# SPDX-License-Identifier: Apache-2.0
# Configuración de Jupyter Server en la imagen del curso (docker/Dockerfile la copia en
# /etc/jupyter). JupyterLab abre la carpeta de cuadernos del estudiante con el kernel de Go (GoNB)
# como único kernel y, fuera de un JupyterHub, escucha solo en el puerto 8888 con token.
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

NOTEBOOKS = os.environ.get("NEURONAS_CUADERNOS", "/opt/neuronas/notebooks")
COURSE = os.environ.get("NEURONAS_CURSO", "/usr/local/share/neuronas/notebooks")

c.ServerApp.root_dir = NOTEBOOKS
c.ServerApp.open_browser = False
c.MultiKernelManager.default_kernel_name = "gonb"
c.KernelSpecManager.ensure_native_kernel = False
c.KernelSpecManager.allowed_kernelspecs = {"gonb"}

if not os.environ.get("JUPYTERHUB_SERVICE_URL"):
    # Standalone (docker run / compose): every interface of the container, one fixed port; the
    # host publishes it on 127.0.0.1 only. Authentication is Jupyter's default: the token in
    # JUPYTER_TOKEN or, when it is unset or empty, a random one printed in the log.
    c.ServerApp.ip = "0.0.0.0"
    c.ServerApp.port = 8888
    c.ServerApp.port_retries = 0
    # Requests must name the server as localhost or a loopback address (DNS rebinding protection).
    c.ServerApp.allow_remote_access = False

    # Open the first course notebook (skipping the 00- checks) if the student still has it.
    course = sorted(p.name for p in Path(COURSE).glob("*.ipynb") if not p.name.startswith("00-"))
    if course and (Path(NOTEBOOKS) / course[0]).is_file():
        c.LabApp.default_url = "/lab/tree/" + course[0]
