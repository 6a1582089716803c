"""Lo que docker/hub/run.sh necesita de la API de Docker (Docker o podman), con docker-py.

    python docker_api.py imagen NOMBRE   sale con 0 si la imagen está en esta máquina
    python docker_api.py red NOMBRE      crea la red si no existe y escribe la IP de esta máquina
                                         en ella (su pasarela: por ella llegan los contenedores al Hub)
    python docker_api.py parar           para y borra los contenedores de los estudiantes
                                         (NEURONAS_HUB_PREFIJO-*, por defecto neuronas-hub-*)
    python docker_api.py borrar          lo mismo y además borra sus volúmenes (su trabajo) y la
                                         red NEURONAS_HUB_RED si se llama como el prefijo: para las
                                         pruebas

Usa DOCKER_HOST, como DockerSpawner.
"""

import ipaddress
import os
import sys

import docker

PREFIJO = (os.environ.get("NEURONAS_HUB_PREFIJO", "").strip() or "neuronas-hub") + "-"


def pasarela(red):
    for cfg in (red.attrs.get("IPAM") or {}).get("Config") or []:
        if cfg.get("Gateway"):
            return cfg["Gateway"]
        if cfg.get("Subnet"):
            # Without an explicit gateway, Docker and podman take the subnet's first address.
            return str(next(ipaddress.ip_network(cfg["Subnet"]).hosts()))
    sys.exit(f"la red {red.name} no tiene subred IPv4: bórrala y vuelve a arrancar el Hub")


def main(argv):
    cliente = docker.from_env()
    orden = argv[1] if len(argv) > 1 else ""
    if orden == "imagen" and len(argv) == 3:
        cliente.images.get(argv[2])
    elif orden == "red" and len(argv) == 3:
        redes = cliente.networks.list(names=[argv[2]])
        red = redes[0] if redes else cliente.networks.create(argv[2], driver="bridge")
        red.reload()
        print(pasarela(red))
    elif orden in ("parar", "borrar"):
        for c in cliente.containers.list(all=True):
            if c.name.startswith(PREFIJO):
                print(f"==> Parando {c.name}", flush=True)
                try:
                    c.stop(timeout=10)
                    c.remove()
                except docker.errors.NotFound:
                    pass  # Already gone.
        quedan = [c.name for c in cliente.containers.list(all=True) if c.name.startswith(PREFIJO)]
        if quedan:
            sys.exit(f"no se pudieron parar: {', '.join(quedan)}")
        if orden == "borrar":
            for v in cliente.volumes.list():
                if v.name.startswith(PREFIJO):
                    v.remove(force=True)
            # The network too, when it is the test's own (named like the prefix).
            red = os.environ.get("NEURONAS_HUB_RED", "").strip()
            if red and red + "-" == PREFIJO:
                for r in cliente.networks.list(names=[red]):
                    r.remove()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
