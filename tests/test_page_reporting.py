"""The reporting page through AppTest on the demo warehouse: statuses, rates and reminders against the views."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from conftest import default_day, reminder_message, reminder_messages, run_page
from streamlit.testing.v1 import AppTest

from plan.model import Plan

PLAN = "govap-2024"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def end_of(day: date) -> datetime:
    """The app's as-of instant: the end of the chosen day, Vietnam time."""
    return datetime.combine(day + timedelta(days=1), time(0), VN) - timedelta(microseconds=1)


def query(db: Path, sql: str, day: date | None, unit_types: tuple[str, ...] = (),
          units: tuple[str, ...] = ()) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, {"as_of": end_of(day or default_day()), "types": list(unit_types),
                                 "units": list(units), "plan": PLAN}).df()
    finally:
        con.close()


def statuses(db: Path, day: date | None = None, **filters: tuple[str, ...]) -> pd.DataFrame:
    return query(db, "select * from reporting_status_at($as_of, unit_types := $types, units := $units) "
                     "where plan_id = $plan", day, **filters)


def rates(db: Path, day: date | None = None, **filters: tuple[str, ...]) -> pd.DataFrame:
    return query(db, "select * from reporting_rates_at($as_of, unit_types := $types, units := $units) "
                     "where plan_id = $plan", day, **filters)


def vi_pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def heatmap(at: AppTest) -> dict[str, Any]:
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(f["data"][0] for f in figs if f["data"][0]["type"] == "heatmap")


def cells(at: AppTest, plan: Plan) -> dict[tuple[str, str], str]:
    """(unit code, period code) -> status code, read from the heatmap figure."""
    heat = heatmap(at)
    unit_of = {u.name_vi: u.code for u in plan.units} | {u.name_en: u.code for u in plan.units}
    period_of = {p.name_vi: p.code for p in plan.periods} | {p.name_en: p.code for p in plan.periods}
    return {(unit_of[y], period_of[x]): heat["customdata"][i][j][1]
            for i, y in enumerate(heat["y"]) for j, x in enumerate(heat["x"])}


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def reminders(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if d.value.columns[0] == "Mã đơn vị" and "Số ngày quá hạn" in d.value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def check_metrics(at: AppTest, want: pd.DataFrame, period: str) -> None:
    row = want[want["period_code"] == period][["expected", "received", "on_time", "late", "missing"]].sum()
    got = metrics(at)
    assert got["Đơn vị phải báo cáo"] == str(row["expected"])
    assert got["Đã nhận báo cáo"] == str(row["received"])
    assert got["Tỷ lệ báo cáo"] == vi_pct(100 * row["received"] / row["expected"])
    assert got["Tỷ lệ đúng hạn"] == vi_pct(100 * row["on_time"] / row["expected"])
    punctual = row["on_time"] + row["late"]
    assert got["Đúng hạn/đã nộp"] == (vi_pct(100 * row["on_time"] / punctual) if punctual else "—")
    assert got["Chưa nộp"] == str(row["missing"])


def test_matrix_rates_and_reminders_match_the_views(app_env: Path, govap: Plan) -> None:
    at = run_page("reporting")
    assert not at.exception
    assert at.title[0].value == "Tình hình báo cáo"
    want = statuses(app_env)
    assert cells(at, govap) == {(r.unit_code, r.period_code): "returned" if r.is_returned else r.status
                                for r in want.itertuples()}
    assert set(want["status"]) == {"on_time", "late", "missing", "nil_report"}
    # P05's year report was returned for correction: missing in the view, shown as returned, with its reason.
    assert want.set_index(["unit_code", "period_code"]).loc[("P05", "2024-Y"), "status"] == "missing"
    status_table = table_with(at, "Lý do trả lại").set_index(["Mã đơn vị", "Kỳ báo cáo"])
    assert "chưa ghi số nữ" in status_table.loc[("P05", "Năm"), "Lý do trả lại"]
    assert status_table.loc[("P05", "Năm"), "Tình trạng"] == "Trả lại để sửa"
    check_metrics(at, rates(app_env), "2024-Y")
    # The rates table: one row per period and unit type.
    table = next(d.value for d in at.dataframe if "Tỷ lệ báo cáo" in d.value.columns)
    r = rates(app_env).set_index(["period_code", "unit_type"])
    first = table.iloc[0]
    assert (first["Kỳ báo cáo"], first["Loại đơn vị"]) == ("Quý I", "Phường")
    assert first["Tỷ lệ đúng hạn"] == vi_pct(r.loc[("2024-Q1", "ward"), "on_time_rate_pct"])
    assert len(table) == len(r)
    # The year's missing reports: P16 never sent it, P05's was returned; P05 is reminded why.
    missing = want[(want["period_code"] == "2024-Y") & (want["status"] == "missing")]
    rem = reminders(at)
    assert sorted(rem["Mã đơn vị"].tolist()) == sorted(missing["unit_code"].tolist()) == ["P05", "P16"]
    p16 = missing.set_index("unit_code").loc["P16"]
    assert rem.set_index("Mã đơn vị").loc["P16", "Số ngày quá hạn"] == f"{int(p16['days_late']):,}".replace(",", ".")
    p05 = next(m for m in reminder_messages(at) if "Phường 5." in m)
    assert "được trả lại để chỉnh sửa với lý do: Chỉ tiêu CT1 chưa ghi số nữ" in p05


def test_heatmap_colours_and_legend(app_env: Path) -> None:
    at = run_page("reporting")
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    fig = next(f for f in figs if f["data"][0]["type"] == "heatmap")
    legend = {d["name"]: d["marker"]["color"] for d in fig["data"][1:]}
    assert legend == {"Đúng hạn": "#009E73", "Không phát sinh": "#56B4E9", "Trễ hạn": "#E69F00",
                      "Trả lại để sửa": "#CC79A7", "Chưa nộp": "#D55E00", "Chưa đến hạn": "#C8C8C8"}
    assert fig["data"][0]["x"] == ["Quý I", "6 tháng", "9 tháng", "Năm"]


def test_early_as_of_makes_later_reports_not_yet_due(app_env: Path, govap: Plan) -> None:
    at = run_page("reporting", period_code="2024-H1", as_of=date(2024, 3, 6))
    assert not at.exception
    got = cells(at, govap)
    h1 = [s for (u, p), s in got.items() if p == "2024-H1"]
    assert h1.count("not_yet_due") == len(h1) == 30
    want = statuses(app_env, date(2024, 3, 6))
    assert got == {(r.unit_code, r.period_code): r.status for r in want.itertuples()}
    q1 = want[want["period_code"] == "2024-Q1"]
    assert sorted(q1[q1["status"] == "missing"]["unit_code"]) == sorted(u for (u, p), s in got.items()
                                                                        if p == "2024-Q1" and s == "missing")
    check_metrics(at, rates(app_env, date(2024, 3, 6)), "2024-H1")
    assert any("Không có đơn vị nào cần nhắc cho kỳ 6 tháng" in s.value for s in at.success)
    # Switching on the not-yet-due units lists all 30 with a "due on" message.
    at = at.toggle(key="rp_include_upcoming").set_value(True).run()
    rem = reminders(at)
    assert len(rem) == 30 and set(rem["Tình trạng"]) == {"Chưa đến hạn"}
    assert "chậm nhất ngày 10/05/2024 (còn 65 ngày)" in reminder_message(at)


def test_q1_reminders_the_day_after_the_deadline(app_env: Path) -> None:
    at = run_page("reporting", period_code="2024-Q1", as_of=date(2024, 3, 6))
    want = statuses(app_env, date(2024, 3, 6))
    missing = want[(want["period_code"] == "2024-Q1") & (want["status"] == "missing")]
    rem = reminders(at)
    assert sorted(rem["Mã đơn vị"]) == sorted(missing["unit_code"]) and len(rem) == 4
    assert set(rem["Số ngày quá hạn"]) == {"1"} and set(rem["Hạn nộp"]) == {"05/03/2024"}
    pick = next(b for b in at.selectbox if str(b.key).startswith("rp_message_"))
    assert [o.split(" · ")[0] for o in pick.options] == rem["Đơn vị"].tolist()  # the list's order, named
    texts = reminder_messages(at)
    assert len(texts) == 4 and len(set(texts)) == 4
    p05 = next(t for t in texts if "Phường 5." in t)
    assert "kỳ Quý I năm 2024 (hạn 05/03/2024)" in p05 and "quá hạn 1 ngày" in p05
    # Last contact: the unit's latest report before then (P05's Q1 report came on 18/03).
    row = rem.set_index("Mã đơn vị").loc["P05"]
    assert row["Người lập (báo cáo gần nhất)"] == "—"


def test_unit_filter_shows_p16_missing_the_year_report(app_env: Path, govap: Plan) -> None:
    at = run_page("reporting", units=["P16"])
    assert not at.exception
    assert set(u for u, _ in cells(at, govap)) == {"P16"}
    rem = reminders(at)
    assert rem["Mã đơn vị"].tolist() == ["P16"] and rem.iloc[0]["Hạn nộp"] == "10/11/2024"
    contact = query(app_env, "select prepared_by, phone from submissions where plan_id = $plan "
                             "and list_contains($units, unit_code) and len($types) = 0 and received_at <= $as_of "
                             "order by received_at desc limit 1", None, units=("P16",))
    assert rem.iloc[0]["Người lập (báo cáo gần nhất)"] == contact.iloc[0]["prepared_by"]
    assert rem.iloc[0]["Số điện thoại"] == contact.iloc[0]["phone"]
    text = reminder_message(at)
    assert "Kính gửi: Phường 16." in text and "năm 2024 (hạn 10/11/2024)" in text
    assert f"Tính đến ngày {default_day():%d/%m/%Y}" in text
    check_metrics(at, rates(app_env, units=("P16",)), "2024-Y")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Tải nội dung nhắc (.txt)" in labels


def test_quarter_mode_and_unit_types(app_env: Path, govap: Plan) -> None:
    at = run_page("reporting", period_mode="quarter", quarter="2024-Q3", unit_types=["department"])
    assert not at.exception
    want = statuses(app_env, unit_types=("department",))
    assert cells(at, govap) == {(r.unit_code, r.period_code): r.status for r in want.itertuples()}
    check_metrics(at, rates(app_env, unit_types=("department",)), "2024-Q3")
    assert reminders(at)["Mã đơn vị"].tolist() == ["KT"]  # the 9-month report never came
    days = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if json.loads(c.proto.spec)["data"][0]["type"] == "bar"
                and json.loads(c.proto.spec)["data"][0]["name"] == "Trễ hạn")
    q3 = want[(want["period_code"] == "2024-Q3") & (want["days_late"] > 0)]
    late = q3[q3["status"] == "late"].sort_values("days_late", ascending=False)
    assert days["data"][0]["x"] == late["days_late"].tolist()


def test_english(app_env: Path) -> None:
    at = run_page("reporting", lang="en", units=["P16"])
    assert not at.exception
    assert at.title[0].value == "Reporting"
    assert heatmap(at)["x"] == ["Q1", "Half-year", "Nine months", "Year"]
    text = reminder_message(at)
    assert text.startswith("To: Ward 16.") and "the year 2024 (due 10 November 2024)" in text
    assert reminders_en(at).iloc[0]["Due"] == "2024-11-10"


def reminders_en(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Days overdue" in d.value.columns)
