"""Real-life shapes met in returned reports: signature blocks, longer headers, typed codes and years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from etl.contract import SHEET_ACTIVITIES, SHEET_VALUES
from etl.load.one_file import prepare
from etl.load.prepare import FileResult, Item
from plan.model import Plan
from testkit.workbooks import FIRST_ROW, Activity, filled, save, set_info


def check(tmp_path: Path, wb: Workbook, plans: dict[str, Plan]) -> FileResult:
    return prepare(Item(save(wb, tmp_path / "report.xlsx")), plans, "govap-2024")


def test_signature_block_under_the_tables_ends_them(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans["govap-2024"]
    wb = filled(plan, "P01", "2024-Q1", activities=[Activity(), Activity(topic="Tọa đàm", kind="Tọa đàm")])
    values, acts = wb[SHEET_VALUES], wb[SHEET_ACTIVITIES]
    last = FIRST_ROW + len(plan.indicators_for("P01"))
    values.cell(last + 1, 1, "Ghi chú: số liệu ước tính đến 28/02/2024")
    values.cell(last + 3, 5, "Gò Vấp, ngày 04 tháng 3 năm 2024")
    values.cell(last + 4, 1, "Người lập biểu")
    values.cell(last + 4, 5, "TM. ỦY BAN NHÂN DÂN")
    values.cell(last + 5, 1, "(Ký, ghi rõ họ tên)")
    acts.cell(FIRST_ROW + 3, 2, "Người lập biểu")
    acts.cell(FIRST_ROW + 3, 6, "Thủ trưởng đơn vị")
    acts.cell(FIRST_ROW + 4, 2, "(Ký tên)")
    result = check(tmp_path, wb, all_plans)
    assert [str(p) for p in result.problems] == []
    assert result.report is not None
    assert [v.indicator_code for v in result.report.values] == ["CT1", "CT2A", "CT2B", "CT3", "CT4"]
    assert [a.activity_type for a in result.report.activities] == ["tap_huan", "toa_dam"]


def test_a_data_row_below_the_signature_is_not_read(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans["govap-2024"]
    wb = filled(plan, "P01", "2024-Q1")
    acts = wb[SHEET_ACTIVITIES]
    acts.cell(FIRST_ROW + 2, 2, "Người lập biểu")
    for col, value in enumerate(Activity(day=date(2024, 3, 1)).cells(), start=2):
        acts.cell(FIRST_ROW + 4, col, value)
    result = check(tmp_path, wb, all_plans)
    assert result.report is not None
    assert len(result.report.activities) == 1


def test_header_with_a_unit_suffix_is_found(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (50, 40, 20, 1)})
    wb[SHEET_VALUES]["D4"] = "Số đạt (người)"
    wb[SHEET_VALUES]["C4"] = "Tổng số đối tượng (người)"
    result = check(tmp_path, wb, all_plans)
    assert result.report is not None
    assert next(v for v in result.report.values if v.indicator_code == "CT1").numerator == 40


def test_unknown_code_is_not_overridden_by_a_known_name(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    set_info(wb, unit_code="P22", unit_name="Phường 1")
    result = check(tmp_path, wb, all_plans)
    assert result.report is None
    assert [(p.code, p.sheet, p.cell) for p in result.problems] == [("unit_unknown", "ThongTin", "B5")]
    assert "P22" in result.problems[0].message("vi")


def test_a_year_typed_as_the_date_is_an_invalid_date(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", activities=[Activity(day="2024")])
    result = check(tmp_path, wb, all_plans)
    assert [(p.code, p.cell) for p in result.problems] == [("date_invalid", f"B{FIRST_ROW}")]
    assert result.problems[0].fix("vi") == "Nhập ngày dạng dd/mm/yyyy, ví dụ 15/03/2024."
