# SPDX-License-Identifier: Apache-2.0
"""Las celdas de entrenamiento de «Modelos Neuronales II» (In [19]..In [36]) en PyTorch.

Es la referencia del proyecto: los mismos datos, las mismas redes, el mismo bucle y los mismos
pasos que el curso. Las celdas (tamaños y activación), los ajustes (datos, tasa de aprendizaje,
pasos, optimizador, pérdida), las semillas, los tamaños del barrido y la regla de «la red murió»
salen de la declaración del curso, pkg/course/course.json, la misma que lee el Go del proyecto.
Se ejecuta con el Python del sistema y el PyTorch de Debian (paquete python3-torch, 1.13):

    /usr/bin/python3 internal/parity/curso.py [pasos] [--json] [--seed S]
        Mide cada celda (lo que lee bench/main.go). Con --json, una línea JSON por celda:
        {"cell", "net", "seed", "seconds", "us_per_step", "final_loss", "losses"}; "losses" da la
        pérdida en los pasos 1, 10, 100, 1000 y el último (el paso k es loss_list[k-1]).
    /usr/bin/python3 internal/parity/curso.py --fixtures DIR [--cells 19,20] [--fixture-seeds 42]
        Escribe en DIR los ficheros de referencia de las semillas declaradas (0, 1 y 42: datos,
        parámetros iniciales, pérdidas y la sensibilidad de PyTorch a un ulp) y los valores del
        generador. Cada fichero guarda los ajustes con que se hizo; pkg/reference los compara
        con la declaración.
    /usr/bin/python3 internal/parity/curso.py --ulp-sensitivity DIR [--cells 19,20] [--fixture-seeds 42]
        Añade a DIR/seed-*.json («ulp») la sensibilidad de PyTorch a un ulp en CUALQUIER parámetro:
        la mayor diferencia relativa de la pérdida en los pasos 1, 10, 100 y 1000 al mover un ulp
        (arriba o abajo) una sola componente de un parámetro, probándolas todas, al principio y tras
        100 pasos (unos 3 min; las copias se entrenan a la vez con torch.baddbmm).
    /usr/bin/python3 internal/parity/curso.py --sweep DIR [--cells 32,36] [--seeds 50]
        Escribe DIR/sweep.json: pérdida final de cada celda con las semillas 0, 1, … (tantas
        como declara el curso para la celda) y si la red «murió»; todas las semillas de una
        celda se entrenan a la vez (torch.baddbmm).

«La misma semilla» significa: torch.manual_seed(S) justo antes de get_data_from_a_polynomial(...)
y otra vez torch.manual_seed(S) justo antes de que cada celda construya su modelo.

`make fixtures` regenera los ficheros de pkg/reference/pytorch.
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import torch

FORMAT = 1
REGENERATE = "make fixtures  (/usr/bin/python3 internal/parity/curso.py --fixtures pkg/reference/pytorch " \
             "&& /usr/bin/python3 internal/parity/curso.py --sweep pkg/reference/pytorch)"

# ---- La declaración del curso (pkg/course/course.json) ----

COURSE_JSON = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            "..", "..", "pkg", "course", "course.json"))
with open(COURSE_JSON, encoding="utf-8") as _f:
    DECLARATION = json.load(_f)
SETTINGS = DECLARATION["settings"]  # los mismos campos que "settings" en los ficheros de referencia
COURSE, COURSE_UPDATED = DECLARATION["course"], DECLARATION["updated"]
STEPS, LEARNING_RATE, N, SIGMA, RANGE, COEFFICIENTS = (
    SETTINGS[k] for k in ("steps", "lr", "n", "sigma", "range", "polynomial"))
SEED_RULE = DECLARATION["seeds"]["rule"]
FIXTURE_SEEDS = DECLARATION["seeds"]["fixtures"]
DEFAULT_SEED = DECLARATION["seeds"]["default"]  # la de los cuadernos (random.DefaultSeed)
DIED_RULE = DECLARATION["died"]


def translate(table, name, what):
    """El objeto de PyTorch que corresponde a un nombre de la declaración."""
    if name not in table:
        sys.exit(f"curso.py: {COURSE_JSON} declara {what} {name!r}, que este script no sabe "
                 f"traducir a PyTorch (conoce {', '.join(table)})")
    return table[name]


ACTIVATIONS = {"Tanh": torch.nn.Tanh, "ReLU": torch.nn.ReLU, "LeakyReLU": torch.nn.LeakyReLU,
               "Sigmoid": torch.nn.Sigmoid}
# El barrido entrena por lotes con SGD y MSE escritos a mano: solo sabe de estos dos.
OPTIMIZER = translate({"SGD": torch.optim.SGD}, SETTINGS["optimizer"], "el optimizador")
LOSS = translate({"MSELoss": torch.nn.MSELoss}, SETTINGS["loss"], "la pérdida")


# ---- Definiciones del curso (In [2] e In [17]) ----

def generate_polynomial(c_list):
    """Función para generar una función que aplique un polinomio (In [2])."""
    def apply_polynomial(x):
        # El texto del curso escribe x[None,:,None] y suma en dim=0, lo que daría forma [n, 1] y
        # rompería la suma x + noise_x de abajo; aquí cada potencia es una columna y se suma por
        # filas: el mismo polinomio, con forma [n]. Para [1, 0, 0] da x² exacto en float32.
        return torch.cat([c * x[:, None]**index for index, c in enumerate(reversed(c_list))], dim=1).sum(dim=1)
    return apply_polynomial


def get_data_from_a_polynomial(poly, n, sigma=2, range=50):
    """Datos con ruido a partir de un polinomio (In [2]), en el orden del curso."""
    x = range*torch.rand(n)
    y = poly(x)
    noise_x = torch.normal(torch.zeros_like(y), sigma*torch.ones_like(y))
    noise_y = torch.normal(torch.zeros_like(y), sigma*torch.ones_like(y))
    x_with_noise = x + noise_x
    y_with_noise = y + noise_y
    data = torch.cat((x_with_noise[:, None], y_with_noise[:, None]), dim=1)
    return data


def learning_loop(x_true, y_true, model, steps, loss_fn, learning_rate, optimizer):
    """El bucle de entrenamiento del curso (In [17])."""
    loss_list = []
    opt = optimizer(model.parameters(), lr=learning_rate)
    for step in range(steps):
        y_pred = model(x_true)
        opt.zero_grad()
        loss = loss_fn(y_pred, y_true)
        loss.backward()
        loss_list.append(loss.clone().detach())
        opt.step()
    return model, loss_list


# ---- Las celdas de entrenamiento, como en el curso (de la declaración) ----

def declared_net(cell):
    """El nombre de la red («1-5-5-5-1 ReLU») y la función que la crea como la celda del curso:
    Linear, activación, Linear, … (las Linear se crean en orden, como en torch.nn.Sequential)."""
    sizes, act = cell["sizes"], translate(ACTIVATIONS, cell["activation"], "la activación")

    def build():
        layers = []
        for i in range(len(sizes) - 1):
            if i > 0:
                layers.append(act())
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        return torch.nn.Sequential(*layers)
    return "-".join(map(str, sizes)) + " " + cell["activation"], build


CELLS = {c["cell"]: declared_net(c) for c in DECLARATION["cells"]}


def sweep_seeds(cell):
    """Semillas del barrido de la celda: más en las que pueden morir (la proporción de redes
    muertas necesita más muestras)."""
    c = next(c for c in DECLARATION["cells"] if c["cell"] == cell)
    return DECLARATION["sweep"]["seeds_can_die" if c.get("can_die") else "seeds"]


def course_data(seed):
    """x_true, y_true ([n, 1]) de In [19] con torch.manual_seed(seed) justo antes."""
    torch.manual_seed(seed)
    data = get_data_from_a_polynomial(generate_polynomial(COEFFICIENTS), N, sigma=SIGMA, range=RANGE)
    return data[:, 0][:, None], data[:, 1][:, None]


def course_model(cell, seed):
    torch.manual_seed(seed)
    return CELLS[cell][1]()


def report_steps(steps):
    return sorted({k for k in (1, 10, 100, 1000) if k <= steps} | {steps})


def at_steps(loss_list, steps):
    return {str(k): float(loss_list[k - 1]) for k in report_steps(steps)}


def died(gw, gb):
    """La red «murió» (DIED_RULE): el gradiente de la pérdida respecto a los pesos (gw) y sesgos
    (gb) de la primera Linear es exactamente cero en todas sus componentes."""
    return bool((gw == 0).all() and (gb == 0).all())


def first_layer_dead(model, x_true, y_true):
    first = model[0]
    return died(*torch.autograd.grad(LOSS()(model(x_true), y_true), [first.weight, first.bias]))


def metadata(kind, steps, extra=None):
    meta = {
        "format": FORMAT, "kind": kind, "course": COURSE, "course_updated": COURSE_UPDATED,
        "torch": torch.__version__, "python": sys.version.split()[0],
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": dict(SETTINGS, steps=steps),
        "seed_rule": SEED_RULE, "regenerate": REGENERATE,
    }
    meta.update(extra or {})
    return meta


def floats(t):
    """Valores float32 como float de Python: el JSON se lee de vuelta exactamente."""
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


# ---- (a) Medición, compatible con bench/main.go ----

def timing(steps, as_json, seed):
    x_true, y_true = course_data(seed)
    total = 0.0
    for cell, (name, _) in CELLS.items():
        model = course_model(cell, seed)
        start = time.perf_counter()
        _, loss_list = learning_loop(x_true, y_true, model, steps, LOSS(), LEARNING_RATE, OPTIMIZER)
        seconds = time.perf_counter() - start
        total += seconds
        row = {"cell": cell, "net": name, "seed": seed, "seconds": round(seconds, 3),
               "us_per_step": round(seconds / steps * 1e6, 1), "final_loss": float(loss_list[-1]),
               "losses": at_steps(loss_list, steps)}
        print(json.dumps(row) if as_json else
              f"In [{cell}] {name:20s} {seconds:7.2f} s  pérdida final {row['final_loss']:10.4f}  "
              f"{row['us_per_step']:7.1f} µs/paso", flush=True)
    if not as_json:
        print(f"total {total:.2f} s, torch {torch.__version__}, hilos {torch.get_num_threads()}, semilla {seed}")


# ---- (b) Referencias por semilla y del generador ----

def nudge_first_weight(model):
    """Sube un ulp de float32 el primer peso de la primera Linear."""
    with torch.no_grad():
        w = model[0].weight.view(-1)
        w[0] = torch.nextafter(w[0], torch.tensor(math.inf))


def train_cell(cell, seed, x_true, y_true, steps, nudge=False):
    model = course_model(cell, seed)
    initial = [{"shape": list(p.shape), "values": floats(p)} for p in model.parameters()]
    if nudge:
        nudge_first_weight(model)
    _, loss_list = learning_loop(x_true, y_true, model, steps, LOSS(), LEARNING_RATE, OPTIMIZER)
    return initial, at_steps(loss_list, steps), first_layer_dead(model, x_true, y_true)


def seed_fixture(seed, steps, cells, path, sensitivity_steps):
    """Escribe path después de cada celda, para que una ejecución interrumpida deje lo hecho. Las
    celdas de un fichero anterior con el mismo formato, los mismos ajustes y los mismos datos se
    conservan, así que se puede generar por partes (--cells)."""
    started = time.time()
    x_true, y_true = course_data(seed)
    out = {"meta": metadata("seed", steps, {"seed": seed}), "seed": seed,
           "data": {"x": floats(x_true), "y": floats(y_true)}, "cells": {}}
    if os.path.exists(path):
        with open(path) as f:
            old = json.load(f)
        if (old["meta"]["format"] == FORMAT and old["meta"]["settings"] == out["meta"]["settings"]
                and old["data"] == out["data"]):
            out["cells"] = old["cells"]
    for cell in cells:
        t0 = time.time()
        initial, losses, died = train_cell(cell, seed, x_true, y_true, steps)
        _, nudged, nudged_died = train_cell(cell, seed, x_true, y_true, sensitivity_steps, nudge=True)
        out["cells"][str(cell)] = {
            "net": CELLS[cell][0], "initial": initial, "losses": losses, "died": died,
            "sensitivity": {"nudge": "primer peso de la primera Linear + 1 ulp de float32",
                            "steps": sensitivity_steps, "losses": nudged, "died": nudged_died}}
        out["meta"]["seconds"] = round(time.time() - started, 1)
        write_json(path, out)
        print(f"semilla {seed} In [{cell}] {CELLS[cell][0]}: final {losses[str(steps)]:.6g} "
              f"(+1 ulp, paso {sensitivity_steps}: {nudged[str(sensitivity_steps)]:.6g}) {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


GENERATOR_SEEDS = [0, 1, 42, 2024, 4294967295, 4294967296 + 7]


def generator_fixture():
    """Lo que sale del generador de PyTorch para varias semillas (para pkg/random)."""
    mean = lambda n: torch.arange(n, dtype=torch.float32) * 0.25 - 1
    std = lambda n: 0.5 + 0.1 * torch.arange(n, dtype=torch.float32)
    cases = {}
    for seed in GENERATOR_SEEDS:
        c = {}
        torch.manual_seed(seed)
        c["rand50"] = floats(torch.rand(50))
        for n in (50, 16, 17, 5):
            torch.manual_seed(seed)
            c[f"normal{n}"] = floats(torch.normal(mean(n), std(n)))
        torch.manual_seed(seed)  # la muestra guardada de la normal escalar pasa de una llamada a otra
        c["sequence"] = [floats(torch.normal(mean(5), std(5))), floats(torch.normal(mean(17), std(17))),
                         floats(torch.normal(mean(3), std(3))), floats(torch.rand(2))]
        torch.manual_seed(seed)
        c["uniform20"] = floats(torch.empty(20).uniform_(-0.3, 0.7))
        for i, o in ((1, 5), (5, 5), (5, 1)):
            torch.manual_seed(seed)
            lin = torch.nn.Linear(i, o)
            c[f"linear{i}x{o}"] = {"weight": floats(lin.weight), "bias": floats(lin.bias)}
        cases[str(seed)] = c
    return {"meta": metadata("generator", STEPS, {
        "normal_mean": "0.25*i - 1 (float32)", "normal_std": "0.5 + 0.1*i (float32)",
        "sequence": "normal(5), normal(17), normal(3), rand(2) tras un solo manual_seed",
        "uniform20": "torch.empty(20).uniform_(-0.3, 0.7)"}), "seeds": cases}


def fixtures(directory, steps, cells, seeds, sensitivity_steps):
    os.makedirs(directory, exist_ok=True)
    write_json(os.path.join(directory, "generator.json"), generator_fixture())
    for seed in seeds:
        seed_fixture(seed, steps, cells, os.path.join(directory, f"seed-{seed}.json"), sensitivity_steps)


# ---- (c) Barrido de semillas: todas las semillas de una celda a la vez ----

def stacked(cell, seeds):
    """Datos y parámetros iniciales de cada semilla, apilados en una dimensión de lote."""
    xs, ys, models = [], [], []
    for seed in seeds:
        x_true, y_true = course_data(seed)
        xs.append(x_true)
        ys.append(y_true)
        models.append(course_model(cell, seed))
    layers = []
    for i, module in enumerate(models[0]):
        if isinstance(module, torch.nn.Linear):
            w = torch.stack([m[i].weight.detach() for m in models]).requires_grad_()  # [B, out, in]
            b = torch.stack([m[i].bias.detach()[None, :] for m in models]).requires_grad_()  # [B, 1, out]
            layers.append((w, b))
        else:
            layers.append(module)
    return torch.stack(xs), torch.stack(ys), layers


def batched_forward(layers, x):
    h = x
    for layer in layers:
        h = torch.baddbmm(layer[1], h, layer[0].transpose(1, 2)) if isinstance(layer, tuple) else layer(h)
    return h


def batched_train(cell, seeds, steps):
    """Entrena a la vez una red por semilla (cada una con sus datos) con SGD: devuelve las
    pérdidas [pasos, B] y, por semilla, si la red murió al final."""
    x, y, layers = stacked(cell, seeds)
    params = [p for layer in layers if isinstance(layer, tuple) for p in layer]
    losses = torch.empty(steps, len(seeds))
    for step in range(steps):
        loss = ((batched_forward(layers, x) - y) ** 2).mean(dim=(1, 2))
        grads = torch.autograd.grad(loss.sum(), params)
        losses[step] = loss.detach()
        with torch.no_grad():
            for p, g in zip(params, grads):
                p.add_(g, alpha=-LEARNING_RATE)
    loss = ((batched_forward(layers, x) - y) ** 2).mean(dim=(1, 2))
    gw, gb = torch.autograd.grad(loss.sum(), params[:2])
    return losses, [died(gw[i], gb[i]) for i in range(len(seeds))]


def batch_agreement(cell, seeds, steps=100):
    """Por semilla, la mayor diferencia relativa de la pérdida entre el entrenamiento por lotes y
    el bucle del curso en los pasos 1-10 y 1-100."""
    batched, _ = batched_train(cell, seeds, steps)
    out = {}
    for j, seed in enumerate(seeds):
        x_true, y_true = course_data(seed)
        _, loss_list = learning_loop(x_true, y_true, course_model(cell, seed), steps, LOSS(),
                                     LEARNING_RATE, OPTIMIZER)
        rel = (batched[:, j] - torch.stack(loss_list)).abs() / torch.stack(loss_list).abs()
        out[str(seed)] = {"steps_1_10": float(rel[:10].max()), "steps_1_100": float(rel.max())}
    return out


AGREEMENT_SEEDS = [0, 1, 2]


def sweep(directory, steps, cells, n_seeds=None):
    """Escribe (o completa) DIR/sweep.json: las celdas ya presentes de una ejecución anterior con
    el mismo formato y los mismos ajustes se conservan, así que se puede barrer por partes. Sin
    n_seeds, cada celda usa las semillas que declara el curso (sweep_seeds)."""
    path = os.path.join(directory, "sweep.json")
    meta = metadata("sweep", steps, {"died_rule": DIED_RULE,
        "method": ("todas las semillas de una celda se entrenan a la vez (torch.baddbmm, SGD a mano: "
                   "p -= lr·grad), cada semilla con sus propios datos y parámetros iniciales de nn.Linear; "
                   "batch_vs_loop da, por semilla, la diferencia relativa máxima de la pérdida entre ese "
                   "entrenamiento por lotes y learning_loop en los pasos 1-10 y 1-100; las celdas caóticas "
                   "pueden separarse antes del paso 100 por el redondeo, como con un ulp (ver seed-*.json)")})
    out = {"meta": meta, "cells": {}}
    if os.path.exists(path):
        with open(path) as f:
            old = json.load(f)
        if old["meta"]["format"] == FORMAT and old["meta"]["settings"] == meta["settings"]:
            out["cells"] = old["cells"]
    for cell in cells:
        seeds = list(range(n_seeds or sweep_seeds(cell)))
        agreement = batch_agreement(cell, AGREEMENT_SEEDS)
        t0 = time.time()
        losses, dead = batched_train(cell, seeds, steps)
        out["cells"][str(cell)] = {"net": CELLS[cell][0], "seeds": seeds, "final_loss": floats(losses[-1]),
                                   "died": dead, "batch_vs_loop": agreement}
        print(f"barrido In [{cell}] {CELLS[cell][0]}: {time.time() - t0:.0f} s, muertas {sum(dead)}/{len(seeds)}, "
              f"lotes vs bucle (pasos 1-100): {agreement}", file=sys.stderr, flush=True)
        os.makedirs(directory, exist_ok=True)
        write_json(path, out)


# ---- (d) Sensibilidad a un ulp, parámetro a parámetro ----

ULP_LATER_STEP, ULP_STEPS = 100, 1000


def param_names(model):
    """Nombres de PyTorch de cada componente de cada parámetro: «2.weight[0,3]», «6.bias[0]»."""
    names = []
    for name, p in model.named_parameters():
        for idx in torch.cartesian_prod(*[torch.arange(n) for n in p.shape]).reshape(p.numel(), -1).tolist():
            names.append(f"{name}[{','.join(map(str, idx))}]")
    return names


def ulp_sensitivity_cell(cell, seed, x_true, y_true, steps=ULP_STEPS, later=ULP_LATER_STEP):
    """La mayor diferencia relativa de la pérdida de PyTorch entre el entrenamiento del curso y
    el mismo con UN parámetro movido un ulp de float32 (hacia arriba o hacia abajo), probando cada
    componente de cada parámetro, al principio (antes del paso 1) y tras `later` actualizaciones.
    Todas las copias se entrenan a la vez (torch.baddbmm) y se comparan con la copia sin mover
    del mismo lote, así que la diferencia es solo la del ulp."""
    model = course_model(cell, seed)
    names = param_names(model)
    n_params = len(names)
    layers = []
    for module in model:
        if isinstance(module, torch.nn.Linear):
            layers.append([module.weight.detach().reshape(1, -1), module.bias.detach().reshape(1, -1),
                           tuple(module.weight.shape)])
        else:
            layers.append(module)

    # Parámetros como una matriz [B, P] en el orden de model.parameters().
    def to_matrix(layers):
        return torch.cat([t for l in layers if isinstance(l, list) for t in (l[0], l[1])], dim=1)

    def from_matrix(m):
        out, col = [], 0
        for l in layers:
            if isinstance(l, list):
                o, i = l[2]
                w = m[:, col:col + o * i].reshape(-1, o, i)
                col += o * i
                b = m[:, col:col + o].reshape(-1, 1, o)
                col += o
                out.append((w, b))
            else:
                out.append(l)
        return out

    def nudged(base):
        """base [1, P] → [2P, P]: cada componente, un ulp arriba y un ulp abajo."""
        up = base.repeat(n_params, 1)
        down = base.repeat(n_params, 1)
        idx = torch.arange(n_params)
        up[idx, idx] = torch.nextafter(base[0], torch.full_like(base[0], math.inf))
        down[idx, idx] = torch.nextafter(base[0], torch.full_like(base[0], -math.inf))
        return torch.cat([up, down])

    base = to_matrix(layers)
    params = torch.cat([base, nudged(base)])  # fila 0: sin mover; 1..2P: movidas al principio
    report = [k for k in (1, 10, 100, 1000) if k <= steps]
    losses = {}
    for step in range(1, steps + 1):
        if step == later + 1:
            params = torch.cat([params, nudged(params[:1])])  # 2P filas más: movidas tras `later` pasos
        params = params.detach().requires_grad_()
        net = from_matrix(params)
        x = x_true.expand(params.shape[0], -1, -1)
        y = y_true.expand(params.shape[0], -1, -1)
        loss = ((batched_forward(net, x) - y) ** 2).mean(dim=(1, 2))
        if step in report:
            losses[step] = loss.detach().clone()
        (grad,) = torch.autograd.grad(loss.sum(), [params])
        params = params.detach() - LEARNING_RATE * grad
    out = {}
    for step in report:
        l = losses[step].double()
        rel = (l[1:] - l[0]).abs() / l[0].abs()
        j = int(rel.argmax())
        when = 0 if j < 2 * n_params else later
        k = j % (2 * n_params)
        out[str(step)] = {"change": float(rel[j]), "param": names[k % n_params],
                          "direction": 1 if k < n_params else -1, "nudged_after": when}
    return out


def ulp_sensitivity(directory, cells, seeds, steps=ULP_STEPS, later=ULP_LATER_STEP):
    """Añade a DIR/seed-S.json, celda a celda, la clave «ulp»: la sensibilidad de PyTorch a un ulp
    de float32 en cualquier parámetro (ver ulp_sensitivity_cell)."""
    for seed in seeds:
        path = os.path.join(directory, f"seed-{seed}.json")
        with open(path) as f:
            out = json.load(f)
        x_true, y_true = course_data(seed)
        for cell in cells:
            t0 = time.time()
            res = ulp_sensitivity_cell(cell, seed, x_true, y_true, steps, later)
            out["cells"][str(cell)]["ulp"] = {
                "rule": (f"mayor |pérdida movida − pérdida| / pérdida al mover un ulp de float32 (arriba o abajo) "
                         f"una sola componente de un parámetro, probándolas todas, antes del paso 1 y tras "
                         f"{later} actualizaciones; todas las copias entrenadas a la vez (torch.baddbmm) y "
                         f"comparadas con la copia sin mover del mismo lote"),
                "nudged_after": [0, later], "steps": steps, "by_step": res}
            write_json(path, out)
            print(f"semilla {seed} In [{cell}] {CELLS[cell][0]}: un ulp, paso {steps}: "
                  f"{100 * res[str(steps)]['change']:.3g} % ({res[str(steps)]['param']}, tras "
                  f"{res[str(steps)]['nudged_after']} pasos) {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("steps", nargs="?", type=int, default=STEPS, help=f"pasos de entrenamiento ({STEPS})")
    ap.add_argument("--json", action="store_true", help="una línea JSON por celda (modo medición)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"semilla del modo medición ({DEFAULT_SEED})")
    ap.add_argument("--fixtures", metavar="DIR", help="escribe las referencias por semilla y del generador")
    ap.add_argument("--sweep", metavar="DIR", help="escribe DIR/sweep.json (barrido de semillas)")
    ap.add_argument("--seeds", type=int, default=None,
                    help="semillas del barrido: 0..seeds-1 (por defecto, las que declara el curso para cada celda)")
    ap.add_argument("--fixture-seeds", default=",".join(map(str, FIXTURE_SEEDS)), help="semillas de --fixtures")
    ap.add_argument("--sensitivity-steps", type=int, default=0,
                    help="pasos del entrenamiento con el peso movido un ulp (por defecto, los mismos)")
    ap.add_argument("--ulp-sensitivity", metavar="DIR",
                    help="añade a DIR/seed-*.json la sensibilidad a un ulp en cualquier parámetro")
    ap.add_argument("--cells", default=",".join(map(str, CELLS)), help="celdas, p. ej. 32,36")
    args = ap.parse_args()
    cells = [int(c) for c in args.cells.split(",")]
    unknown = [c for c in cells if c not in CELLS]
    if unknown:
        ap.error(f"--cells: {unknown} no son celdas de entrenamiento del curso; las celdas son "
                 f"{list(CELLS)} (se declaran en {COURSE_JSON})")
    if args.ulp_sensitivity:
        torch.set_num_threads(1)
        ulp_sensitivity(args.ulp_sensitivity, cells, [int(s) for s in args.fixture_seeds.split(",")])
        return
    if args.fixtures or args.sweep:
        torch.set_num_threads(1)  # redes diminutas: un hilo basta y no estorba a otros procesos
        if args.fixtures:
            fixtures(args.fixtures, args.steps, cells, [int(s) for s in args.fixture_seeds.split(",")],
                     min(args.sensitivity_steps or args.steps, args.steps))
        if args.sweep:
            sweep(args.sweep, args.steps, cells, args.seeds)
        return
    timing(args.steps, args.json, args.seed)


if __name__ == "__main__":
    main()
