"""Medida de carga del JupyterHub del curso (make hub-load): N estudiantes ejecutan a la vez el
cuaderno II entero, cada uno en su servidor, a través del Hub.

    .venv-hub/bin/python docker/hub/carga.py [N ...]      (por defecto 5 10 20)

Para cada N arranca un Hub propio (docker/hub/run.sh fondo, en puertos libres, con carpeta de estado,
contenedores, volúmenes y red propios; los límites por estudiante de siempre, o los de
NEURONAS_HUB_MEMORIA y NEURONAS_HUB_CPU), arranca los N servidores a la vez y después ejecuta en cada
uno, a la vez, todas las celdas de código de 02-modelos-neuronales-II.ipynb en un kernel nuevo
(execute_request por el websocket del kernel, como JupyterLab). Mide por estudiante:

  - el tiempo de pared del cuaderno entero y el arranque de su servidor;
  - los segundos de CPU de su contenedor durante el cuaderno (cgroup: cpuacct.usage o cpu.stat);
  - la memoria máxima de su contenedor: el pico que cuenta el límite (memory.max_usage_in_bytes o
    memory.peak, con la caché de ficheros) y el pico de memoria anónima (muestreado cada 0,5 s);
  - los fallos: celdas que acaban en error o escriben en stderr, y entrenamientos que no escriben
    su «pérdida final».

Los contadores se leen del cgroup de cada contenedor en esta máquina (/sys/fs/cgroup), así que el
motor (Docker o podman) tiene que ser local. Escribe una tabla por N y guarda todo en
docker/hub/carga.json (o en NEURONAS_HUB_CARGA_JSON), con la máquina en la que se midió; con
NEURONAS_HUB_CARGA_ANADIR=1 conserva de ese fichero los N que no se miden ahora.
"""

import asyncio
import concurrent.futures
import datetime
import json
import os
import platform
import re
import statistics
import sys
import threading
import time

AQUI = os.path.dirname(os.path.abspath(__file__))
RAIZ = os.path.dirname(os.path.dirname(AQUI))
sys.path.insert(0, AQUI)

import docker  # noqa: E402

from alumno import HubPropio, Kernel, Servidor, celdas_de_codigo  # noqa: E402

CUADERNO = "02-modelos-neuronales-II.ipynb"
PERDIDA = re.compile(r"(?m)^pérdida final: \S+")
CABECERA = ("| N | pared mediana (s) | pared máx. | CPU mediana (s) | CPU máx. | pico memoria mediana (MB) | "
            "pico máx. | anónima máx. | arranque de todos (s) | fallos |")


def leer(ruta):
    try:
        with open(ruta) as f:
            return f.read()
    except OSError:
        return None


def texto_de(celda):
    """The stdout text a cell of a notebook file shows."""
    texto = ""
    for o in celda.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stdout":
            texto += o["text"] if isinstance(o["text"], str) else "".join(o["text"])
    return texto


class Cgroup:
    """Los contadores de un contenedor en /sys/fs/cgroup (v1 o v2)."""

    def __init__(self, id_contenedor):
        self.mem = self.cpu = None
        self.v2 = os.path.exists("/sys/fs/cgroup/cgroup.controllers")
        raices = ["/sys/fs/cgroup"] if self.v2 else ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpuacct"]
        for raiz in raices:
            for d, subdirs, _ in os.walk(raiz):
                if id_contenedor in os.path.basename(d):
                    if self.v2 or raiz.endswith("memory"):
                        self.mem = d
                    if self.v2 or raiz.endswith("cpuacct"):
                        self.cpu = d
                    subdirs.clear()
        self.pico_anon = 0

    def cpu_s(self):
        if not self.cpu:
            return None
        if self.v2:
            m = re.search(r"(?m)^usage_usec (\d+)", leer(os.path.join(self.cpu, "cpu.stat")) or "")
            return int(m.group(1)) / 1e6 if m else None
        s = leer(os.path.join(self.cpu, "cpuacct.usage"))
        return int(s) / 1e9 if s else None

    def reiniciar_pico(self):
        if self.mem and not self.v2:
            try:
                with open(os.path.join(self.mem, "memory.max_usage_in_bytes"), "w") as f:
                    f.write("0")
            except OSError:
                pass
        self.pico_anon = 0

    def pico(self):
        if not self.mem:
            return None
        s = leer(os.path.join(self.mem, "memory.peak" if self.v2 else "memory.max_usage_in_bytes"))
        return int(s) if s and s.strip().isdigit() else None

    def muestrear(self):
        if not self.mem:
            return
        stat = leer(os.path.join(self.mem, "memory.stat")) or ""
        m = re.search(r"(?m)^anon (\d+)" if self.v2 else r"(?m)^total_rss (\d+)", stat)
        if m:
            self.pico_anon = max(self.pico_anon, int(m.group(1)))


class Medida:
    def __init__(self, n):
        self.n = n
        self.alumnos = [f"carga{i:02d}" for i in range(1, n + 1)]
        self.propio = HubPropio(f"carga{n}", self.alumnos, NEURONAS_HUB_INACTIVO="7200")
        self.prefijo, self.url, self.hub = self.propio.prefijo, self.propio.url, self.propio.hub

    def medir(self):
        print(f"\n==> {self.n} estudiantes: arrancando el Hub", flush=True)
        bien = False
        try:
            r = self.propio.run_sh("fondo")
            if r.returncode != 0:
                raise RuntimeError(f"run.sh fondo: {r.stdout[-2000:]}{r.stderr[-2000:]}")
            host = self.propio.docker_host()
            cliente = docker.DockerClient(base_url=host) if host else docker.from_env()
            try:
                resultado = self._medir(cliente)
                bien = True
                return resultado
            finally:
                cliente.close()
        finally:
            # The Hub's log stays when something went wrong.
            self.propio.limpiar(estado=bien)

    def _medir(self, cliente):
        for a in self.alumnos:
            self.hub.crear_usuario(a)
        t0 = time.monotonic()
        def arrancar(a):
            t = time.monotonic()
            self.hub.arrancar(a, 900)
            return time.monotonic() - t

        with concurrent.futures.ThreadPoolExecutor(self.n) as ex:
            arranques = dict(zip(self.alumnos, ex.map(arrancar, self.alumnos)))
        arranque_total = time.monotonic() - t0
        print(f"    {self.n} servidores en marcha en {arranque_total:.1f} s", flush=True)
        cgroups, servidores = {}, {}
        for a in self.alumnos:
            k = cliente.containers.get(f"{self.prefijo}-{a}")
            cgroups[a] = Cgroup(k.id)
            servidores[a] = Servidor(self.url, a, self.hub.token(a))
        # Training cells print "pérdida final: …" in the committed notebook: as many must print it now.
        esperadas = sum(len(PERDIDA.findall(texto_de(c))) for c in servidores[self.alumnos[0]].cuaderno(CUADERNO)["cells"])

        parar = threading.Event()

        def muestreo():
            while not parar.is_set():
                for cg in cgroups.values():
                    cg.muestrear()
                parar.wait(0.5)

        for cg in cgroups.values():
            cg.reiniciar_pico()
        cpu0 = {a: cg.cpu_s() for a, cg in cgroups.items()}
        hilo = threading.Thread(target=muestreo, daemon=True)
        hilo.start()
        print(f"    {self.n} estudiantes ejecutan {CUADERNO} a la vez…", flush=True)
        t0 = time.monotonic()
        informes = asyncio.run(self._cuadernos(servidores))
        total = time.monotonic() - t0
        parar.set()
        hilo.join()

        filas = []
        for a, inf in zip(self.alumnos, informes):
            cg = cgroups[a]
            cpu1 = cg.cpu_s()
            if isinstance(inf, BaseException):
                filas.append({"alumno": a, "error": repr(inf), "fallos": 1})
                continue
            perdidas = sum(len(PERDIDA.findall(c.get("stdout", ""))) for c in inf["celdas"])
            fallos = inf["fallos"] + (perdidas != esperadas)
            filas.append({
                "alumno": a,
                "arranque_s": round(arranques[a], 1),
                "pared_s": inf["segundos"],
                "cpu_s": round(cpu1 - cpu0[a], 1) if cpu1 is not None and cpu0[a] is not None else None,
                "pico_memoria_mb": round(cg.pico() / 2**20) if cg.pico() else None,
                "pico_anon_mb": round(cg.pico_anon / 2**20) if cg.pico_anon else None,
                "celdas": len(inf["celdas"]),
                "perdidas_finales": perdidas,
                "fallos": fallos,
                "errores": [c["stderr"] for c in inf["celdas"] if c["fallo"]][:3],
            })
        return {"n": self.n, "pared_total_s": round(total, 1), "arranque_total_s": round(arranque_total, 1),
                "entrenamientos_esperados": esperadas, "alumnos": filas}

    async def _cuadernos(self, servidores):
        async def uno(srv):
            cuaderno = srv.cuaderno(CUADERNO)
            t0 = time.monotonic()
            k = await Kernel.abrir(srv)
            celdas = []
            try:
                for codigo in celdas_de_codigo(cuaderno):
                    r = await k.ejecutar(codigo, 3600)
                    celdas.append({"estado": r.estado, "segundos": round(r.segundos, 2), "fallo": r.fallo(),
                                   "stdout": r.stdout, "stderr": (r.stderr + r.error)[-1500:]})
                    if r.estado != "ok":
                        break
            finally:
                k.cerrar()
            return {"segundos": round(time.monotonic() - t0, 1), "celdas": celdas,
                    "fallos": sum(c["fallo"] for c in celdas)}
        return await asyncio.gather(*(uno(s) for s in servidores.values()), return_exceptions=True)


def resumen(r):
    filas = [f for f in r["alumnos"] if "error" not in f]

    def est(clave):
        v = [f[clave] for f in filas if f.get(clave) is not None]
        return (statistics.median(v), max(v)) if v else (float("nan"), float("nan"))
    pared, cpu, pico, anon = est("pared_s"), est("cpu_s"), est("pico_memoria_mb"), est("pico_anon_mb")
    fallos = sum(f.get("fallos", 1) for f in r["alumnos"])
    return (f"| {r['n']:>3} | {pared[0]:7.1f} | {pared[1]:7.1f} | {cpu[0]:6.1f} | {cpu[1]:6.1f} | "
            f"{pico[0]:6.0f} | {pico[1]:6.0f} | {anon[1]:6.0f} | {r['arranque_total_s']:6.1f} | {fallos} |")


def main(argv):
    ns = [int(a) for a in argv[1:]] or [5, 10, 20]
    maquina = {
        "nucleos": os.cpu_count(),
        "memoria_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "sistema": platform.platform(),
        "fecha": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "memoria_por_estudiante": os.environ.get("NEURONAS_HUB_MEMORIA", "2G"),
        "cpu_por_estudiante": os.environ.get("NEURONAS_HUB_CPU", "1"),
    }
    resultados = []
    for n in ns:
        resultados.append(Medida(n).medir())
        print(CABECERA)
        print(resumen(resultados[-1]), flush=True)
    salida = os.environ.get("NEURONAS_HUB_CARGA_JSON") or os.path.join(AQUI, "carga.json")
    if os.environ.get("NEURONAS_HUB_CARGA_ANADIR") == "1" and os.path.exists(salida):
        # Keep the other N of an earlier run (same machine and limits), replacing the ones measured now.
        with open(salida) as f:
            antes = json.load(f)
        medidos = {r["n"] for r in resultados}
        resultados = sorted([r for r in antes["resultados"] if r["n"] not in medidos] + resultados, key=lambda r: r["n"])
    with open(salida, "w") as f:
        json.dump({"maquina": maquina, "cuaderno": CUADERNO, "resultados": resultados}, f, ensure_ascii=False, indent=1)
    print(f"\nmáquina: {maquina['nucleos']} núcleos, {maquina['memoria_gb']} GB; por estudiante "
          f"{maquina['memoria_por_estudiante']} y {maquina['cpu_por_estudiante']} CPU")
    print(CABECERA)
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in resultados:
        print(resumen(r))
    print(f"(todo en {salida})")
    return 1 if any(f.get("fallos") for r in resultados for f in r["alumnos"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
