"""Un estudiante simulado: habla con su servidor a través del JupyterHub, como JupyterLab.

Lo usan la prueba de punta a punta (docker/hub/prueba.py) y la medida de carga (docker/hub/carga.py).
Todo pasa por el proxy del Hub (/user/NOMBRE/...), con el token de API del estudiante:

    propio = HubPropio("prueba", ["alumno1"], NEURONAS_HUB_INACTIVO="90")
    propio.run_sh("fondo")               # un Hub propio: carpeta de estado, puertos, prefijo y red
    hub = propio.hub                     # su API (/hub/api) con su token de administración
    hub.crear_usuario("alumno1"); hub.arrancar("alumno1"); token = hub.token("alumno1")
    srv = Servidor(url, "alumno1", token)
    k = await Kernel.abrir(srv)          # un kernel gonb por la API REST y su websocket
    r = await k.ejecutar(codigo)         # execute_request; r.estado, r.stdout, r.stderr, r.segundos
    await k.interrumpir()                # como Kernel → Interrumpir de JupyterLab

`python alumno.py cuaderno URL USUARIO TOKEN RUTA` ejecuta las celdas de código de un cuaderno del
servidor y escribe un informe en JSON.
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
import urllib.error
import urllib.parse
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


def peticion(url, token, metodo="GET", cuerpo=None, timeout=60):
    """Una llamada a la API REST; devuelve (código HTTP, JSON o texto)."""
    datos = json.dumps(cuerpo).encode() if cuerpo is not None else None
    req = urllib.request.Request(url, data=datos, method=metodo)
    if token:
        req.add_header("Authorization", f"token {token}")
    if datos is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            codigo, crudo = resp.status, resp.read()
    except urllib.error.HTTPError as e:
        codigo, crudo = e.code, e.read()
    try:
        return codigo, json.loads(crudo) if crudo else None
    except ValueError:
        return codigo, crudo.decode(errors="replace")


AQUI = os.path.dirname(os.path.abspath(__file__))


def puerto_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubPropio:
    """Un Hub para una prueba o una medida, arrancado con docker/hub/run.sh: su propia carpeta de
    estado (temporal), puertos libres, un prefijo propio para contenedores, volúmenes y red (no toca
    un Hub de verdad de la misma máquina), un token de administración y su lista de estudiantes.
    Los demás ajustes (NEURONAS_HUB_*) se pasan como argumentos con nombre."""

    def __init__(self, nombre, alumnos, **ajustes):
        self.estado = tempfile.mkdtemp(prefix=f"neuronas-hub-{nombre}-")
        self.prefijo = f"neuronas-{nombre}-{os.getpid()}"
        self.url = f"http://127.0.0.1:{puerto_libre()}"
        self.alumnos = list(alumnos)
        lista = os.path.join(self.estado, "alumnos.txt")
        with open(lista, "w") as f:
            f.write("\n".join(self.alumnos) + "\n")
        token = secrets.token_hex(24)
        self.env = dict(
            os.environ,
            NEURONAS_HUB_ESTADO=self.estado,
            NEURONAS_HUB_URL=self.url,
            NEURONAS_HUB_PUERTO_API=str(puerto_libre()),
            NEURONAS_HUB_PUERTO_PROXY=str(puerto_libre()),
            NEURONAS_HUB_PREFIJO=self.prefijo,
            NEURONAS_HUB_RED=self.prefijo,
            NEURONAS_HUB_TOKEN_ADMIN=token,
            NEURONAS_HUB_ALUMNOS=lista,
            **ajustes,
        )
        self.hub = Hub(self.url, token)

    def run_sh(self, orden):
        """docker/hub/run.sh ORDEN con los ajustes de este Hub; devuelve el CompletedProcess."""
        return subprocess.run(["bash", os.path.join(AQUI, "run.sh"), orden], env=self.env,
                              capture_output=True, text=True)

    def docker_host(self):
        """La API de Docker que usa el Hub: DOCKER_HOST, o la de podman que arrancó run.sh."""
        sock = os.path.join(self.estado, "podman.sock")
        return os.environ.get("DOCKER_HOST") or (f"unix://{sock}" if os.path.exists(sock) else None)

    def limpiar(self, estado=False):
        """Para el Hub y borra los contenedores, volúmenes y red de este Hub (run.sh borrar); con
        estado=True, también su carpeta de estado (registros incluidos)."""
        r = self.run_sh("borrar")
        if r.returncode != 0:
            print(f"no se pudo limpiar: {r.stderr[-1000:]}", flush=True)
        elif estado:
            shutil.rmtree(self.estado, ignore_errors=True)


class Hub:
    """La API del Hub con un token de administración (el servicio de docker/hub/jupyterhub_config.py)."""

    def __init__(self, url, token):
        self.url = url.rstrip("/") + "/"
        self.token_admin = token

    def api(self, metodo, ruta, cuerpo=None):
        return peticion(self.url + "hub/api/" + ruta, self.token_admin, metodo, cuerpo)

    def crear_usuario(self, nombre):
        codigo, r = self.api("POST", f"users/{nombre}")
        if codigo not in (201, 409):
            raise RuntimeError(f"crear {nombre}: {codigo} {r}")

    def usuario(self, nombre):
        codigo, r = self.api("GET", f"users/{nombre}")
        if codigo != 200:
            raise RuntimeError(f"leer {nombre}: {codigo} {r}")
        return r

    def token(self, nombre):
        codigo, r = self.api("POST", f"users/{nombre}/tokens", {"note": "prueba del curso", "expires_in": 7200})
        if codigo not in (200, 201):
            raise RuntimeError(f"token de {nombre}: {codigo} {r}")
        return r["token"]

    def servidor_listo(self, nombre):
        s = self.usuario(nombre).get("servers", {}).get("")
        return bool(s and s.get("ready")), s

    def arrancar(self, nombre, espera=300):
        codigo, r = self.api("POST", f"users/{nombre}/server")
        if codigo not in (201, 202, 400):  # 400: ya está en marcha
            raise RuntimeError(f"arrancar el servidor de {nombre}: {codigo} {r}")
        return self.esperar(nombre, True, espera)

    def parar(self, nombre, espera=120):
        codigo, r = self.api("DELETE", f"users/{nombre}/server")
        if codigo not in (202, 204, 400):
            raise RuntimeError(f"parar el servidor de {nombre}: {codigo} {r}")
        return self.esperar(nombre, False, espera)

    def esperar(self, nombre, en_marcha, espera):
        """Espera a que el servidor esté listo (o parado); devuelve los segundos que tardó."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < espera:
            listo, s = self.servidor_listo(nombre)
            if (listo if en_marcha else s is None):
                return time.monotonic() - t0
            time.sleep(0.5)
        estado = "listo" if en_marcha else "parado"
        raise TimeoutError(f"el servidor de {nombre} no está {estado} tras {espera} s")


class Servidor:
    """El servidor de un estudiante, a través del proxy del Hub."""

    def __init__(self, url_hub, usuario, token):
        self.base = f"{url_hub.rstrip('/')}/user/{usuario}/"
        self.usuario = usuario
        self.token = token

    def api(self, metodo, ruta, cuerpo=None, token=None):
        return peticion(self.base + "api/" + ruta, self.token if token is None else token, metodo, cuerpo)

    def cuaderno(self, ruta):
        codigo, r = self.api("GET", "contents/" + urllib.parse.quote(ruta))
        if codigo != 200:
            raise RuntimeError(f"{self.usuario}: leer {ruta}: {codigo} {r}")
        return r["content"]

    def guardar(self, ruta, cuaderno):
        codigo, r = self.api("PUT", "contents/" + urllib.parse.quote(ruta),
                             {"type": "notebook", "format": "json", "content": cuaderno})
        if codigo not in (200, 201):
            raise RuntimeError(f"{self.usuario}: guardar {ruta}: {codigo} {r}")


class Resultado:
    def __init__(self):
        self.estado = None  # "ok", "error" o "aborted" (execute_reply)
        self.stdout = ""
        self.stderr = ""
        self.error = ""  # ename: evalue de un mensaje error
        self.salidas = 0  # display_data / update_display_data
        self.segundos = 0.0
        self.primera_salida = None  # segundos hasta la primera salida

    def texto(self):
        return self.stdout + self.stderr + self.error

    def fallo(self):
        return self.estado != "ok" or bool(self.error) or bool(self.stderr.strip())


class Kernel:
    """Un kernel gonb del servidor, con su websocket (protocolo JSON de Jupyter Server)."""

    def __init__(self, srv, kid, ws):
        self.srv, self.id, self.ws = srv, kid, ws
        self.sesion = uuid.uuid4().hex

    @classmethod
    async def abrir(cls, srv, nombre="gonb"):
        codigo, r = srv.api("POST", "kernels", {"name": nombre})
        if codigo not in (200, 201):
            raise RuntimeError(f"{srv.usuario}: arrancar el kernel: {codigo} {r}")
        ws_url = srv.base.replace("http", "ws", 1) + f"api/kernels/{r['id']}/channels"
        ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {srv.token}"}),
                                     max_message_size=256 << 20)
        return cls(srv, r["id"], ws)

    def cerrar(self):
        self.ws.close()
        self.srv.api("DELETE", f"kernels/{self.id}")

    async def ejecutar(self, codigo, timeout=900, al_empezar=None):
        """Ejecuta codigo; al_empezar(res) se llama con la primera salida de la celda."""
        msg_id = uuid.uuid4().hex
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.sesion,
                       "username": self.srv.usuario, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": codigo, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        res, t0, respuesta, inactivo = Resultado(), time.monotonic(), False, False
        while not (respuesta and inactivo):
            resto = timeout - (time.monotonic() - t0)
            if resto <= 0:
                raise TimeoutError(f"{self.srv.usuario}: la celda no terminó en {timeout} s")
            crudo = await asyncio.wait_for(self.ws.read_message(), resto)
            if crudo is None:
                raise ConnectionError(f"{self.srv.usuario}: se cerró el websocket del kernel")
            m = json.loads(crudo)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            tipo, c = m["msg_type"], m.get("content", {})
            if tipo in ("stream", "display_data", "update_display_data", "error") and res.primera_salida is None:
                res.primera_salida = time.monotonic() - t0
                if al_empezar:
                    al_empezar(res)
            if tipo == "stream":
                if c.get("name") == "stderr":
                    res.stderr += c.get("text", "")
                else:
                    res.stdout += c.get("text", "")
            elif tipo in ("display_data", "update_display_data"):
                res.salidas += 1
            elif tipo == "error":
                res.error += f"{c.get('ename')}: {c.get('evalue')}\n"
            elif tipo == "execute_reply":
                res.estado, respuesta = c.get("status"), True
            elif tipo == "status" and c.get("execution_state") == "idle":
                inactivo = True
        res.segundos = time.monotonic() - t0
        return res

    async def interrumpir(self):
        codigo, r = self.srv.api("POST", f"kernels/{self.id}/interrupt")
        if codigo != 204:
            raise RuntimeError(f"{self.srv.usuario}: interrumpir: {codigo} {r}")


def celdas_de_codigo(cuaderno):
    for c in cuaderno["cells"]:
        if c["cell_type"] == "code":
            yield c["source"] if isinstance(c["source"], str) else "".join(c["source"])


async def ejecutar_cuaderno(srv, ruta, timeout=900):
    """Ejecuta las celdas de código del cuaderno del servidor, en orden, en un kernel nuevo."""
    cuaderno = srv.cuaderno(ruta)
    t0 = time.monotonic()
    k = await Kernel.abrir(srv)
    celdas = []
    try:
        for i, codigo in enumerate(celdas_de_codigo(cuaderno)):
            r = await k.ejecutar(codigo, timeout)
            celdas.append({"celda": i, "estado": r.estado, "segundos": round(r.segundos, 2),
                           "fallo": r.fallo(), "stderr": (r.stderr + r.error)[-2000:]})
            if r.estado != "ok":
                break
    finally:
        k.cerrar()
    return {"usuario": srv.usuario, "cuaderno": ruta, "segundos": round(time.monotonic() - t0, 1),
            "celdas": celdas, "fallos": sum(c["fallo"] for c in celdas)}


def main(argv):
    if len(argv) == 6 and argv[1] == "cuaderno":
        _, _, url, usuario, token, ruta = argv
        informe = asyncio.run(ejecutar_cuaderno(Servidor(url, usuario, token), ruta))
        json.dump(informe, sys.stdout, ensure_ascii=False, indent=1)
        return 1 if informe["fallos"] else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
