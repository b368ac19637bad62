"""The app's plan-and-warehouse page through Streamlit's AppTest, on the demo warehouse."""

from __future__ import annotations

from pathlib import Path

from conftest import UseSettings, run_page
from streamlit.testing.v1 import AppTest

from plan.model import Plan


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_home_shows_plan_and_warehouse_contents(app_env: Path, govap: Plan) -> None:
    at = run_page("home")
    assert not at.exception
    assert at.title[0].value == "Kế hoạch và kho dữ liệu"
    # 120 demo files: 118 first versions + 1 resubmission accepted, 1 rejected.
    assert _metric(at, "Số báo cáo (mọi phiên bản)") == "119"
    assert _metric(at, "Lần nạp") == "1"
    frames = [df.value for df in at.dataframe]
    units = next(f for f in frames if "Mã đơn vị" in f.columns)
    assert len(units) == len(govap.units) == 30
    targets = next(f for f in frames if "Chỉ tiêu (%)" in f.columns)
    assert list(targets["Chỉ tiêu (%)"]) == ["≥ 70%", "100%", "≥ 50%", "≥ 60%", "100%", "100%",
                                             "theo dõi (không có ngưỡng)"]
    calendar = next(f for f in frames if "Hạn nộp" in f.columns)
    assert list(calendar["Hạn nộp"]) == ["05/03/2024", "10/05/2024", "05/09/2024", "10/11/2024"]


def test_language_switch(app_env: Path) -> None:
    at = run_page("home", lang="en")
    assert not at.exception
    assert at.title[0].value == "Plan and warehouse"
    calendar = next(d.value for d in at.dataframe if "Due" in d.value.columns)
    assert list(calendar["Due"]) == ["2024-03-05", "2024-05-10", "2024-09-05", "2024-11-10"]


def test_missing_warehouse_is_explained(tmp_path: Path, use_settings: UseSettings) -> None:
    use_settings(GEPM_DB=tmp_path / "none.duckdb")
    at = run_page("home")
    assert not at.exception
    assert any("python -m etl demo" in w.value for w in at.warning)
