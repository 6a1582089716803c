# SPDX-License-Identifier: Apache-2.0
"""Drives JupyterLab in headless Chromium like a student would, and reports what the page shows.

Usage:
    python jupyterlab_e2e.py --check --chromium PATH
    python jupyterlab_e2e.py --url URL --token TOKEN --chromium PATH --out DIR
                             [--timeout SECONDS] [--copy] [--completion NOTEBOOK] [--files FOLDER]
                             [--login USER:PASSWORD] NOTEBOOK...

NOTEBOOK is a path relative to the Jupyter server's root (e.g. notebooks/01-modelos-neuronales-I.ipynb).
With --files FOLDER it first opens JupyterLab on that folder (/lab/tree/FOLDER) and records what
its file browser lists (name and kind of every entry, the breadcrumbs) and a screenshot.
For each notebook, in one browser session, it:
  - opens the notebook (/lab/tree/...), waits for the kernel to be idle (REST), then records what
    the page shows of the kernel before any cell runs: its name in the notebook's toolbar, its
    status (toolbar indicator and status bar, «Go (gonb) | Idle»), and a screenshot (al-abrir.png);
  - runs every cell through the menus (the menu holding the command runmenu:run-all, «Ejecutar
    todas las celdas»), waits until no cell is queued or running and the kernel is idle again;
  - reads, cell by cell, what the page shows: execution prompt, stdout text, stderr/error outputs
    (including GoNB's HTML error reports), the <img> elements of the outputs (alt, title, natural
    and displayed size, after decoding), and empty output areas;
  - measures every code cell's editor, cell by cell scrolled into view: for each line of code, the
    width of its text and how far it goes past the editor's visible right edge (CSS pixels);
  - saves screenshots of the whole notebook, page by page, in OUT/<notebook name>/;
  - shuts the notebook's kernel down through the REST API and closes the tab without saving.
With --completion NOTEBOOK, after running that notebook it adds a cell with `%%` and `plots.Dra`,
presses Tab (again if the kernel's answer came too late, as a student would) and records the
completion items; then it completes the name to plots.Draw2DFunction and presses Shift+Tab to get
GoNB's inspect tooltip (gopls hover), and records its text.

The notebooks are never saved: the documentation manager's autosave is off in the settings the
caller gives JupyterLab, and the tab is closed without saving. With --copy (for a server this
script did not set up, e.g. a container) the notebooks are first copied on the server through the
Contents API, in their own folder (so `${GONB_DIR}/..` still points at the module), and the copies
are opened and deleted at the end.

With --login (a server behind a JupyterHub: --url is https://HUB/user/USER/) it first logs in
through the Hub's login form as a student would (the page then carries the Hub's cookies, not the
token: JupyterHub does not take tokens in URLs), waits until the browser lands on the user's
JupyterLab, and records the seconds that took ("login_s"). The token is still used for REST calls.

The report goes to OUT/informe.json; progress goes to stdout. The checks themselves (what is an
error, how many figures each cell must show) are made by internal/nbtest/browser_test.go from this
report. Exit code: 0 report written (whatever it says), 1 the browser could not be driven at all.

--check launches Chromium once and prints its version (exit 0), or says what is missing (exit 1).
Called by internal/nbtest/browser_test.go; run with the project's venv python (scripts/setup.sh).
"""

import argparse
import json
import os
import signal
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from jupyterkit import CHROMIUM_FLAGS, request  # noqa: E402

# The offline machine's flags (jupyterkit) and no QUIC. Playwright adds a fresh profile itself.
CHROMIUM_ARGS = [*CHROMIUM_FLAGS, "--disable-quic"]
VIEWPORT = {"width": 1280, "height": 900}

# Everything the report needs from a cell, read in the page after the images are decoded.
READ_CELLS_JS = """
async () => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const cells = [...notebook.querySelectorAll(':scope .jp-Cell')];
  const imgs = [...notebook.querySelectorAll('.jp-OutputArea img')];
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const text = el => (el.innerText || el.textContent || '').trim();
  return cells.map((cell, index) => {
    const type = cell.classList.contains('jp-CodeCell') ? 'code'
      : cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw';
    const prompt = cell.querySelector('.jp-InputPrompt');
    const area = cell.querySelector('.jp-OutputArea');
    const out = {index, type, prompt: prompt ? text(prompt) : '', outputs: 0, stdout: '',
                 stderr: [], images: [], empty_outputs: 0, empty_output_height: 0};
    if (!area) return out;
    const outputs = [...area.querySelectorAll(':scope > .jp-OutputArea-child .jp-OutputArea-output')];
    out.outputs = outputs.length;
    for (const o of outputs) {
      const mime = o.dataset.mimeType || '';
      if (mime === 'application/vnd.jupyter.stdout') out.stdout += o.textContent;
      if (!o.querySelector('img, svg, canvas') && text(o) === '') {
        out.empty_outputs++;
        out.empty_output_height += o.closest('.jp-OutputArea-child').getBoundingClientRect().height;
      }
    }
    // stderr streams, error outputs (tracebacks) and GoNB's HTML error reports all carry this MIME type.
    for (const e of area.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')) {
      if (e.parentElement.closest('[data-mime-type="application/vnd.jupyter.stderr"]')) continue;
      out.stderr.push(text(e));
    }
    for (const img of area.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      out.images.push({
        alt: img.getAttribute('alt') || '', title: img.getAttribute('title') || '',
        mime: src.startsWith('data:') ? src.slice(5, src.indexOf(';')) : src.slice(0, 40),
        complete: img.complete, natural_width: img.naturalWidth, natural_height: img.naturalHeight,
        width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height,
      });
    }
    return out;
  });
}
"""

# The lines of every code cell's editor (CodeMirror), measured as the student sees them: each cell is
# scrolled into view first (CodeMirror draws only the lines near the visible part of the page).
# For each line, the width of its text and how far its right edge goes past the visible right edge of
# the editor (its scroller's client area, without a vertical scroll bar), in CSS pixels.
EDITORS_JS = """
async () => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const cells = [...notebook.querySelectorAll(':scope .jp-Cell')];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const out = [];
  for (const [index, cell] of cells.entries()) {
    if (!cell.classList.contains('jp-CodeCell')) { out.push(null); continue; }
    cell.scrollIntoView({block: 'start'});
    await frame();
    const scroller = cell.querySelector('.jp-InputArea-editor .cm-scroller');
    if (!scroller) { out.push({index, error: 'sin editor CodeMirror'}); continue; }
    const box = scroller.getBoundingClientRect();
    const right = box.left + scroller.clientLeft + scroller.clientWidth;
    const content = scroller.querySelector('.cm-content');
    const start = content.getBoundingClientRect().left + parseFloat(getComputedStyle(content).paddingLeft || '0');
    const ed = {index, client_width: scroller.clientWidth, scroll_width: scroller.scrollWidth,
                available: right - start, gaps: scroller.querySelectorAll('.cm-gap').length, lines: []};
    const range = document.createRange();
    for (const [i, line] of [...content.querySelectorAll(':scope > .cm-line')].entries()) {
      range.selectNodeContents(line);
      const r = range.getBoundingClientRect();
      const text = line.textContent;
      const width = text.length && r.width ? r.right - start : 0;
      ed.lines.push({line: i + 1, chars: text.length, width: Math.round(width * 10) / 10,
                     overflow: Math.round((text.length && r.width ? r.right - right : 0) * 10) / 10, text});
    }
    out.push(ed);
  }
  return out;
}
"""

PROMPTS_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return {prompts, status: indicator ? indicator.dataset.status : null};
}
"""


# The entries of the file browser, as a student sees them (hidden files are not listed).
FILES_JS = """
() => [...document.querySelectorAll('.jp-FileBrowser .jp-DirListing-content .jp-DirListing-item')].map(item => ({
  name: (item.querySelector('.jp-DirListing-itemText') || item).textContent.trim(),
  dir: item.dataset.isdir === 'true',
  type: item.dataset.fileType || '',
}))
"""

BREADCRUMBS_JS = """
() => { const b = document.querySelector('.jp-FileBrowser .jp-BreadCrumbs'); return b ? b.textContent.trim() : null; }
"""


def log(msg):
    print(msg, flush=True)


class Server:
    """The bits of Jupyter Server's REST API this script needs."""

    def __init__(self, url, token, token_in_url=True):
        self.url = url.rstrip("/") + "/"
        self.token = token
        self.token_in_url = token_in_url

    def request(self, method, path, body=None):
        status, answer = request(self.url + path, self.token, method, body, timeout=30)
        if status >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {answer}")
        return answer

    def page(self, path):
        # ?reset: start from an empty workspace, whatever a previous run left in it.
        # (/lab/tree/ with an empty path is "not found": the root is plain /lab.)
        where = f"lab/tree/{urllib.parse.quote(path)}" if path.strip("/") else "lab"
        if not self.token_in_url:
            return f"{self.url}{where}?reset"
        return f"{self.url}{where}?reset&token={urllib.parse.quote(self.token)}"

    def languages(self):
        try:
            return sorted(self.request("GET", "lab/api/translations").get("data", {}))
        except Exception as e:  # noqa: BLE001 - reported, not fatal
            return [f"error: {e}"]

    def copy(self, nb_path):
        folder = os.path.dirname(nb_path)
        model = self.request("POST", "api/contents/" + urllib.parse.quote(folder), {"copy_from": nb_path})
        return model["path"]

    def delete(self, path):
        self.request("DELETE", "api/contents/" + urllib.parse.quote(path))

    def shutdown_sessions(self, nb_path):
        for s in self.request("GET", "api/sessions") or []:
            if s.get("path") == nb_path:
                self.request("DELETE", "api/sessions/" + s["id"])


def hub_login(context, server, login):
    """Logs in through the JupyterHub login form; returns the seconds until JupyterLab shows."""
    user, _, password = login.partition(":")
    hub = server.url.split("/user/", 1)[0] + "/"
    page = context.new_page()
    t0 = time.monotonic()
    try:
        next_url = urllib.parse.urlparse(server.url).path + "lab"
        page.goto(f"{hub}hub/login?next={urllib.parse.quote(next_url)}", wait_until="domcontentloaded", timeout=60000)
        page.fill("#username_input", user)
        page.fill("#password_input", password)
        page.click("#login_submit")
        # The Hub may show its "starting your server" page first; JupyterLab follows.
        page.wait_for_url(lambda u: urllib.parse.urlparse(u).path.startswith(next_url), timeout=300000)
        page.wait_for_selector("#jp-main-dock-panel", timeout=120000)
        return round(time.monotonic() - t0, 1)
    finally:
        page.close()


def launch(pw, chromium):
    return pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)


def check(chromium):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        print(f"no está playwright en {sys.executable}: {e}", file=sys.stderr)
        return 1
    if not (os.path.isfile(chromium) and os.access(chromium, os.X_OK)):
        print(f"no se encuentra el navegador {chromium!r}", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = launch(pw, chromium)
        print(f"chromium {browser.version}")
        browser.close()
    return 0


def wait_kernel(server, nb_path, timeout_s):
    """Waits until the server has started the notebook's kernel and it is idle.

    The server's view (REST) is used, not the page's: what the page shows is what the test checks
    (JupyterLab ignores the status messages that answer kernel_info requests unless the server is
    configured otherwise, docker/jupyter/kernel_status.py, and then shows «Unknown» until a cell runs)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        for s in server.request("GET", "api/sessions") or []:
            if s.get("path") == nb_path and (s.get("kernel") or {}).get("execution_state") == "idle":
                return s["kernel"]["name"]
        time.sleep(0.25)
    raise TimeoutError(f"el kernel de {nb_path} no arrancó en {timeout_s} s")


# What the page says of the notebook's kernel: its name in the notebook's toolbar, its status in
# the toolbar's indicator (data-status) and the status bar's text («Go (gonb) | Idle»).
KERNEL_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const name = panel && panel.querySelector('.jp-KernelName');
  const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const kernel = name ? name.textContent.trim() : '';
  const bar = [...document.querySelectorAll('.jp-StatusBar-TextItem')].map(e => e.textContent.trim())
    .find(t => kernel && t.startsWith(kernel + ' |'));
  return {name: kernel, status: indicator ? indicator.dataset.status : null, status_bar: bar || null};
}
"""

# Kernel states the page shows while it does not know the kernel's state yet.
UNSETTLED = ("unknown", "connecting", "starting", "initializing", "", None)


def kernel_shown(page, timeout_s):
    """Waits (up to timeout_s) until the page shows a known state for the notebook's kernel, and
    returns what it shows (KERNEL_JS) and after how long."""
    start = time.monotonic()
    while True:
        shown = page.evaluate(KERNEL_JS)
        shown["seconds"] = round(time.monotonic() - start, 1)
        settled = shown["status"] not in UNSETTLED and shown["status_bar"] is not None
        if settled or shown["seconds"] > timeout_s:
            return shown
        page.wait_for_timeout(250)


def run_all(page):
    """Opens, one by one, the menus of the menu bar until one holds «run all cells», and clicks it.

    Returns the labels of that menu and of the entry (their language depends on the language pack)."""
    items = page.locator(".lm-MenuBar-item")
    for i in range(items.count()):
        item = items.nth(i)
        item.click()
        entry = page.locator('.lm-Menu-item[data-command="runmenu:run-all"]')
        try:
            entry.wait_for(state="visible", timeout=1000)
        except Exception:  # noqa: BLE001 - not this menu
            page.keyboard.press("Escape")
            continue
        label = item.inner_text().strip()
        entry_label = entry.locator(".lm-Menu-itemLabel").inner_text().strip()
        entry.click()
        return label, entry_label
    raise RuntimeError("no hay ningún menú con la orden runmenu:run-all")


def wait_run(page, timeout_s):
    """Waits until no code cell is queued or running ([*]) and the kernel is not busy, for 1.5 s."""
    start = time.monotonic()
    stable, last_log = 0, 0.0
    while True:
        st = page.evaluate(PROMPTS_JS)
        busy = any("*" in p for p in st["prompts"]) or st["status"] == "busy"
        elapsed = time.monotonic() - start
        stable = 0 if busy else stable + 1
        if stable >= 3 and elapsed > 1:
            return elapsed, False
        if elapsed - last_log >= 15:
            done = sum(1 for p in st["prompts"] if any(c.isdigit() for c in p))
            log(f"    {elapsed:5.0f} s: {done}/{len(st['prompts'])} celdas de código terminadas")
            last_log = elapsed
        if elapsed > timeout_s:
            return elapsed, True
        time.sleep(0.5)


# The laboratory (notebooks/*laboratorio*, pkg/lab): its cell keeps running, with live controls,
# until the kernel is interrupted. LAB_SETTLED_JS: the frame shows the slider's value and a final
# verdict (not «Entrenando…»).
LAB_SETTLED_JS = """
() => {
  const slider = document.querySelector('.neuronas-lab-controls input[type=range]');
  const label = document.querySelector('.neuronas-lab-frame b');
  const verdict = document.querySelector('.neuronas-lab-verdict');
  return !!(slider && label && verdict && label.textContent.includes('semilla ' + slider.value + ' ')
    && !verdict.textContent.startsWith('Entrenando'));
}
"""

LAB_FRAME_JS = """
() => {
  const img = document.querySelector('.neuronas-lab-frame img');
  return {label: document.querySelector('.neuronas-lab-frame b').textContent,
          verdict: document.querySelector('.neuronas-lab-verdict').textContent,
          image: img ? img.src.length + ':' + img.src.slice(-64) : ''};
}
"""


def click_menu_command(page, command):
    """Opens the menus one by one until one holds the command, clicks it and returns the labels."""
    items = page.locator(".lm-MenuBar-item")
    for i in range(items.count()):
        item = items.nth(i)
        item.click()
        entry = page.locator(f'.lm-Menu-item[data-command="{command}"]')
        try:
            entry.wait_for(state="visible", timeout=1000)
        except Exception:  # noqa: BLE001 - not this menu
            page.keyboard.press("Escape")
            continue
        labels = [item.inner_text().strip(), entry.locator(".lm-Menu-itemLabel").inner_text().strip()]
        entry.click()
        return labels
    raise RuntimeError(f"no hay ningún menú con la orden {command}")


def lab_check(page, folder, timeout_s, presses=3):
    """Plays with the laboratory like a student: waits for its controls and first frame, clicks the
    seed slider's thumb, presses → a few times and measures, for each press, the time until the
    figures and the verdict show the new seed; then the tally button; then stops the cell with
    Kernel → «Interrumpir el intérprete», as the notebook says."""
    lab = {"presses": [], "error": None}
    try:
        page.wait_for_selector(".neuronas-lab-controls input[type=range]", timeout=timeout_s * 1000)
        page.wait_for_function(LAB_SETTLED_JS, timeout=120000)
        lab["sliders"] = page.locator(".neuronas-lab-controls input[type=range]").count()
        lab["selects"] = page.locator(".neuronas-lab-controls select").count()
        lab["before"] = page.evaluate(LAB_FRAME_JS)
        slider = page.locator(".neuronas-lab-controls input[type=range]").first
        slider.scroll_into_view_if_needed()
        # A click on the thumb gives the slider the keyboard (its value may move by one).
        box = slider.bounding_box()
        lo, hi, v = slider.evaluate("e => [+e.min, +e.max, +e.value]")
        slider.click(position={"x": 8 + (v - lo) / (hi - lo) * (box["width"] - 16), "y": box["height"] / 2})
        page.wait_for_function(LAB_SETTLED_JS, timeout=60000)
        for _ in range(presses):
            prev = page.evaluate(LAB_FRAME_JS)
            t0 = time.monotonic()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("(prev) => (" + LAB_SETTLED_JS + ")() && "
                                   "document.querySelector('.neuronas-lab-frame b').textContent !== prev",
                                   arg=prev["label"], timeout=60000)
            seconds = round(time.monotonic() - t0, 3)
            now = page.evaluate(LAB_FRAME_JS)
            now["seconds"] = seconds
            now["image_changed"] = now["image"] != prev["image"]
            now["value"] = slider.evaluate("e => e.value")
            del now["image"]
            lab["presses"].append(now)
            log(f"    laboratorio: {now['label']} en {seconds} s: {now['verdict'][:40]}…")
        page.locator(".neuronas-lab-frame").first.screenshot(path=os.path.join(folder, "laboratorio.png"))
        t0 = time.monotonic()
        page.locator(".neuronas-lab-controls button").click()
        page.wait_for_selector(".neuronas-lab-tally", timeout=300000)
        lab["tally"] = page.locator(".neuronas-lab-tally").inner_text()
        lab["tally_s"] = round(time.monotonic() - t0, 2)
        lab["interrupt_menu"] = click_menu_command(page, "kernelmenu:interrupt")
    except Exception as e:  # noqa: BLE001 - reported to the test
        lab["error"] = f"{type(e).__name__}: {e}"
        log(f"    laboratorio: ERROR {lab['error']}")
        try:
            click_menu_command(page, "kernelmenu:interrupt")
        except Exception:  # noqa: BLE001
            pass
    return lab


def screenshots(page, folder):
    """Screenshots of the whole notebook, one per screenful, scrolling its panel from top to bottom."""
    os.makedirs(folder, exist_ok=True)
    scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
    # Deselect the text cursor and any hover effects: move the mouse out of the notebook.
    page.mouse.move(5, VIEWPORT["height"] - 5)
    paths = []
    top = 0
    for n in range(1, 200):
        page.evaluate(f"t => document.querySelector('{scroller}').scrollTop = t", top)
        page.wait_for_timeout(200)
        path = os.path.join(folder, f"pagina-{n:02d}.png")
        page.screenshot(path=path)
        paths.append(path)
        geo = page.evaluate(f"""() => {{
            const s = document.querySelector('{scroller}');
            const cells = s.querySelectorAll('.jp-Cell');
            const last = cells[cells.length - 1].getBoundingClientRect();
            return {{top: s.scrollTop, height: s.clientHeight,
                     end: s.scrollTop + last.bottom - s.getBoundingClientRect().top}}; }}""")
        if geo["end"] <= geo["top"] + geo["height"] + 1:
            break
        # Next screenful, overlapping the previous one by a tenth; the last one ends with the last
        # cell (JupyterLab lets the notebook scroll past its end, which would show blank space).
        top = min(geo["top"] + int(geo["height"] * 0.9), int(geo["end"]) + 20 - geo["height"])
    page.evaluate(f"() => document.querySelector('{scroller}').scrollTop = 0")
    return paths


def press_until_visible(page, key, locator, timeout_s):
    """Presses key until locator shows up (waiting 3 s after each press) or timeout_s runs out.
    Returns the number of presses and the seconds it took (None if it never showed up)."""
    start, attempts = time.monotonic(), 0
    while time.monotonic() - start < timeout_s:
        attempts += 1
        page.keyboard.press(key)
        try:
            locator.wait_for(state="visible", timeout=3000)
        except Exception:  # noqa: BLE001 - try again
            continue
        return attempts, round(time.monotonic() - start, 1)
    return attempts, None


def completion_check(page, out_dir, timeout_s):
    """Adds a cell at the end, asks for completions of plots.Dra and the inspect tooltip of
    plots.Draw2DFunction. Returns a dict for the report."""
    res = {"cell": "%%\nplots.Dra", "items": [], "attempts": 0, "seconds": None,
           "tooltip": "", "tooltip_attempts": 0, "tooltip_seconds": None}
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    cells.last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # New cell below, in command mode.
    page.keyboard.press("Enter")  # Edit it.
    page.keyboard.type("%%")
    page.keyboard.press("Enter")
    page.keyboard.type("plots.Dra")
    completer = page.locator(".jp-Completer .jp-Completer-item")
    # The first request makes GoNB start loading the packages in gopls (seconds); JupyterLab only
    # waits for the kernel's answer a short time (completer providerTimeout), so, like a student,
    # press Tab again until the list comes.
    res["attempts"], res["seconds"] = press_until_visible(page, "Tab", completer.first, timeout_s)
    if res["seconds"] is not None:
        res["items"] = [t.strip() for t in page.locator(
            ".jp-Completer .jp-Completer-item .jp-Completer-match").all_inner_texts()]
        page.screenshot(path=os.path.join(out_dir, "autocompletado.png"))
    page.keyboard.press("Escape")
    # Whatever Tab inserted, rewrite the cell and ask for the contextual help of the function.
    page.keyboard.press("Control+a")
    page.keyboard.type("%%")
    page.keyboard.press("Enter")
    page.keyboard.type("plots.Draw2DFunction")
    tooltip = page.locator(".jp-Tooltip")
    res["tooltip_attempts"], res["tooltip_seconds"] = press_until_visible(page, "Shift+Tab", tooltip, timeout_s)
    if res["tooltip_seconds"] is not None:
        page.wait_for_timeout(300)
        res["tooltip"] = tooltip.inner_text()
        page.screenshot(path=os.path.join(out_dir, "ayuda-contextual.png"))
    page.keyboard.press("Escape")
    return res


def file_browser(context, server, folder, out_dir):
    """Opens JupyterLab on folder and returns what its file browser lists there."""
    rep = {"folder": folder, "breadcrumbs": None, "items": [], "error": None, "screenshot": None}
    page = context.new_page()
    try:
        page.goto(server.page(folder), wait_until="domcontentloaded", timeout=60000)
        # The file browser may show another folder first (the server's root, or the last one of
        # its saved state) and then go to this one: wait until the breadcrumbs show the folder and
        # the listing stays the same for a second.
        start, previous, stable = time.monotonic(), None, 0
        while stable < 4:
            if time.monotonic() - start > 60:
                raise TimeoutError(f"el explorador de archivos no llegó a {folder!r} en 60 s "
                                   f"(migas: {rep['breadcrumbs']!r})")
            page.wait_for_timeout(250)
            rep["breadcrumbs"] = page.evaluate(BREADCRUMBS_JS)
            items = page.evaluate(FILES_JS)
            here = rep["breadcrumbs"] is not None and rep["breadcrumbs"].strip("/") == folder.strip("/")
            if not here and not folder.strip("/") and time.monotonic() - start > 3:
                # /lab/tree/ (the root) keeps the folder of the saved state: go home by hand.
                page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
            stable = stable + 1 if here and items and items == previous else 0
            previous = items
        rep["items"] = previous
        rep["screenshot"] = os.path.join(out_dir, "explorador.png")
        page.screenshot(path=rep["screenshot"])
        log(f"  explorador de archivos en {folder or '/'}: {', '.join(i['name'] for i in rep['items'])}")
    except Exception as e:  # noqa: BLE001 - reported to the test
        rep["error"] = f"{type(e).__name__}: {e}"
        log(f"  explorador de archivos: ERROR {rep['error']}")
    finally:
        page.close(run_before_unload=False)
    return rep


def run_notebook(context, server, nb_path, open_path, out_dir, timeout_s, completion):
    rep = {"path": nb_path, "opened": open_path, "error": None, "timed_out": False, "cells": [],
           "screenshots": [], "console_errors": []}
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and rep["console_errors"].append(m.text[:500]))
    page.on("pageerror", lambda e: rep["console_errors"].append(str(e)[:500]))
    name = os.path.splitext(os.path.basename(nb_path))[0]
    folder = os.path.join(out_dir, name)
    t0 = time.monotonic()
    try:
        page.goto(server.page(open_path), wait_until="domcontentloaded", timeout=60000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60000)
        rep["menu"] = [t.strip() for t in page.locator(".lm-MenuBar-item").all_inner_texts()]
        rep["kernel"] = wait_kernel(server, open_path, 120)
        rep["kernel_ready_s"] = round(time.monotonic() - t0, 1)
        # Before any cell runs: what the student sees of the kernel once the server says it is idle.
        rep["kernel_shown"] = kernel_shown(page, 20)
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, "al-abrir.png"))
        log(f"  {nb_path}: kernel en la página: {rep['kernel_shown']}")
        rep["run_menu"], rep["run_all_label"] = run_all(page)
        log(f"  {nb_path}: abierto y kernel listo en {rep['kernel_ready_s']} s; "
            f"menú «{rep['run_menu']}» > «{rep['run_all_label']}»")
        if "laboratorio" in os.path.basename(nb_path):
            os.makedirs(folder, exist_ok=True)
            rep["lab"] = lab_check(page, folder, min(timeout_s, 180))
        run_s, rep["timed_out"] = wait_run(page, timeout_s)
        rep["run_s"] = round(run_s, 1)
        log(f"  {nb_path}: todas las celdas ejecutadas en {rep['run_s']} s"
            + (" (SE AGOTÓ EL TIEMPO)" if rep["timed_out"] else ""))
        rep["cells"] = page.evaluate(READ_CELLS_JS)
        for cell, editor in zip(rep["cells"], page.evaluate(EDITORS_JS)):
            cell["editor"] = editor
        rep["screenshots"] = screenshots(page, folder)
        log(f"  {nb_path}: {len(rep['screenshots'])} capturas en {folder}")
        if completion:
            t1 = time.monotonic()
            rep["completion"] = completion_check(page, folder, 90)
            log(f"  {nb_path}: autocompletado y ayuda contextual en {time.monotonic() - t1:.1f} s")
    except Exception as e:  # noqa: BLE001 - reported to the test
        rep["error"] = f"{type(e).__name__}: {e}"
        log(f"  {nb_path}: ERROR {rep['error']}")
        try:
            os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, "fallo.png")
            page.screenshot(path=path)
            rep["screenshots"].append(path)
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            server.shutdown_sessions(open_path)
        except Exception as e:  # noqa: BLE001
            log(f"  {nb_path}: no se pudo parar el kernel: {e}")
        page.close(run_before_unload=False)  # Never saves: the document is simply dropped.
    rep["total_s"] = round(time.monotonic() - t0, 1)
    return rep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--url")
    ap.add_argument("--token", default="")
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=int, default=600, help="seconds to run all cells of one notebook")
    ap.add_argument("--copy", action="store_true", help="work on server-side copies of the notebooks")
    ap.add_argument("--completion", metavar="NOTEBOOK", help="notebook where completion is checked")
    ap.add_argument("--files", metavar="FOLDER", help="folder whose file browser listing is reported")
    ap.add_argument("--login", metavar="USER:PASSWORD", help="log in through the JupyterHub of --url first")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    if args.check:
        return check(args.chromium)
    if not args.url or not args.out or not args.notebooks:
        ap.error("--url, --out and at least one NOTEBOOK are required")

    # On SIGTERM (the Go test's deadline) leave through Playwright's cleanup, which closes Chromium.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    from playwright.sync_api import sync_playwright

    os.makedirs(args.out, exist_ok=True)
    server = Server(args.url, args.token, token_in_url=not args.login)
    report = {"url": server.url, "notebooks": []}
    copies = []
    try:
        with sync_playwright() as pw:
            browser = launch(pw, args.chromium)
            report["chromium"] = browser.version
            context = browser.new_context(viewport=VIEWPORT)
            if args.login:
                report["login_s"] = hub_login(context, server, args.login)
                log(f"  sesión iniciada en el Hub en {report['login_s']} s")
            report["languages"] = server.languages()
            if args.files is not None:
                report["file_browser"] = file_browser(context, server, args.files, args.out)
            for nb in args.notebooks:
                open_path = nb
                if args.copy:
                    open_path = server.copy(nb)
                    copies.append(open_path)
                report["notebooks"].append(run_notebook(
                    context, server, nb, open_path, args.out, args.timeout, nb == args.completion))
            context.close()
            browser.close()
    finally:
        for path in copies:
            try:
                server.delete(path)
            except Exception as e:  # noqa: BLE001
                log(f"no se pudo borrar la copia {path}: {e}")
        with open(os.path.join(args.out, "informe.json"), "w") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
