# SPDX-License-Identifier: Apache-2.0
"""Presents notebooks as slides (jupyterlab-rise) in headless Chromium and reports what it sees.

Usage:
    python rise_e2e.py --url URL --token TOKEN --chromium PATH --out DIR [--timeout S]
                       [--run NOTEBOOK=ID,ID,...] [--shots NOTEBOOK=ID,...] --root DIR NOTEBOOK...

NOTEBOOK is a path on the server (notebooks/01-modelos-neuronales-I.ipynb). For each one it opens
URL/rise/NOTEBOOK (RISE's slideshow page, the one «Ver › Abrir como presentación» opens) in a
1280×720 page and steps through the whole presentation with the space bar, as a presenter does:
every slide, every vertical slide and every fragment. For each slide (h.v) it records which cells
it holds, the height and width of its content (the section's scrollHeight/scrollWidth: what does
not fit in 1280×720 shows there even when RISE gives the slide a scroll bar), and the boxes that
scroll inside it (code and logs taller than notebooks/rise.css lets them be).

--run NOTEBOOK=ID,...: then, in that notebook, runs those cells (by cell id) from their slides, in
order, as a presenter does: goes to the cell's slide, clicks its prompt and presses Shift+Enter.
While the last one runs it samples the cell's outputs (the progress), and when it ends it records
its text and its figures (decoded), measures its slide again and takes a screenshot.
--shots NOTEBOOK=ID,...: screenshots of the slides that hold those cells (before running anything),
with every fragment shown.

Requests outside the server are blocked (route.abort) and listed: RISE's reveal.js themes ask
Google Fonts for their fonts, which a classroom without internet (and this test) does not have.
Console errors are listed, not judged here.
The report goes to OUT/informe.json; the checks are made by internal/nbtest/diapositivas_test.go.
Exit code 0 if the report was written.
"""

import argparse
import json
import os
import sys
import time
import urllib.parse

from playwright.sync_api import sync_playwright

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import jupyterkit  # noqa: E402

VIEWPORT = {"width": 1280, "height": 720}

# Where the presentation is: slide (h), vertical slide (v), visible fragments, and the present
# slide's measures.
STATE_JS = """() => {
  const hs = [...document.querySelectorAll('.reveal .slides > section')];
  const h = hs.findIndex(s => s.classList.contains('present'));
  const vs = h < 0 ? [] : [...hs[h].querySelectorAll(':scope > section')];
  const v = vs.findIndex(s => s.classList.contains('present'));
  const sec = vs[v];
  if (!sec) return {h, v, slides: hs.map(s => s.querySelectorAll(':scope > section').length)};
  const all = [...document.querySelectorAll('.reveal .slides .jp-Cell')];
  const cells = [...sec.querySelectorAll('.jp-Cell')].map(c => all.indexOf(c));
  const top = sec.getBoundingClientRect().top;
  let bottom = 0, right = 0;
  for (const c of sec.querySelectorAll('.jp-Cell')) {
    const r = c.getBoundingClientRect();
    if (r.height > 0) { bottom = Math.max(bottom, r.bottom - top); right = Math.max(right, r.right); }
  }
  const scrolled = [...sec.querySelectorAll('.cm-scroller, .jp-RenderedText pre')]
    .filter(e => e.scrollHeight > e.clientHeight + 1)
    .map(e => ({cell: all.indexOf(e.closest('.jp-Cell')), kind: e.matches('pre') ? 'registro' : 'código',
                shown: e.clientHeight, full: e.scrollHeight}));
  const sl = document.querySelector('.reveal .slides');
  return {h, v, slides: hs.map(s => s.querySelectorAll(':scope > section').length),
          fragment: sec.querySelectorAll('.fragment.visible').length, fragments: sec.querySelectorAll('.fragment').length,
          cells, height: Math.max(sec.scrollHeight, bottom), width: Math.max(sec.scrollWidth, right),
          box: [sec.clientWidth, sec.clientHeight], slides_box: [sl.offsetWidth, sl.offsetHeight],
          transform: getComputedStyle(sl).transform, scroll_bar: sec.style.overflowY === 'scroll', scrolled};
}"""

# A cell's prompt and outputs (text and figures, after decoding them).
CELL_JS = """async (i) => {
  const c = [...document.querySelectorAll('.reveal .slides .jp-Cell')][i];
  const imgs = [...c.querySelectorAll('.jp-OutputArea-output img')];
  await Promise.all(imgs.map(im => im.decode().catch(() => null)));
  const p = c.querySelector('.jp-InputPrompt');
  return {prompt: p ? p.textContent.trim() : '',
          text: [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n'),
          stderr: [...c.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')].map(e => e.innerText.slice(0, 2000)),
          images: imgs.map(im => { const r = im.getBoundingClientRect();
            return {alt: im.alt, natural_width: im.naturalWidth, natural_height: im.naturalHeight,
                    width: r.width, height: r.height}; })};
}"""


def state(page):
    return page.evaluate(STATE_JS)


def key(s):
    return (s["h"], s["v"], s.get("fragment", 0))


def step_through(page, rep, log):
    """Presses space from the first slide to the last, recording each slide and fragment."""
    slides = {}
    s = state(page)
    steps = 0
    t0 = time.monotonic()
    while True:
        steps += 1
        name = f"{s['h']}.{s['v']}"
        if name not in slides:
            slides[name] = {k: s.get(k) for k in ("h", "v", "cells", "height", "width", "fragments", "box",
                                                  "scroll_bar", "scrolled", "transform", "slides_box")}
            slides[name]["fragments_seen"] = 0
        slides[name]["fragments_seen"] = max(slides[name]["fragments_seen"], s.get("fragment", 0))
        page.keyboard.press("Space")
        nxt = state(page)
        for _ in range(20):  # reveal.js moves on a frame; wait for the change.
            if key(nxt) != key(s):
                break
            time.sleep(0.05)
            nxt = state(page)
        if key(nxt) == key(s) or steps > 2000:
            break
        s = nxt
    rep["structure"] = s.get("slides")
    rep["steps"] = steps
    rep["slides"] = list(slides.values())
    log(f"  {len(slides)} diapositivas, {steps} pulsaciones de espacio en {time.monotonic() - t0:.1f} s")


def go_to(page, h, v):
    """Shows slide h.v (reveal.js follows the URL's #/slide-H-V, the ids RISE gives the slides)."""
    page.evaluate(f"location.hash = '#/slide-{h}-{v}'")
    for _ in range(50):
        s = state(page)
        if (s["h"], s["v"]) == (h, v):
            return s
        time.sleep(0.05)
    raise RuntimeError(f"no se llega a la diapositiva {h}.{v} (se queda en {s['h']}.{s['v']})")


def go_to_cell(page, rep, index):
    """Shows the slide that holds cell index and selects the cell (a click on its prompt)."""
    for s in rep["slides"]:
        if index in s["cells"]:
            go_to(page, s["h"], s["v"])
            break
    else:
        raise RuntimeError(f"ninguna diapositiva muestra la celda {index}")
    cell = page.locator(".reveal .slides .jp-Cell").nth(index)
    cell.locator(".jp-InputPrompt").click()
    return cell


def run_cells(page, rep, ids, index_of, timeout, out, log):
    runs = []
    for n, cid in enumerate(ids):
        if cid not in index_of:
            runs.append({"id": cid, "error": "el cuaderno no tiene esa celda"})
            continue
        i = index_of[cid]
        go_to_cell(page, rep, i)
        slide = state(page)
        t0 = time.monotonic()
        page.keyboard.press("Shift+Enter")
        progress, info = [], None
        while time.monotonic() - t0 < timeout:
            info = page.evaluate(CELL_JS, i)
            if info["prompt"] and "*" not in info["prompt"] and any(ch.isdigit() for ch in info["prompt"]) and time.monotonic() - t0 > 0.5:
                break
            if "*" in info["prompt"] and info["text"].strip() and (not progress or progress[-1]["text"] != info["text"]):
                progress.append({"s": round(time.monotonic() - t0, 2), "text": info["text"][-300:], "images": len(info["images"])})
            time.sleep(0.1)
        time.sleep(1.0)  # RISE re-lays the slide out when outputs arrive (Reveal.sync).
        info = page.evaluate(CELL_JS, i)
        run = {"id": cid, "index": i, "slide": f"{slide['h']}.{slide['v']}", "seconds": round(time.monotonic() - t0, 1),
               "prompt": info["prompt"], "text": info["text"][-3000:], "stderr": info["stderr"], "images": info["images"],
               "progress": progress[:50]}
        if n == len(ids) - 1:
            # RISE's Shift+Enter runs the cell and moves on, like the notebook's: back to its slide.
            after = go_to(page, slide["h"], slide["v"])
            time.sleep(0.5)
            after = state(page)
            run["after"] = {k: after.get(k) for k in ("h", "v", "cells", "height", "width", "scroll_bar", "scrolled")}
            shot = os.path.join(out, f"{rep['name']}-entrenamiento.png")
            page.screenshot(path=shot)
            rep["screenshots"].append(shot)
        log(f"  celda {cid} ({i}) ejecutada desde la diapositiva {run['slide']} en {run['seconds']} s: {run['prompt']}")
        runs.append(run)
    rep["runs"] = runs


def present(ctx, args, path, run_ids, shots, log):
    name = os.path.splitext(os.path.basename(path))[0]
    rep = {"path": path, "name": name, "console_errors": [], "screenshots": []}
    page = ctx.new_page()
    page.on("console", lambda m: m.type == "error" and rep["console_errors"].append(m.text[:300]))
    page.on("pageerror", lambda e: rep["console_errors"].append(str(e)[:300]))
    t0 = time.monotonic()
    try:
        url = urllib.parse.urljoin(args.url, "rise/" + urllib.parse.quote(path)) + "?token=" + args.token
        page.goto(url)
        page.wait_for_selector(".reveal.ready section.present", timeout=120000)
        page.wait_for_selector(".reveal .slides .jp-Cell", timeout=60000)
        time.sleep(1.0)
        rep["open_s"] = round(time.monotonic() - t0, 1)
        rep["first_cell_text"] = page.locator(".reveal .slides .jp-Cell").first.inner_text()[:200]
        rep["first_cell_visible"] = page.locator(".reveal .slides section.present .jp-Cell").first.is_visible()
        step_through(page, rep, log)
        index_of = {cid: i for i, cid in enumerate(args.ids[path])}
        for cid in shots:
            slide = next((sl for sl in rep["slides"] if index_of.get(cid) in sl["cells"]), None)
            if slide is None:
                raise RuntimeError(f"ninguna diapositiva muestra la celda {cid} (captura pedida con --shots)")
            go_to(page, slide["h"], slide["v"])
            # Show every fragment of the slide, as the presenter would end it.
            for _ in range(20):
                s = state(page)
                if s.get("fragment", 0) >= s.get("fragments", 0):
                    break
                page.keyboard.press("Space")
            time.sleep(0.3)
            shot = os.path.join(args.out, f"{name}-{slide['h']}.{slide['v']}.png")
            page.screenshot(path=shot)
            rep["screenshots"].append(shot)
        if run_ids:
            run_cells(page, rep, run_ids, index_of, args.timeout, args.out, log)
    except Exception as e:  # noqa: BLE001 - reported, checked by the Go test
        rep["error"] = f"{type(e).__name__}: {e}"
        try:
            shot = os.path.join(args.out, f"{name}-error.png")
            page.screenshot(path=shot)
            rep["screenshots"].append(shot)
        except Exception:  # noqa: BLE001
            pass
    rep["total_s"] = round(time.monotonic() - t0, 1)
    page.close()
    return rep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--root", required=True, help="the server's root folder on this machine (to read the cell ids)")
    ap.add_argument("--run", action="append", default=[])
    ap.add_argument("--shots", action="append", default=[])
    ap.add_argument("notebooks", nargs="+")
    args = ap.parse_args()
    runs = dict(r.split("=", 1) for r in args.run)
    shots = dict(s.split("=", 1) for s in args.shots)
    args.ids = {}
    for path in args.notebooks:
        with open(os.path.join(args.root, path), encoding="utf-8") as f:
            args.ids[path] = [c.get("id") for c in json.load(f)["cells"]]

    def log(msg):
        print(msg, flush=True)

    report = {"notebooks": [], "blocked": []}
    origin = urllib.parse.urlparse(args.url)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=jupyterkit.CHROMIUM_FLAGS)
        report["chromium"] = browser.version
        ctx = browser.new_context(viewport=VIEWPORT)

        def route(r):
            u = urllib.parse.urlparse(r.request.url)
            if (u.scheme, u.netloc) in (("http", origin.netloc), ("ws", origin.netloc)) or u.scheme in ("data", "blob"):
                r.continue_()
            else:
                report["blocked"].append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        for path in args.notebooks:
            log(f"{path}:")
            rep = present(ctx, args, path, [x for x in runs.get(os.path.basename(path), "").split(",") if x],
                          [x for x in shots.get(os.path.basename(path), "").split(",") if x], log)
            report["notebooks"].append(rep)
        browser.close()
    report["blocked"] = sorted(set(report["blocked"]))
    with open(os.path.join(args.out, "informe.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
