# SPDX-License-Identifier: Apache-2.0
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
  7. un entrenamiento que no cabría en memoria (1 millón de puntos y 4096 neuronas) se rechaza antes
     de empezar con el mensaje de train.LearningLoop; una celda que se queda sin memoria (un make de
     3 GB) se para con el mensaje de pkg/memory, y sin esa vigilancia (NEURONAS_MEMORIA=0) el
     sistema mata solo el programa de la celda: en los tres casos el servidor y el kernel siguen,
     y la celda siguiente se ejecuta;
  8. el culler para el servidor de quien no hace nada (NEURONAS_HUB_INACTIVO=90 en la prueba) y
     su volumen se queda;
  9. docker/hub/run.sh parar para el Hub y los contenedores; la carpeta de estado, los volúmenes y la
     red de la prueba se borran al final (run.sh borrar).

Uso: .venv-hub/bin/python docker/hub/e2e.py (lo llama `make hub-test`, después de preparar el
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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [HERE, os.path.join(ROOT, "scripts")]

import docker  # noqa: E402

from student import OwnHub, Kernel, Server  # noqa: E402
from jupyterkit import code_sources, request, text  # noqa: E402

STUDENTS = ["alumno1", "alumno2", "alumno3"]
IDLE = 90  # segundos del culler en la prueba
NOTEBOOK = "00-prueba-del-entorno.ipynb"


def notebooks(student):
    """The notebooks (prefixes, for NEURONAS_NOTEBOOKS) each student runs in the browser: notebook 00,
    and the first student also the laboratory, whose controls must answer behind the Hub too."""
    return "00-,06-" if student == STUDENTS[0] else "00-"



def training_cell(points, neurons, steps):
    """Una celda que entrena una red 1-neuronas-1 con los paquetes del curso."""
    return f"""%%
poly := check.Must(data.GeneratePolynomial([]float64{{1, 0, 0}}))
d := check.Must(data.GetDataFromAPolynomial(poly, {points}, data.Sigma(0.5), data.Range(4)))
model := check.Must(nn.Sequential(nn.Linear(1, {neurons}), nn.Tanh(), nn.Linear({neurons}, 1)))
losses := check.Must(train.LearningLoop(d.X, d.Y, model, {steps}, train.MSELoss, 1e-2, train.SGD))
fmt.Println(len(losses))
"""


# Una celda de entrenamiento que dura minutos (5 millones de pasos).
LONG_CELL = training_cell(20, 4, "5_000_000")
# Un millón de puntos por una capa de 4096 neuronas: 16 GB solo para sus salidas.
HUGE_CELL = training_cell("1_000_000", 4096, 10)
# 3 GB escritos a mano, sin los paquetes del curso.
BY_HAND_CELL = """%%
b := make([]byte, 3<<30)
for i := range b {
	b[i] = 1
}
fmt.Println(len(b))
"""
STILL_HERE_CELL = '%%\nfmt.Println("sigo aquí")'


class Tally:
    def __init__(self):
        self.passed, self.failed, self.timings = 0, 0, []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f"\n     {detail}" if detail else ""), flush=True)
        return ok

    def timing(self, name, seconds):
        self.timings.append(f"{name:<52} {seconds:6.1f} s")


def say(msg):
    print(f"\n==> {msg}", flush=True)


def without_redirects(url, token=None):
    """Código HTTP y Location de un GET que no sigue redirecciones."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=30) as r:
            return r.status, r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


class EndToEnd:
    def __init__(self):
        self.c = Tally()
        self.own = OwnHub("prueba", STUDENTS, NEURONAS_HUB_INACTIVO=str(IDLE), NEURONAS_HUB_ACTIVIDAD="10")
        self.state, self.prefix, self.url = self.own.state, self.own.prefix, self.own.url
        self.env, self.hub = self.own.env, self.own.hub
        self.tokens = {}
        self.docker = None

    def run_sh(self, *args):
        return self.own.run_sh(*args)

    def container(self, student):
        try:
            return self.docker.containers.get(f"{self.prefix}-{student}")
        except docker.errors.NotFound:
            return None

    # 1. The Hub.
    def start(self):
        say("Arrancando el Hub (docker/hub/run.sh fondo)")
        t = time.monotonic()
        r = self.run_sh("fondo")
        self.c.timing("arranque del Hub (run.sh fondo)", time.monotonic() - t)
        print(r.stdout[-1500:], r.stderr[-3000:])
        if not self.c.check("run.sh fondo arranca el Hub", r.returncode == 0):
            return False
        self.c.check("run.sh escribe la dirección y la contraseña de los estudiantes",
                     self.url in r.stdout and "contraseña" in r.stdout)
        host = self.own.docker_host()
        self.docker = docker.DockerClient(base_url=host) if host else docker.from_env()
        status, _ = request(self.url + "/hub/health", None)
        self.c.check("/hub/health responde 200", status == 200, status)
        status, _ = request(self.url + "/hub/api/users", None)
        self.c.check("sin token, la API del Hub dice 403", status == 403, status)
        return True

    # 2. One server, one container, one volume per student.
    def servers(self):
        say("Un servidor por estudiante")
        for a in STUDENTS:
            self.hub.create_user(a)
            t = time.monotonic()
            try:
                self.hub.start(a)
            except Exception as e:  # noqa: BLE001
                self.c.check(f"{a}: su servidor arranca", False, e)
                continue
            self.c.timing(f"{a}: arranque de su servidor", time.monotonic() - t)
            self.tokens[a] = self.hub.token(a)
        ids = set()
        for a in STUDENTS:
            k = self.container(a)
            if not self.c.check(f"{a}: su contenedor {self.prefix}-{a} está en marcha",
                                k is not None and k.status == "running"):
                continue
            ids.add(k.id)
            hc = k.attrs["HostConfig"]
            mounts = {m.get("Destination"): m.get("Name") for m in k.attrs.get("Mounts", [])}
            self.c.check(f"{a}: imagen {self.env.get('NEURONAS_HUB_IMAGEN', 'neuronas:local')}",
                         any(self.env.get("NEURONAS_HUB_IMAGEN", "neuronas:local") in t for t in k.image.tags),
                         k.image.tags)
            self.c.check(f"{a}: su volumen {self.prefix}-{a} en /opt/neuronas/notebooks",
                         mounts.get("/opt/neuronas/notebooks") == f"{self.prefix}-{a}", mounts)
            self.c.check(f"{a}: límite de 2 GB de memoria y 1 CPU",
                         hc.get("Memory") == 2 << 30 and hc.get("CpuQuota") == hc.get("CpuPeriod", 100000) > 0,
                         {k2: hc.get(k2) for k2 in ("Memory", "CpuQuota", "CpuPeriod")})
            uid = k.exec_run("id -u").output.decode().strip()
            self.c.check(f"{a}: el servidor corre sin privilegios (uid {uid})", uid == "1000")
            srv = Server(self.url, a, self.tokens.get(a, ""))
            status, listing = srv.api("GET", "contents")
            names = sorted(x["name"] for x in listing.get("content", [])) if status == 200 else listing
            self.c.check(f"{a}: su servidor tiene los cuadernos del curso", NOTEBOOK in names, names)
        self.c.check("tres contenedores distintos", len(ids) == len(STUDENTS), ids)

    # 3. The browser, one Chromium per student, at the same time.
    def browser(self):
        if os.environ.get("NEURONAS_HUB_NAVEGADOR") == "0":
            say("Navegador: se salta (NEURONAS_HUB_NAVEGADOR=0)")
            return
        say("Cada estudiante entra por el formulario del Hub y ejecuta el cuaderno 00 en JupyterLab; "
            f"{STUDENTS[0]}, además, mueve los controles del laboratorio (06)")
        binary = os.path.join(self.state, "nbtest.test")
        r = subprocess.run(["go", "test", "-c", "-o", binary, "./internal/nbtest"], cwd=ROOT,
                           capture_output=True, text=True)
        if not self.c.check("se compila la prueba del navegador", r.returncode == 0, r.stderr[-2000:]):
            return
        password = open(os.path.join(self.state, "clave")).read().strip()
        t = time.monotonic()
        processes = {}
        for a in STUDENTS:
            env = dict(self.env, NEURONAS_JUPYTER_URL=f"{self.url}/user/{a}/",
                       NEURONAS_JUPYTER_TOKEN=self.tokens.get(a, ""),
                       NEURONAS_JUPYTER_LOGIN=f"{a}:{password}", NEURONAS_NOTEBOOKS=notebooks(a),
                       NEURONAS_NOTEBOOK_TESTS="1",
                       NEURONAS_ARTEFACTS=os.path.join(ROOT, ".artefactos", "hub", a))
            log = open(os.path.join(self.state, f"navegador-{a}.log"), "w")
            processes[a] = (subprocess.Popen([binary, "-test.run", "^TestBrowser$", "-test.v",
                                             "-test.timeout", "15m"],
                                            cwd=os.path.join(ROOT, "internal", "nbtest"), env=env,
                                            stdout=log, stderr=subprocess.STDOUT), log)
        for a, (p, log) in processes.items():
            p.wait()
            log.close()
            output = open(log.name).read()
            self.c.check(f"{a}: entra por el formulario del Hub y el cuaderno 00 pasa en el navegador "
                         f"(explorador, kernel, figuras, idioma, autocompletado)"
                         + (" y el laboratorio (06) responde a los controles" if "06-" in notebooks(a) else ""),
                         p.returncode == 0 and "--- PASS: TestBrowser" in output, output[-4000:])
        self.c.timing("3 navegadores a la vez, cuaderno 00", time.monotonic() - t)

    # 4. No one else's server.
    def isolation(self):
        say("Nadie entra en el servidor de otro")
        status, _ = request(f"{self.url}/user/alumno1/api/contents", self.tokens.get("alumno2"))
        self.c.check("alumno2 con su token en /user/alumno1/api/contents: 403", status == 403, status)
        status, _ = request(f"{self.url}/user/alumno1/api/kernels", self.tokens.get("alumno2"), "POST", {"name": "gonb"})
        self.c.check("alumno2 no puede abrir un kernel de alumno1: 403", status == 403, status)
        status, location = without_redirects(f"{self.url}/user/alumno1/lab")
        self.c.check("sin sesión, /user/alumno1/lab lleva al login del Hub",
                     status == 302 and "/hub/" in location, f"{status} {location}")
        status, _ = request(f"{self.url}/user/alumno1/api/contents", self.tokens.get("alumno1"))
        self.c.check("alumno1 con su token sí entra: 200", status == 200, status)

    # 5. The student's work survives a stop and a start.
    def persistence(self):
        say("El trabajo de alumno1 sobrevive a parar y volver a arrancar su servidor")
        srv = Server(self.url, "alumno1", self.tokens["alumno1"])
        mark = f"Nota de alumno1 {secrets.token_hex(4)}"
        nb = srv.notebook(NOTEBOOK)
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": mark})
        srv.save(NOTEBOOK, nb)
        before = self.container("alumno1")
        t = time.monotonic()
        self.hub.stop("alumno1")
        self.c.timing("alumno1: parada de su servidor", time.monotonic() - t)
        self.c.check("al parar, su contenedor se borra", self.container("alumno1") is None)
        vols = [v.name for v in self.docker.volumes.list()]
        self.c.check("al parar, su volumen se queda", f"{self.prefix}-alumno1" in vols)
        t = time.monotonic()
        self.hub.start("alumno1")
        self.c.timing("alumno1: nuevo arranque de su servidor", time.monotonic() - t)
        after = self.container("alumno1")
        self.c.check("al volver, un contenedor nuevo", after is not None and before is not None and after.id != before.id)
        nb = srv.notebook(NOTEBOOK)
        self.c.check("al volver, el cuaderno editado conserva la nota",
                     any(mark in text(c["source"]) for c in nb["cells"]))

    # 6 and 7. Interrupt and out of memory, through the Hub's proxy and the kernel's websocket.
    async def kernel(self):
        srv = Server(self.url, "alumno1", self.tokens["alumno1"])
        setup_cells = list(code_sources(srv.notebook(NOTEBOOK)))[:2]
        k = await Kernel.open(srv)
        try:
            for cell in setup_cells:
                r = await k.execute(cell, 300)
                self.c.check("celdas de preparación del cuaderno 00", r.status == "ok", r.text()[-1000:])

            say("Kernel → Interrumpir en una celda de entrenamiento larga")
            started = asyncio.Event()
            task = asyncio.ensure_future(k.execute(LONG_CELL, 600, on_first_output=lambda _: started.set()))
            await asyncio.wait_for(started.wait(), 120)
            await asyncio.sleep(2)
            t = time.monotonic()
            await k.interrupt()
            r = await task
            waited = time.monotonic() - t
            self.c.timing("Interrumpir → control de vuelta", waited)
            self.c.check(f"el control vuelve en {waited:.2f} s (< 1 s)", waited < 1, r.text()[-500:])
            self.c.check("la celda interrumpida acaba con «interrupt»", "interrupt" in r.stderr, r.text()[-500:])
            r = await k.execute(STILL_HERE_CELL, 120)
            self.c.check("tras interrumpir, la celda siguiente se ejecuta", "sigo aquí" in r.stdout, r.text()[-500:])

            container = self.container("alumno1")
            # The last one without the guard: %env stays for the rest of the kernel's cells.
            for name, code, warning in (
                ("entrenar con 1 millón de puntos y 4096 neuronas (16 GB): se rechaza antes de empezar", HUGE_CELL,
                 "caben con holgura en memoria"),
                ("un make de 3 GB sin los paquetes del curso", BY_HAND_CELL, "se ha quedado sin memoria"),
                ("el make de 3 GB con NEURONAS_MEMORIA=0 (sin vigilancia)", "%env NEURONAS_MEMORIA 0\n" + BY_HAND_CELL,
                 "signal: killed"),
            ):
                say(f"Sin memoria: {name}")
                r = await k.execute(code, 300)
                self.c.timing(f"sin memoria: {name[:30]}", r.seconds)
                self.c.check(f"la celda acaba con «{warning}»", r.status == "error" and warning in r.text(),
                             r.text()[-1500:])
                if warning == "se ha quedado sin memoria":
                    print(r.stderr.strip())
                api_status, server_status = srv.api("GET", "status")
                self.c.check("el servidor sigue en pie", api_status == 200, server_status)
                api_status, kernels = srv.api("GET", "kernels")
                self.c.check("el kernel sigue vivo", api_status == 200 and any(x["id"] == k.id for x in kernels), kernels)
                now = self.container("alumno1")
                self.c.check("el mismo contenedor, sin reinicios",
                             now is not None and now.id == container.id and now.attrs["RestartCount"] == 0)
                r = await k.execute(STILL_HERE_CELL, 120)
                self.c.check("la celda siguiente se ejecuta", "sigo aquí" in r.stdout, r.text()[-500:])
        finally:
            k.close()

    # 8. The culler.
    def culler(self):
        say(f"El culler para el servidor de alumno3, sin actividad desde hace más de {IDLE} s")
        t = time.monotonic()
        try:
            self.hub.wait("alumno3", False, IDLE * 4)
            stopped = True
        except TimeoutError:
            stopped = False
        self.c.timing("culler: espera hasta que para alumno3", time.monotonic() - t)
        self.c.check("el culler para el servidor inactivo de alumno3", stopped)
        self.c.check("su contenedor se borra", self.container("alumno3") is None)
        vols = [v.name for v in self.docker.volumes.list()]
        self.c.check("su volumen se queda", f"{self.prefix}-alumno3" in vols)
        log_text = open(os.path.join(self.state, "jupyterhub.log")).read()
        self.c.check("el registro del Hub dice que lo paró el culler",
                     re.search(r"DELETE /hub/api/users/alumno3/server \(idle-culler@", log_text) is not None)

    def stop(self):
        say("docker/hub/run.sh parar")
        r = self.run_sh("parar")
        print(r.stdout[-1000:], r.stderr[-1000:])
        # run.sh parar fails if a student's container is left (docker_api.py stop checks).
        self.c.check("run.sh parar para el Hub y todos los contenedores de los estudiantes", r.returncode == 0)
        try:
            status, _ = request(self.url + "/hub/health", None, timeout=5)
        except OSError as e:
            status = e
        self.c.check("el Hub ya no responde", status != 200, status)

    def clean_up(self):
        if self.docker:
            self.docker.close()
        self.own.clean_up()


def main():
    p = EndToEnd()
    t0 = time.monotonic()
    try:
        if p.start():
            p.servers()
            p.browser()
            p.isolation()
            p.persistence()
            asyncio.run(p.kernel())
            p.culler()
        p.stop()
    except Exception as e:  # noqa: BLE001 - counted as a failure, with the traceback
        import traceback
        traceback.print_exc()
        p.c.check(f"la prueba terminó sin excepciones ({e})", False)
        p.run_sh("parar")
    finally:
        p.clean_up()
    print("\n==> Tiempos")
    for line in p.c.timings:
        print("  " + line)
    print(f"  {'total':<52} {time.monotonic() - t0:6.1f} s")
    ok = p.c.passed and not p.c.failed
    if ok:
        shutil.rmtree(p.state, ignore_errors=True)  # p.clean_up() already ran: only files are left
    print(f"\nhub: {p.c.passed} passed, {p.c.failed} failed"
          + ("" if ok else f" (registros del Hub y de los navegadores en {p.state})"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
