# SPDX-License-Identifier: Apache-2.0
"""Executes a Jupyter notebook headless with nbclient and writes the executed copy.

Usage:
    python run_notebook.py [--timeout SECONDS] [--cwd DIR] [--allow-errors] NOTEBOOK OUTPUT
    python run_notebook.py --check KERNEL

The kernel is the one named in the notebook's metadata (kernelspec.name, "gonb" by default).
Execution stops at the first cell that raises an error; the notebook executed so far is still
written, so the caller can report the error from its outputs. With --allow-errors every cell runs,
as nbgrader's autograde runs a submission (a student's copy of an exercise notebook). Exit codes: 0 executed (possibly
with an error output), 2 timeout or dead kernel (partial notebook written), 1 anything else.

The written notebook is what nbclient produced, except that volatile execution timing
metadata is dropped and consecutive stream outputs of the same name are merged (as JupyterLab
does), so that re-running a notebook gives clean diffs.

Called by the notebook harness (internal/nbtest/run.go); run with the project's venv python
(scripts/setup.sh).
"""

import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import jupyterkit  # noqa: E402

# The kernels registered inside this venv (scripts/setup.sh) take precedence over any user-wide
# installation with the same name.
jupyterkit.use_venv_kernels()

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402


def check(kernel):
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        print(f"no está instalado el kernel {kernel!r} de Jupyter", file=sys.stderr)
        return 1
    print(f"kernel {kernel!r}: {spec.argv[0]}")
    return 0


def clean(nb):
    """Drops volatile metadata and merges consecutive stream outputs of the same name."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            prev = merged[-1] if merged else None
            if (out.output_type == "stream" and prev is not None and prev.output_type == "stream"
                    and prev.name == out.name):
                prev.text += out.text
            else:
                merged.append(out)
        cell.outputs = merged


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", metavar="KERNEL")
    ap.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds")
    ap.add_argument("--cwd", help="kernel working directory (default: the notebook's folder)")
    ap.add_argument("--allow-errors", action="store_true", help="run every cell, even after an error")
    ap.add_argument("notebook", nargs="?")
    ap.add_argument("output", nargs="?")
    args = ap.parse_args()
    if args.check:
        return check(args.check)
    if not args.notebook or not args.output:
        ap.error("NOTEBOOK and OUTPUT are required")

    nb = nbformat.read(args.notebook, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "gonb")
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.notebook))
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=args.timeout,
        allow_errors=args.allow_errors,
        record_timing=False,
        resources={"metadata": {"path": cwd}},
    )
    # On SIGTERM (the Go test's timeout) leave through nbclient's cleanup, which stops the kernel.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    code = 0
    try:
        client.execute()
    except (CellTimeoutError, DeadKernelError) as e:
        print(f"{type(e).__name__}: {e}")  # stdout: the kernel's logs go to stderr.
        code = 2
    except CellExecutionError:
        pass  # The error is in the cell's outputs; the caller reports it.
    clean(nb)
    nbformat.write(nb, args.output)
    return code


if __name__ == "__main__":
    sys.exit(main())
