# SPDX-License-Identifier: Apache-2.0
"""Lo que docker/hub/run.sh necesita de la API de Docker (Docker o podman), con docker-py.

    python docker_api.py image NOMBRE    sale con 0 si la imagen está en esta máquina
    python docker_api.py network NOMBRE  crea la red si no existe y escribe la IP de esta máquina
                                         en ella (su pasarela: por ella llegan los contenedores al Hub)
    python docker_api.py stop            para y borra los contenedores de los estudiantes
                                         (NEURONAS_HUB_PREFIJO-*, por defecto neuronas-hub-*)
    python docker_api.py remove          lo mismo y además borra sus volúmenes (su trabajo) y la
                                         red NEURONAS_HUB_RED si se llama como el prefijo: para las
                                         pruebas

Solo lo llama run.sh (sus órdenes parar y borrar son las que escribe quien lo usa).

Usa DOCKER_HOST, como DockerSpawner.
"""

import ipaddress
import os
import sys

import docker

PREFIX = (os.environ.get("NEURONAS_HUB_PREFIJO", "").strip() or "neuronas-hub") + "-"


def gateway(network):
    for cfg in (network.attrs.get("IPAM") or {}).get("Config") or []:
        if cfg.get("Gateway"):
            return cfg["Gateway"]
        if cfg.get("Subnet"):
            # Without an explicit gateway, Docker and podman take the subnet's first address.
            return str(next(ipaddress.ip_network(cfg["Subnet"]).hosts()))
    sys.exit(f"la red {network.name} no tiene subred IPv4: bórrala y vuelve a arrancar el Hub")


def main(argv):
    client = docker.from_env()
    command = argv[1] if len(argv) > 1 else ""
    if command == "image" and len(argv) == 3:
        client.images.get(argv[2])
    elif command == "network" and len(argv) == 3:
        networks = client.networks.list(names=[argv[2]])
        network = networks[0] if networks else client.networks.create(argv[2], driver="bridge")
        network.reload()
        print(gateway(network))
    elif command in ("stop", "remove"):
        for c in client.containers.list(all=True):
            if c.name.startswith(PREFIX):
                print(f"==> Parando {c.name}", flush=True)
                try:
                    c.stop(timeout=10)
                    c.remove()
                except docker.errors.NotFound:
                    pass  # Already gone.
        left = [c.name for c in client.containers.list(all=True) if c.name.startswith(PREFIX)]
        if left:
            sys.exit(f"no se pudieron parar: {', '.join(left)}")
        if command == "remove":
            for v in client.volumes.list():
                if v.name.startswith(PREFIX):
                    v.remove(force=True)
            # The network too, when it is the test's own (named like the prefix).
            network = os.environ.get("NEURONAS_HUB_RED", "").strip()
            if network and network + "-" == PREFIX:
                for r in client.networks.list(names=[network]):
                    r.remove()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
