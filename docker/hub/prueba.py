"""Prueba de punta a punta del JupyterHub del curso (make hub-test), en esta máquina.

Arranca un Hub propio con docker/hub/run.sh (como `make hub`, en puertos libres, con una carpeta de
estado temporal y un prefijo propio para contenedores, volúmenes y red, así que no toca un Hub de
verdad de la misma máquina) y comprueba, contando aciertos y fallos:

  1. el Hub responde; sin token, su API dice 403;
  2. tres estudiantes tienen cada uno su servidor, en su propio contenedor de la imagen del curso,
     con su volumen, los límites de memoria y CPU, sin privilegios;
  3. cada uno entra por el formulario del Hub en Chromium y ejecuta el cuaderno 00 en JupyterLab
     (la prueba del navegador, internal/nbtest TestBrowser, con NEURONAS_JUPYTER_LOGIN), los tres a
     la vez;
  4. un estudiante no puede abrir el servidor de otro (403 con su token; sin token, al login);
  5. un cuaderno editado sobrevive a parar y volver a arrancar el servidor (contenedor nuevo);
  6. Kernel → Interrumpir en una celda de entrenamiento larga devuelve el control en menos de 1 s, y
     la celda siguiente se ejecuta;
  7. una celda que se queda sin memoria (entrenando con los paquetes del curso, o con un make de
     3 GB) se para con el mensaje de pkg/memory, y sin esa vigilancia (NEURONAS_MEMORIA=0) el
     sistema mata solo el programa de la celda: en los tres casos el servidor y el kernel siguen,
     y la celda siguiente se ejecuta;
  8. el culler para el servidor de quien no hace nada (NEURONAS_HUB_INACTIVO=90 en la prueba) y
     su volumen se queda;
  9. docker/hub/run.sh parar para el Hub y los contenedores; la carpeta de estado, los volúmenes y la
     red de la prueba se borran al final (run.sh borrar).

Uso: .venv-hub/bin/python docker/hub/prueba.py (lo llama `make hub-test`, después de preparar el
entorno del Hub y construir la imagen). Al final escribe los tiempos y "N passed, N failed"; sale con
1 si algo falló. Variables: NEURONAS_HUB_IMAGEN (neuronas:local), NEURONAS_HUB_NAVEGADOR=0 se salta
el paso 3.
"""

import asyncio
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

AQUI = os.path.dirname(os.path.abspath(__file__))
RAIZ = os.path.dirname(os.path.dirname(AQUI))
sys.path.insert(0, AQUI)

import docker  # noqa: E402

from alumno import HubPropio, Kernel, Servidor, celdas_de_codigo, peticion  # noqa: E402

ALUMNOS = ["alumno1", "alumno2", "alumno3"]
INACTIVO = 90  # segundos del culler en la prueba
CUADERNO = "00-prueba-del-entorno.ipynb"



def entrenamiento(puntos, neuronas, pasos):
    """Una celda que entrena una red 1-neuronas-1 con los paquetes del curso."""
    return f"""%%
poly := check.Must(data.GeneratePolynomial([]float64{{1, 0, 0}}))
d := check.Must(data.GetDataFromAPolynomial(poly, {puntos}, data.Sigma(0.5), data.Range(4)))
model := check.Must(nn.Sequential(nn.Linear(1, {neuronas}), nn.Tanh(), nn.Linear({neuronas}, 1)))
losses := check.Must(train.LearningLoop(d.X, d.Y, model, {pasos}, train.MSELoss, 1e-2, train.SGD))
fmt.Println(len(losses))
"""


# Una celda de entrenamiento que dura minutos (5 millones de pasos).
LARGA = entrenamiento(20, 4, "5_000_000")
# Un millón de puntos por una capa de 4096 neuronas: 16 GB solo para sus salidas.
ENORME = entrenamiento("1_000_000", 4096, 10)
# 3 GB escritos a mano, sin los paquetes del curso.
A_MANO = """%%
b := make([]byte, 3<<30)
for i := range b {
	b[i] = 1
}
fmt.Println(len(b))
"""
SIGO = '%%\nfmt.Println("sigo aquí")'


class Cuenta:
    def __init__(self):
        self.aciertos, self.fallos, self.tiempos = 0, 0, []

    def check(self, nombre, bien, detalle=""):
        if bien:
            self.aciertos += 1
            print(f"ok   {nombre}", flush=True)
        else:
            self.fallos += 1
            print(f"FAIL {nombre}" + (f"\n     {detalle}" if detalle else ""), flush=True)
        return bien

    def tiempo(self, nombre, segundos):
        self.tiempos.append(f"{nombre:<52} {segundos:6.1f} s")


def say(msg):
    print(f"\n==> {msg}", flush=True)


def sin_redirecciones(url, token=None):
    """Código HTTP y Location de un GET que no sigue redirecciones."""
    class NoSigas(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.build_opener(NoSigas).open(req, timeout=30) as r:
            return r.status, r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


class Prueba:
    def __init__(self):
        self.c = Cuenta()
        self.propio = HubPropio("prueba", ALUMNOS, NEURONAS_HUB_INACTIVO=str(INACTIVO), NEURONAS_HUB_ACTIVIDAD="10")
        self.estado, self.prefijo, self.url = self.propio.estado, self.propio.prefijo, self.propio.url
        self.env, self.hub = self.propio.env, self.propio.hub
        self.tokens = {}
        self.docker = None

    def run_sh(self, *args):
        return self.propio.run_sh(*args)

    def contenedor(self, alumno):
        try:
            return self.docker.containers.get(f"{self.prefijo}-{alumno}")
        except docker.errors.NotFound:
            return None

    # 1. The Hub.
    def arrancar(self):
        say("Arrancando el Hub (docker/hub/run.sh fondo)")
        t = time.monotonic()
        r = self.run_sh("fondo")
        self.c.tiempo("arranque del Hub (run.sh fondo)", time.monotonic() - t)
        print(r.stdout[-1500:], r.stderr[-3000:])
        if not self.c.check("run.sh fondo arranca el Hub", r.returncode == 0):
            return False
        self.c.check("run.sh escribe la dirección y la contraseña de los estudiantes",
                     self.url in r.stdout and "contraseña" in r.stdout)
        host = self.propio.docker_host()
        self.docker = docker.DockerClient(base_url=host) if host else docker.from_env()
        codigo, _ = peticion(self.url + "/hub/health", None)
        self.c.check("/hub/health responde 200", codigo == 200, codigo)
        codigo, _ = peticion(self.url + "/hub/api/users", None)
        self.c.check("sin token, la API del Hub dice 403", codigo == 403, codigo)
        return True

    # 2. One server, one container, one volume per student.
    def servidores(self):
        say("Un servidor por estudiante")
        for a in ALUMNOS:
            self.hub.crear_usuario(a)
            t = time.monotonic()
            try:
                self.hub.arrancar(a)
            except Exception as e:  # noqa: BLE001
                self.c.check(f"{a}: su servidor arranca", False, e)
                continue
            self.c.tiempo(f"{a}: arranque de su servidor", time.monotonic() - t)
            self.tokens[a] = self.hub.token(a)
        ids = set()
        for a in ALUMNOS:
            k = self.contenedor(a)
            if not self.c.check(f"{a}: su contenedor {self.prefijo}-{a} está en marcha",
                                k is not None and k.status == "running"):
                continue
            ids.add(k.id)
            hc = k.attrs["HostConfig"]
            montajes = {m.get("Destination"): m.get("Name") for m in k.attrs.get("Mounts", [])}
            self.c.check(f"{a}: imagen {self.env.get('NEURONAS_HUB_IMAGEN', 'neuronas:local')}",
                         any(self.env.get("NEURONAS_HUB_IMAGEN", "neuronas:local") in t for t in k.image.tags),
                         k.image.tags)
            self.c.check(f"{a}: su volumen {self.prefijo}-{a} en /opt/neuronas/notebooks",
                         montajes.get("/opt/neuronas/notebooks") == f"{self.prefijo}-{a}", montajes)
            self.c.check(f"{a}: límite de 2 GB de memoria y 1 CPU",
                         hc.get("Memory") == 2 << 30 and hc.get("CpuQuota") == hc.get("CpuPeriod", 100000) > 0,
                         {k2: hc.get(k2) for k2 in ("Memory", "CpuQuota", "CpuPeriod")})
            uid = k.exec_run("id -u").output.decode().strip()
            self.c.check(f"{a}: el servidor corre sin privilegios (uid {uid})", uid == "1000")
            srv = Servidor(self.url, a, self.tokens.get(a, ""))
            codigo, lista = srv.api("GET", "contents")
            nombres = sorted(x["name"] for x in lista.get("content", [])) if codigo == 200 else lista
            self.c.check(f"{a}: su servidor tiene los cuadernos del curso", CUADERNO in nombres, nombres)
        self.c.check("tres contenedores distintos", len(ids) == len(ALUMNOS), ids)

    # 3. The browser, one Chromium per student, at the same time.
    def navegador(self):
        if os.environ.get("NEURONAS_HUB_NAVEGADOR") == "0":
            say("Navegador: se salta (NEURONAS_HUB_NAVEGADOR=0)")
            return
        say("Cada estudiante entra por el formulario del Hub y ejecuta el cuaderno 00 en JupyterLab")
        binario = os.path.join(self.estado, "nbtest.test")
        r = subprocess.run(["go", "test", "-c", "-o", binario, "./internal/nbtest"], cwd=RAIZ,
                           capture_output=True, text=True)
        if not self.c.check("se compila la prueba del navegador", r.returncode == 0, r.stderr[-2000:]):
            return
        clave = open(os.path.join(self.estado, "clave")).read().strip()
        t = time.monotonic()
        procesos = {}
        for a in ALUMNOS:
            env = dict(self.env, NEURONAS_JUPYTER_URL=f"{self.url}/user/{a}/",
                       NEURONAS_JUPYTER_TOKEN=self.tokens.get(a, ""),
                       NEURONAS_JUPYTER_LOGIN=f"{a}:{clave}", NEURONAS_NOTEBOOKS="00-",
                       NEURONAS_NOTEBOOK_TESTS="1",
                       NEURONAS_ARTEFACTS=os.path.join(RAIZ, ".artefactos", "hub", a))
            log = open(os.path.join(self.estado, f"navegador-{a}.log"), "w")
            procesos[a] = (subprocess.Popen([binario, "-test.run", "^TestBrowser$", "-test.v",
                                             "-test.timeout", "15m"],
                                            cwd=os.path.join(RAIZ, "internal", "nbtest"), env=env,
                                            stdout=log, stderr=subprocess.STDOUT), log)
        for a, (p, log) in procesos.items():
            p.wait()
            log.close()
            salida = open(log.name).read()
            self.c.check(f"{a}: entra por el formulario del Hub y el cuaderno 00 pasa en el navegador "
                         f"(explorador, kernel, figuras, idioma, autocompletado)",
                         p.returncode == 0 and "--- PASS: TestBrowser" in salida, salida[-4000:])
        self.c.tiempo("3 navegadores a la vez, cuaderno 00", time.monotonic() - t)

    # 4. No one else's server.
    def ajeno(self):
        say("Nadie entra en el servidor de otro")
        codigo, _ = peticion(f"{self.url}/user/alumno1/api/contents", self.tokens.get("alumno2"))
        self.c.check("alumno2 con su token en /user/alumno1/api/contents: 403", codigo == 403, codigo)
        codigo, _ = peticion(f"{self.url}/user/alumno1/api/kernels", self.tokens.get("alumno2"), "POST", {"name": "gonb"})
        self.c.check("alumno2 no puede abrir un kernel de alumno1: 403", codigo == 403, codigo)
        codigo, donde = sin_redirecciones(f"{self.url}/user/alumno1/lab")
        self.c.check("sin sesión, /user/alumno1/lab lleva al login del Hub",
                     codigo == 302 and "/hub/" in donde, f"{codigo} {donde}")
        codigo, _ = peticion(f"{self.url}/user/alumno1/api/contents", self.tokens.get("alumno1"))
        self.c.check("alumno1 con su token sí entra: 200", codigo == 200, codigo)

    # 5. The student's work survives a stop and a start.
    def persistencia(self):
        say("El trabajo de alumno1 sobrevive a parar y volver a arrancar su servidor")
        srv = Servidor(self.url, "alumno1", self.tokens["alumno1"])
        marca = f"Nota de alumno1 {secrets.token_hex(4)}"
        nb = srv.cuaderno(CUADERNO)
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": marca})
        srv.guardar(CUADERNO, nb)
        antes = self.contenedor("alumno1")
        t = time.monotonic()
        self.hub.parar("alumno1")
        self.c.tiempo("alumno1: parada de su servidor", time.monotonic() - t)
        self.c.check("al parar, su contenedor se borra", self.contenedor("alumno1") is None)
        vols = [v.name for v in self.docker.volumes.list()]
        self.c.check("al parar, su volumen se queda", f"{self.prefijo}-alumno1" in vols)
        t = time.monotonic()
        self.hub.arrancar("alumno1")
        self.c.tiempo("alumno1: nuevo arranque de su servidor", time.monotonic() - t)
        despues = self.contenedor("alumno1")
        self.c.check("al volver, un contenedor nuevo", despues is not None and antes is not None and despues.id != antes.id)
        nb = srv.cuaderno(CUADERNO)
        self.c.check("al volver, el cuaderno editado conserva la nota",
                     any(marca in "".join(c["source"]) for c in nb["cells"]))

    # 6 and 7. Interrupt and out of memory, through the Hub's proxy and the kernel's websocket.
    async def kernel(self):
        srv = Servidor(self.url, "alumno1", self.tokens["alumno1"])
        preparar = list(celdas_de_codigo(srv.cuaderno(CUADERNO)))[:2]
        k = await Kernel.abrir(srv)
        try:
            for celda in preparar:
                r = await k.ejecutar(celda, 300)
                self.c.check("celdas de preparación del cuaderno 00", r.estado == "ok", r.texto()[-1000:])

            say("Kernel → Interrumpir en una celda de entrenamiento larga")
            empezada = asyncio.Event()
            tarea = asyncio.ensure_future(k.ejecutar(LARGA, 600, al_empezar=lambda _: empezada.set()))
            await asyncio.wait_for(empezada.wait(), 120)
            await asyncio.sleep(2)
            t = time.monotonic()
            await k.interrumpir()
            r = await tarea
            espera = time.monotonic() - t
            self.c.tiempo("Interrumpir → control de vuelta", espera)
            self.c.check(f"el control vuelve en {espera:.2f} s (< 1 s)", espera < 1, r.texto()[-500:])
            self.c.check("la celda interrumpida acaba con «interrupt»", "interrupt" in r.stderr, r.texto()[-500:])
            r = await k.ejecutar(SIGO, 120)
            self.c.check("tras interrumpir, la celda siguiente se ejecuta", "sigo aquí" in r.stdout, r.texto()[-500:])

            contenedor = self.contenedor("alumno1")
            # The last one without the guard: %env stays for the rest of the kernel's cells.
            for nombre, codigo, aviso in (
                ("entrenar con 1 millón de puntos y 4096 neuronas (16 GB)", ENORME, "se ha quedado sin memoria"),
                ("un make de 3 GB sin los paquetes del curso", A_MANO, "se ha quedado sin memoria"),
                ("el make de 3 GB con NEURONAS_MEMORIA=0 (sin vigilancia)", "%env NEURONAS_MEMORIA 0\n" + A_MANO,
                 "signal: killed"),
            ):
                say(f"Sin memoria: {nombre}")
                r = await k.ejecutar(codigo, 300)
                self.c.tiempo(f"sin memoria: {nombre[:30]}", r.segundos)
                self.c.check(f"la celda acaba con «{aviso}»", r.estado == "error" and aviso in r.texto(),
                             r.texto()[-1500:])
                if aviso != "signal: killed":
                    print(r.stderr.strip())
                codigo_api, estado = srv.api("GET", "status")
                self.c.check("el servidor sigue en pie", codigo_api == 200, estado)
                codigo_api, kernels = srv.api("GET", "kernels")
                self.c.check("el kernel sigue vivo", codigo_api == 200 and any(x["id"] == k.id for x in kernels), kernels)
                ahora = self.contenedor("alumno1")
                self.c.check("el mismo contenedor, sin reinicios",
                             ahora is not None and ahora.id == contenedor.id and ahora.attrs["RestartCount"] == 0)
                r = await k.ejecutar(SIGO, 120)
                self.c.check("la celda siguiente se ejecuta", "sigo aquí" in r.stdout, r.texto()[-500:])
        finally:
            k.cerrar()

    # 8. The culler.
    def culler(self):
        say(f"El culler para el servidor de alumno3, sin actividad desde hace más de {INACTIVO} s")
        t = time.monotonic()
        try:
            self.hub.esperar("alumno3", False, INACTIVO * 4)
            parado = True
        except TimeoutError:
            parado = False
        self.c.tiempo("culler: espera hasta que para alumno3", time.monotonic() - t)
        self.c.check("el culler para el servidor inactivo de alumno3", parado)
        self.c.check("su contenedor se borra", self.contenedor("alumno3") is None)
        vols = [v.name for v in self.docker.volumes.list()]
        self.c.check("su volumen se queda", f"{self.prefijo}-alumno3" in vols)
        registro = open(os.path.join(self.estado, "jupyterhub.log")).read()
        self.c.check("el registro del Hub dice que lo paró el culler",
                     re.search(r"DELETE /hub/api/users/alumno3/server \(idle-culler@", registro) is not None)

    def parar(self):
        say("docker/hub/run.sh parar")
        r = self.run_sh("parar")
        print(r.stdout[-1000:], r.stderr[-1000:])
        # run.sh parar fails if a student's container is left (docker_api.py parar checks).
        self.c.check("run.sh parar para el Hub y todos los contenedores de los estudiantes", r.returncode == 0)
        try:
            codigo, _ = peticion(self.url + "/hub/health", None, timeout=5)
        except OSError as e:
            codigo = e
        self.c.check("el Hub ya no responde", codigo != 200, codigo)

    def limpiar(self):
        if self.docker:
            self.docker.close()
        self.propio.limpiar()


def main():
    p = Prueba()
    t0 = time.monotonic()
    try:
        if p.arrancar():
            p.servidores()
            p.navegador()
            p.ajeno()
            p.persistencia()
            asyncio.run(p.kernel())
            p.culler()
        p.parar()
    except Exception as e:  # noqa: BLE001 - counted as a failure, with the traceback
        import traceback
        traceback.print_exc()
        p.c.check(f"la prueba terminó sin excepciones ({e})", False)
        p.run_sh("parar")
    finally:
        p.limpiar()
    print("\n==> Tiempos")
    for linea in p.c.tiempos:
        print("  " + linea)
    print(f"  {'total':<52} {time.monotonic() - t0:6.1f} s")
    bien = p.c.aciertos and not p.c.fallos
    if bien:
        shutil.rmtree(p.estado, ignore_errors=True)  # p.limpiar() already ran: only files are left
    print(f"\nhub: {p.c.aciertos} passed, {p.c.fallos} failed"
          + ("" if bien else f" (registros del Hub y de los navegadores en {p.estado})"))
    return 0 if bien else 1


if __name__ == "__main__":
    sys.exit(main())
