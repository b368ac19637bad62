"""The Data page through AppTest on the demo warehouse: every view under the filters, downloads, load history."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest
from conftest import UseSettings, run_page
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from documents.extracts import VIEWS

PLAN = "govap-2024"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = date(2024, 9, 30)
HIDDEN = {"v_target_progress_unit": "exclude (period_ordinal, indicator_ordinal, target_bp)",
          "v_target_progress": "exclude (period_ordinal, indicator_ordinal)",
          "v_reporting_status": "exclude (period_ordinal)", "v_reporting_rates": "exclude (period_ordinal)",
          "v_participation": ""}


@dataclass(frozen=True)
class Case:
    """Filters as the sidebar holds them, and what the views should return under them."""

    as_of: date = AS_OF
    period: str | None = "2024-Q3"  # None: every period (the page's toggle)
    quarters: tuple[str, ...] = ("2024-Q1", "2024-Q2", "2024-Q3")
    unit_types: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    state: tuple[tuple[str, Any], ...] = ()


def _end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), TZ) - timedelta(microseconds=1)


@cache
def expected(db: Path, view: str, case: Case) -> pd.DataFrame:
    """The view's rows under the filters, straight from its macro (read-only, independent of the page); asked
    once per view and case: the demo warehouse does not change during the run, and the tests only read them."""
    macro = view.removeprefix("v_") + "_at"
    where = ("len($quarters) = 0 or list_contains($quarters, quarter)" if view == "v_participation"
             else "$period is null or period_code = $period")
    sql = (f"select * {HIDDEN[view]} from {macro}($as_of, unit_types := $types, units := $units) "
           f"where plan_id = $plan and ({where})")
    params: dict[str, Any] = {"as_of": _end_of_day(case.as_of), "types": list(case.unit_types),
                              "units": list(case.units), "plan": PLAN}
    params.update({"quarters": list(case.quarters)} if view == "v_participation" else {"period": case.period})
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).df()


def open_page(case: Case, **extra: Any) -> AppTest:
    state: dict[str, Any] = {"as_of": case.as_of, "unit_types": list(case.unit_types), "units": list(case.units),
                             **dict(case.state), **extra}
    if case.period is not None and "period_mode" not in state:
        state["period_code"] = case.period
    at = run_page("data", **state)
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, view: str) -> AppTest:
    at.selectbox(key="da_view").select(view).run()
    assert not at.exception
    return at


def shown_rows(at: AppTest) -> int:
    return len(at.dataframe[0].value)


def count_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "dòng ·" in c.value or "rows ·" in c.value)


CASES = {
    "Q3": Case(),
    "Q1": Case(period="2024-Q1", quarters=("2024-Q1",)),
    "year": Case(as_of=date(2024, 12, 31), period="2024-Y", quarters=("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4")),
    "two-units": Case(units=("P01", "CA")),
    "wards": Case(unit_types=("ward",)),
    "early-as-of": Case(as_of=date(2024, 8, 20)),
    "quarter-mode": Case(period="2024-H1", quarters=("2024-Q2",),
                         state=(("period_mode", "quarter"), ("quarter", "2024-Q2"))),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_view_shows_its_rows_under_the_filters(app_env: Path, name: str) -> None:
    case = CASES[name]
    at = open_page(case)
    assert at.selectbox(key="da_view").value == "v_target_progress_unit"
    for view in VIEWS:
        choose(at, view)
        want = expected(app_env, view, case)
        got = at.dataframe[0].value
        assert list(got.columns) == list(want.columns)
        assert len(got) == len(want), (name, view)
        assert count_caption(at).endswith(f"{len(want):,} dòng · {len(want.columns)} cột".replace(",", "."))


def test_filters_change_the_counts_as_the_views_say(app_env: Path) -> None:
    """The cases differ where the views differ: the test would not pass with the filters ignored."""
    counts = {name: {v: len(expected(app_env, v, case)) for v in VIEWS} for name, case in CASES.items()}
    assert counts["Q3"]["v_reporting_status"] == 30
    assert counts["two-units"]["v_reporting_status"] == 2
    assert counts["wards"]["v_reporting_status"] == 16
    assert counts["Q3"]["v_participation"] > counts["Q1"]["v_participation"] > 0
    assert counts["early-as-of"]["v_participation"] < counts["Q3"]["v_participation"]
    assert counts["quarter-mode"]["v_participation"] < counts["Q3"]["v_participation"]
    assert counts["two-units"]["v_target_progress_unit"] < counts["Q3"]["v_target_progress_unit"]
    at = open_page(CASES["early-as-of"])
    choose(at, "v_participation")
    assert shown_rows(at) == counts["early-as-of"]["v_participation"]
    statuses = expected(app_env, "v_reporting_status", CASES["early-as-of"])["status"]
    assert set(statuses) == {"not_yet_due"}  # 20/08: the 9-month report is not due before 05/09


def test_all_periods_toggle(app_env: Path) -> None:
    case = Case(as_of=date(2024, 12, 31))
    at = open_page(case)
    at.toggle(key="da_all_periods").set_value(True).run()
    every = Case(as_of=case.as_of, period=None, quarters=())
    assert shown_rows(at) == len(expected(app_env, "v_target_progress_unit", every))
    choose(at, "v_participation")
    assert shown_rows(at) == len(expected(app_env, "v_participation", every))
    choose(at, "v_reporting_status")
    assert shown_rows(at) == 4 * 30 == len(expected(app_env, "v_reporting_status", every))




def test_downloads_carry_view_period_and_date(app_env: Path, deferred: dict[str, Any]) -> None:
    at = open_page(Case())
    choose(at, "v_reporting_status")
    assert len(at.download_button) >= 2
    want = expected(app_env, "v_reporting_status", Case())
    mime, build = deferred["v_reporting_status_2024-Q3_2024-09-30.csv"]
    assert mime == "text/csv"
    data = build()
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == len(want) == 30
    assert back.loc[back["unit_code"] == "P01", "unit_name_vi"].item() == "Phường 1"
    assert str(back.loc[back["unit_code"] == "P01", "first_received_at"].item()).endswith("+07:00")
    xlsx = deferred["v_reporting_status_2024-Q3_2024-09-30.xlsx"][1]()
    ws = load_workbook(io.BytesIO(xlsx)).active
    assert ws is not None and ws.freeze_panes == "A2" and ws.max_row == 31
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}31"


def test_quarter_mode_names_participation_by_quarter(app_env: Path, deferred: dict[str, Any]) -> None:
    at = open_page(CASES["quarter-mode"])
    choose(at, "v_participation")
    assert "v_participation_2024-Q2_2024-09-30.csv" in deferred
    choose(at, "v_target_progress")
    assert "v_target_progress_2024-H1_2024-09-30.xlsx" in deferred


def _frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_load_history_shows_the_demo_load(app_env: Path) -> None:
    at = open_page(Case())
    loads = _frame_with(at, "Số tệp")
    assert len(loads) == 1
    assert (loads["Lần nạp"].item(), loads["Số tệp"].item(), loads["Được nhận"].item(),
            loads["Bị từ chối"].item()) == (1, 120, 119, 1)
    assert "120 tệp: 119 được nhận, 1 bị từ chối." in [c.value for c in at.caption]
    files = _frame_with(at, "Kết quả")
    assert len(files) == 120
    rejected = files[files["Kết quả"] == "Bị từ chối"]
    assert list(rejected["Tên tệp"]) == ["2024-H1_P09_loi.xlsx"]
    assert (files["Kết quả"] == "Phiên bản mới").sum() == 1
    problems = _frame_with(at, "Cách sửa")
    assert list(problems["Tên tệp"]) == ["2024-H1_P09_loi.xlsx"]
    message = problems["Lỗi"].item()
    assert message.startswith("Nam (") and "Nữ (" in message and "khác tổng số người tham gia" in message
    assert problems["Cách sửa"].item() == "Sửa để Nam + Nữ bằng tổng số người tham gia."
    assert (problems["Sheet"].item(), problems["Cột"].item()) == ("HoatDong", "F")


def test_only_rejected_files(app_env: Path) -> None:
    at = open_page(Case())
    at.toggle(key="da_only_rejected").set_value(True).run()
    files = _frame_with(at, "Kết quả")
    assert list(files["Tên tệp"]) == ["2024-H1_P09_loi.xlsx"]


def test_english(app_env: Path) -> None:
    at = open_page(Case(), lang="en")
    assert at.title[0].value == "Data"
    assert count_caption(at) == "One row per period × target × unit. 99 rows · 21 columns"
    problems = _frame_with(at, "How to fix")
    assert problems["Problem"].item().startswith("Men (")
    files = _frame_with(at, "Outcome")
    assert (files["Outcome"] == "Rejected").sum() == 1


@pytest.mark.parametrize("page", ["data", "report"])
def test_missing_warehouse_is_explained(tmp_path: Path, use_settings: UseSettings, page: str) -> None:
    use_settings(GEPM_DB=tmp_path / "none.duckdb")
    at = run_page(page)
    assert not at.exception
    assert any("python -m etl demo" in w.value for w in at.warning)
    assert not at.dataframe and not at.download_button
