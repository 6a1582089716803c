# SPDX-License-Identifier: Apache-2.0
"""A student answers an exercise in JupyterLab (headless Chromium), with the keyboard, and reports
what the page shows.

Usage:
    python answer_e2e.py --url URL --token TOKEN --chromium PATH --out DIR PLAN.json

PLAN.json (written by internal/nbtest/browser_answer_test.go):
    {"notebook": "alumnos/03-ejercicios-I.ipynb",   path on the server (the students' copy)
     "run_from": 3,                                  index of the first cell to run (the setup cell)
     "answer": 7, "check": 8,                        indices of the answer cell and its check cell
     "stub_first": "// TU CÓDIGO AQUÍ", "stub_lines": 2,   the stub the copy has in the answer cell
     "attempts": [{"name": "correcta", "lines": [...]}, {"name": "equivocada", "lines": [...]}]}

In one browser session it opens the notebook (/lab/tree/...), waits for its kernel (REST), then:
  1. «sin-responder»: clicks the setup cell and presses Shift+Enter from there down to the check
     cell (the setup, the imports, the statement, the answer cell with its stub, the check), as the
     notebook's instructions say; waits until the check cell has run.
  2. for every attempt: clicks, in the answer cell's editor, the first line of what is there (the
     stub, or the previous attempt), selects from there to the end of the last of those lines
     (Home, Shift+Down, Shift+End) and types the attempt's lines, pressing Enter between them
     (CodeMirror indents the new line); then Shift+Enter runs the answer cell and moves to the
     check cell, and Shift+Enter runs the check.
After every step it records the answer cell's editor lines, what both cells show (prompt, the text
of their outputs, their stderr/error outputs) and a screenshot (OUT/NN-name.png).

The report goes to OUT/informe.json; progress to stdout. Whether the checks passed is judged by
browser_answer_test.go. Exit code: 0 report written (whatever it says), 1 the browser could not be
driven at all. The notebook is never saved (autosave is off in the caller's settings; the tab is
closed without saving).
"""

import argparse
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyterlab_e2e import VIEWPORT, Server, launch, log, wait_kernel  # noqa: E402

# What the page shows of one cell: its prompt, its editor's lines, the text of its outputs and its
# stderr/error outputs (the MIME type of stderr streams, errors and GoNB's HTML error reports).
CELL_JS = """
(index) => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const cell = notebook.querySelectorAll(':scope .jp-Cell')[index];
  const text = el => (el.innerText || el.textContent || '').trim();
  const prompt = cell.querySelector('.jp-InputPrompt');
  const area = cell.querySelector('.jp-OutputArea');
  const out = {index, prompt: prompt ? text(prompt) : '', output: area ? text(area) : '', stderr: [],
               editor: [...cell.querySelectorAll('.jp-InputArea-editor .cm-content > .cm-line')].map(l => l.textContent)};
  if (area) {
    for (const e of area.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')) {
      if (e.parentElement.closest('[data-mime-type="application/vnd.jupyter.stderr"]')) continue;
      out.stderr.push(text(e));
    }
  }
  return out;
}
"""

BUSY_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.some(p => p.includes('*')) || (indicator && indicator.dataset.status === 'busy');
}
"""


def cells(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")


def cell(page, index):
    return page.evaluate(CELL_JS, index)


def wait_ran(page, index, before, timeout_s):
    """Waits until cell index shows a new execution count (not before, not [*]) and nothing is
    queued or running any more. Returns the seconds it took; raises TimeoutError."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        prompt = cell(page, index)["prompt"]
        if prompt != before and any(c.isdigit() for c in prompt) and not page.evaluate(BUSY_JS):
            return round(time.monotonic() - start, 1)
        time.sleep(0.3)
    raise TimeoutError(f"la celda {index + 1} no terminó en {timeout_s} s (indicador {cell(page, index)['prompt']!r})")


def shot(page, plan, out_dir, n, name):
    """Screenshot with the answer cell at the top of the notebook's panel."""
    cells(page).nth(plan["answer"]).evaluate("c => c.scrollIntoView({block: 'start'})")
    page.mouse.move(5, VIEWPORT["height"] - 5)
    page.wait_for_timeout(300)
    path = os.path.join(out_dir, f"{n:02d}-{name}.png")
    page.screenshot(path=path)
    return path


def type_over(page, index, first, count, lines):
    """In cell index's editor, selects `count` lines from the one whose text (trimmed) is `first`
    and types `lines` over them, with the keyboard."""
    line = cells(page).nth(index).locator(".cm-content > .cm-line").filter(has_text=first).first
    line.click()
    page.keyboard.press("Home")
    for _ in range(count - 1):
        page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+End")
    for i, text in enumerate(lines):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(text, delay=5)


def step(page, plan, out_dir, n, name, timeout_s, run):
    """Runs run(), waits for the check cell and records what the page shows."""
    t0 = time.monotonic()
    before = cell(page, plan["check"])["prompt"]
    typed = run()
    res = {"name": name, "typed": typed, "error": None}
    try:
        res["wait_s"] = wait_ran(page, plan["check"], before, timeout_s)
    except TimeoutError as e:
        res["error"] = str(e)
    res["answer_cell"] = cell(page, plan["answer"])
    res["check_cell"] = cell(page, plan["check"])
    res["screenshot"] = shot(page, plan, out_dir, n, name)
    res["seconds"] = round(time.monotonic() - t0, 1)
    log(f"  {name}: {res['seconds']} s; comprobación: {res['check_cell']['output'][-200:]!r}")
    return res


def answer(context, server, plan, out_dir, timeout_s):
    rep = {"path": plan["notebook"], "error": None, "steps": [], "console_errors": []}
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and rep["console_errors"].append(m.text[:500]))
    page.on("pageerror", lambda e: rep["console_errors"].append(str(e)[:500]))
    t0 = time.monotonic()
    try:
        page.goto(server.page(plan["notebook"]), wait_until="domcontentloaded", timeout=60000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60000)
        wait_kernel(server, plan["notebook"], 120)
        rep["kernel_ready_s"] = round(time.monotonic() - t0, 1)
        rep["cells"] = cells(page).count()
        log(f"  {plan['notebook']}: abierto, kernel listo en {rep['kernel_ready_s']} s")

        def run_down():
            # Select the setup cell (click its prompt: command mode) and run down to the check.
            cells(page).nth(plan["run_from"]).locator(".jp-InputPrompt").click()
            for _ in range(plan["check"] - plan["run_from"] + 1):
                page.keyboard.press("Shift+Enter")
                page.wait_for_timeout(150)
            return None

        rep["steps"].append(step(page, plan, out_dir, 1, "sin-responder", timeout_s, run_down))
        first, count = plan["stub_first"], plan["stub_lines"]
        for n, attempt in enumerate(plan["attempts"], start=2):
            lines = attempt["lines"]

            def type_and_run(first=first, count=count, lines=lines):
                type_over(page, plan["answer"], first, count, lines)
                typed = cell(page, plan["answer"])["editor"]
                page.keyboard.press("Shift+Enter")  # Runs the answer, moves to the check cell.
                page.wait_for_timeout(300)
                page.keyboard.press("Shift+Enter")  # Runs the check.
                return typed

            rep["steps"].append(step(page, plan, out_dir, n, attempt["name"], timeout_s, type_and_run))
            first, count = lines[0].strip(), len(lines)
    except Exception as e:  # noqa: BLE001 - reported to the test
        rep["error"] = f"{type(e).__name__}: {e}"
        log(f"  ERROR {rep['error']}")
        try:
            page.screenshot(path=os.path.join(out_dir, "fallo.png"))
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            server.shutdown_sessions(plan["notebook"])
        except Exception as e:  # noqa: BLE001
            log(f"  no se pudo parar el kernel: {e}")
        page.close(run_before_unload=False)  # Never saves.
    rep["total_s"] = round(time.monotonic() - t0, 1)
    return rep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=int, default=300, help="seconds for one step's cells to run")
    ap.add_argument("plan")
    args = ap.parse_args()
    with open(args.plan) as f:
        plan = json.load(f)

    # On SIGTERM (the Go test's deadline) leave through Playwright's cleanup, which closes Chromium.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    from playwright.sync_api import sync_playwright

    os.makedirs(args.out, exist_ok=True)
    server = Server(args.url, args.token)
    report = {"url": server.url}
    try:
        with sync_playwright() as pw:
            browser = launch(pw, args.chromium)
            report["chromium"] = browser.version
            context = browser.new_context(viewport=VIEWPORT)
            report["answer"] = answer(context, server, plan, args.out, args.timeout)
            context.close()
            browser.close()
    finally:
        with open(os.path.join(args.out, "informe.json"), "w") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
