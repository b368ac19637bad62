"""Chart builders and table shaping of the target pages (ui/targets.py) on small hand-made frames."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

import ui.i18n
from plan.model import Plan
from ui import targets
from ui.charts import targets as target_charts
from ui.formats import plain
from ui.theme import GREY, TARGET_STATUS, THRESHOLD_LINE

UTC_NIGHT = pd.Timestamp("2024-12-21 19:00", tz="UTC")  # 22/12/2024 02:00 in Vietnam


class Language:
    """The reader's language, as ui.i18n.lang() would read it from the session (none outside a run)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
        self.value = value
        monkeypatch.setattr(ui.i18n, "lang", self.get)
        monkeypatch.setattr(targets, "lang", self.get)

    def get(self) -> str:
        return self.value


@pytest.fixture
def vi(monkeypatch: pytest.MonkeyPatch) -> Language:
    return Language(monkeypatch, "vi")


@pytest.fixture
def en(monkeypatch: pytest.MonkeyPatch) -> Language:
    return Language(monkeypatch, "en")


def progress_row(indicator: str, period: str = "2024-Y", **over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "plan_id": "govap-2024", "period_code": period, "indicator_code": indicator, "numerator": 1124,
        "denominator": 1214, "women": 659, "ethnic_minority": 36, "achieved_pct": 92.586, "target_pct": 70.0,
        "is_met": True, "gap_pp": 0.0, "gap_people": 0, "status": "met", "units_reporting": 30,
        "units_expected": 30, "units_carried_forward": 0, "units_without_data": 0, "achieved_pct_low": 92.586,
        "achieved_pct_high": 92.586, "period_ordinal": 4}
    return row | over


def unit_row(unit: str, numerator: float | None, denominator: float | None, **over: Any) -> dict[str, Any]:
    pct = None if not denominator else 100 * numerator / denominator  # type: ignore[operator]
    row: dict[str, Any] = {
        "plan_id": "govap-2024", "period_code": "2024-Y", "indicator_code": "CT1", "unit_code": unit,
        "unit_type": "ward", "numerator": numerator, "denominator": denominator, "women": 3, "ethnic_minority": 1,
        "achieved_pct": pct, "target_pct": 70.0, "is_met": None if pct is None else pct >= 70,
        "gap_pp": None, "gap_people": None if denominator is None else max(0, -(-7 * denominator // 10) - numerator),
        "is_carried_forward": False, "source_period_code": "2024-Y", "has_report": True, "submission_id": 1,
        "version": 1, "file_name": f"2024-Y_{unit}.xlsx", "received_at": UTC_NIGHT, "period_ordinal": 4}
    return row | over


def sample_units(govap: Plan) -> pd.DataFrame:
    rows = pd.DataFrame([
        unit_row("P01", 9, 10),
        unit_row("P16", 37, 58, is_carried_forward=True, source_period_code="2024-Q3", has_report=False),
        unit_row("KT", 1234, 2000, unit_type="department", version=2),
        unit_row("TCKH", None, None, women=None, ethnic_minority=None, source_period_code=None, file_name=None,
                 received_at=None, version=None),
        unit_row("P03", 0, 5),
    ])
    return targets.unit_rows(rows, govap)


# ---- names and numbers -------------------------------------------------------------------------

def test_target_text(vi: Language) -> None:
    assert targets.target_text(70) == "≥ 70%"
    assert targets.target_text(72.5) == "≥ 72,5%"
    assert targets.target_text(100) == "100%"
    assert targets.target_text(None) == "theo dõi (không có ngưỡng)"
    assert targets.target_text(float("nan")) == "theo dõi (không có ngưỡng)"


def test_times_are_shown_in_the_plan_time_zone(vi: Language) -> None:
    assert targets.fmt_time(UTC_NIGHT, "Asia/Ho_Chi_Minh") == "22/12/2024 02:00"
    assert targets.fmt_time(None, "Asia/Ho_Chi_Minh") == "—"
    vi.value = "en"
    assert targets.fmt_time(UTC_NIGHT, "Asia/Ho_Chi_Minh") == "2024-12-22 02:00"


def test_markdown_in_plan_text_is_read_literally() -> None:
    assert plain("A *b* [c](d) <i>") == r"A \*b\* \[c\]\(d\) \<i\>"
    assert plain("Phường 1 – Gò Vấp") == "Phường 1 – Gò Vấp"


def test_plotly_download_name_is_safe() -> None:
    config = targets.plotly_config("units CT1/Quý", "2024-Y")
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "units-CT1-Qu-_2024-Y", "scale": 2}


def test_quarter_note_names_the_report(govap: Plan, vi: Language) -> None:
    assert "Quý 3/2024" in targets.quarter_note(govap, "2024-Q3", "2024-Q3")
    assert "9 tháng" in targets.quarter_note(govap, "2024-Q3", "2024-Q3")


# ---- cards ---------------------------------------------------------------------------------------

def test_card_with_missing_units_shows_bounds_and_gap(govap: Plan, vi: Language) -> None:
    row = progress_row("CT2A", numerator=25, denominator=27, achieved_pct=92.5926, target_pct=100.0, status="near",
                       gap_people=2, units_reporting=16, units_expected=17, units_carried_forward=1,
                       achieved_pct_low=88.8889, achieved_pct_high=92.5926)
    [card] = targets.cards(pd.DataFrame([row]), govap)
    assert (card.code, card.status, card.value) == ("CT2A", "near", "92,6%")
    assert card.name == govap.indicator_by_code["CT2A"].name_vi
    target, near, units, gap, bounds, carried = card.lines
    assert (target, units, gap) == ("Chỉ tiêu: 100%", "Đơn vị đã báo cáo: 16/17", "Còn thiếu: 2 người")
    assert near == "Gần đạt: trong khoảng 10 điểm % dưới ngưỡng"  # what 'near' means, on the card that says it
    assert bounds == "Khoảng ước tính: 88,9% – 92,6% (1 đơn vị chưa báo cáo kỳ này)"
    assert carried == "1 đơn vị dùng số liệu kỳ trước ↻"


def test_card_without_threshold_or_missing_units(govap: Plan, en: Language) -> None:
    row = progress_row("GS1", numerator=22, denominator=24, achieved_pct=91.667, target_pct=None, is_met=None,
                       gap_pp=None, gap_people=None, status="no_target", units_reporting=1, units_expected=1)
    [card] = targets.cards(pd.DataFrame([row]), govap)
    assert (card.value, card.status) == ("91.7%", "no_target")
    assert card.lines == ("Target: monitored (no threshold)", "Units reported: 1/1")


def test_big_gaps_use_thousands_separators(govap: Plan, vi: Language) -> None:
    [card] = targets.cards(pd.DataFrame([progress_row("CT1", gap_people=12345, status="off_track")]), govap)
    assert "Còn thiếu: 12.345 người" in card.lines


def test_changes_are_signed_and_written_the_readers_way() -> None:
    from decimal import Decimal

    from ui.formats import fmt_band, signed_int, signed_pct_points

    assert [signed_pct_points(v, "vi") for v in (4.24, -1.25, 0.04, -0.04)] == ["+4,2", "-1,2", "0,0", "0,0"]
    assert signed_pct_points(12.36, "en") == "+12.4"
    assert [signed_int(v, "vi") for v in (1234.0, -3, 0)] == ["+1.234", "-3", "0"]
    assert signed_int(1234, "en") == "+1,234"
    assert [fmt_band(Decimal(v), "vi") for v in ("10", "7.5", "12.25")] == ["10", "7,5", "12,25"]
    assert fmt_band(Decimal("7.50"), "en") == "7.5"


def test_unassigned_indicators(govap: Plan) -> None:
    rows = pd.DataFrame([progress_row("CT1"), progress_row("CT5")])
    assert targets.unassigned(govap, rows) == ["CT2A", "CT2B", "CT3", "CT4", "GS1"]


def test_progress_table_keeps_numbers_raw_and_translates(govap: Plan, vi: Language) -> None:
    table = targets.progress_table(pd.DataFrame([progress_row("CT1", status="near")]), govap)
    assert list(table.columns)[:5] == ["Mã chỉ tiêu", "Chỉ tiêu", "Kỳ báo cáo", "Tình trạng", "Tỷ lệ đạt (%)"]
    first = table.iloc[0]
    assert (first["Kỳ báo cáo"], first["Tình trạng"], first["Tỷ lệ đạt (%)"]) == ("Năm", "Gần đạt", 92.586)
    assert first["Tổng số đối tượng"] == 1214


# ---- unit rows and tables -----------------------------------------------------------------------

def test_unit_rows_flag_carried_forward_and_compute_shares(govap: Plan, vi: Language) -> None:
    units = sample_units(govap).set_index("unit_code")
    assert units.loc["P16", "source"] == "9 tháng" and units.loc["P16", "is_carried_forward"]
    assert units.loc["P01", "source"] == "Năm" and not units.loc["P01", "is_carried_forward"]
    assert pd.isna(units.loc["TCKH", "source"])
    assert units.loc["KT", "unit"] == "Phòng Kinh tế"
    assert units.loc["P01", "women_pct"] == pytest.approx(100 * 3 / 9)
    assert units.loc["P16", "minority_pct"] == pytest.approx(100 / 37)
    assert pd.isna(units.loc["P03", "women_pct"])  # nobody reached: no share, not a division by zero
    assert dict(units["status"]) == {"P01": "met", "P16": "off_track", "KT": "off_track", "TCKH": "no_data",
                                     "P03": "off_track"}


def test_gap_ranking(govap: Plan) -> None:
    ranked = targets.gap_rows(sample_units(govap))
    assert list(ranked["unit_code"]) == ["KT", "P03", "P16", "P01", "TCKH"]  # equal gaps: lowest % first
    assert list(ranked["gap_people"])[:4] == [166, 4, 4, 0]


def test_shown_table_formats_vietnamese(govap: Plan, vi: Language) -> None:
    table = targets.shown_table(sample_units(govap), targets.TRACE_COLUMNS, "Asia/Ho_Chi_Minh").set_index("Đơn vị")
    kt = table.loc["Phòng Kinh tế"]
    assert (kt["Số đạt"], kt["Tổng số đối tượng"], kt["Tỷ lệ đạt (%)"]) == ("1.234", "2.000", "61,7%")
    assert (kt["Phiên bản"], kt["Thời điểm nhận"], kt["Tệp báo cáo"]) == ("2", "22/12/2024 02:00", "2024-Y_KT.xlsx")
    assert table.loc["Phường 16", "Số liệu của kỳ"] == "↻ 9 tháng"
    assert (table.loc["Phòng Tài chính – Kế hoạch", "Số đạt"], table.loc["Phòng Tài chính – Kế hoạch",
                                                                             "Thời điểm nhận"]) == ("—", "—")


def test_shown_table_formats_english(govap: Plan, en: Language) -> None:
    table = targets.shown_table(sample_units(govap), targets.GAP_SHOWN, "Asia/Ho_Chi_Minh")
    assert list(table.columns) == ["Unit", "People still to reach", "Achieved (%)"]
    assert table.iloc[3].tolist() == ["Economic Office", "166", "61.7%"]


def test_export_table_keeps_numbers(govap: Plan, vi: Language) -> None:
    table = targets.export_table(sample_units(govap), targets.UNIT_COLUMNS)
    assert list(table.columns)[:4] == ["Mã đơn vị", "Đơn vị", "Tình trạng", "Số đạt"]
    kt = table.set_index("Mã đơn vị").loc["KT"]
    assert kt["Số đạt"] == 1234 and kt["Tình trạng"] == "Chưa đạt"
    p16 = table.set_index("Mã đơn vị").loc["P16"]
    assert (p16["Số liệu của kỳ"], p16["Số liệu kỳ trước"]) == ("9 tháng", "Có")  # words, no ↻ in a file
    assert kt["Thời điểm nhận"] == UTC_NIGHT


# ---- charts -------------------------------------------------------------------------------------

def year_progress() -> pd.DataFrame:
    rows = []
    for ordinal, period in enumerate(("2024-Q1", "2024-H1", "2024-Q3", "2024-Y"), start=1):
        rows.append(progress_row("CT1", period, achieved_pct=20.0 * ordinal, achieved_pct_low=20.0 * ordinal - 5,
                                 achieved_pct_high=20.0 * ordinal + 3, units_reporting=29, period_ordinal=ordinal))
        rows.append(progress_row("GS1", period, achieved_pct=50.0, achieved_pct_low=50.0, achieved_pct_high=50.0,
                                 target_pct=None, status="no_target", period_ordinal=ordinal))
    return pd.DataFrame(rows)


def test_trend_figure(govap: Plan, vi: Language) -> None:
    fig = target_charts.trend_figure(year_progress(), govap, "vi")
    assert [t.name for t in fig.data] == ["CT1", "GS1"]
    ct1, gs1 = fig.data
    assert list(ct1.x) == ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]
    assert list(ct1.y) == [20.0, 40.0, 60.0, 80.0]
    assert list(ct1.error_y.array) == [3.0] * 4 and list(ct1.error_y.arrayminus) == [5.0] * 4
    assert (gs1.line.color, gs1.line.dash) == (GREY, "dash")
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [(s.y0, s.y1, s.line.color) for s in lines] == [(70.0, 70.0, THRESHOLD_LINE)]  # GS1 has none
    [month] = [s for s in fig.layout.shapes if s.type == "rect"]
    assert (month.x0, month.x1) == ("2024-11-15", "2024-12-15")
    notes = [a.text for a in fig.layout.annotations]
    assert "Ngưỡng ≥ 70%: CT1" in notes
    assert "Tháng hành động vì bình đẳng giới<br>15/11–15/12" in notes
    assert fig.layout.xaxis.ticktext[0] == "Quý I<br>31/03/2024"
    assert fig.layout.separators == ",."
    assert "Đạt 20,0% (1.124/1.214 người)" in ct1.customdata[0]
    assert "Khoảng ước tính: 15,0% – 23,0%" in ct1.customdata[0]


def test_trend_figure_groups_equal_thresholds(govap: Plan, en: Language) -> None:
    rows = pd.DataFrame([progress_row(c, target_pct=100.0) for c in ("CT2A", "CT4", "CT5")])
    fig = target_charts.trend_figure(rows, govap, "en")
    assert [a.text for a in fig.layout.annotations if a.text.startswith("Threshold")] == [
        "Threshold 100%: CT2A, CT4, CT5"]
    assert fig.layout.separators == ".,"


def bars(fig: go.Figure) -> dict[str, tuple[float, go.Bar]]:
    return {label: (x, trace) for trace in fig.data for label, x in zip(trace.y, trace.x, strict=True)}


def test_unit_bars(govap: Plan, vi: Language) -> None:
    fig = target_charts.unit_bars_figure(sample_units(govap), govap.indicator_by_code["CT1"], "vi")
    by_label = bars(fig)
    assert by_label["Phường 1"][0] == pytest.approx(90.0)
    assert by_label["Phòng Kinh tế"][0] == pytest.approx(61.7)
    x16, p16 = by_label["Phường 16 ↻"]
    assert x16 == pytest.approx(100 * 37 / 58)
    assert p16.marker.pattern.shape == "/" and p16.marker.opacity == 0.55
    assert p16.name == "Chưa đạt (↻ số liệu kỳ trước)"
    assert p16.marker.color == TARGET_STATUS["off_track"]
    _, p01 = by_label["Phường 1"]
    assert (p01.marker.color, p01.marker.pattern.shape, p01.name) == (TARGET_STATUS["met"], "", "Đạt")
    x_none, no_data = by_label["Phòng Tài chính – Kế hoạch"]
    assert x_none == 0 and list(no_data.text) == ["Chưa có số liệu"]
    # Highest at the top: Plotly draws the first category at the bottom.
    assert list(fig.layout.yaxis.categoryarray) == ["Phòng Tài chính – Kế hoạch", "Phường 3", "Phòng Kinh tế",
                                                    "Phường 16 ↻", "Phường 1"]
    [line] = fig.layout.shapes
    assert (line.x0, line.x1, line.yref) == (70.0, 70.0, "paper")
    assert fig.layout.annotations[0].text == "Chỉ tiêu ≥ 70%"


def test_unit_bars_without_threshold(govap: Plan, vi: Language) -> None:
    units = targets.unit_rows(pd.DataFrame([unit_row("NV", 22, 24, indicator_code="GS1", target_pct=None)]), govap)
    fig = target_charts.unit_bars_figure(units, govap.indicator_by_code["GS1"], "vi")
    assert fig.layout.shapes == ()
    assert fig.data[0].marker.color == TARGET_STATUS["no_target"]
    assert fig.data[0].name == "Theo dõi"


def test_shares_figure(govap: Plan, en: Language) -> None:
    fig = target_charts.shares_figure(sample_units(govap), govap.indicator_by_code["CT1"], "en")
    women, minority = fig.data
    assert (women.name, minority.name) == ("Women", "Ethnic minority")
    shares = dict(zip(women.y, women.x, strict=True))
    assert shares["Ward 1"] == pytest.approx(100 * 3 / 9)
    assert shares["Ward 3"] is None
    assert dict(zip(minority.y, minority.x, strict=True))["Ward 16"] == pytest.approx(100 / 37)


def test_ties_keep_the_plan_order(govap: Plan, vi: Language) -> None:
    units = targets.unit_rows(pd.DataFrame([unit_row("P10", 5, 5), unit_row("P03", 5, 5), unit_row("P01", 5, 5)]),
                              govap)
    assert list(targets.gap_rows(units)["unit_code"]) == ["P01", "P03", "P10"]
    fig = target_charts.unit_bars_figure(units, govap.indicator_by_code["CT1"], "vi")
    assert list(fig.layout.yaxis.categoryarray) == ["Phường 10", "Phường 3", "Phường 1"]  # P01 drawn on top


def test_missing_values_from_nullable_columns_show_as_dashes(govap: Plan, vi: Language) -> None:
    """DuckDB hands NULL counts to pandas as pd.NA in nullable Int64 columns."""
    rows = pd.DataFrame([unit_row("TCKH", None, None, source_period_code=None, received_at=None, file_name=None)])
    for column in ("numerator", "denominator", "women", "ethnic_minority", "gap_people", "version"):
        rows[column] = pd.array([pd.NA], dtype="Int64")
    units = targets.unit_rows(rows, govap)
    assert set(targets.shown_table(units, targets.TRACE_COLUMNS, "Asia/Ho_Chi_Minh").iloc[0].drop("Đơn vị")) == {"—"}
    assert target_charts.unit_bars_figure(units, govap.indicator_by_code["CT1"], "vi").data[0].customdata == (
        "—/— người · số liệu kỳ —",)
    total = pd.DataFrame([progress_row("CT1", numerator=None, women=None, ethnic_minority=None)]).astype(
        {"numerator": "Int64", "women": "Int64", "ethnic_minority": "Int64"})
    assert targets.shares_caption(total) == "Toàn bộ đơn vị đã chọn: nữ —, người dân tộc thiểu số — trong số người đạt."


def test_unit_rows_follow_the_plan_order(govap: Plan) -> None:
    assert list(sample_units(govap)["unit_code"]) == ["P01", "P03", "P16", "KT", "TCKH"]
