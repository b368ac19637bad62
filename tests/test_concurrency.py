"""While the real dashboard serves pages, the command-line loader writes, and the next view shows it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from plan.model import Plan
from plan.settings import ROOT
from testkit.served import CHROMIUM, CHROMIUM_ARGS, browser_available, copy_db, serve
from testkit.workbooks import filled, save

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]
METRIC = "Số báo cáo (mọi phiên bản)"


def _new_version(plan: Plan, path: Path) -> Path:
    """A corrected P01 year report (from the real template): a new version of a report the demo holds."""
    return save(filled(plan, "P01", "2024-Y", values={"CT1": (60, 55, 30, 1)}), path)


def _reports_shown(page: object) -> str:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    metric = page.get_by_test_id("stMetric").filter(has_text=METRIC)
    metric.wait_for(timeout=30_000)
    return str(metric.get_by_test_id("stMetricValue").inner_text()).strip()


def test_cli_load_lands_while_the_app_serves(tmp_path: Path, demo_db: Path, govap: Plan) -> None:
    from playwright.sync_api import sync_playwright

    db = copy_db(demo_db, tmp_path / "warehouse.duckdb")
    new_file = _new_version(govap, tmp_path / "inbox" / "2024-Y_P01_sua.xlsx")
    with serve(db, tmp_path / "streamlit.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/home")
        assert _reports_shown(page) == "119"
        result: dict[str, subprocess.CompletedProcess[str]] = {}

        def load() -> None:
            result["load"] = subprocess.run(
                [sys.executable, "-m", "etl", "load", str(new_file.parent), "--db", str(db), "--json"],
                cwd=ROOT, capture_output=True, text=True, timeout=120)

        loader = threading.Thread(target=load)
        loader.start()
        views = 0
        while loader.is_alive() or views < 3:  # users keep reading while the loader writes
            page.reload()
            _reports_shown(page)
            views += 1
        loader.join()
        assert result["load"].returncode == 0, result["load"].stderr
        assert '"outcome": "new_version"' in result["load"].stdout
        page.reload()
        assert _reports_shown(page) == "120"
        browser.close()
