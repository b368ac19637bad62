"""The shared filters: what they mean, and that they survive page changes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import PAGE_DIR, run_page

from ui.filters import Filters


def _filters(mode: str, period: str, quarter: str, govap) -> Filters:  # type: ignore[no-untyped-def]
    day = date(2024, 6, 30)
    return Filters(govap, mode, period, quarter, (), (), day, datetime(2024, 6, 30, 23, 59, 59, 999999,
                                                                       ZoneInfo("Asia/Ho_Chi_Minh")))


def test_period_is_year_to_date_and_quarter_is_one_quarter(govap) -> None:  # type: ignore[no-untyped-def]
    assert _filters("period", "2024-Q3", "2024-Q3", govap).quarters == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert _filters("quarter", "2024-H1", "2024-Q2", govap).quarters == ["2024-Q2"]
    params = _filters("period", "2024-H1", "2024-Q2", govap).params()
    assert params == {"plan_id": "govap-2024", "as_of": datetime(2024, 6, 30, 23, 59, 59, 999999,
                                                                 ZoneInfo("Asia/Ho_Chi_Minh")),
                      "unit_types": [], "units": []}


def _caption(at) -> str:  # type: ignore[no-untyped-def]
    return str(at.caption[0].value)


def test_filters_survive_page_changes(app_env: Path) -> None:
    at = run_page("home", period_code="2024-Q1", unit_types=["department"], units=["NV"], as_of=date(2024, 4, 1))
    assert not at.exception
    first = _caption(at)
    assert "Quý I" in first and "NV" in first and "01/04/2024" in first
    at.switch_page(f"{PAGE_DIR}/data.py").run()
    assert not at.exception
    assert _caption(at) == first
    assert at.session_state["units"] == ["NV"]
    at.switch_page(f"{PAGE_DIR}/home.py").run()
    assert _caption(at) == first


def test_units_outside_the_chosen_types_are_dropped(app_env: Path) -> None:
    at = run_page("home", unit_types=["ward"], units=["P01", "NV"])
    assert at.session_state["units"] == ["P01"]
    assert [o for o in at.multiselect(key="units").options][:2] == ["Phường 1 (P01)", "Phường 3 (P03)"]


def test_quarter_mode_shows_the_quarter(app_env: Path) -> None:
    at = run_page("home", period_mode="quarter", quarter="2024-Q2")
    assert not at.exception
    assert "Quý 2/2024" in _caption(at)
