"""The target-detail page through AppTest on the demo warehouse: bars, gaps, shares and sources against the views."""

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
KEY = "target_indicator"


def end_of(day: date) -> datetime:
    """The app's as-of instant: the end of the chosen day, Vietnam time."""
    return datetime.combine(day + timedelta(days=1), time(0), VN) - timedelta(microseconds=1)


def unit_view(db: Path, period: str, indicator: str, day: date | None = None, unit_types: tuple[str, ...] = (),
              units: tuple[str, ...] = ()) -> pd.DataFrame:
    """v_target_progress_unit as the views compute it for the filters."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select * from target_progress_unit_at($as_of, unit_types := $types, units := $units) "
            "where plan_id = $plan and period_code = $period and indicator_code = $indicator",
            {"as_of": end_of(day or default_day()), "types": list(unit_types), "units": list(units), "plan": PLAN,
             "period": period, "indicator": indicator}).df()
    finally:
        con.close()


def vi_pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def bars(at: AppTest) -> dict[str, float]:
    """Unit label (with ↻ when carried forward) -> bar length, read from the per-unit chart."""
    fig = figures(at)[0]
    return {y: x for trace in fig["data"] for y, x in zip(trace["y"], trace["x"], strict=True)}


def bar_traces(at: AppTest) -> dict[str, dict[str, Any]]:
    return {y: trace for trace in figures(at)[0]["data"] for y in trace["y"]}


def expected_bars(rows: pd.DataFrame, plan: Plan, lang: str = "vi") -> dict[str, float]:
    out = {}
    for r in rows.to_dict("records"):
        unit = plan.unit_by_code[r["unit_code"]]
        name = unit.name_vi if lang == "vi" else unit.name_en
        out[f"{name} ↻" if r["is_carried_forward"] else name] = 0.0 if pd.isna(r["achieved_pct"]) else r["achieved_pct"]
    return out


def table(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def assert_bars_match(at: AppTest, rows: pd.DataFrame, plan: Plan, lang: str = "vi") -> None:
    assert not at.exception
    shown, expected = bars(at), expected_bars(rows, plan, lang)
    assert set(shown) == set(expected) and shown
    for label, value in expected.items():
        assert abs(shown[label] - value) < 1e-9, label


def test_default_shows_ct1_for_the_year(app_env: Path, govap: Plan) -> None:
    at = run_page("target")
    assert at.title[0].value == "Chi tiết chỉ tiêu"
    assert at.selectbox(key=KEY).value == "CT1"
    rows = unit_view(app_env, "2024-Y", "CT1")
    assert_bars_match(at, rows, govap)
    fig = figures(at)[0]
    [line] = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert line["x0"] == line["x1"] == 70
    assert any(a["text"] == "Chỉ tiêu ≥ 70%" for a in fig["layout"]["annotations"])
    # Met and not-met bars carry their status colour; the summary card is the view's figure.
    traces = bar_traces(at)
    met = rows[rows["is_met"].astype(bool)]
    names = {govap.unit_by_code[c].name_vi + (" ↻" if cf else "") for c, cf in zip(met["unit_code"],
                                                                             met["is_carried_forward"], strict=True)}
    assert {traces[n]["marker"]["color"] for n in names} == {"#009E73"}
    assert at.metric[0].value == vi_pct(100 * rows["numerator"].sum() / rows["denominator"].sum()) == "88,1%"


def test_carried_forward_unit_is_flagged(app_env: Path, govap: Plan) -> None:
    """P16 has not sent the year report: its nine-month values stand in, hatched, with ↻ in chart and tables."""
    at = run_page("target")
    rows = unit_view(app_env, "2024-Y", "CT1").set_index("unit_code")
    assert rows.loc["P16", "is_carried_forward"] and rows.loc["P16", "source_period_code"] == "2024-Q3"
    p16 = bar_traces(at)["Phường 16 ↻"]
    assert p16["marker"]["pattern"]["shape"] == "/" and p16["marker"]["opacity"] < 1
    assert "↻" in p16["name"]
    sources = table(at, "Tệp báo cáo").set_index("Đơn vị")
    assert sources.loc["Phường 16", "Số liệu của kỳ"] == "↻ 9 tháng"
    assert sources.loc["Phường 16", "Tệp báo cáo"] == rows.loc["P16", "file_name"] == "2024-Q3_P16.xlsx"
    assert any("↻" in c.value and "Phường 16" in c.value for c in at.caption)


def test_carried_forward_department_in_the_nine_months(app_env: Path, govap: Plan) -> None:
    """KT has not sent the nine-month report."""
    at = run_page("target", period_code="2024-Q3")
    rows = unit_view(app_env, "2024-Q3", "CT1")
    assert_bars_match(at, rows, govap)
    assert "Phòng Kinh tế ↻" in bars(at)
    assert table(at, "Tệp báo cáo").set_index("Đơn vị").loc["Phòng Kinh tế", "Số liệu của kỳ"] == "↻ 6 tháng"


def test_indicator_choice_changes_the_bars(app_env: Path, govap: Plan) -> None:
    at = run_page("target")
    at.selectbox(key=KEY).set_value("CT5").run()
    assert_bars_match(at, unit_view(app_env, "2024-Y", "CT5"), govap)
    assert list(bars(at)) == ["Công an quận"]
    [line] = [s for s in figures(at)[0]["layout"]["shapes"] if s["type"] == "line"]
    assert line["x0"] == 100
    at.selectbox(key=KEY).set_value("CT2B").run()
    assert_bars_match(at, unit_view(app_env, "2024-Y", "CT2B"), govap)
    assert len(bars(at)) == 16


def test_monitored_indicator_has_no_threshold_and_no_gaps(app_env: Path, govap: Plan) -> None:
    at = run_page("target", target_indicator="GS1")
    assert_bars_match(at, unit_view(app_env, "2024-Y", "GS1"), govap)
    assert not [s for s in figures(at)[0]["layout"].get("shapes", []) if s["type"] == "line"]
    assert any("Theo dõi" in m.value for m in at.markdown)
    assert any("không có ngưỡng" in i.value for i in at.info)


def test_units_ranked_by_people_still_to_reach(app_env: Path, govap: Plan) -> None:
    at = run_page("target", target_indicator="CT4")
    rows = unit_view(app_env, "2024-Y", "CT4")
    order = [u.code for u in govap.units]
    rows = rows.assign(name=rows["unit_code"].map(lambda c: govap.unit_by_code[c].name_vi),
                       order=rows["unit_code"].map(order.index))
    ranked = rows.sort_values(["gap_people", "achieved_pct", "order"], ascending=[False, True, True])
    shown = table(at, "Số người còn thiếu")
    assert list(shown["Đơn vị"]) == list(ranked["name"])
    assert list(shown["Số người còn thiếu"]) == [str(g) for g in ranked["gap_people"]]
    assert shown.iloc[0]["Số người còn thiếu"] != "0"


def test_women_and_minority_shares(app_env: Path, govap: Plan) -> None:
    at = run_page("target", target_indicator="CT2B")
    rows = unit_view(app_env, "2024-Y", "CT2B")
    women, minority = figures(at)[1]["data"]
    shares = dict(zip(women["y"], women["x"], strict=True))
    em = dict(zip(minority["y"], minority["x"], strict=True))
    for r in rows.to_dict("records"):
        name = govap.unit_by_code[r["unit_code"]].name_vi
        assert abs(shares[name] - 100 * r["women"] / r["numerator"]) < 1e-9
        assert abs(em[name] - 100 * r["ethnic_minority"] / r["numerator"]) < 1e-9
    overall = vi_pct(100 * rows["women"].sum() / rows["numerator"].sum())
    assert any(f"nữ {overall}" in c.value for c in at.caption)


def test_traceability_names_the_current_version_in_vietnam_time(app_env: Path) -> None:
    """LDTBXH resent its year report: the numbers come from version 2, received 22/12/2024 02:00 Vietnam time."""
    at = run_page("target")
    row = unit_view(app_env, "2024-Y", "CT1").set_index("unit_code").loc["LDTBXH"]
    shown = table(at, "Tệp báo cáo").set_index("Đơn vị").loc["Phòng Lao động – Thương binh và Xã hội"]
    assert shown["Phiên bản"] == str(row["version"]) == "2"
    assert shown["Tệp báo cáo"] == row["file_name"]
    assert shown["Thời điểm nhận"] == pd.Timestamp(row["received_at"]).tz_convert(VN).strftime("%d/%m/%Y %H:%M")
    assert shown["Thời điểm nhận"] == "22/12/2024 02:00"
    assert (shown["Số đạt"], shown["Tổng số đối tượng"]) == (str(row["numerator"]), str(row["denominator"]))


def test_unit_filter(app_env: Path, govap: Plan) -> None:
    at = run_page("target", units=["P01"])
    rows = unit_view(app_env, "2024-Y", "CT1", units=("P01",))
    assert_bars_match(at, rows, govap)
    assert list(bars(at)) == ["Phường 1"]
    assert at.metric[0].value == vi_pct(rows.iloc[0]["achieved_pct"])
    assert any("Đơn vị đã báo cáo: 1/1" in c.value for c in at.caption)


def test_unit_type_filter_and_an_indicator_nobody_chosen_reports(app_env: Path, govap: Plan) -> None:
    at = run_page("target", unit_types=["department"])
    assert_bars_match(at, unit_view(app_env, "2024-Y", "CT1", unit_types=("department",)), govap)
    assert all(not label.startswith("Phường") for label in bars(at))
    at.selectbox(key=KEY).set_value("CT2B").run()
    assert not at.exception
    assert any("không báo cáo chỉ tiêu CT2B" in i.value for i in at.info)


def test_as_of_before_the_year_reports(app_env: Path, govap: Plan) -> None:
    day = date(2024, 10, 1)
    at = run_page("target", as_of=day)
    rows = unit_view(app_env, "2024-Y", "CT1", day=day)
    assert rows["is_carried_forward"].all()
    assert_bars_match(at, rows, govap)
    assert all(label.endswith("↻") for label in bars(at))


def test_quarter_mode(app_env: Path, govap: Plan) -> None:
    at = run_page("target", period_mode="quarter", quarter="2024-Q2")
    assert_bars_match(at, unit_view(app_env, "2024-H1", "CT1"), govap)


def test_english(app_env: Path, govap: Plan) -> None:
    at = run_page("target", lang="en")
    assert at.title[0].value == "Target detail"
    assert_bars_match(at, unit_view(app_env, "2024-Y", "CT1"), govap, lang="en")
    assert "Ward 16 ↻" in bars(at)
    sources = table(at, "Report file").set_index("Unit")
    assert sources.loc["Ward 16", "Figures of period"] == "↻ Nine months"
    assert "2024-12-22 02:00" in set(sources["Received at"])
    assert at.metric[0].value == "88.1%"


def test_every_chart_and_table_can_be_downloaded(app_env: Path) -> None:
    at = run_page("target")
    assert len(at.get("download_button")) == 8  # CSV + Excel for the bars, the gaps, the shares and the sources
    for chart in at.get("plotly_chart"):
        assert json.loads(chart.proto.config)["toImageButtonOptions"]["format"] == "png"


def test_unit_without_any_data(app_env: Path) -> None:
    """TCKH sent a nil report for Q1 and nothing before: no bar length, dashes in the tables, no crash."""
    rows = unit_view(app_env, "2024-Q1", "CT1", units=("TCKH",))
    assert rows["numerator"].isna().all()
    at = run_page("target", period_code="2024-Q1", units=["TCKH"])
    assert not at.exception
    [trace] = figures(at)[0]["data"]
    assert trace["text"] == ["Chưa có số liệu"]
    assert at.metric[0].value == "—"
    sources = table(at, "Tệp báo cáo")
    assert set(sources.iloc[0].drop("Đơn vị")) == {"—"}


def test_the_periods_milestone_is_drawn_beside_the_threshold(app_env: Path, govap: Plan) -> None:
    at = run_page("target", period_code="2024-Q3")
    shapes = figures(at)[0]["layout"]["shapes"]
    [milestone] = [m for m in govap.indicator_by_code["CT1"].milestones if m.period == "2024-Q3"]
    assert [(s["x0"], s["line"]["dash"]) for s in shapes] == [(70.0, "dash"), (float(milestone.target_pct), "dot")]
    year = run_page("target")  # the plan sets no milestone for the year report: the threshold is the year's target
    assert [s["line"]["dash"] for s in figures(year)[0]["layout"]["shapes"]] == ["dash"]
