# SPDX-License-Identifier: Apache-2.0
"""Runs cells one by one through a GoNB kernel and times them from the client side.

Called by `go run ./cmd/cellprofile` (cmd/cellprofile/main.go), which prepares the kernel spec and reads the
result. Input (JSON on stdin):

    {"kernel_dirs": [DIR], "kernel_name": NAME, "cwd": DIR, "log": FILE, "timeout": SECONDS,
     "cells": [CODE, ...]}

Output (JSON on stdout): the kernel's start-up time (start_kernel until kernel_info answers), its
pid, and for each cell the wall-clock times (time.time()) when the execute_request was sent, when
the execute_reply and the idle status arrived, every iopub message of the cell (time, type and, for
streams, the text), and the CPU times (user+system, seconds, from /proc) of the kernel itself, of
its waited-for children (go build, goimports, the cell's program...) and of gopls, read before
sending the cell and after it went idle.

Needs jupyter_client and pyzmq (the project's venv, scripts/setup.sh); the execute_request's
messages are read with scripts/jupyterkit.py.
"""

import json
import os
import sys
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager


def _parents(path):
    d = os.path.dirname(os.path.abspath(path))
    while os.path.dirname(d) != d:
        d = os.path.dirname(d)
        yield d


# scripts/jupyterkit.py, found from wherever this file sits in the repository.
sys.path.insert(0, next(os.path.join(d, "scripts") for d in _parents(__file__)
                        if os.path.exists(os.path.join(d, "scripts", "jupyterkit.py"))))
from jupyterkit import Execution  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def proc_stat(pid):
    """(utime, stime, cutime, cstime) in seconds, or None if the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # Fields after the command name start at field 3 (state); utime is field 14.
    return tuple(int(v) / TICKS for v in fields[11:15])


def children(pid):
    """Child processes of pid, started from any of its threads."""
    out = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for t in tasks:
        try:
            with open(f"/proc/{pid}/task/{t}/children") as f:
                out += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return out


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def cpu(kernel_pid):
    """CPU seconds: the kernel's own, its waited-for children's, and gopls' (with its children)."""
    k = proc_stat(kernel_pid) or (0, 0, 0, 0)
    gopls = 0.0
    for c in children(kernel_pid):
        if comm(c) == "gopls":
            s = proc_stat(c)
            if s:
                gopls += sum(s)
    return {"kernel": k[0] + k[1], "children": k[2] + k[3], "gopls": gopls}


def run_cell(kc, poller, code, kernel_pid, timeout):
    while kc.iopub_channel.msg_ready():
        kc.iopub_channel.get_msg()
    before = cpu(kernel_pid)
    sent = time.time()
    msg_id = kc.execute(code)
    iopub, shell = kc.iopub_channel.socket, kc.shell_channel.socket
    ex, events, reply, idle = Execution(msg_id), [], None, None
    while not ex.done:
        ready = dict(poller.poll(timeout * 1000))
        now = time.time()
        if not ready:
            raise TimeoutError(f"la celda no terminó en {timeout} s:\n{code}")
        if iopub in ready:
            m = kc.iopub_channel.get_msg()
            if not ex.feed(m):
                continue
            typ, content = m["msg_type"], m["content"]
            ev = {"t": now, "type": typ}
            if typ == "stream":
                ev["name"], ev["text"] = content["name"], content["text"]
            elif typ in ("display_data", "update_display_data", "execute_result"):
                ev["mime"] = sorted(content.get("data", {}))
                ev["bytes"] = sum(len(str(v)) for v in content.get("data", {}).values())
            elif typ == "error":
                ev["text"] = content.get("ename", "") + ": " + content.get("evalue", "")
            if ex.idle and idle is None:
                idle = now
            events.append(ev)
        if shell in ready and ex.feed(kc.shell_channel.get_msg()) and ex.replied and reply is None:
            reply = now
    return {"sent": sent, "reply": reply, "idle": idle, "status": ex.status, "events": events,
            "cpu_before": before, "cpu_after": cpu(kernel_pid)}


def main():
    req = json.load(sys.stdin)
    ksm = KernelSpecManager(kernel_dirs=req["kernel_dirs"])
    km = KernelManager(kernel_name=req["kernel_name"], kernel_spec_manager=ksm)
    timeout = req.get("timeout", 600)
    with open(req["log"], "w") as log:
        start = time.time()
        km.start_kernel(cwd=req["cwd"], stderr=log)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            ready = time.time()
            pid = km.provisioner.process.pid
            poller = zmq.Poller()
            poller.register(kc.iopub_channel.socket, zmq.POLLIN)
            poller.register(kc.shell_channel.socket, zmq.POLLIN)
            cells = []
            for code in req["cells"]:
                cells.append(run_cell(kc, poller, code, pid, timeout))
                print(f"  celda {len(cells)}/{len(req['cells'])}: "
                      f"{cells[-1]['idle'] - cells[-1]['sent']:.2f} s", file=sys.stderr)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    json.dump({"start": start, "ready": ready, "pid": pid, "cells": cells}, sys.stdout)


if __name__ == "__main__":
    main()
