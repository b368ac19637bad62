"""The consolidated report built from given query results: the workbook's three sheets and the Word document."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from documents.consolidated import Consolidated, Scope, build, fmt_cell, preview
from documents.consolidated_files import to_docx, to_xlsx
from plan.model import Plan

SCOPE = Scope("2024-Q3", ("2024-Q1", "2024-Q2", "2024-Q3"), date(2024, 9, 30))
TODAY = date(2024, 10, 1)


def _targets() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_code": ["CT1", "CT5", "GS1"],
        "target_pct": [70.0, 100.0, None],
        "numerator": [423, 150, 10], "denominator": [1193, 150, 12],
        "achieved_pct": [100 * 423 / 1193, 100.0, 100 * 10 / 12],
        "status": ["off_track", "met", "no_target"],
        "units_reporting": [28, 1, 1], "units_expected": [30, 1, 1],
        "gap_people": pd.array([413, 0, None], dtype="Int64"),
        "achieved_pct_low": [35.4568, 100.0, 83.3333], "achieved_pct_high": [40.0, 100.0, 83.3333],
    })


def _participation() -> pd.DataFrame:
    # Deliberately out of the plan's order: tập huấn comes after truyền thông in the reference list.
    return pd.DataFrame({
        "activity_type": ["tap_huan", "truyen_thong", "truyen_thong"],
        "target_group": ["can_bo", "nguoi_dan", "can_bo"],
        "n_activities": [2, 3, 1], "participants": [1500, 200, 40], "men": [700, 80, 15],
        "women": [800, 120, 25], "ethnic_minority": [12, 9, 0], "materials": [0, 2500, 40],
    })


def _status() -> pd.DataFrame:
    # Alphabetical here; the report lists units in the plan's order (wards, then P01 … CA … KT).
    received = pd.to_datetime(["2024-09-04 01:30:00+00:00", "2024-09-20 03:00:00+00:00", None], utc=True)
    return pd.DataFrame({
        "unit_code": ["KT", "P01", "CA"], "unit_type": ["department", "ward", "department"],
        "unit_name_vi": ["Phòng Kinh tế", "=Phường 1", "Công an quận"],
        "unit_name_en": ["Economic Office", "Ward 1", "District Police"],
        "due_on": pd.to_datetime(["2024-09-05"] * 3), "first_received_at": received, "n_versions": [1, 2, 0],
        "status": ["on_time", "late", "missing"], "is_on_time": [True, False, False], "days_late": [0, 15, 25],
    })


def _report(plan: Plan, lang: str = "vi") -> Consolidated:
    frames = {"targets": _targets(), "participation": _participation(), "status": _status()}
    return build(plan, lang, SCOPE, frames, TODAY)  # type: ignore[arg-type]


def _rows(ws: Worksheet) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.fixture
def workbook(govap: Plan) -> dict[str, Worksheet]:
    wb = load_workbook(io.BytesIO(to_xlsx(_report(govap))))
    return {ws.title: ws for ws in wb.worksheets if isinstance(ws, Worksheet)}


def test_three_sheets_with_title_rows(workbook: dict[str, Worksheet]) -> None:
    assert list(workbook) == ["Chỉ tiêu", "Hoạt động", "Gửi báo cáo"]
    scope = ("Kế hoạch Bình đẳng giới và Vì sự tiến bộ phụ nữ quận Gò Vấp năm 2024 · Kỳ báo cáo: 9 tháng (2024-Q3) · "
             "Số liệu tính đến ngày 30/09/2024")
    titles = {name: (ws["A1"].value, ws["A2"].value) for name, ws in workbook.items()}
    assert titles == {"Chỉ tiêu": ("Kết quả thực hiện chỉ tiêu", scope),
                      "Hoạt động": ("Hoạt động và người tham gia", scope),
                      "Gửi báo cáo": ("Tình hình gửi báo cáo", scope)}
    for ws in workbook.values():
        assert ws.freeze_panes == "A4"
        assert ws["A3"].font.bold and ws["A3"].fill.fgColor.rgb == "001F4E78"


def test_targets_sheet(workbook: dict[str, Worksheet], govap: Plan) -> None:
    ws = workbook["Chỉ tiêu"]
    rows = _rows(ws)
    assert rows[2] == ["Mã", "Chỉ tiêu", "Ngưỡng", "Đạt được", "Đánh giá", "Đơn vị đã báo cáo", "Số người còn thiếu",
                       "Khoảng ước tính (thấp – cao)"]
    assert rows[3] == ["CT1", govap.indicator_by_code["CT1"].name_vi, 70, pytest.approx(423 / 1193), "Chưa đạt",
                       "28/30", 413, "35,5% – 40,0%"]
    assert rows[4] == ["CT5", govap.indicator_by_code["CT5"].name_vi, 100, 1.0, "Đạt", "1/1", 0, "100,0% – 100,0%"]
    assert rows[5] == ["GS1", govap.indicator_by_code["GS1"].name_vi, "—", pytest.approx(10 / 12), "Theo dõi", "1/1",
                       "—", "83,3% – 83,3%"]
    assert (ws["C4"].number_format, ws["D4"].number_format, ws["G4"].number_format) == (
        '"≥ "General"%"', "0.0%", "#,##0")
    assert ws.auto_filter.ref == "A3:H6"
    assert rows[7] == ["Số liệu lũy kế từ đầu năm. Đơn vị chưa gửi kỳ này được lấy số liệu kỳ trước. "
                       "Khoảng ước tính: giả định các đơn vị chưa gửi đạt 0% (thấp) hoặc 100% (cao) tổng số đối "
                       "tượng đã biết.", None, None, None, None, None, None, None]


def test_participation_sheet_in_plan_order_with_total(workbook: dict[str, Worksheet]) -> None:
    ws = workbook["Hoạt động"]
    rows = _rows(ws)
    assert rows[2] == ["Loại hoạt động", "Đối tượng", "Số hoạt động", "Số người tham gia", "Nam", "Nữ", "Người DTTS",
                       "Số tài liệu phát hành"]
    assert rows[3:7] == [
        ["Truyền thông/tuyên truyền", "Cán bộ, công chức, viên chức, người lao động", 1, 40, 15, 25, 0, 40],
        ["Truyền thông/tuyên truyền", "Người dân", 3, 200, 80, 120, 9, 2500],
        ["Tập huấn", "Cán bộ, công chức, viên chức, người lao động", 2, 1500, 700, 800, 12, 0],
        ["Tổng cộng", None, 6, 1740, 795, 945, 21, 2540],
    ]
    assert ws["D6"].number_format == "#,##0" and ws["A7"].font.bold and not ws["A6"].font.bold
    assert ws.auto_filter.ref == "A3:H6"  # the total row stays out of sorting
    assert ws["A9"].value == "Hoạt động tổ chức trong Quý 1/2024 – Quý 3/2024; mỗi hoạt động tính một lần."


def test_status_sheet_in_plan_order_local_times(workbook: dict[str, Worksheet]) -> None:
    ws = workbook["Gửi báo cáo"]
    rows = _rows(ws)
    assert rows[2] == ["Mã đơn vị", "Đơn vị", "Hạn nộp", "Nhận lần đầu", "Tình trạng", "Số ngày trễ"]
    assert rows[3:6] == [
        ["P01", "'=Phường 1", datetime(2024, 9, 5), datetime(2024, 9, 20, 10, 0), "Trễ hạn", 15],
        ["CA", "Công an quận", datetime(2024, 9, 5), "—", "Chưa nộp", 25],
        ["KT", "Phòng Kinh tế", datetime(2024, 9, 5), datetime(2024, 9, 4, 8, 30), "Đúng hạn", 0],
    ]
    assert ws["C4"].number_format == "dd/mm/yyyy" and ws["D4"].number_format == "dd/mm/yyyy hh:mm"
    assert ws["B4"].data_type == "s"  # a unit name starting with '=' stays text


def test_english_labels_and_formats(govap: Plan) -> None:
    wb = load_workbook(io.BytesIO(to_xlsx(_report(govap, "en"))))
    assert wb.sheetnames == ["Targets", "Participation", "Reporting"]
    ws = wb["Targets"]
    assert ws["A2"].value == ("Gender Equality and Advancement of Women Plan, Go Vap District, 2024 · "
                              "Reporting period: Nine months (2024-Q3) · Figures as of 2024-09-30")
    assert [c.value for c in ws[3]][:5] == ["Code", "Target", "Threshold", "Achieved", "Status"]
    assert ws["E4"].value == "Off track" and ws["H4"].value == "35.5% – 40.0%"
    assert wb["Reporting"]["C4"].number_format == "yyyy-mm-dd"


def test_summary_and_preview(govap: Plan) -> None:
    report = _report(govap)
    assert report.summary == "Đã nhận 2/3 báo cáo (1 đúng hạn); 1/2 chỉ tiêu đạt ngưỡng."
    targets, participation, status = (preview(s, "vi") for s in report.sections)
    assert list(targets.iloc[0]) == ["CT1", govap.indicator_by_code["CT1"].name_vi, "≥ 70%", "35,5%", "Chưa đạt",
                                     "28/30", "413", "35,5% – 40,0%"]
    assert list(participation.iloc[-1]) == ["Tổng cộng", "", "6", "1.740", "795", "945", "21", "2.540"]
    assert list(status.iloc[0]) == ["P01", "=Phường 1", "05/09/2024", "20/09/2024 10:00", "Trễ hạn", "15"]


@pytest.mark.parametrize(("value", "kind", "vi", "en"), [
    (1234567, "int", "1.234.567", "1,234,567"), (70.55, "pct", "70,5%", "70.5%"), (62.5, "threshold", "≥ 62,5%",
     "≥ 62.5%"), (None, "int", "—", "—"), (date(2024, 3, 5), "date", "05/03/2024", "2024-03-05"),
])
def test_fmt_cell(value: object, kind: str, vi: str, en: str) -> None:
    assert (fmt_cell(value, kind, "vi"), fmt_cell(value, kind, "en")) == (vi, en)  # type: ignore[arg-type]


def test_docx_has_the_three_tables(govap: Plan) -> None:
    doc = Document(io.BytesIO(to_docx(_report(govap))))
    assert len(doc.tables) == 3
    texts = [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]
    assert texts[0][0] == ["Mã", "Chỉ tiêu", "Ngưỡng", "Đạt được", "Đánh giá", "Đơn vị đã báo cáo",
                           "Số người còn thiếu", "Khoảng ước tính (thấp – cao)"]
    assert texts[0][1][2:] == ["≥ 70%", "35,5%", "Chưa đạt", "28/30", "413", "35,5% – 40,0%"]
    assert texts[1][-1] == ["Tổng cộng", "", "6", "1.740", "795", "945", "21", "2.540"]
    assert texts[2][1:] == [["P01", "=Phường 1", "05/09/2024", "20/09/2024 10:00", "Trễ hạn", "15"],
                            ["CA", "Công an quận", "05/09/2024", "—", "Chưa nộp", "25"],
                            ["KT", "Phòng Kinh tế", "05/09/2024", "04/09/2024 08:30", "Đúng hạn", "0"]]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH BÌNH ĐẲNG GIỚI VÀ VÌ SỰ TIẾN BỘ PHỤ NỮ"
    assert "9 tháng (2024-Q3)" in paragraphs[1] and "30/09/2024" in paragraphs[1]
    assert [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"] == [
        "Kết quả thực hiện chỉ tiêu", "Hoạt động và người tham gia", "Tình hình gửi báo cáo"]


def test_empty_period_still_builds(govap: Plan) -> None:
    frames = {"targets": _targets().iloc[0:0], "participation": _participation().iloc[0:0],
              "status": _status().iloc[0:0]}
    report = build(govap, "vi", SCOPE, frames, TODAY)
    assert [len(s.rows) for s in report.sections] == [0, 0, 0]
    assert report.sections[1].total is None
    wb = load_workbook(io.BytesIO(to_xlsx(report)))
    assert wb["Chỉ tiêu"].auto_filter.ref == "A3:H3"
    assert len(Document(io.BytesIO(to_docx(report))).tables) == 3
