"""Chart builders, table shaping and reminder messages of the activity pages, on small frames."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from i18n.text_activity import TEXT
from plan.model import Plan
from ui import activity as ac
from ui import formats as fm
from ui import participation as pa
from ui import reporting as rp
from ui.charts import participation as pc
from ui.charts import reporting as rc
from ui.reminders import (
    contact_line,
    messages_text,
    period_phrase,
    reminder_headers,
    reminder_message,
    reminder_table,
)
from ui.theme import MINORITY, REPORT_ORDER, REPORT_STATUS, SEX, TARGET_STATUS

ROWS = [  # quarter, unit, type, group, n_activities, participants, men, women, minority, materials
    ("2024-Q1", "P01", "tap_huan", "can_bo", 2, 50, 20, 30, 5, 0),
    ("2024-Q1", "P03", "truyen_thong", "nguoi_dan", 1, 1200, 500, 700, 100, 300),
    ("2024-Q2", "P01", "truyen_thong", "phu_nu", 3, 90, 10, 80, 0, 40),
    ("2024-Q2", "CA", "tap_huan", "can_bo", 1, 0, 0, 0, 0, 12),
]


def participation() -> pd.DataFrame:
    cols = ["quarter", "unit_code", "activity_type", "target_group", *pa.COUNTS]
    return pd.DataFrame(ROWS, columns=cols)


def spec(fig: object) -> dict:
    return json.loads(fig.to_json())  # type: ignore[attr-defined]


# ---- formats -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "expected"), [("vi", ("1.234", "70,5%", "05/03/2024", "05/03/2024 09:07")),
                                                ("en", ("1,234", "70.5%", "2024-03-05", "2024-03-05 09:07"))])
def test_formats_follow_the_language(lang: str, expected: tuple[str, ...]) -> None:
    got = (fm.fmt_int(1234, lang), fm.fmt_pct(70.5, lang), fm.fmt_day(date(2024, 3, 5), lang),
           fm.fmt_time(datetime(2024, 3, 5, 9, 7), lang))
    assert got == expected
    assert fm.fmt_int(None, lang) == fm.fmt_pct(float("nan"), lang) == fm.fmt_day(None, lang) == "—"


def test_shown_formats_by_column_name_and_labelled_keeps_raw_values() -> None:
    df = pd.DataFrame({"unit_code": ["P01"], "participants": [1234], "women_pct": [60.25], "due_on": [date(2024, 3, 5)],
                       "is_met": [True], "mean_days_late": [2.5]})
    heads = {c: c.upper() for c in df.columns}
    assert ac.shown(df, heads, "vi").iloc[0].tolist() == ["P01", "1.234", "60,2%", "05/03/2024", "Có", "2,5"]
    assert ac.shown(df, heads, "en").iloc[0].tolist() == ["P01", "1,234", "60.2%", "2024-03-05", "Yes", "2.5"]
    raw = ac.labelled(df, heads)
    assert list(raw.columns) == list(heads.values()) and raw.iloc[0]["PARTICIPANTS"] == 1234


# ---- participation -----------------------------------------------------------------------------

def test_summarise_sums_in_plan_order_with_plan_names(govap: Plan) -> None:
    by_type = pa.summarise(participation(), govap, "activity_type", "vi")
    # Plan order: truyen_thong before tap_huan.
    assert by_type["activity_type"].tolist() == ["Truyền thông/tuyên truyền", "Tập huấn"]
    assert by_type["participants"].tolist() == [1290, 50]
    assert by_type["n_activities"].tolist() == [4, 3]
    assert by_type["women_pct"].round(2).tolist() == [round(100 * 780 / 1290, 2), 60.0]
    by_unit = pa.summarise(participation(), govap, "unit_code", "en")
    assert by_unit[["unit_code", "unit_name"]].values.tolist() == [["P01", "Ward 1"], ["P03", "Ward 3"],
                                                                   ["CA", "District Police"]]
    assert pd.isna(by_unit.loc[2, "women_pct"])  # no participants: no share, not 0
    by_quarter = pa.summarise(participation(), govap, "quarter", "vi")
    assert by_quarter["quarter"].tolist() == ["Quý 1/2024", "Quý 2/2024"]


def test_totals() -> None:
    sums = pa.totals(participation())
    assert (sums["n_activities"], sums["participants"], sums["materials"]) == (7, 1340, 352)
    assert sums["women_pct"] == pytest.approx(100 * 810 / 1340)


def test_sex_bars_stack_men_and_women_beside_ethnic_minority(govap: Plan) -> None:
    summary = pa.summarise(participation(), govap, "target_group", "vi")
    data = spec(pc.sex_bars(summary, "target_group", "vi"))["data"]
    men, women, minority = data
    assert [d["name"] for d in data] == ["Nam", "Nữ", "Người DTTS"]
    assert [d["marker"]["color"] for d in data] == [SEX["men"], SEX["women"], MINORITY]
    assert men["orientation"] == "h" and men["y"] == ["Cán bộ, công chức, viên chức, người lao động", "Người dân",
                                                      "Phụ nữ"]
    assert men["x"] == [20, 500, 10] and women["x"] == [30, 700, 80] and women["base"] == men["x"]
    assert minority["x"] == [5, 100, 0] and minority["offsetgroup"] != men["offsetgroup"] == women["offsetgroup"]
    assert [c[1] for c in men["customdata"]] == [3, 1, 3]  # activities in the hover


def test_sex_bars_by_quarter_are_vertical_with_localised_separators(govap: Plan) -> None:
    summary = pa.summarise(participation(), govap, "quarter", "en")
    fig = spec(pc.sex_bars(summary, "quarter", "en"))
    assert fig["data"][0]["orientation"] == "v" and fig["data"][0]["x"] == ["Q1 2024", "Q2 2024"]
    assert fig["layout"]["separators"] == ".,"
    assert spec(pc.sex_bars(summary, "quarter", "vi"))["layout"]["separators"] == ",."


def test_outreach_joins_indicator_and_minority_participants(govap: Plan) -> None:
    indicator = pd.DataFrame({"unit_code": ["P03", "P01", "VP"], "numerator": [2, 7, 1], "denominator": [4, 7, 2],
                              "achieved_pct": [50.0, 100.0, 50.0], "is_met": [False, True, False],
                              "is_carried_forward": [False, False, True]})
    table = pa.outreach(indicator, participation(), govap, "vi")
    assert table["unit_code"].tolist() == ["P01", "P03", "VP", "CA"]
    assert table["ethnic_minority"].tolist() == [5, 100, 0, 0]
    assert table["numerator"].tolist()[:3] == [7, 2, 1] and pd.isna(table.loc[3, "numerator"])
    heads = pa.outreach_headers("CT4", "vi", True)
    assert heads["achieved_pct"] == "CT4: tỷ lệ đạt" and "numerator" not in pa.outreach_headers("CT4", "vi", False)
    fig = spec(pc.outreach_chart(table, "CT4", 100.0, 10.0, "vi"))
    assert fig["data"][0]["marker"]["color"][:3] == [TARGET_STATUS["met"], TARGET_STATUS["off_track"],
                                                     TARGET_STATUS["off_track"]]
    assert fig["data"][1]["x"] == [5, 100, 0, 0]
    assert [d["name"] for d in fig["data"][2:]] == ["Đạt", "Gần đạt", "Chưa đạt"]  # the colours' legend
    assert fig["layout"]["shapes"][0]["x0"] == 100.0


def test_outreach_without_the_indicator_keeps_minority_participants(small_plan: Plan) -> None:
    table = pa.outreach(pd.DataFrame(), participation(), small_plan, "vi")
    assert table["ethnic_minority"].sum() == 105 and table["achieved_pct"].isna().all()
    fig = spec(pc.outreach_chart(table, "CT4", None, 10.0, "vi"))
    assert set(fig["data"][0]["marker"]["color"]) == {TARGET_STATUS["no_data"]} and "shapes" not in fig["layout"]


@pytest.mark.parametrize(("achieved", "target", "status"), [
    (70.0, 70.0, "met"), (60.0, 70.0, "near"), (59.9, 70.0, "off_track"), (None, 70.0, "no_data"),
    (40.0, None, "no_target")])
def test_target_colour_uses_the_near_band(achieved: float | None, target: float | None, status: str) -> None:
    assert pc.target_colour(achieved, target, 10.0) == TARGET_STATUS[status]


# ---- reporting ---------------------------------------------------------------------------------

def status_rows() -> pd.DataFrame:
    rows = [  # period, ordinal, unit, type, status, days_late, first received (UTC)
        ("2024-Q1", 1, "P01", "ward", "on_time", 0, datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-Q1", 1, "P05", "ward", "late", 12, datetime(2024, 3, 17, 3, 0, tzinfo=UTC)),
        ("2024-Q1", 1, "TP", "department", "nil_report", 0, datetime(2024, 3, 2, 3, 0, tzinfo=UTC)),
        ("2024-H1", 2, "P01", "ward", "missing", 30, None),
        ("2024-H1", 2, "P05", "ward", "not_yet_due", None, None),
        ("2024-H1", 2, "TP", "department", "missing", 3, None),
    ]
    df = pd.DataFrame(rows, columns=["period_code", "period_ordinal", "unit_code", "unit_type", "status", "days_late",
                                     "first_received_at"])
    df["first_received_at"] = pd.to_datetime(df["first_received_at"], utc=True)
    df["last_received_at"] = df["first_received_at"]
    df["days_late"] = df["days_late"].astype("Int64")
    df["n_versions"] = df["first_received_at"].notna().astype(int)
    df["due_on"] = pd.to_datetime(df["period_code"].map({"2024-Q1": "2024-03-05", "2024-H1": "2024-05-10"}))
    # TP's half-year report was returned for correction: missing, with the reason shown.
    df["is_returned"] = (df["unit_code"] == "TP") & (df["period_code"] == "2024-H1")
    df["returned_reason"] = df["is_returned"].map({True: "Thiếu số nữ ở CT1", False: None})
    return df


def test_heatmap_cells_hold_statuses_colours_and_days(govap: Plan) -> None:
    fig = spec(rc.status_heatmap(status_rows(), govap, "2024-H1", "vi"))
    heat, legend = fig["data"][0], fig["data"][1:]
    assert heat["x"] == ["Quý I", "6 tháng"] and heat["y"] == ["Phường 1", "Phường 5", "Phòng Tư pháp"]
    codes = [[cell[1] for cell in line] for line in heat["customdata"]]
    assert codes == [["on_time", "missing"], ["late", "not_yet_due"], ["nil_report", "returned"]]
    assert heat["z"] == [[REPORT_ORDER.index(c) for c in line] for line in codes]
    assert heat["text"] == [["", "30"], ["12", ""], ["", "3"]]
    assert heat["customdata"][0][0][2] == "01/03/2024 09:00"  # Vietnam time
    # Each status index maps to its colour in the discrete scale.
    scale = heat["colorscale"]
    for i, s in enumerate(REPORT_ORDER):
        assert scale[2 * i][1] == scale[2 * i + 1][1] == REPORT_STATUS[s]
    assert [d["name"] for d in legend] == ["Đúng hạn", "Không phát sinh", "Trễ hạn", "Trả lại để sửa", "Chưa nộp",
                                           "Chưa đến hạn"]
    assert [d["marker"]["color"] for d in legend] == [REPORT_STATUS[s] for s in REPORT_ORDER]
    frame = fig["layout"]["shapes"][0]
    assert (frame["x0"], frame["x1"]) == (0.5, 1.5)  # the chosen period, 6 tháng


def test_status_table_in_plan_order_with_labels(govap: Plan) -> None:
    table = rp.status_table(status_rows(), govap, "en")
    assert table[["unit_code", "period", "status"]].values.tolist()[:3] == [
        ["P01", "Q1", "On time"], ["P05", "Q1", "Late"], ["TP", "Q1", "Nil report"]]
    assert table["due_on"].tolist()[0] == date(2024, 3, 5)
    returned = table[table["unit_code"].eq("TP") & table["period"].eq("Half-year")].iloc[0]
    assert (returned["status"], returned["returned_reason"]) == ("Returned for correction", "Thiếu số nữ ở CT1")


def rates_rows() -> pd.DataFrame:
    return pd.DataFrame({
        "period_code": ["2024-Q1", "2024-Q1"], "period_ordinal": [1, 1], "unit_type": ["department", "ward"],
        "expected": [10, 16], "received": [9, 16], "on_time": [8, 12], "late": [1, 4], "missing": [1, 0],
        "not_yet_due": [0, 0], "nil_report": [1, 0], "reporting_rate_pct": [90.0, 100.0],
        "on_time_rate_pct": [80.0, 75.0], "punctuality_pct": [8 / 9 * 100, 75.0], "mean_days_late": [3.0, 6.5]})


def test_rates_chart_one_panel_per_rate_bars_per_unit_type(govap: Plan) -> None:
    total = pd.DataFrame({"period_code": ["2024-Q1"], "period_ordinal": [1], "reporting_rate_pct": [96.2],
                          "on_time_rate_pct": [76.9], "punctuality_pct": [80.0]})
    data = spec(rc.rates_chart(rates_rows(), total, govap, "vi"))["data"]
    bars = [d for d in data if d["type"] == "bar"]
    assert [d["name"] for d in bars[:2]] == ["Phường", "Phòng, ban"]  # plan order: wards first
    assert [b["y"] for b in bars[:2]] == [[100.0], [90.0]]
    markers = [d for d in data if d["type"] == "scatter"]
    assert [m["y"] for m in markers] == [[96.2], [76.9], [80.0]]
    table = rp.rates_table(rates_rows(), govap, "vi")
    assert table["unit_type"].tolist() == ["Phường", "Phòng, ban"]


def test_days_late_chart_longest_first_coloured_by_status(govap: Plan) -> None:
    rows = status_rows()
    data = spec(rc.days_late_chart(rows[rows["period_code"] == "2024-H1"], govap, "vi"))
    late, missing = data["data"]
    assert late["x"] == [] and missing["x"] == [30, 3]
    assert missing["y"] == ["Phường 1", "Phòng Tư pháp"] and missing["marker"]["color"] == REPORT_STATUS["missing"]
    assert data["layout"]["yaxis"]["categoryarray"] == ["Phường 1", "Phòng Tư pháp"]
    assert rc.days_late_chart(rows[rows["period_code"] == "2024-Q1"].assign(status="nil_report"), govap, "vi") is None


def test_kpis_for_the_period() -> None:
    total = pd.DataFrame({"period_code": ["2024-Q1"], **{k: [1.0 + i] for i, k in enumerate(rp.KPIS)}})
    assert rp.kpis(total, "2024-Q1")["expected"] == 1.0
    assert rp.kpis(total, "2024-H1") == {}


# ---- reminders ---------------------------------------------------------------------------------

def test_overdue_message_names_unit_period_due_date_and_days(govap: Plan) -> None:
    text = reminder_message(govap, "P05", "2024-Q1", date(2024, 3, 5), date(2024, 3, 17), 12, "vi")
    assert text.startswith("Kính gửi: Phường 5.")
    assert "đề nghị Phường 5 gửi báo cáo" in text
    assert "kỳ Quý I năm 2024 (hạn 05/03/2024)" in text
    assert "Tính đến ngày 17/03/2024, báo cáo của đơn vị đã quá hạn 12 ngày." in text
    assert "Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới quận Gò Vấp" in text
    en = reminder_message(govap, "P05", "2024-Q1", date(2024, 3, 5), date(2024, 3, 6), 1, "en")
    assert en.startswith("To: Ward 5.") and "for Q1 2024 (due 5 March 2024)" in en and "1 day overdue" in en


def test_upcoming_message_counts_days_left(govap: Plan) -> None:
    text = reminder_message(govap, "CA", "2024-H1", date(2024, 5, 10), date(2024, 5, 7), None, "vi")
    assert "Công an quận" in text and "kỳ 6 tháng năm 2024 đúng hạn, chậm nhất ngày 10/05/2024 (còn 3 ngày)" in text
    today = reminder_message(govap, "CA", "2024-H1", date(2024, 5, 10), date(2024, 5, 10), None, "en")
    assert "due on 10 May 2024 (today is the last day)" in today


def test_year_period_is_not_named_twice(govap: Plan) -> None:
    assert period_phrase(govap, "2024-Y", "vi") == "năm 2024"
    assert period_phrase(govap, "2024-Y", "en") == "the year 2024"
    assert period_phrase(govap, "2024-Q3", "vi") == "9 tháng năm 2024"


def contacts() -> pd.DataFrame:
    return pd.DataFrame({"unit_code": ["P01"], "unit_type": ["ward"], "period_code": ["2024-Q1"],
                         "prepared_by": ["Lê Thị Hồng"], "phone": ["028 3195 5707"],
                         "received_at": pd.to_datetime([datetime(2024, 3, 1, 2, 0, tzinfo=UTC)])})


def test_reminder_table_lists_overdue_units_first_with_last_contact(govap: Plan) -> None:
    rows = status_rows()
    h1 = rows[rows["period_code"] == "2024-H1"].assign(period_code="2024-H1")
    table = reminder_table(h1, contacts(), govap, date(2024, 6, 9), "vi")
    assert table["unit_code"].tolist() == ["P01", "TP"]  # most days overdue first; not-yet-due left out
    assert table["days_overdue"].tolist() == [30, 3]
    assert table.loc[0, "prepared_by"] == "Lê Thị Hồng" and pd.isna(table.loc[1, "prepared_by"])
    assert table.loc[0, "due_on"] == date(2024, 5, 10)
    assert "quá hạn 30 ngày" in table.loc[0, "message"] and "Phòng Tư pháp" in table.loc[1, "message"]
    assert list(reminder_headers("vi")) == list(table.columns)
    with_upcoming = reminder_table(h1, contacts(), govap, date(2024, 5, 8), "vi", upcoming=True)
    assert with_upcoming["unit_code"].tolist() == ["P01", "TP", "P05"]
    assert "(còn 2 ngày)" in with_upcoming.loc[2, "message"]
    lines = [contact_line(r, "vi") for r in table.itertuples(index=False)]
    assert lines == ["Liên hệ lần trước: Lê Thị Hồng, 028 3195 5707 (01/03/2024 09:00)",
                     "Chưa có báo cáo nào để lấy thông tin liên hệ"]


def test_messages_text_joins_every_message(govap: Plan) -> None:
    rows = status_rows()
    table = reminder_table(rows[rows["period_code"] == "2024-H1"], contacts(), govap, date(2024, 6, 9), "en")
    text = messages_text(table)
    assert text.count("To: ") == 2 and text.endswith("\n")
    assert messages_text(table.iloc[0:0]) == ""


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = TEXT[key]
    assert key.startswith(("pa.", "rp.")) and vi.strip() and en.strip()
    assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en))
