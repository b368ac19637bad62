"""The annotated copy of a unit's workbook: red problem cells with comments, and a first sheet listing every problem."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

from documents.annotate import annotate
from etl.load.one_file import prepare
from etl.load.prepare import FileResult, Item
from etl.problems import Problem
from plan.model import Plan
from testkit.workbooks import Activity, filled, rename_sheet, save, truncated, value_row, write_bytes

HEADERS = ["Sheet", "Dòng", "Cột", "Mã lỗi", "Nội dung lỗi", "Cách sửa", "Problem (English)", "How to fix"]
Cell = tuple[str, int, str]


def faulty(tmp_path: Path, all_plans: dict[str, Plan], name: str = "P01.xlsx") -> tuple[Path, FileResult]:
    """A real P01 template with CT1 achieved > total and one activity whose men + women ≠ participants."""
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (10, 12, 5, 0)},
                activities=[Activity(participants=30, men=12, women=17)])
    wb.active = wb.sheetnames.index("HoatDong")  # the unit saved it on another sheet than the first
    path = save(wb, tmp_path / name)
    return path, prepare(Item(path), all_plans, "govap-2024")


def reopen(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def red_cells(wb: Workbook) -> set[Cell]:
    """Every cell of every sheet filled with the problem red."""
    return {(ws.title, c.row, c.column_letter) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.fill.fill_type == "solid" and str(c.fill.fgColor.rgb).upper().endswith("FFC7CE")}


def listed(wb: Workbook) -> list[list[object]]:
    return [list(r) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]


def test_problem_cells_are_red_with_a_comment(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path, result = faulty(tmp_path, all_plans)
    ct1 = value_row(all_plans["govap-2024"], "P01", "CT1")
    assert [(p.code, p.sheet, p.row, p.column) for p in result.problems] == [
        ("numerator_gt_denominator", "ChiTieu", ct1, "D"), ("sex_sum_mismatch", "HoatDong", 5, "F")]
    wb = reopen(annotate(path, result.problems))
    assert red_cells(wb) == {("ChiTieu", ct1, "D"), ("HoatDong", 5, "F")}
    for p in result.problems:
        comment = wb[str(p.sheet)][p.cell].comment
        assert comment is not None
        assert p.message("vi") in comment.text and p.fix("vi") in comment.text and p.message("en") in comment.text
        assert comment.author == "Hệ thống kiểm tra"
    assert wb["ChiTieu"][f"D{ct1}"].value == 12 and wb["HoatDong"]["G5"].value == 12  # the unit's content is kept
    assert wb["ChiTieu"][f"C{ct1 + 1}"].comment is None


def test_first_sheet_lists_the_problems_in_order(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path, result = faulty(tmp_path, all_plans)
    ct1 = value_row(all_plans["govap-2024"], "P01", "CT1")
    wb = reopen(annotate(path, result.problems))
    ws = wb.worksheets[0]
    assert ws.title == "Lỗi" and wb.active is not None and wb.active.title == "Lỗi"
    assert [s.title for s in wb.worksheets if s.sheet_view.tabSelected] == ["Lỗi"]
    assert wb.sheetnames[1:] == load_workbook(path).sheetnames
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:H3"
    assert listed(wb) == [
        ["ChiTieu", ct1, "D", "numerator_gt_denominator", "Số đạt (12) lớn hơn tổng số đối tượng (10).",
         result.problems[0].fix("vi"), "Achieved (12) is greater than the total (10).", result.problems[0].fix("en")],
        ["HoatDong", 5, "F", "sex_sum_mismatch", "Nam (12) + Nữ (17) = 29, khác tổng số người tham gia (30).",
         result.problems[1].fix("vi"), "Men (12) + women (17) = 29, not the total participants (30).",
         result.problems[1].fix("en")]]
    links = [ws.cell(r, 1).hyperlink for r in (2, 3)]
    assert [link.location if link else None for link in links] == [f"'ChiTieu'!D{ct1}", "'HoatDong'!F5"]


def test_problem_without_location_is_only_listed(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path, result = faulty(tmp_path, all_plans)
    loose = [Problem("report_empty"), Problem("sheet_missing", "Khác", params={"name": "Khác"}),
             Problem("value_missing", "ThongTin", 99999999, "B", {"label": "Kỳ báo cáo"})]
    wb = reopen(annotate(path, [*result.problems, *loose]))
    assert red_cells(wb) == {(str(p.sheet), p.row, p.column) for p in result.problems}
    rows = listed(wb)
    assert len(rows) == 5
    assert rows[2][:5] == [None, None, None, "report_empty", "Báo cáo chưa có số liệu nào (chỉ tiêu hoặc hoạt động)."]
    assert rows[3][:5] == ["Khác", None, None, "sheet_missing", "Thiếu sheet 'Khác'."]
    assert wb.worksheets[0].cell(4, 1).hyperlink is None and wb.worksheets[0].cell(6, 1).hyperlink is None
    assert sum(c.comment is not None for ws in wb.worksheets for row in ws.iter_rows() for c in row) == 2


def test_contract_sheet_name_finds_a_renamed_sheet(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    rename_sheet(wb, "ChiTieu", "Chi tiêu")
    path = save(wb, tmp_path / "renamed.xlsx")
    out = reopen(annotate(path, [Problem("negative", "ChiTieu", 5, "d", {"value": -3})]))
    assert red_cells(out) == {("Chi tiêu", 5, "D")}
    assert listed(out)[0][:3] == ["Chi tiêu", 5, "d"]
    link = out.worksheets[0]["A2"].hyperlink
    assert link is not None and link.location == "'Chi tiêu'!D5"


def test_truncated_file_gives_only_the_problems_sheet(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    path = truncated(wb, tmp_path / "cut.xlsx")
    result = prepare(Item(path), all_plans, "govap-2024")
    assert result.problems
    out = reopen(annotate(path, result.problems))
    assert out.sheetnames == ["Lỗi"]
    assert [r[3] for r in listed(out)] == [p.code for p in result.problems]
    assert [r[4] for r in listed(out)] == [p.message("vi") for p in result.problems]
    assert red_cells(out) == set()


def test_garbage_bytes_and_missing_file_never_raise(tmp_path: Path) -> None:
    problems = [Problem("file_format", params={"detail": ".xls content: binary"}),
                Problem("not_a_number", "ChiTieu", 5, "C", {"value": "=1+1\x01"})]
    for source in (b"\xd0\xcf\x11\xe0 not really an xls", b"PK\x03\x04broken", tmp_path / "gone.xlsx",
                   write_bytes(tmp_path / "x.ods", b"")):
        out = reopen(annotate(source, problems))
        assert out.sheetnames == ["Lỗi"]
        assert listed(out)[1][:5] == ["ChiTieu", 5, "C", "not_a_number", "'=1+1' không phải là số."]


def test_existing_sheet_named_like_the_problems_sheet(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb.create_sheet("Lỗi")["A1"] = "ghi chú của đơn vị"
    out = reopen(annotate(save(wb, tmp_path / "own.xlsx"), [Problem("report_empty")]))
    assert out.sheetnames[0] == "Lỗi (2)" and out["Lỗi"]["A1"].value == "ghi chú của đơn vị"
