"""Per page: server-side script time (cold and warm cache) and browser time to the first chart drawn.

    .venv/bin/python -m bench.pages_bench [--db data/warehouse.duckdb] [--repeat 5] [--doc docs/performance.md]

Server side: the page is run through streamlit.testing's AppTest (the same script runner the
server uses, in this process): once with empty caches (cold), then --repeat times (warm); the
median warm run is reported. Browser: the app is served by a real `streamlit run`; headless
Debian chromium opens each page --repeat times after one warm-up visit, and the time from
navigation to the first Plotly chart drawn (or the page title for pages without charts) is
measured; medians are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from plan.settings import ROOT, settings

sys.path.insert(0, str(ROOT / "tests"))
PAGES = ("overview", "target", "participation", "reporting", "data", "report", "home")
CHARTS = {"overview", "target", "participation", "reporting"}


def _app_test(page: str):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"{page_dir()}/{page}.py")
    return at


def page_dir() -> str:
    return "app_pages" if (ROOT / "app_pages").exists() else "pages"


def server_times(page: str, repeat: int) -> tuple[float, float]:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    at = _app_test(page)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return cold, statistics.median(warm)


def browser_times(db: Path, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright
    from served import CHROMIUM, CHROMIUM_ARGS, serve

    out: dict[str, float] = {}
    with serve(db, ROOT / "bench" / "out" / "pages-streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for page_name in PAGES:
            path = "" if page_name == "overview" else page_name
            target = ".js-plotly-plot .main-svg" if page_name in CHARTS else "h1"
            times = []
            for n in range(repeat + 1):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                start = time.perf_counter()
                page.goto(f"{url}/{path}")
                page.locator(target).first.wait_for(timeout=60_000)
                if n:  # the first visit warms the server's caches
                    times.append(time.perf_counter() - start)
                page.close()
            out[page_name] = statistics.median(times)
        browser.close()
    return out


def table(db: Path, server: dict[str, tuple[float, float]], browser: dict[str, float], repeat: int) -> str:
    lines = [f"Warehouse: `{db.name}`; medians of {repeat} runs.", "",
             "| page | server script, cold (ms) | server script, warm (ms) | browser to first chart (s) |",
             "|---|---:|---:|---:|"]
    for page in PAGES:
        cold, warm = server[page]
        shown = f"{browser[page]:.2f}" + ("" if page in CHARTS else " (title; no chart)")
        lines.append(f"| {page} | {cold * 1000:.0f} | {warm * 1000:.0f} | {shown} |")
    return "\n".join(lines)


def write_doc(doc: Path, marker: str, heading: str, text: str) -> None:
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    body = doc.read_text("utf-8") if doc.exists() else "# Performance\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in body:
        body = body[:body.index(begin)] + block + body[body.index(end) + len(end):]
    else:
        body += f"\n## {heading}\n\n{block}\n"
    doc.write_text(body, "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--doc", type=Path, default=None)
    ap.add_argument("--marker", default="pages-bench")
    args = ap.parse_args()
    os.environ["GEPM_DB"] = str(args.db)
    settings.cache_clear()
    server = {page: server_times(page, args.repeat) for page in PAGES}
    browser = browser_times(args.db, args.repeat)
    text = table(args.db, server, browser, args.repeat)
    print(text)
    if args.doc:
        write_doc(args.doc, args.marker, "Pages: server script time and browser time to first chart", text)


if __name__ == "__main__":
    main()
