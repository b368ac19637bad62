"""The shared filters: what they mean, and that they survive page changes."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import PAGE_DIR, default_day, run_page
from streamlit.testing.v1 import AppTest

from i18n import t
from plan.model import Extension
from plan.settings import ROOT
from ui.filter_state import AS_OF_TEXT_KEY, default_as_of, parse_day, window_end
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
    assert [o for o in at.multiselect(key="units").options][:2] == ["Phường 1 (P01) · phuong 1",
                                                                      "Phường 3 (P03) · phuong 3"]


def test_quarter_mode_shows_the_quarter(app_env: Path) -> None:
    at = run_page("home", period_mode="quarter", quarter="2024-Q2")
    assert not at.exception
    assert "Quý 2/2024" in _caption(at)


def test_as_of_default_is_the_close_of_reporting_once_passed(govap) -> None:  # type: ignore[no-untyped-def]
    assert window_end(govap) == date(2024, 12, 31)  # the Year report is due 10/11: a month on is still 2024
    assert default_as_of(govap, date(2026, 1, 5)) == (date(2024, 12, 31), True)
    assert default_as_of(govap, date(2024, 12, 31)) == (date(2024, 12, 31), False)  # still open that day
    late = govap.model_copy(update={"extensions": (Extension(unit="P16", period="2024-Y", due_on=date(2024, 12, 20)),)})
    assert window_end(late) == date(2025, 1, 19)  # a unit given until 20/12: a month after that
    assert default_as_of(govap, date(2024, 7, 1)) == (date(2024, 7, 1), False)


def test_today_is_the_day_where_the_plan_is_reported(govap, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A server clock 12 hours behind UTC and a plan 14 hours ahead never share a date: the sidebar's default
    as-of day, the report's date and the extracts' names take the plan's."""
    far = govap.model_copy(update={"timezone": "Pacific/Kiritimati"})
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    time.tzset()
    try:
        before = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
        today = far.today()
        assert today in (before, datetime.now(ZoneInfo("Pacific/Kiritimati")).date())
        assert today != date.today()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_page_says_which_as_of_default_it_took(app_env: Path) -> None:
    at = run_page("home")
    assert not at.exception
    assert at.session_state["as_of"] == default_day()
    notes = [c.value for c in at.sidebar.caption]
    if date.today() > date(2024, 12, 31):
        assert "Mặc định: ngày khép lại kỳ báo cáo của năm (31/12/2024)" in notes
        assert "tính đến 31/12/2024" in _caption(at)
    picked = run_page("home", as_of=date(2024, 4, 1))
    assert not any(str(c.value).startswith("Mặc định") for c in picked.sidebar.caption)


def test_the_address_seeds_the_filters_and_names_them(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in {"lang": "en", "view": "quarter", "quarter": "2024-Q2", "types": "ward",
                        "units": "P03,NOPE", "as_of": "2024-07-01"}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert "Q2 2024" in _caption(at) and "P03" in _caption(at) and "2024-07-01" in _caption(at)
    assert at.session_state["units"] == ["P03"]  # a code the plan does not know is dropped
    query = {k: at.query_params[k] for k in at.query_params}
    assert query["units"] == "P03" and query["quarter"] == "2024-Q2" and "period" not in query
    assert query["as_of"] == "2024-07-01" and query["view"] == "quarter" and query["lang"] == "en"


def test_an_address_with_nonsense_falls_back_to_defaults(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in {"lang": "xx", "view": "week", "period": "1999-Q9", "as_of": "yesterday",
                        "plan": "nope"}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert at.session_state["period_code"] == "2024-Y" and at.session_state["lang"] == "vi"


def test_language_switch_names_every_choice_in_the_new_language(app_env: Path) -> None:
    at = run_page("home", period_code="2024-H1", unit_types=["ward"], units=["P03"])
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="period_code").value == "2024-H1"
    assert at.sidebar.selectbox(key="period_code").format_func("2024-H1") == "Half-year"
    assert at.session_state["units"] == ["P03"] and at.session_state["unit_types"] == ["ward"]
    assert "Half-year" in _caption(at)
    assert at.sidebar.selectbox(key="plan_id").format_func("govap-2024").startswith("Gender Equality")


def test_unit_labels_carry_the_name_without_accents() -> None:
    from ui.unit_search import fold, unit_label

    assert unit_label("Phường 3", "P03") == "Phường 3 (P03) · phuong 3"
    assert unit_label("Ward 3", "P03") == "Ward 3 (P03)"
    assert fold("Đoàn TNCS Hồ Chí Minh") == "doan tncs ho chi minh"


def test_data_page_names_columns_and_statuses_in_the_chosen_language(app_env: Path) -> None:
    import json

    at = run_page("data", period_code="2024-Y")
    at.selectbox(key="da_view").select("v_reporting_status").run()
    shown = at.dataframe[0]
    assert set(shown.value["status"]) <= {"Đúng hạn", "Trễ hạn", "Chưa nộp", "Không phát sinh", "Chưa đến hạn"}
    assert "Chưa nộp" in set(shown.value["status"]) and "missing" not in set(shown.value["status"])
    config = json.loads(shown.proto.columns)
    assert config["status"]["label"] == "Tình trạng" and config["status"]["help"] == "status"
    assert config["first_received_at"]["label"] == "Nhận lần đầu"
    notes = " ".join(str(c.value) for c in at.caption)
    assert "docs/" not in notes and ".md" not in notes


def test_typed_days_are_read_as_people_write_them() -> None:
    assert parse_day("01/07/2024") == parse_day("1/7/2024") == parse_day(" 01.07.2024 ") == date(2024, 7, 1)
    assert parse_day("2024-07-01") == parse_day("01-07-2024") == date(2024, 7, 1)
    assert [parse_day(s) for s in ("31/02/2024", "07/2024", "hôm qua", "", "2024/07/01")] == [None] * 5


def _typed(at: AppTest) -> object:
    return at.sidebar.text_input(key=AS_OF_TEXT_KEY)


def test_a_typed_as_of_day_applies_and_the_picker_follows(app_env: Path) -> None:
    at = run_page("home")
    field = _typed(at)
    assert field.label == t("app.as_of", "vi") and field.value == f"{default_day():%d/%m/%Y}"
    field.set_value("1/7/2024").run()  # what Enter sends
    assert not at.exception
    assert at.session_state["as_of"] == date(2024, 7, 1) and "tính đến 01/07/2024" in _caption(at)
    assert at.sidebar.date_input(key="as_of").value == date(2024, 7, 1)
    assert _typed(at).value == "01/07/2024" and at.query_params["as_of"] == "2024-07-01"
    at.sidebar.date_input(key="as_of").set_value(date(2024, 4, 2)).run()  # picked on the calendar
    assert _typed(at).value == "02/04/2024" and "tính đến 02/04/2024" in _caption(at)


def test_a_typed_text_that_is_no_day_is_refused_and_changes_nothing(app_env: Path) -> None:
    at = run_page("home", as_of=date(2024, 7, 1))
    _typed(at).set_value("31/02/2024").run()
    assert [e.value for e in at.sidebar.error] == [t("filter.as_of.refused", "vi", text="31/02/2024")]
    assert at.session_state["as_of"] == date(2024, 7, 1) and _typed(at).value == "01/07/2024"
    en = run_page("home", lang="en", as_of=date(2024, 7, 1))
    assert _typed(en).value == "2024-07-01"
    _typed(en).set_value("2024-08-15").run()
    assert en.session_state["as_of"] == date(2024, 8, 15) and "as of 2024-08-15" in _caption(en)
