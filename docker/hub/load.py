# SPDX-License-Identifier: Apache-2.0
"""Medida de carga del JupyterHub del curso (make hub-load): N estudiantes ejecutan a la vez el
cuaderno II entero, cada uno en su servidor, a través del Hub.

    .venv-hub/bin/python docker/hub/load.py [N ...]       (por defecto 5 10 20)

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

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [HERE, os.path.join(ROOT, "scripts")]

import docker  # noqa: E402

from student import OwnHub, Kernel, Server  # noqa: E402
from jupyterkit import code_sources, stdout_text  # noqa: E402

NOTEBOOK = "02-modelos-neuronales-II.ipynb"
FINAL_LOSS = re.compile(r"(?m)^pérdida final: \S+")
HEADER = ("| N | pared mediana (s) | pared máx. | CPU mediana (s) | CPU máx. | pico memoria mediana (MB) | "
          "pico máx. | anónima máx. | arranque de todos (s) | fallos |")


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


class Cgroup:
    """Los contadores de un contenedor en /sys/fs/cgroup (v1 o v2)."""

    def __init__(self, container_id):
        self.mem = self.cpu = None
        self.v2 = os.path.exists("/sys/fs/cgroup/cgroup.controllers")
        roots = ["/sys/fs/cgroup"] if self.v2 else ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpuacct"]
        for root in roots:
            for d, subdirs, _ in os.walk(root):
                if container_id in os.path.basename(d):
                    if self.v2 or root.endswith("memory"):
                        self.mem = d
                    if self.v2 or root.endswith("cpuacct"):
                        self.cpu = d
                    subdirs.clear()
        self.anon_peak = 0

    def cpu_s(self):
        if not self.cpu:
            return None
        if self.v2:
            m = re.search(r"(?m)^usage_usec (\d+)", read_text(os.path.join(self.cpu, "cpu.stat")) or "")
            return int(m.group(1)) / 1e6 if m else None
        s = read_text(os.path.join(self.cpu, "cpuacct.usage"))
        return int(s) / 1e9 if s else None

    def reset_peak(self):
        if self.mem and not self.v2:
            try:
                with open(os.path.join(self.mem, "memory.max_usage_in_bytes"), "w") as f:
                    f.write("0")
            except OSError:
                pass
        self.anon_peak = 0

    def peak(self):
        if not self.mem:
            return None
        s = read_text(os.path.join(self.mem, "memory.peak" if self.v2 else "memory.max_usage_in_bytes"))
        return int(s) if s and s.strip().isdigit() else None

    def sample(self):
        if not self.mem:
            return
        stat = read_text(os.path.join(self.mem, "memory.stat")) or ""
        m = re.search(r"(?m)^anon (\d+)" if self.v2 else r"(?m)^total_rss (\d+)", stat)
        if m:
            self.anon_peak = max(self.anon_peak, int(m.group(1)))


class Measurement:
    def __init__(self, n):
        self.n = n
        self.students = [f"carga{i:02d}" for i in range(1, n + 1)]
        self.own = OwnHub(f"carga{n}", self.students, NEURONAS_HUB_INACTIVO="7200")
        self.prefix, self.url, self.hub = self.own.prefix, self.own.url, self.own.hub

    def measure(self):
        print(f"\n==> {self.n} estudiantes: arrancando el Hub", flush=True)
        ok = False
        try:
            r = self.own.run_sh("fondo")
            if r.returncode != 0:
                raise RuntimeError(f"run.sh fondo: {r.stdout[-2000:]}{r.stderr[-2000:]}")
            host = self.own.docker_host()
            client = docker.DockerClient(base_url=host) if host else docker.from_env()
            try:
                result = self._measure(client)
                ok = True
                return result
            finally:
                client.close()
        finally:
            # The Hub's log stays when something went wrong.
            self.own.clean_up(state=ok)

    def _measure(self, client):
        for a in self.students:
            self.hub.create_user(a)
        t0 = time.monotonic()
        def start(a):
            t = time.monotonic()
            self.hub.start(a, 900)
            return time.monotonic() - t

        with concurrent.futures.ThreadPoolExecutor(self.n) as ex:
            startups = dict(zip(self.students, ex.map(start, self.students)))
        startup_total = time.monotonic() - t0
        print(f"    {self.n} servidores en marcha en {startup_total:.1f} s", flush=True)
        cgroups, servers = {}, {}
        for a in self.students:
            k = client.containers.get(f"{self.prefix}-{a}")
            cgroups[a] = Cgroup(k.id)
            servers[a] = Server(self.url, a, self.hub.token(a))
        # Training cells print "pérdida final: …" in the committed notebook: as many must print it now.
        expected = sum(len(FINAL_LOSS.findall(stdout_text(c))) for c in servers[self.students[0]].notebook(NOTEBOOK)["cells"])

        stop = threading.Event()

        def sampler():
            while not stop.is_set():
                for cg in cgroups.values():
                    cg.sample()
                stop.wait(0.5)

        for cg in cgroups.values():
            cg.reset_peak()
        cpu0 = {a: cg.cpu_s() for a, cg in cgroups.items()}
        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
        print(f"    {self.n} estudiantes ejecutan {NOTEBOOK} a la vez…", flush=True)
        t0 = time.monotonic()
        reports = asyncio.run(self._notebooks(servers))
        total = time.monotonic() - t0
        stop.set()
        thread.join()

        rows = []
        for a, report in zip(self.students, reports):
            cg = cgroups[a]
            cpu1 = cg.cpu_s()
            if isinstance(report, BaseException):
                rows.append({"alumno": a, "error": repr(report), "fallos": 1})
                continue
            losses = sum(len(FINAL_LOSS.findall(c.get("stdout", ""))) for c in report["celdas"])
            failures = report["fallos"] + (losses != expected)
            rows.append({
                "alumno": a,
                "arranque_s": round(startups[a], 1),
                "pared_s": report["segundos"],
                "cpu_s": round(cpu1 - cpu0[a], 1) if cpu1 is not None and cpu0[a] is not None else None,
                "pico_memoria_mb": round(cg.peak() / 2**20) if cg.peak() else None,
                "pico_anon_mb": round(cg.anon_peak / 2**20) if cg.anon_peak else None,
                "celdas": len(report["celdas"]),
                "perdidas_finales": losses,
                "fallos": failures,
                "errores": [c["stderr"] for c in report["celdas"] if c["fallo"]][:3],
            })
        return {"n": self.n, "pared_total_s": round(total, 1), "arranque_total_s": round(startup_total, 1),
                "entrenamientos_esperados": expected, "alumnos": rows}

    async def _notebooks(self, servers):
        async def one(srv):
            notebook = srv.notebook(NOTEBOOK)
            t0 = time.monotonic()
            k = await Kernel.open(srv)
            cells = []
            try:
                for code in code_sources(notebook):
                    r = await k.execute(code, 3600)
                    cells.append({"estado": r.status, "segundos": round(r.seconds, 2), "fallo": r.failed(),
                                  "stdout": r.stdout, "stderr": (r.stderr + r.error)[-1500:]})
                    if r.status != "ok":
                        break
            finally:
                k.close()
            return {"segundos": round(time.monotonic() - t0, 1), "celdas": cells,
                    "fallos": sum(c["fallo"] for c in cells)}
        return await asyncio.gather(*(one(s) for s in servers.values()), return_exceptions=True)


def summary(r):
    rows = [f for f in r["alumnos"] if "error" not in f]

    def stats(key):
        v = [f[key] for f in rows if f.get(key) is not None]
        return (statistics.median(v), max(v)) if v else (float("nan"), float("nan"))
    wall, cpu, peak, anon = stats("pared_s"), stats("cpu_s"), stats("pico_memoria_mb"), stats("pico_anon_mb")
    failures = sum(f.get("fallos", 1) for f in r["alumnos"])
    return (f"| {r['n']:>3} | {wall[0]:7.1f} | {wall[1]:7.1f} | {cpu[0]:6.1f} | {cpu[1]:6.1f} | "
            f"{peak[0]:6.0f} | {peak[1]:6.0f} | {anon[1]:6.0f} | {r['arranque_total_s']:6.1f} | {failures} |")


def main(argv):
    ns = [int(a) for a in argv[1:]] or [5, 10, 20]
    machine = {
        "nucleos": os.cpu_count(),
        "memoria_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "sistema": platform.platform(),
        "fecha": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "memoria_por_estudiante": os.environ.get("NEURONAS_HUB_MEMORIA", "2G"),
        "cpu_por_estudiante": os.environ.get("NEURONAS_HUB_CPU", "1"),
    }
    results = []
    for n in ns:
        results.append(Measurement(n).measure())
        print(HEADER)
        print(summary(results[-1]), flush=True)
    output_path = os.environ.get("NEURONAS_HUB_CARGA_JSON") or os.path.join(HERE, "carga.json")
    if os.environ.get("NEURONAS_HUB_CARGA_ANADIR") == "1" and os.path.exists(output_path):
        # Keep the other N of an earlier run (same machine and limits), replacing the ones measured now.
        with open(output_path) as f:
            before = json.load(f)
        measured = {r["n"] for r in results}
        results = sorted([r for r in before["resultados"] if r["n"] not in measured] + results, key=lambda r: r["n"])
    with open(output_path, "w") as f:
        json.dump({"maquina": machine, "cuaderno": NOTEBOOK, "resultados": results}, f, ensure_ascii=False, indent=1)
    print(f"\nmáquina: {machine['nucleos']} núcleos, {machine['memoria_gb']} GB; por estudiante "
          f"{machine['memoria_por_estudiante']} y {machine['cpu_por_estudiante']} CPU")
    print(HEADER)
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(summary(r))
    print(f"(todo en {output_path})")
    return 1 if any(f.get("fallos") for r in results for f in r["alumnos"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
