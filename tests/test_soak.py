"""Several dashboard sessions and repeated command-line loads together for a minute: no user sees an
error, every load lands, and every page then shows the landed data."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from plan.model import Plan
from plan.settings import ROOT
from testkit.served import CHROMIUM, CHROMIUM_ARGS, browser_available, copy_db, serve
from testkit.workbooks import filled, save

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]
SECONDS = float(os.environ.get("GEPM_SOAK_S", "60"))
PAGES = ("home", "", "reporting", "participation", "target")
METRIC = "Số báo cáo (mọi phiên bản)"
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"], [data-testid="stAlertContentInfo"]'


def _loads(plan: Plan, inbox: Path, db: Path, stop: threading.Event,
           out: list[subprocess.CompletedProcess[str]]) -> None:
    """New versions of P01's year report, one after another, each through the real CLI."""
    n = 0
    while not stop.is_set():
        n += 1
        path = save(filled(plan, "P01", "2024-Y", values={"CT1": (500, n, 0, 0)}), inbox / f"{n:03d}" / "p01.xlsx")
        out.append(subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db), "--json"],
                                  cwd=ROOT, capture_output=True, text=True, timeout=120))


def test_sessions_and_loads_together(tmp_path: Path, demo_db: Path, govap: Plan) -> None:
    from playwright.sync_api import sync_playwright

    db = copy_db(demo_db, tmp_path / "warehouse.duckdb")
    loads: list[subprocess.CompletedProcess[str]] = []
    stop = threading.Event()
    views, errors = 0, []
    with serve(db, tmp_path / "streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        sessions = [browser.new_page() for _ in range(3)]
        loader = threading.Thread(target=_loads, args=(govap, tmp_path / "inbox", db, stop, loads))
        loader.start()
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            for n, page in enumerate(sessions):
                page.goto(f"{url}/{PAGES[(views + n) % len(PAGES)]}")
                page.locator("h1").first.wait_for(timeout=60_000)
                page.wait_for_load_state("networkidle")
                errors += [t.inner_text() for t in page.locator(ERRORS).all()]
                views += 1
        stop.set()
        loader.join()
        for page in sessions:  # every session now shows every landed version
            page.goto(f"{url}/home")
            metric = page.get_by_test_id("stMetric").filter(has_text=METRIC)
            metric.wait_for(timeout=30_000)
            assert metric.get_by_test_id("stMetricValue").inner_text().strip() == str(119 + len(loads))
        browser.close()
    print(f"\nsoak: {SECONDS:.0f} s, 3 sessions, {views} page views, {len(loads)} CLI loads, {len(errors)} errors")
    assert errors == []
    assert len(loads) >= 3 and all(r.returncode == 0 and '"new_version": 1' in r.stdout for r in loads), \
        [r.stderr[-300:] for r in loads if r.returncode]
