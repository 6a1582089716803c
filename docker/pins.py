# SPDX-License-Identifier: Apache-2.0
"""Fija los paquetes de Python de la imagen a partir de los del proyecto.

    python3 pins.py constraints scripts/requirements.txt docker/requirements.txt > constraints.txt
    python3 pins.py roots docker/requirements.txt > roots.txt
    pip install -c constraints.txt -r roots.txt
    python pins.py check constraints.txt

constraints: las versiones fijadas en scripts/requirements.txt, salvo las que docker/requirements.txt
fija de otra manera, más las que solo fija este. roots: los paquetes sin versión de
docker/requirements.txt, los que la imagen instala (pip trae sus dependencias con las versiones
fijadas). check: falla si en el entorno hay algún paquete sin fijar o con otra versión (pip y
setuptools vienen con `python3 -m venv` de Debian y no cuentan).
"""

import re
import sys


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def pins(path):
    out = {}
    for line in lines(path):
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            out[canonical(name)] = (name, version)
    return out


def main(argv):
    if len(argv) == 3 and argv[0] == "constraints":
        merged = pins(argv[1])
        merged.update(pins(argv[2]))
        for name, version in sorted(merged.values(), key=lambda p: canonical(p[0])):
            print(f"{name}=={version}")
    elif len(argv) == 2 and argv[0] == "roots":
        for line in lines(argv[1]):
            if "==" not in line:
                print(line)
    elif len(argv) == 2 and argv[0] == "check":
        from importlib.metadata import distributions

        wanted = pins(argv[1])
        bad = []
        for dist in distributions():
            name = canonical(dist.metadata["Name"])
            if name in ("pip", "setuptools"):
                continue
            if name not in wanted:
                bad.append(f"{dist.metadata['Name']}=={dist.version} no está fijado")
            elif wanted[name][1] != dist.version:
                bad.append(f"{dist.metadata['Name']}=={dist.version}, fijado {wanted[name][1]}")
        for b in sorted(bad):
            print(f"pins.py: {b}", file=sys.stderr)
        return 1 if bad else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
