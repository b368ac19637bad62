"""The overview page through AppTest on the demo warehouse: every card and the trend against v_target_progress."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from conftest import default_day, run_page
from streamlit.testing.v1 import AppTest

from plan.model import Plan

PLAN = "govap-2024"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_VI = {"met": "Đạt", "near": "Gần đạt", "off_track": "Chưa đạt", "no_target": "Theo dõi",
             "no_data": "Chưa có số liệu"}


def end_of(day: date) -> datetime:
    """The app's as-of instant: the end of the chosen day, Vietnam time."""
    return datetime.combine(day + timedelta(days=1), time(0), VN) - timedelta(microseconds=1)


def progress(db: Path, period: str | None, day: date | None = None, unit_types: tuple[str, ...] = (),
             units: tuple[str, ...] = ()) -> pd.DataFrame:
    """v_target_progress as the views compute it for the filters (all periods when period is None)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select * from target_progress_at($as_of, unit_types := $types, units := $units) "
            "where plan_id = $plan and ($period is null or period_code = $period) "
            "order by period_ordinal, indicator_ordinal",
            {"as_of": end_of(day or default_day()), "types": list(unit_types), "units": list(units), "plan": PLAN,
             "period": period}).df()
    finally:
        con.close()


def vi_pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def vi_int(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def walk(node: Any) -> Any:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def cards(at: AppTest) -> dict[str, dict[str, Any]]:
    """indicator code -> what its card shows: title, value, change (the metric's delta), badge markdown, lines of
    the caption; in the order the page draws them."""
    found = {}
    for block in walk(at.main):
        kids = list(getattr(block, "children", {}).values())
        metrics = [k for k in kids if getattr(k, "type", "") == "metric"]
        if len(metrics) == 1:
            code = metrics[0].label.split(" · ")[0]
            caption = next(k for k in kids if getattr(k, "type", "") == "caption").value
            markdown = [k.value for k in kids if getattr(k, "type", "") == "markdown"]
            found[code] = {"value": metrics[0].value, "delta": metrics[0].proto.delta,
                           "title": next(m for m in markdown if m.startswith(f"**{code}**")),
                           "badge": next(m for m in markdown if "-badge[" in m), "lines": caption.split("  \n")}
    return found


def figure(at: AppTest) -> dict[str, Any]:
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def assert_cards_match(at: AppTest, expected: pd.DataFrame) -> None:
    """Every card says what the view says, formatted the Vietnamese way."""
    assert not at.exception
    shown = cards(at)
    assert list(shown) and set(shown) == set(expected["indicator_code"])
    for r in expected.to_dict("records"):
        card = shown[r["indicator_code"]]
        assert card["value"] == vi_pct(r["achieved_pct"]), r["indicator_code"]
        assert STATUS_VI[r["status"]] in card["badge"]
        assert f"Đơn vị đã báo cáo: {r['units_reporting']}/{r['units_expected']}" in card["lines"]
        if pd.isna(r["target_pct"]):
            assert "Chỉ tiêu: theo dõi (không có ngưỡng)" in card["lines"]
            assert not any(line.startswith("Còn thiếu") for line in card["lines"])
        else:
            assert f"Còn thiếu: {vi_int(r['gap_people'])} người" in card["lines"]
        bounds = [line for line in card["lines"] if line.startswith("Khoảng ước tính")]
        if r["units_reporting"] < r["units_expected"]:
            assert bounds and bounds[0].startswith(
                f"Khoảng ước tính: {vi_pct(r['achieved_pct_low'])} – {vi_pct(r['achieved_pct_high'])} "
                f"({r['units_expected'] - r['units_reporting']} đơn vị")
        else:
            assert not bounds


def test_cards_show_the_year_as_the_views_compute_it(app_env: Path) -> None:
    at = run_page("overview")
    assert at.title[0].value == "Tổng quan"
    expected = progress(app_env, "2024-Y")
    assert_cards_match(at, expected)
    shown = cards(at)
    assert shown["CT1"]["value"] == "88,1%"  # the figure the committee reads, as the demo data gives it
    assert "Chỉ tiêu: ≥ 70%" in shown["CT1"]["lines"]
    assert "Chỉ tiêu: 100%" in shown["CT2A"]["lines"]
    # P16 has not sent the year report and P05's was returned: CT1 is known for 28 of 30 units, with bounds;
    # those two and P14 (nil report) show their nine-month figures.
    assert "Đơn vị đã báo cáo: 28/30" in shown["CT1"]["lines"]
    assert "3 đơn vị dùng số liệu kỳ trước ↻" in shown["CT1"]["lines"]


def test_period_choice_changes_the_cards(app_env: Path) -> None:
    at = run_page("overview", period_code="2024-H1")
    expected = progress(app_env, "2024-H1")
    assert_cards_match(at, expected)
    assert cards(at)["CT1"]["value"] != cards(run_page("overview"))["CT1"]["value"]


def test_cards_say_whether_the_period_milestone_is_reached(app_env: Path, govap: Plan) -> None:
    """A year-end threshold alone makes targets look behind in Q1: the card also reads the plan's milestone."""
    at = run_page("overview", period_code="2024-Q1")
    shown, expected = cards(at), progress(app_env, "2024-Q1").set_index("indicator_code")
    for ind in govap.indicators:
        pct = next((m.target_pct for m in ind.milestones if m.period == "2024-Q1"), None)
        lines = [line for line in shown[ind.code]["lines"] if line.startswith("Mốc Quý I")]
        if pct is None or pd.isna(expected.loc[ind.code, "achieved_pct"]):
            assert lines == [], ind.code
            continue
        reached = float(expected.loc[ind.code, "achieved_pct"]) >= float(pct)
        assert lines == [f"Mốc Quý I: ≥ {pct:g}% — {'đã đạt mốc' if reached else 'chưa đạt mốc'}"], ind.code
    assert any(line.startswith("Mốc Quý I") for card in shown.values() for line in card["lines"])
    assert not any(line.startswith("Mốc") for card in cards(run_page("overview")).values() for line in card["lines"])


def test_quarter_mode_reads_the_report_standing_for_the_quarter(app_env: Path) -> None:
    at = run_page("overview", period_mode="quarter", quarter="2024-Q3")
    assert_cards_match(at, progress(app_env, "2024-Q3"))
    # KT has not sent the nine-month report: CT1 is known for 29 of 30 units.
    assert "Đơn vị đã báo cáo: 29/30" in cards(at)["CT1"]["lines"]
    assert any("Quý 3/2024" in c.value and "9 tháng" in c.value for c in at.caption)


def test_unit_type_filter(app_env: Path, govap: Plan) -> None:
    at = run_page("overview", unit_types=["department"])
    expected = progress(app_env, "2024-Y", unit_types=("department",))
    assert_cards_match(at, expected)
    departments = [u.code for u in govap.units if u.type == "department" and govap.reports(u, govap.indicators[0])]
    assert f"Đơn vị đã báo cáo: {len(departments)}/{len(departments)}" in cards(at)["CT1"]["lines"]
    missing = [i.code for i in govap.indicators if i.code not in set(expected["indicator_code"])]
    assert missing and any(c.value == f"Các đơn vị đã chọn không báo cáo chỉ tiêu: {', '.join(missing)}."
                           for c in at.caption)


def test_one_unit_shows_its_own_figures(app_env: Path) -> None:
    at = run_page("overview", units=["P01"])
    expected = progress(app_env, "2024-Y", units=("P01",))
    assert_cards_match(at, expected)
    con = duckdb.connect(str(app_env), read_only=True)
    try:
        own = con.execute("select numerator, denominator from v_target_progress_unit "
                          "where period_code = '2024-Y' and indicator_code = 'CT1' and unit_code = 'P01'").fetchone()
    finally:
        con.close()
    assert own is not None
    card = cards(at)["CT1"]
    assert card["value"] == vi_pct(100 * own[0] / own[1])
    assert "Đơn vị đã báo cáo: 1/1" in card["lines"]


def test_as_of_date_looks_back(app_env: Path) -> None:
    day = date(2024, 6, 1)  # the half-year reports are in, nothing of the year report
    at = run_page("overview", as_of=day)
    expected = progress(app_env, "2024-Y", day=day)
    assert_cards_match(at, expected)
    assert "Đơn vị đã báo cáo: 0/30" in cards(at)["CT1"]["lines"]
    assert cards(at)["CT1"]["value"] == vi_pct(progress(app_env, "2024-H1", day=day).iloc[0]["achieved_pct"])


def test_english(app_env: Path) -> None:
    at = run_page("overview", lang="en")
    assert not at.exception
    assert at.title[0].value == "Overview"
    ct1 = progress(app_env, "2024-Y").iloc[0]
    card = cards(at)["CT1"]
    assert card["value"] == f"{ct1['achieved_pct']:.1f}%" == "88.1%"
    assert f"Units reported: {ct1['units_reporting']}/{ct1['units_expected']}" in card["lines"]
    assert "Target: ≥ 70%" in card["lines"]
    assert "Met" in card["badge"]


def test_trend_chart_has_every_period_threshold_and_action_month(app_env: Path, govap: Plan) -> None:
    at = run_page("overview")
    fig = figure(at)
    expected = progress(app_env, None)
    assert [t["name"] for t in fig["data"]] == [i.code for i in govap.indicators]
    ends = [p.ends_on.isoformat() for p in govap.periods]
    for trace in fig["data"]:
        rows = expected[expected["indicator_code"] == trace["name"]]
        assert trace["x"] == ends
        assert [round(v, 6) for v in trace["y"]] == [round(v, 6) for v in rows["achieved_pct"]]
    lines = {s["y0"] for s in fig["layout"]["shapes"] if s["type"] == "line"}
    assert lines == {float(i.target_pct) for i in govap.indicators if i.target_pct is not None} == {50, 60, 70, 100}
    [month] = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    assert (month["x0"], month["x1"]) == ("2024-11-15", "2024-12-15")
    assert any(a["text"].startswith("Tháng hành động vì bình đẳng giới") for a in fig["layout"]["annotations"])
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["format"] == "png"


def test_cards_and_trend_can_be_downloaded(app_env: Path) -> None:
    at = run_page("overview")
    buttons = at.get("download_button")
    assert len(buttons) == 4  # CSV and Excel for the cards, and for the trend


def test_card_without_data(app_env: Path) -> None:
    at = run_page("overview", period_code="2024-Q1", units=["TCKH"])
    expected = progress(app_env, "2024-Q1", units=("TCKH",))
    assert expected.iloc[0]["status"] == "no_data"
    assert not at.exception
    card = cards(at)["CT1"]
    assert card["value"] == "—" and "Chưa có số liệu" in card["badge"]
