"""The participation page through AppTest on the demo warehouse: its numbers against the view macros."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest
from conftest import default_day, run_page
from streamlit.testing.v1 import AppTest

from plan.model import Plan

PLAN = "govap-2024"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
COUNTS = ["n_activities", "participants", "men", "women", "ethnic_minority", "materials"]


def end_of(day: date) -> datetime:
    """The app's as-of instant: the end of the chosen day, Vietnam time."""
    return datetime.combine(day + timedelta(days=1), time(0), VN) - timedelta(microseconds=1)


def expected(db: Path, quarters: list[str], day: date | None = None, unit_types: tuple[str, ...] = (),
             units: tuple[str, ...] = ()) -> pd.DataFrame:
    """participation_at for the filters, straight from the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select * from participation_at($as_of, unit_types := $types, units := $units) "
            "where plan_id = $plan and list_contains($quarters, quarter)",
            {"as_of": end_of(day or default_day()), "types": list(unit_types), "units": list(units), "plan": PLAN,
             "quarters": quarters}).df()
    finally:
        con.close()


def outreach_values(db: Path, period: str, day: date | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select unit_code, numerator, denominator, achieved_pct from target_progress_unit_at($as_of) "
            "where plan_id = $plan and period_code = $period and indicator_code = 'CT4' order by unit_code",
            {"as_of": end_of(day or default_day()), "plan": PLAN, "period": period}).df()
    finally:
        con.close()


def vi_int(n: Any) -> str:
    return f"{int(n):,}".replace(",", ".")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def check_metrics(at: AppTest, want: pd.DataFrame) -> None:
    got = metrics(at)
    assert got["Số hoạt động"] == vi_int(want["n_activities"].sum())
    assert got["Lượt người tham gia"] == vi_int(want["participants"].sum())
    assert got["Lượt người DTTS tham gia"] == vi_int(want["ethnic_minority"].sum())
    assert got["Tài liệu đã phát hành"] == vi_int(want["materials"].sum())
    share = 100 * want["women"].sum() / want["participants"].sum()
    assert got["Tỷ lệ nữ tham gia"] == f"{share:.1f}%".replace(".", ",")


def test_default_view_matches_the_year(app_env: Path, govap: Plan) -> None:
    at = run_page("participation")
    assert not at.exception
    assert at.title[0].value == "Hoạt động và tham gia"
    want = expected(app_env, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
    assert len(want) > 100
    check_metrics(at, want)
    # By activity type, with the plan's names, Vietnamese number formats.
    by_type = table(at, "Loại hoạt động")
    sums = want.groupby("activity_type")[COUNTS].sum()
    names = {r.name_vi: r.code for r in govap.reference.activity_types}
    assert set(by_type["Loại hoạt động"]) == {n for n, c in names.items() if c in sums.index}
    for row in by_type.itertuples(index=False):
        code = names[row[0]]
        assert row[1] == vi_int(sums.loc[code, "n_activities"])
        assert row[2] == vi_int(sums.loc[code, "participants"])
        assert (row[3], row[4]) == (vi_int(sums.loc[code, "men"]), vi_int(sums.loc[code, "women"]))
    # By target group and by unit.
    by_group = table(at, "Đối tượng")
    groups = {r.name_vi: r.code for r in govap.reference.target_groups}
    got = {groups[g]: p for g, p in zip(by_group["Đối tượng"], by_group["Tổng số người tham gia"], strict=True)}
    assert got == {g: vi_int(v) for g, v in want.groupby("target_group")["participants"].sum().items()}
    by_unit = table(at, "Mã đơn vị")
    assert "Phường 1" in set(by_unit["Đơn vị"])
    assert dict(zip(by_unit["Mã đơn vị"], by_unit["Người DTTS"], strict=True)) == {
        u: vi_int(v) for u, v in want.groupby("unit_code")["ethnic_minority"].sum().items()}
    by_quarter = table(at, "Quý")
    assert by_quarter["Quý"].tolist() == ["Quý 1/2024", "Quý 2/2024", "Quý 3/2024", "Quý 4/2024"]


def test_charts_hold_the_numbers_and_download_as_png(app_env: Path) -> None:
    at = run_page("participation")
    want = expected(app_env, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
    charts = figures(at)
    assert len(charts) == 5
    quarter = next(f for f in charts if f["data"][0]["orientation"] == "v")
    men, women, minority = quarter["data"]
    by_quarter = want.groupby("quarter")[COUNTS].sum()
    assert men["y"] == by_quarter["men"].tolist() and women["y"] == by_quarter["women"].tolist()
    assert women["base"] == men["y"] and minority["y"] == by_quarter["ethnic_minority"].tolist()
    configs = [json.loads(c.proto.config) for c in at.get("plotly_chart")]
    assert all(c["toImageButtonOptions"]["format"] == "png" for c in configs)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Tải CSV") == labels.count("Tải Excel") == 5


def test_outreach_shows_ct4_beside_minority_participants(app_env: Path) -> None:
    at = run_page("participation", period_code="2024-H1")
    want = outreach_values(app_env, "2024-H1")
    outreach = next(d.value for d in at.dataframe if "CT4: số đạt" in d.value.columns)
    got = outreach[outreach["CT4: số đạt"] != "—"]
    assert set(got["Mã đơn vị"]) == set(want["unit_code"]) and len(want) == 17  # 16 wards and VP
    expect = want.set_index("unit_code")
    for row in got.itertuples(index=False):
        assert row[2] == vi_int(expect.loc[row[0], "numerator"])
        assert row[3] == vi_int(expect.loc[row[0], "denominator"])
        assert row[4] == f"{expect.loc[row[0], 'achieved_pct']:.1f}%".replace(".", ",")
    minority = expected(app_env, ["2024-Q1", "2024-Q2"]).groupby("unit_code")["ethnic_minority"].sum()
    people = outreach.set_index("Mã đơn vị")
    assert people.loc["P08", "Người DTTS"] == vi_int(minority["P08"])
    chart = next(f for f in figures(at) if f["data"][0].get("name") == "CT4")
    assert chart["data"][0]["x"][0] == pytest.approx(expect.loc["P01", "achieved_pct"])


def test_period_filter_keeps_year_to_date_quarters(app_env: Path) -> None:
    at = run_page("participation", period_code="2024-Q1")
    assert not at.exception
    check_metrics(at, expected(app_env, ["2024-Q1"]))
    assert table(at, "Quý")["Quý"].tolist() == ["Quý 1/2024"]
    at = run_page("participation", period_code="2024-Q3")
    check_metrics(at, expected(app_env, ["2024-Q1", "2024-Q2", "2024-Q3"]))


def test_quarter_mode_shows_one_quarter(app_env: Path) -> None:
    at = run_page("participation", period_mode="quarter", quarter="2024-Q2")
    assert not at.exception
    check_metrics(at, expected(app_env, ["2024-Q2"]))
    assert table(at, "Quý")["Quý"].tolist() == ["Quý 2/2024"]


def test_unit_type_and_unit_filters(app_env: Path) -> None:
    year = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    at = run_page("participation", unit_types=["organisation"])
    assert not at.exception
    want = expected(app_env, year, unit_types=("organisation",))
    check_metrics(at, want)
    assert set(table(at, "Mã đơn vị")["Mã đơn vị"]) == set(want["unit_code"]) == {"MTTQ", "HLHPN", "DTN", "LDLD"}
    at = run_page("participation", units=["P16"])
    want = expected(app_env, year, units=("P16",))
    check_metrics(at, want)
    assert table(at, "Mã đơn vị")["Mã đơn vị"].tolist() == ["P16"]


def test_as_of_counts_only_reports_received_by_then(app_env: Path) -> None:
    at = run_page("participation", period_code="2024-Q1", as_of=date(2024, 3, 6))
    assert not at.exception
    early = expected(app_env, ["2024-Q1"], day=date(2024, 3, 6))
    late = expected(app_env, ["2024-Q1"])
    assert early["participants"].sum() < late["participants"].sum()  # 4 Q1 reports came after 6 March
    check_metrics(at, early)


def test_english(app_env: Path) -> None:
    at = run_page("participation", lang="en")
    assert not at.exception
    want = expected(app_env, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
    assert metrics(at)["Participants"] == f"{want['participants'].sum():,}"
    by_type = table(at, "Activity type")
    assert "Communication/awareness" in set(by_type["Activity type"])
    assert table(at, "Quarter")["Quarter"].tolist()[0] == "Q1 2024"
    assert figures(at)[0]["data"][0]["name"] == "Men"


def test_empty_selection_is_explained(app_env: Path) -> None:
    at = run_page("participation", period_mode="quarter", quarter="2024-Q4", as_of=date(2024, 1, 15))
    assert not at.exception
    assert at.info[0].value == "Chưa có hoạt động nào được báo cáo trong phạm vi đã chọn."
