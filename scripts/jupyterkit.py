# SPDX-License-Identifier: Apache-2.0
"""What the project's Python tools know about Jupyter, written once.

Used by internal/nbtest/run_notebook.py and jupyterlab_e2e.py, scripts/handouts/build.py,
bench/cells_driver.py and docker/hub/*.py (the Go side lives in internal/nbtest/tools.go and
notebook.go). Only the standard library: it is imported by the project's venv (.venv), by the Hub's
(.venv-hub) and by the system python alike. A tool imports it by path:

    sys.path.insert(0, os.path.join(<repository root>, "scripts"))
    import jupyterkit

Contents:
  ROOT                        the repository's root folder
  use_venv_kernels()          kernels registered in the running venv win over user-wide ones
  find_chromium(), CHROMIUM_FLAGS   the browser (NEURONAS_CHROMIUM) and its flags for an offline machine
  text(), code_sources(), stdout_text()   notebook JSON: a string stored as a string or a list of lines
  request()                   one call to a Jupyter Server / JupyterHub REST API
  execute_request(), Execution   the messages of one cell's execution (Jupyter messaging protocol)
"""

import json
import os
import shutil
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

# The repository root (this file is <root>/scripts/jupyterkit.py).
ROOT = Path(__file__).resolve().parent.parent


def use_venv_kernels(prefix=sys.prefix):
    """Puts the kernels registered inside the venv at prefix (scripts/setup.sh registers "gonb"
    there) before any user-wide installation with the same name, in JUPYTER_PATH. Call it before
    importing jupyter_client."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (os.path.join(prefix, "share", "jupyter"), os.environ.get("JUPYTER_PATH")) if p
    )


# Flags for Debian's chromium in a sandboxed, offline machine: no background connections (they are
# refused here, many at a time), no GPU. Each tool adds its own (--headless, --print-to-pdf...).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium():
    """The browser: NEURONAS_CHROMIUM, or the first of chromium, chromium-browser and google-chrome
    on PATH; None if there is none."""
    env = os.environ.get("NEURONAS_CHROMIUM")
    if env:
        return shutil.which(env) or env
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def text(value):
    """A notebook string (a cell's source, a stream's text), stored either as a string or as a list
    of lines."""
    return value if isinstance(value, str) else "".join(value)


def code_sources(notebook):
    """The sources of a notebook's code cells (its JSON as a dict), in order."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            yield text(cell["source"])


def stdout_text(cell):
    """The stdout text a cell of a notebook file shows."""
    return "".join(text(o["text"]) for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def request(url, token=None, method="GET", body=None, timeout=60):
    """One call to a REST API (Jupyter Server, JupyterHub) with a token; returns (HTTP status, the
    answer as JSON, or as text if it is not JSON, or None if it is empty). HTTP errors are returned,
    not raised; a connection that fails raises OSError."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", f"token {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


def execute_request(code, session, username=""):
    """An execute_request message for a kernel's websocket (Jupyter Server's JSON protocol), as
    JupyterLab sends it; returns (msg_id, message)."""
    msg_id = uuid.uuid4().hex
    return msg_id, {
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                   "username": username, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }


class Execution:
    """What a kernel answered to one execute_request: feed it every message that arrives (iopub
    and shell, any order) until done, when both the execute_reply and the idle status have come."""

    # The messages that are outputs of the cell.
    OUTPUTS = ("stream", "display_data", "update_display_data", "execute_result", "error")

    def __init__(self, msg_id):
        self.msg_id = msg_id
        self.status = None  # the execute_reply's: "ok", "error" or "aborted"
        self.stdout = ""
        self.stderr = ""
        self.error = ""  # "ename: evalue" lines of the error messages
        self.replied = False
        self.idle = False

    @property
    def done(self):
        return self.replied and self.idle

    def feed(self, msg):
        """Takes one message; returns False (and ignores it) if it does not answer this request."""
        if (msg.get("parent_header") or {}).get("msg_id") != self.msg_id:
            return False
        kind, content = msg["msg_type"], msg.get("content") or {}
        if kind == "stream":
            if content.get("name") == "stderr":
                self.stderr += content.get("text", "")
            else:
                self.stdout += content.get("text", "")
        elif kind == "error":
            self.error += f"{content.get('ename')}: {content.get('evalue')}\n"
        elif kind == "execute_reply":
            self.status, self.replied = content.get("status"), True
        elif kind == "status" and content.get("execution_state") == "idle":
            self.idle = True
        return True

    def text(self):
        """Everything the cell wrote: stdout, stderr and its errors."""
        return self.stdout + self.stderr + self.error

    def failed(self):
        """The cell did not end "ok", raised an error or wrote to stderr."""
        return self.status != "ok" or bool(self.error) or bool(self.stderr.strip())
