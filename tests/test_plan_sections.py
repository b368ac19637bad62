"""Sections III, IV and VI in the workbook: NhiemVu, KinhPhi, VuViec and ThongTin's later rows, end to end."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from openpyxl import Workbook

from etl.load.one_file import prepare
from etl.load.prepare import FileResult
from etl.load.write import Item, load_items
from plan.model import Plan
from testkit.workbooks import filled, save

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST = 5


def _row(wb: Workbook, sheet: str, code: str) -> int:
    ws = wb[sheet]
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, 1).value == code)


def _set(wb: Workbook, sheet: str, code: str, **cells: object) -> None:
    for col, value in cells.items():
        wb[sheet][f"{col}{_row(wb, sheet, code)}"] = value


def _info(wb: Workbook, label: str, value: object) -> None:
    ws = wb["ThongTin"]
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    ws.cell(r, 2).value = value  # type: ignore[assignment]


def extended(plan: Plan, period: str = "2024-Q1") -> Workbook:
    """P01's template with its tasks, budget, cases and the later ThongTin rows filled."""
    wb = filled(plan, "P01", period)
    _set(wb, "NhiemVu", "T04", D="Đang triển khai", E=12)
    _set(wb, "NhiemVu", "T26", D="Đã hoàn thành", E=20, G=14, K="Công văn 12/UBND-P1")
    _set(wb, "NhiemVu", "T16", D="Chuyển năm sau", N="Chưa có lớp của quận")
    _set(wb, "KinhPhi", "giao_dau_nam", C=20_000_000, D=4_500_000, E=18_000_000)
    _set(wb, "KinhPhi", "xa_hoi_hoa", C=5_000_000, D=0)
    _set(wb, "VuViec", "bao_luc_gia_dinh", D=3, E=3)
    _set(wb, "VuViec", "nan_nhan_tu_van", D=7, E=6, F=1)
    for label, value in (("Số văn bản báo cáo", "15/BC-UBND"), ("Ngày văn bản", date(2024, 3, 4)),
                         ("Số liệu tính đến ngày", date(2024, 3, 1)), ("Thủ trưởng đơn vị", "Trần Văn Hùng"),
                         ("Số kế hoạch của đơn vị", "21/KH-UBND"), ("Ngày ban hành kế hoạch", date(2024, 2, 1)),
                         ("Lồng ghép giới trong kế hoạch của đơn vị", "Có"),
                         ("Cán bộ chuyên trách bình đẳng giới", "Lê Thị Hồng")):
        _info(wb, label, value)
    return wb


def _validate(tmp_path: Path, wb: Workbook, all_plans: dict[str, Plan]) -> FileResult:
    return prepare(Item(save(wb, tmp_path / "f.xlsx")), all_plans, "govap-2024")


def test_template_has_the_new_sheets_locked_with_drop_downs(govap: Plan) -> None:
    wb = filled(govap, "P01", "2024-Q1")
    assert wb.sheetnames[:6] == ["ThongTin", "ChiTieu", "HoatDong", "NhiemVu", "KinhPhi", "VuViec"]
    tasks = wb["NhiemVu"]
    assert [tasks.cell(r, 1).value for r in range(FIRST, FIRST + 3)] == ["T03", "T04", "T07"]
    assert tasks.protection.sheet and tasks["A5"].protection.locked and not tasks["D5"].protection.locked
    refs = {str(dv.sqref): dv.formula1 for dv in tasks.data_validations.dataValidation}
    assert refs["D5:D13"] == "_lists!$D$1:$D$6"
    assert [wb["_lists"].cell(n, 4).value for n in (1, 6)] == ["Chưa triển khai", "Chuyển năm sau"]
    assert "VuViec" not in filled(govap, "KT", "2024-Q1").sheetnames
    assert wb["HoatDong"]["L4"].value == "Mã nhiệm vụ"


def test_filled_extended_template_loads_and_views_count_it(tmp_path: Path, govap: Plan,
                                                           all_plans: dict[str, Plan],
                                                           warehouse: duckdb.DuckDBPyConnection) -> None:
    path = save(extended(govap), tmp_path / "p01.xlsx")
    result = load_items(warehouse, all_plans, [Item(path, datetime(2024, 3, 4, tzinfo=TZ))],
                        default_plan="govap-2024", source="tests")
    assert [f.outcome for f in result.files] == ["loaded"], [str(p) for f in result.files for p in f.problems]
    status = warehouse.execute("select task_code, role, status, result from v_task_status where unit_code = 'P01' "
                               "and period_code = '2024-H1' and task_code in ('T04', 'T16', 'T24') "
                               "order by task_code").fetchall()
    assert status == [("T04", "chu_tri", "dang_trien_khai", 12), ("T16", "phoi_hop", "chuyen_nam_sau", None),
                      ("T24", "chu_tri", "not_reported", None)]
    budget = warehouse.execute("select source_code, estimate, spent, spent_pct from v_budget where unit_code = 'P01' "
                               "and period_code = '2024-Q1' and estimate is not null order by source_code").fetchall()
    assert budget == [("giao_dau_nam", 20_000_000, 4_500_000, 22.5), ("xa_hoi_hoa", 5_000_000, 0, 0.0)]
    cases = warehouse.execute("select measure_code, n_cases, women, children, is_suppressed from v_cases "
                              "where unit_code = 'P01' and period_code = '2024-Q1' and measure_code in "
                              "('bao_luc_gia_dinh', 'nan_nhan_tu_van') order by measure_code").fetchall()
    assert cases == [("bao_luc_gia_dinh", None, None, None, True), ("nan_nhan_tu_van", 7, 6, None, False)]
    details = warehouse.execute("select doc_number, own_plan_number, is_mainstreamed, gender_officer "
                                "from submission_details").fetchall()
    assert details == [("15/BC-UBND", "21/KH-UBND", True, "Lê Thị Hồng")]


def test_old_shape_workbook_loads_with_new_parts_not_reported(tmp_path: Path, govap: Plan,
                                                              all_plans: dict[str, Plan],
                                                              warehouse: duckdb.DuckDBPyConnection) -> None:
    wb = filled(govap, "P01", "2024-Q1")
    for name in ("NhiemVu", "KinhPhi", "VuViec"):
        del wb[name]
    ws = wb["ThongTin"]
    ws.delete_rows(12, 20)  # the later ThongTin rows
    for col in ("L", "M", "N"):
        ws = wb["HoatDong"]
        ws[f"{col}4"] = None
    path = save(wb, tmp_path / "old.xlsx")
    result = load_items(warehouse, all_plans, [Item(path, datetime(2024, 3, 4, tzinfo=TZ))],
                        default_plan="govap-2024", source="tests")
    assert [f.outcome for f in result.files] == ["loaded"]
    assert warehouse.execute("select has_tasks, has_budget, has_cases, doc_number from submission_details"
                             ).fetchall() == [(False, False, False, None)]
    assert warehouse.execute("select distinct status from v_task_status where unit_code = 'P01'"
                             ).fetchall() == [("not_reported",)]
    assert warehouse.execute("select count(*) from v_cases").fetchone() == (0,)


BROKEN = {
    "task_status_unknown": ("NhiemVu", "T04", {"D": "Gần xong"}, "D"),
    "task_reason_missing": ("NhiemVu", "T04", {"D": "Không thực hiện (ghi lý do)"}, "N"),
    "task_evidence_missing": ("NhiemVu", "T04", {"D": "Hoàn thành vượt", "E": 5}, "K"),
    "task_result_not_started": ("NhiemVu", "T04", {"D": "Chưa triển khai", "E": 5}, "E"),
    "task_status_missing": ("NhiemVu", "T04", {"E": 5}, "D"),
    "part_gt_total": ("NhiemVu", "T26", {"D": "Đang triển khai", "E": 5, "G": 9}, "G"),
    "task_unknown": ("NhiemVu", "T04", {"A": "T99", "D": "Đang triển khai"}, "A"),
    "negative": ("KinhPhi", "bo_sung", {"C": -5}, "C"),
    "budget_spent_gt_expected": ("KinhPhi", "bo_sung", {"D": 9, "E": 5}, "D"),
    "budget_settlement_early": ("KinhPhi", "bo_sung", {"F": 5}, "F"),
    "not_a_number": ("VuViec", "mot_cua", {"D": "nhiều"}, "D"),
}


@pytest.mark.parametrize("code", list(BROKEN))
def test_each_rule_is_located_and_bilingual(tmp_path: Path, govap: Plan, all_plans: dict[str, Plan],
                                            code: str) -> None:
    sheet, row_code, cells, column = BROKEN[code]
    wb = filled(govap, "P01", "2024-Q1")
    row = _row(wb, sheet, row_code)
    for col, value in cells.items():
        wb[sheet][f"{col}{row}"] = value
    result = _validate(tmp_path, wb, all_plans)
    problems = result.problems
    assert result.report is None
    found = [p for p in problems if p.code == code]
    assert found and (found[0].sheet, found[0].row, found[0].column) == (sheet, row, column), problems
    assert found[0].message("vi") != found[0].message("en") and found[0].fix("vi")


def test_info_pairs_are_all_or_nothing(tmp_path: Path, govap: Plan, all_plans: dict[str, Plan]) -> None:
    wb = filled(govap, "P01", "2024-Q1")
    _info(wb, "Số kế hoạch của đơn vị", "21/KH-UBND")
    _info(wb, "Lồng ghép giới trong kế hoạch của đơn vị", "Có lẽ")
    problems = _validate(tmp_path, wb, all_plans).problems
    assert {p.code for p in problems} == {"pair_incomplete", "yes_no_invalid"}
    assert all(p.sheet == "ThongTin" and p.row for p in problems)
