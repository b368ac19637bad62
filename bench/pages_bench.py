"""Per page: server-side script time (cold and warm cache) and browser time to the first chart drawn.

    .venv/bin/python -m bench.pages_bench [--db data/warehouse.duckdb] [--repeat 5] [--doc docs/performance.md]

Server side: the page is run through streamlit.testing's AppTest (the same script runner the
server uses, in this process): once with empty caches (cold), then --repeat times (warm); the
median warm run is reported. Browser: the app is served by a real `streamlit run`; headless
Debian chromium opens each page --repeat times after one warm-up visit, in one browser context
(a returning user: scripts cached), and the time from navigation to the first Plotly chart drawn
(or the page title for pages without charts) is measured; medians are reported. For scale, the
same is measured for a minimal app that draws one three-bar Plotly chart (`baseline`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench.doc import write_doc
from plan.settings import ROOT, settings

PAGES = ("overview", "target", "participation", "reporting", "data", "report", "home")
CHARTS = {"overview", "target", "participation", "reporting"}


def _app_test(page: str, state: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(f"{page_dir()}/{page}.py")
    return at


def page_dir() -> str:
    return "pages"


def server_times(page: str, repeat: int, state: dict[str, object] | None = None) -> tuple[float, float]:
    """Cold and median warm script time of the page (session values set first: a plan, a period)."""
    import streamlit as st

    at = _app_test(page, state)  # runs the default page first: clear what that warmed
    st.cache_data.clear()
    st.cache_resource.clear()
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    _assert_served(at)
    return cold, statistics.median(warm)


def _assert_served(at) -> None:  # type: ignore[no-untyped-def]
    """A deployment without accounts shows one "not configured" page; timing it would time nothing."""
    from i18n import t

    refused = t("auth.not_configured_title", "en")
    if any(refused in str(title.value) for title in at.title):
        raise SystemExit("the app shows its 'not configured' page: set GEPM_DEMO=1 or GEPM_USERS")


def browser_times(db: Path, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from testkit.served import CHROMIUM, CHROMIUM_ARGS, serve

    out: dict[str, float] = {}
    with serve(db, ROOT / "bench" / "out" / "pages-streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})  # a returning user's cache
        for page_name in PAGES:
            path = "" if page_name == "overview" else page_name
            target = ".js-plotly-plot .main-svg" if page_name in CHARTS else "h1"
            times = []
            for n in range(repeat + 1):
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"{url}/{path}")
                page.locator(target).first.wait_for(timeout=60_000)
                if n:  # the first visit warms the server's caches
                    times.append(time.perf_counter() - start)
                page.close()
            out[page_name] = statistics.median(times)
        browser.close()
    return out


BASELINE_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("baseline")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""


def baseline_time(repeat: int) -> float:
    """The same browser measure for a one-chart app: what Streamlit + Plotly cost on this machine."""
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    from testkit.served import CHROMIUM, CHROMIUM_ARGS, _wait_healthy, free_port

    folder = Path(tempfile.mkdtemp())
    (folder / "baseline.py").write_text(BASELINE_APP, "utf-8")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(folder / "baseline.py"), "--server.port",
                             str(port), "--server.headless", "true"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context()
            times = []
            for n in range(repeat + 1):
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
                if n:
                    times.append(time.perf_counter() - start)
                page.close()
            browser.close()
        return statistics.median(times)
    finally:
        proc.terminate()


def table(db: Path, server: dict[str, tuple[float, float]], browser: dict[str, float], repeat: int,
          baseline: float) -> str:
    lines = [f"Warehouse: `{db.name}`; medians of {repeat} runs. Baseline (a one-chart Streamlit app, same "
             f"browser measure): {baseline:.2f} s.", "",
             "| page | server script, cold (ms) | server script, warm (ms) | browser to first chart (s) |",
             "|---|---:|---:|---:|"]
    for page in PAGES:
        cold, warm = server[page]
        shown = f"{browser[page]:.2f}" + ("" if page in CHARTS else " (title; no chart)")
        lines.append(f"| {page} | {cold * 1000:.0f} | {warm * 1000:.0f} | {shown} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--doc", type=Path, default=None)
    ap.add_argument("--marker", default="pages-bench")
    args = ap.parse_args()
    os.environ["GEPM_DB"] = str(args.db)
    os.environ.setdefault("GEPM_DEMO", "1")  # without a users file the demo is only shown when asked for
    settings.cache_clear()
    server = {page: server_times(page, args.repeat) for page in PAGES}
    browser = browser_times(args.db, args.repeat)
    text = table(args.db, server, browser, args.repeat, baseline_time(args.repeat))
    print(text)
    if args.doc:
        write_doc(args.doc, text, args.marker, "Pages: server script time and browser time to first chart")


if __name__ == "__main__":
    main()
