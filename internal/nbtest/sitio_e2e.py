# SPDX-License-Identifier: Apache-2.0
"""Opens the course website (scripts/sitio/build.py) in headless Chromium and reports what it sees.

Usage:
    python sitio_e2e.py --chromium PATH --base URL --file-base URL --out DIR PAGE...

BASE is where a static server serves the site (e.g. http://127.0.0.1:PORT/neuronas/, a sub-path
as on GitHub Pages); FILE_BASE is the same folder as a file:// URL. PAGE is a page of the site
relative to it (index.html, 02-modelos-neuronales-II.html...). For each page, from BASE, it
records the HTTP status, every request the page makes (URL), console errors and uncaught
exceptions, and every <img> after decoding it (alt, natural and displayed size, start of src),
and the MathML formulas (how many, how many have a size on screen). Then, as a student would:
  - search: opens index.html, types «LeakyReLU» (--query) into the header's search box, presses
    Enter, waits for buscar.html to list results, records the status line and the results (link
    and text), follows the first result and records where it landed; once from BASE and once
    from FILE_BASE (the site opened from disk);
  - screenshots (1280×900) into OUT: the front page, a notebook page (--figure-page, default the
    first page with a figure) scrolled to its first figure, and the search results.
The report goes to OUT/informe.json; the checks are made by internal/nbtest/sitio_test.go.
Exit code 0 if the report was written, 1 if the browser could not be driven.
"""

import argparse
import json
import sys
import time

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # file:// pages may load the site's own scripts and images (the default already allows it; an
    # explicit flag keeps the test independent of Chromium's policy changes for file:// origins).
    "--allow-file-access-from-files",
]
VIEWPORT = {"width": 1280, "height": 900}

READ_PAGE_JS = """
async () => {
  const imgs = [...document.querySelectorAll('img')];
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const maths = [...document.querySelectorAll('math')];
  return {
    title: document.title,
    lang: document.documentElement.lang,
    images: imgs.map(img => {
      const r = img.getBoundingClientRect();
      return {alt: img.getAttribute('alt'), src: (img.getAttribute('src') || '').slice(0, 40),
              naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
              width: Math.round(r.width), height: Math.round(r.height),
              cell: (img.closest('section.celda') || {}).id || ''};
    }),
    math: maths.length,
    mathShown: maths.filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
    nav: [...document.querySelectorAll('nav.lateral ol.cuadernos > li > a')].map(a => a.getAttribute('href')),
  };
}
"""

READ_RESULTS_JS = """
() => ({
  estado: (document.getElementById('estado') || {}).textContent || '',
  lang: document.documentElement.lang,
  results: [...document.querySelectorAll('#resultados li')].map(li => ({
    href: li.querySelector('a').getAttribute('href'),
    text: li.innerText,
  })),
})
"""


def watch(page, rep):
    page.on("console", lambda m: m.type == "error" and rep["console_errors"].append(m.text[:500]))
    page.on("pageerror", lambda e: rep["console_errors"].append(str(e)[:500]))
    page.on("request", lambda r: rep["requests"].append(r.url[:200]))
    page.on("requestfailed", lambda r: rep["failed"].append(f"{r.url[:200]} ({r.failure})"))


def new_report(url):
    return {"url": url, "requests": [], "failed": [], "console_errors": []}


def visit(context, url):
    page = context.new_page()
    rep = new_report(url)
    watch(page, rep)
    resp = page.goto(url, wait_until="load")
    rep["status"] = resp.status if resp else None
    page.wait_for_load_state("networkidle")
    rep.update(page.evaluate(READ_PAGE_JS))
    return page, rep


def search(context, base, query, shot=None):
    page = context.new_page()
    rep = new_report(base + "index.html")
    watch(page, rep)
    page.goto(base + "index.html", wait_until="load")
    page.fill("#busqueda", query)
    with page.expect_navigation() as nav:
        page.press("#busqueda", "Enter")
    resp = nav.value
    rep["status"] = resp.status if resp else None
    page.wait_for_url("**/buscar.html?q=*")
    try:
        page.wait_for_selector("#resultados li", timeout=10000)
    except Exception:  # noqa: BLE001 (no results: the report says so)
        pass
    rep["search_url"] = page.url
    rep.update(page.evaluate(READ_RESULTS_JS))
    if shot:
        page.screenshot(path=shot)
    if rep["results"]:
        page.click("#resultados li a")
        page.wait_for_load_state("load")
        rep["landed"] = page.url
        rep["landed_visible"] = page.evaluate(
            "() => { const el = document.querySelector(':target'); if (!el) return false;"
            " const r = el.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }")
        rep["landed_text"] = page.evaluate(
            "() => { const el = document.querySelector(':target'); return el ? el.innerText.slice(0, 4000) : ''; }")
    page.close()
    return rep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--file-base", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--query", default="LeakyReLU")
    ap.add_argument("--figure-page", default="", help="página de la captura con una figura (por defecto, la primera con figuras)")
    ap.add_argument("pages", nargs="+")
    args = ap.parse_args()

    report = {"pages": {}, "search": {}, "screenshots": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
            report["chromium"] = browser.version
            context = browser.new_context(viewport=VIEWPORT, locale="es-ES")
            figure_page = None
            for name in args.pages:
                t0 = time.monotonic()
                page, rep = visit(context, args.base + name)
                rep["seconds"] = round(time.monotonic() - t0, 2)
                report["pages"][name] = rep
                print(f"{name}: {len(rep['images'])} figuras, {len(rep['requests'])} peticiones, "
                      f"{len(rep['console_errors'])} errores ({rep['seconds']} s)", flush=True)
                if name == "index.html":
                    shot = f"{args.out}/sitio-portada.png"
                    page.screenshot(path=shot)
                    report["screenshots"].append(shot)
                elif figure_page is None and rep["images"] and name == (args.figure_page or name):
                    figure_page = name
                    first = page.locator("section.celda img").first
                    first.scroll_into_view_if_needed()
                    page.evaluate("() => window.scrollBy(0, -250)")
                    shot = f"{args.out}/sitio-cuaderno.png"
                    page.screenshot(path=shot)
                    report["screenshots"].append(shot)
                page.close()
            shot = f"{args.out}/sitio-busqueda.png"
            report["search"]["http"] = search(context, args.base, args.query, shot)
            report["screenshots"].append(shot)
            report["search"]["file"] = search(context, args.file_base, args.query)
            page, rep = visit(context, args.file_base + "index.html")
            report["file_index"] = rep
            page.close()
            browser.close()
    except Exception as e:  # noqa: BLE001
        print(f"ERROR: no se pudo manejar Chromium: {e}", file=sys.stderr)
        return 1
    with open(f"{args.out}/informe.json", "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
