"""What changed, on the overview cards (AppTest on the demo warehouse): the change since the plan's previous report
equals the views read for both periods with the same as-of date and units; targets behind come first; the near
band is explained with the width the plan file gives."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import GOVAP_FILE, UseSettings, run_page
from test_page_overview import cards, progress, vi_int

from plan.load import load_plans
from plan.model import Plan
from testkit.served import copy_db

ORDER = ("off_track", "near", "met", "no_target", "no_data")


def signed(value: float, text: str) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + text


def expected_changes(db: Path, period: str, before: str, plan: Plan, **filters: Any) -> dict[str, tuple[str, str]]:
    """indicator -> (delta, line) the card must show, from v_target_progress's rows of both periods."""
    now = progress(db, period, **filters).set_index("indicator_code")
    then = progress(db, before, **filters).set_index("indicator_code")
    name = plan.period_by_code[before].name_vi
    out = {}
    for code in now.index:
        pp = round(float(now.loc[code, "achieved_pct"]) - float(then.loc[code, "achieved_pct"]), 1)
        people = int(now.loc[code, "numerator"]) - int(then.loc[code, "numerator"])
        pp_text = signed(pp, f"{abs(pp):.1f}".replace(".", ","))
        line = (f"So với báo cáo {name}: {pp_text} điểm %, {signed(people, vi_int(abs(people)))} "
                f"{plan.indicator_by_code[code].measure_vi}")
        out[code] = (f"{pp_text} điểm %", line)
    return out


def assert_changes(shown: dict[str, dict[str, Any]], expected: dict[str, tuple[str, str]]) -> None:
    assert set(shown) == set(expected)
    for code, (delta, line) in expected.items():
        assert shown[code]["delta"] == delta, code
        assert shown[code]["lines"][0] == line, code


@pytest.mark.parametrize(("period", "before"), [("2024-Y", "2024-Q3"), ("2024-H1", "2024-Q1")])
def test_each_card_says_what_changed_since_the_previous_report(app_env: Path, govap: Plan, period: str,
                                                               before: str) -> None:
    at = run_page("overview", period_code=period)
    assert not at.exception
    shown = cards(at)
    assert_changes(shown, expected_changes(app_env, period, before, govap))
    if period == "2024-Y":  # the figures the committee reads, as the demo year gives them
        assert shown["CT1"]["lines"][0] == "So với báo cáo 9 tháng: +7,7 điểm %, +128 người"
        assert shown["CT4"]["lines"][0] == ("So với báo cáo 9 tháng: +8,7 điểm %, "
                                            "+15 đối tượng (người, cơ sở tín ngưỡng)")  # the plan's own measure
        assert shown["CT5"]["delta"] == "0,0 điểm %"  # no sign: shown grey, without an arrow


def test_the_change_reads_both_periods_with_the_same_units_and_as_of_date(app_env: Path, govap: Plan) -> None:
    at = run_page("overview", period_code="2024-Q3", units=["P01"])
    assert_changes(cards(at), expected_changes(app_env, "2024-Q3", "2024-H1", govap, units=("P01",)))
    at = run_page("overview", period_code="2024-Q3", unit_types=["department"])
    assert_changes(cards(at), expected_changes(app_env, "2024-Q3", "2024-H1", govap, unit_types=("department",)))
    day = date(2024, 6, 1)  # before any nine-month report: both periods carry the same reports forward
    at = run_page("overview", period_code="2024-Q3", as_of=day)
    expected = expected_changes(app_env, "2024-Q3", "2024-H1", govap, day=day)
    assert_changes(cards(at), expected)
    assert {delta for delta, _ in expected.values()} == {"0,0 điểm %"}


def test_the_first_report_has_no_earlier_period(app_env: Path) -> None:
    shown = cards(run_page("overview", period_code="2024-Q1"))
    assert shown
    for card in shown.values():
        assert card["delta"] == ""
        assert card["lines"][0] == "Quý I là kỳ báo cáo đầu tiên: chưa có kỳ trước để so sánh"


def test_a_change_needs_figures_in_both_periods(app_env: Path) -> None:
    assert progress(app_env, "2024-Q1", units=("TCKH",)).iloc[0]["status"] == "no_data"
    card = cards(run_page("overview", period_code="2024-H1", units=["TCKH"]))["CT1"]
    assert card["delta"] == ""
    assert card["lines"][0] == "Chưa đủ số liệu để so sánh với báo cáo Quý I"


def test_english(app_env: Path) -> None:
    shown = cards(run_page("overview", lang="en"))
    assert shown["CT1"]["delta"] == "+7.7 pts"
    assert shown["CT1"]["lines"][0] == "Since the Nine months report: +7.7 pts, +128 people"
    assert shown["CT4"]["lines"][0].endswith("+15 recipients (persons, religious establishments)")
    assert "Near: within 10 pts below the target" in shown["CT4"]["lines"]


# 27/02/2024: a few units have sent their first report, the police (CT5) not yet: a card without data.
@pytest.mark.parametrize(("period", "day"), [("2024-Y", None), ("2024-H1", None), ("2024-Q1", date(2024, 2, 27))])
def test_targets_behind_come_first(app_env: Path, govap: Plan, period: str, day: date | None) -> None:
    at = run_page("overview", period_code=period, **({"as_of": day} if day else {}))
    rows = progress(app_env, period, day=day)
    plan_order = [i.code for i in govap.indicators]
    expected = sorted(rows["indicator_code"], key=lambda c: (
        ORDER.index(rows.set_index("indicator_code").loc[c, "status"]), plan_order.index(c)))
    assert list(cards(at)) == expected
    assert len(set(rows["status"])) >= 3  # the order is tested across groups, not within one
    if period == "2024-Y":
        assert expected == ["CT2A", "CT4", "CT1", "CT2B", "CT3", "CT5", "GS1"]
    if day:
        assert expected[-1] == "CT5" and rows.set_index("indicator_code").loc["CT5", "status"] == "no_data"


def near_lines(shown: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    return {code: [line for line in card["lines"] if line.startswith("Gần đạt")] for code, card in shown.items()}


def assert_band_explained_on_near_cards(shown: dict[str, dict[str, Any]], expected: pd.DataFrame,
                                        text: str) -> None:
    status = expected.set_index("indicator_code")["status"]
    for code, lines in near_lines(shown).items():
        assert lines == ([text] if status[code] == "near" else []), code
        assert ("Gần đạt" in shown[code]["badge"]) == (status[code] == "near"), code


def test_near_band_is_explained_with_the_plan_files_width(app_env: Path) -> None:
    shown = cards(run_page("overview"))
    assert_band_explained_on_near_cards(shown, progress(app_env, "2024-Y"),
                                        "Gần đạt: trong khoảng 10 điểm % dưới ngưỡng")
    assert sum(bool(lines) for lines in near_lines(shown).values()) == 1  # CT4 alone, at 90,7% of 100%


def test_another_band_in_the_plan_file_changes_the_text(demo_db: Path, tmp_path: Path,
                                                        use_settings: UseSettings) -> None:
    """The band is read from the plan file: a copy with 12.5 points, synced into a copy of the warehouse."""
    from warehouse.db import open_for_writing

    plans_dir = tmp_path / "plans"
    plans_dir.mkdir()
    text = GOVAP_FILE.read_text(encoding="utf-8")
    assert "\nnear_band_pp: 10\n" in text
    (plans_dir / GOVAP_FILE.name).write_text(text.replace("\nnear_band_pp: 10\n", "\nnear_band_pp: 12.5\n"),
                                             encoding="utf-8")
    for other in GOVAP_FILE.parent.glob("*.y*ml"):
        if other != GOVAP_FILE:
            shutil.copy(other, plans_dir)
    db = copy_db(demo_db, tmp_path / "warehouse.duckdb")
    open_for_writing(db, load_plans(plans_dir)).close()
    use_settings(GEPM_DB=db, GEPM_PLANS_DIR=plans_dir)
    expected = progress(db, "2024-Y")
    assert set(expected.loc[expected["status"] == "near", "indicator_code"]) == {"CT2A", "CT4"}  # 89,7% is near now
    shown = cards(run_page("overview"))
    assert_band_explained_on_near_cards(shown, expected, "Gần đạt: trong khoảng 12,5 điểm % dưới ngưỡng")
    assert "Near: within 12.5 pts below the target" in cards(run_page("overview", lang="en"))["CT2A"]["lines"]


def test_the_cards_download_carries_the_change(app_env: Path, govap: Plan,
                                               deferred: dict[str, tuple[str | None, Any]]) -> None:
    run_page("overview", period_code="2024-Q3")
    [name] = [n for n in deferred if n.startswith("target_progress_2024-Q3") and n.endswith(".csv")]
    data = pd.read_csv(io.BytesIO(deferred[name][1]()), encoding="utf-8-sig").set_index("Mã chỉ tiêu")
    now, then = (progress(app_env, p).set_index("indicator_code") for p in ("2024-Q3", "2024-H1"))
    assert list(data.index) == [i.code for i in govap.indicators]  # the download keeps the plan's order
    assert set(data["Kỳ báo cáo trước"]) == {"6 tháng"}
    assert (data["Thay đổi so với kỳ trước (điểm %)"] - (now["achieved_pct"] - then["achieved_pct"])).abs().max() < 1e-9
    assert (data["Số đạt thay đổi so với kỳ trước"] == now["numerator"] - then["numerator"]).all()
