"""The app shell through Streamlit's AppTest, on a real warehouse built from real workbooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.demo import write_demo
from etl.load import load_items
from etl.prepare import Item
from etl.warehouse import open_for_writing
from plan.model import Plan
from plan.settings import ROOT, settings

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from plan.load import load_plans

    tmp = tmp_path_factory.mktemp("app")
    plans = load_plans(ROOT / "data" / "plans")
    plan = plans["govap-2024"]
    files = write_demo(plan, tmp / "demo")
    db = tmp / "warehouse.duckdb"
    con = open_for_writing(db, plans)
    load_items(con, plans, [Item(f.path, f.received_at) for f in files], default_plan=plan.plan_id, source="test")
    con.close()
    return db


@pytest.fixture
def app_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GEPM_DB", str(demo_db))
    settings.cache_clear()
    yield
    settings.cache_clear()


def _run(**state: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_shell_shows_plan_and_warehouse_contents(app_env: None, govap: Plan) -> None:
    at = _run()
    assert not at.exception
    assert at.title[0].value == "Theo dõi Kế hoạch Bình đẳng giới"
    # 120 demo files: 118 first versions + 1 resubmission accepted, 1 rejected.
    assert _metric(at, "Số báo cáo (mọi phiên bản)") == "119"
    assert _metric(at, "Lần nạp") == "1"
    frames = [df.value for df in at.dataframe]
    units = next(f for f in frames if "Mã đơn vị" in f.columns)
    assert len(units) == len(govap.units) == 30
    progress = next(f for f in frames if "indicator_code" in f.columns)
    assert set(progress["indicator_code"]) == {i.code for i in govap.indicators}
    assert set(progress["status"]) <= {"Đạt", "Gần đạt", "Chưa đạt", "Theo dõi", "Chưa có số liệu"}
    assert progress.loc[progress["indicator_code"] == "GS1", "status"].iloc[0] == "Theo dõi"


def test_language_switch_and_period_filter_change_what_is_shown(app_env: None) -> None:
    at = _run(lang="en", period_code="2024-Q1")
    assert not at.exception
    assert at.title[0].value == "Gender-Equality Plan Monitor"
    progress = next(d.value for d in at.dataframe if "indicator_code" in d.value.columns)
    assert set(progress["period_code"]) == {"2024-Q1"}
    assert set(progress["status"]) <= {"Met", "Near", "Off track", "Monitored", "No data"}
    at_y = _run(period_code="2024-Y")
    later = next(d.value for d in at_y.dataframe if "indicator_code" in d.value.columns)
    ct1_q1 = int(progress.loc[progress["indicator_code"] == "CT1", "numerator"].iloc[0])
    ct1_y = int(later.loc[later["indicator_code"] == "CT1", "numerator"].iloc[0])
    assert ct1_y > ct1_q1  # year-to-date values grow through the year


def test_missing_warehouse_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEPM_DB", str(tmp_path / "none.duckdb"))
    settings.cache_clear()
    try:
        at = _run()
    finally:
        settings.cache_clear()
    assert not at.exception
    assert "python -m etl demo" in at.warning[0].value
