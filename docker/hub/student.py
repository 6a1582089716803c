# SPDX-License-Identifier: Apache-2.0
"""Un estudiante simulado: habla con su servidor a través del JupyterHub, como JupyterLab.

Lo usan la prueba de punta a punta (docker/hub/e2e.py) y la medida de carga (docker/hub/load.py).
Todo pasa por el proxy del Hub (/user/NOMBRE/...), con el token de API del estudiante:

    own = OwnHub("prueba", ["alumno1"], NEURONAS_HUB_INACTIVO="90")
    own.run_sh("fondo")                  # un Hub propio: carpeta de estado, puertos, prefijo y red
    hub = own.hub                        # su API (/hub/api) con su token de administración
    hub.create_user("alumno1"); hub.start("alumno1"); token = hub.token("alumno1")
    srv = Server(url, "alumno1", token)
    k = await Kernel.open(srv)           # un kernel gonb por la API REST y su websocket
    r = await k.execute(code)            # execute_request; r.status, r.stdout, r.stderr, r.seconds
    await k.interrupt()                  # como Kernel → Interrumpir de JupyterLab

`python student.py cuaderno URL USUARIO TOKEN RUTA` ejecuta las celdas de código de un cuaderno del
servidor y escribe un informe en JSON.

Lo que sirve para cualquier servidor de Jupyter (la API REST, el mensaje execute_request y sus
respuestas, las celdas de un cuaderno) está en scripts/jupyterkit.py.
"""

import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from jupyterkit import Execution, code_sources, execute_request, request  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnHub:
    """Un Hub para una prueba o una medida, arrancado con docker/hub/run.sh: su propia carpeta de
    estado (temporal), puertos libres, un prefijo propio para contenedores, volúmenes y red (no toca
    un Hub de verdad de la misma máquina), un token de administración y su lista de estudiantes.
    Los demás ajustes (NEURONAS_HUB_*) se pasan como argumentos con nombre."""

    def __init__(self, name, students, **settings):
        self.state = tempfile.mkdtemp(prefix=f"neuronas-hub-{name}-")
        self.prefix = f"neuronas-{name}-{os.getpid()}"
        self.url = f"http://127.0.0.1:{free_port()}"
        self.students = list(students)
        roster = os.path.join(self.state, "alumnos.txt")
        with open(roster, "w") as f:
            f.write("\n".join(self.students) + "\n")
        token = secrets.token_hex(24)
        self.env = dict(
            os.environ,
            NEURONAS_HUB_ESTADO=self.state,
            NEURONAS_HUB_URL=self.url,
            NEURONAS_HUB_PUERTO_API=str(free_port()),
            NEURONAS_HUB_PUERTO_PROXY=str(free_port()),
            NEURONAS_HUB_PREFIJO=self.prefix,
            NEURONAS_HUB_RED=self.prefix,
            NEURONAS_HUB_TOKEN_ADMIN=token,
            NEURONAS_HUB_ALUMNOS=roster,
            **settings,
        )
        self.hub = Hub(self.url, token)

    def run_sh(self, command):
        """docker/hub/run.sh COMMAND con los ajustes de este Hub; devuelve el CompletedProcess."""
        return subprocess.run(["bash", os.path.join(HERE, "run.sh"), command], env=self.env,
                              capture_output=True, text=True)

    def docker_host(self):
        """La API de Docker que usa el Hub: DOCKER_HOST, o la de podman que arrancó run.sh."""
        sock = os.path.join(self.state, "podman.sock")
        return os.environ.get("DOCKER_HOST") or (f"unix://{sock}" if os.path.exists(sock) else None)

    def clean_up(self, state=False):
        """Para el Hub y borra los contenedores, volúmenes y red de este Hub (run.sh borrar); con
        state=True, también su carpeta de estado (registros incluidos)."""
        r = self.run_sh("borrar")
        if r.returncode != 0:
            print(f"no se pudo limpiar: {r.stderr[-1000:]}", flush=True)
        elif state:
            shutil.rmtree(self.state, ignore_errors=True)


class Hub:
    """La API del Hub con un token de administración (el servicio de docker/hub/jupyterhub_config.py)."""

    def __init__(self, url, token):
        self.url = url.rstrip("/") + "/"
        self.admin_token = token

    def api(self, method, path, body=None):
        return request(self.url + "hub/api/" + path, self.admin_token, method, body)

    def create_user(self, name):
        status, r = self.api("POST", f"users/{name}")
        if status not in (201, 409):
            raise RuntimeError(f"crear {name}: {status} {r}")

    def user(self, name):
        status, r = self.api("GET", f"users/{name}")
        if status != 200:
            raise RuntimeError(f"leer {name}: {status} {r}")
        return r

    def token(self, name):
        status, r = self.api("POST", f"users/{name}/tokens", {"note": "prueba del curso", "expires_in": 7200})
        if status not in (200, 201):
            raise RuntimeError(f"token de {name}: {status} {r}")
        return r["token"]

    def server_ready(self, name):
        s = self.user(name).get("servers", {}).get("")
        return bool(s and s.get("ready")), s

    def start(self, name, timeout=300):
        status, r = self.api("POST", f"users/{name}/server")
        if status not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"arrancar el servidor de {name}: {status} {r}")
        return self.wait(name, True, timeout)

    def stop(self, name, timeout=120):
        status, r = self.api("DELETE", f"users/{name}/server")
        if status not in (202, 204, 400):
            raise RuntimeError(f"parar el servidor de {name}: {status} {r}")
        return self.wait(name, False, timeout)

    def wait(self, name, running, timeout):
        """Espera a que el servidor esté listo (o parado); devuelve los segundos que tardó."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            ready, s = self.server_ready(name)
            if (ready if running else s is None):
                return time.monotonic() - t0
            time.sleep(0.5)
        state = "listo" if running else "parado"
        raise TimeoutError(f"el servidor de {name} no está {state} tras {timeout} s")


class Server:
    """El servidor de un estudiante, a través del proxy del Hub."""

    def __init__(self, hub_url, user, token):
        self.base = f"{hub_url.rstrip('/')}/user/{user}/"
        self.user = user
        self.token = token

    def api(self, method, path, body=None, token=None):
        return request(self.base + "api/" + path, self.token if token is None else token, method, body)

    def notebook(self, path):
        status, r = self.api("GET", "contents/" + urllib.parse.quote(path))
        if status != 200:
            raise RuntimeError(f"{self.user}: leer {path}: {status} {r}")
        return r["content"]

    def save(self, path, notebook):
        status, r = self.api("PUT", "contents/" + urllib.parse.quote(path),
                             {"type": "notebook", "format": "json", "content": notebook})
        if status not in (200, 201):
            raise RuntimeError(f"{self.user}: guardar {path}: {status} {r}")


class Result(Execution):
    """A cell's execution (jupyterkit.Execution) and its times, in seconds."""

    def __init__(self, msg_id):
        super().__init__(msg_id)
        self.seconds = 0.0
        self.first_output = None  # seconds until the cell's first output


class Kernel:
    """Un kernel gonb del servidor, con su websocket (protocolo JSON de Jupyter Server)."""

    def __init__(self, srv, kernel_id, ws):
        self.srv, self.id, self.ws = srv, kernel_id, ws
        self.session = uuid.uuid4().hex

    @classmethod
    async def open(cls, srv, name="gonb"):
        status, r = srv.api("POST", "kernels", {"name": name})
        if status not in (200, 201):
            raise RuntimeError(f"{srv.user}: arrancar el kernel: {status} {r}")
        ws_url = srv.base.replace("http", "ws", 1) + f"api/kernels/{r['id']}/channels"
        ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {srv.token}"}),
                                     max_message_size=256 << 20)
        return cls(srv, r["id"], ws)

    def close(self):
        self.ws.close()
        self.srv.api("DELETE", f"kernels/{self.id}")

    async def execute(self, code, timeout=900, on_first_output=None):
        """Ejecuta code; on_first_output(result) se llama con la primera salida de la celda."""
        msg_id, msg = execute_request(code, self.session, self.srv.user)
        self.ws.write_message(json.dumps(msg))
        res, t0 = Result(msg_id), time.monotonic()
        while not res.done:
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                raise TimeoutError(f"{self.srv.user}: la celda no terminó en {timeout} s")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise ConnectionError(f"{self.srv.user}: se cerró el websocket del kernel")
            m = json.loads(raw)
            if not res.feed(m):
                continue
            if m["msg_type"] in Execution.OUTPUTS and res.first_output is None:
                res.first_output = time.monotonic() - t0
                if on_first_output:
                    on_first_output(res)
        res.seconds = time.monotonic() - t0
        return res

    async def interrupt(self):
        status, r = self.srv.api("POST", f"kernels/{self.id}/interrupt")
        if status != 204:
            raise RuntimeError(f"{self.srv.user}: interrumpir: {status} {r}")


async def run_notebook(srv, path, timeout=900):
    """Ejecuta las celdas de código del cuaderno del servidor, en orden, en un kernel nuevo."""
    notebook = srv.notebook(path)
    t0 = time.monotonic()
    k = await Kernel.open(srv)
    cells = []
    try:
        for i, code in enumerate(code_sources(notebook)):
            r = await k.execute(code, timeout)
            cells.append({"celda": i, "estado": r.status, "segundos": round(r.seconds, 2),
                          "fallo": r.failed(), "stderr": (r.stderr + r.error)[-2000:]})
            if r.status != "ok":
                break
    finally:
        k.close()
    return {"usuario": srv.user, "cuaderno": path, "segundos": round(time.monotonic() - t0, 1),
            "celdas": cells, "fallos": sum(c["fallo"] for c in cells)}


def main(argv):
    if len(argv) == 6 and argv[1] == "cuaderno":
        _, _, url, user, token, path = argv
        report = asyncio.run(run_notebook(Server(url, user, token), path))
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        return 1 if report["fallos"] else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
