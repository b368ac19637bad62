"""The pre-filled submission workbook: the contract with the 30 units (DESIGN §3)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from documents.template import TemplateError, build_template, write_template
from etl.load.write import Item, load_items
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import Activity, filled, save, write_filled

INFO_LABELS = ["Mã đơn vị", "Tên đơn vị", "Kỳ báo cáo", "Ngày báo cáo", "Người lập", "Số điện thoại",
               "Không phát sinh"]
VALUE_HEADER = ["Mã chỉ tiêu", "Nội dung", "Tổng số đối tượng", "Số đạt", "Trong đó nữ", "Trong đó người DTTS",
                "Ghi chú"]
ACTIVITY_HEADER = ["STT", "Ngày", "Loại hoạt động", "Nội dung", "Đối tượng", "Tổng số người tham gia", "Nam", "Nữ",
                   "Người DTTS", "Số tài liệu phát hành", "Ghi chú", "Mã nhiệm vụ", "Kinh phí (đồng)", "Nguồn kinh phí"]


@pytest.fixture
def p01(tmp_path: Path, govap: Plan) -> Workbook:
    """The P01 2024-Q1 template as written to disk and opened again."""
    return load_workbook(write_template(govap, "P01", "2024-Q1", tmp_path / "p01.xlsx"))


def _validations(ws: Worksheet) -> list[DataValidation]:
    return list(ws.data_validations.dataValidation)


def _by_range(ws: Worksheet) -> dict[str, DataValidation]:
    return {str(dv.sqref): dv for dv in _validations(ws)}


def test_visible_and_hidden_sheets(p01: Workbook) -> None:
    assert p01.sheetnames == ["ThongTin", "ChiTieu", "HoatDong", "NhiemVu", "KinhPhi", "VuViec", "_lists",
                              "_template"]
    states = {ws.title: ws.sheet_state for ws in p01.worksheets}
    assert states == {"ThongTin": "visible", "ChiTieu": "visible", "HoatDong": "visible", "NhiemVu": "visible",
                      "KinhPhi": "visible", "VuViec": "visible", "_lists": "hidden", "_template": "hidden"}


def test_thongtin_labels_and_prefilled_values(p01: Workbook) -> None:
    ws = p01["ThongTin"]
    assert [ws.cell(r, 1).value for r in range(5, 12)] == INFO_LABELS
    assert [ws.cell(r, 2).value for r in range(5, 12)] == ["P01", "Phường 1", "2024-Q1", None, None, None, "Không"]
    assert ws["C7"].value == "Quý I 2024; hạn nộp 05/03/2024"


def test_headers(p01: Workbook) -> None:
    assert [c.value for c in p01["ChiTieu"][4]] == VALUE_HEADER
    assert [c.value for c in p01["HoatDong"][4]] == ACTIVITY_HEADER


def test_hidden_meta_sheet(p01: Workbook) -> None:
    meta = {r[0]: r[1] for r in p01["_template"].iter_rows(values_only=True)}
    assert {k: meta[k] for k in ("template_version", "plan_id", "unit_code", "period_code")} == {
        "template_version": "2024.2", "plan_id": "govap-2024", "unit_code": "P01", "period_code": "2024-Q1"}
    assert datetime.fromisoformat(str(meta["generated_at"])).tzinfo is not None


def test_unit_and_period_locked_inputs_open(p01: Workbook) -> None:
    info, values = p01["ThongTin"], p01["ChiTieu"]
    assert info.protection.sheet and values.protection.sheet
    assert [info[f"B{r}"].protection.locked for r in range(5, 12)] == [True, True, True, False, False, False, False]
    for r in range(5, 10):
        assert [values.cell(r, c).protection.locked for c in range(1, 8)] == [True, True, False, False, False,
                                                                              False, False]


@pytest.mark.parametrize(("unit", "codes"), [
    ("P01", ["CT1", "CT2A", "CT2B", "CT3", "CT4"]), ("CA", ["CT1", "CT5"]), ("NV", ["CT1", "GS1"]),
    ("LDTBXH", ["CT1", "CT2A", "CT3"]), ("VP", ["CT1", "CT4"]), ("HLHPN", ["CT1"]),
])
def test_one_row_per_indicator_the_unit_reports(govap: Plan, unit: str, codes: list[str]) -> None:
    ws = build_template(govap, unit, "2024-Q1")["ChiTieu"]
    assert [ws.cell(r, 1).value for r in range(5, 5 + len(codes) + 1)] == [*codes, None]
    assert [ws.cell(r, 2).value for r in range(5, 5 + len(codes))] == [govap.indicator_by_code[c].name_vi
                                                                      for c in codes]


def test_drop_down_lists(p01: Workbook, govap: Plan) -> None:
    lists = _by_range(p01["HoatDong"])
    assert (lists["C5:C204"].type, lists["C5:C204"].formula1) == ("list", "_lists!$A$1:$A$8")
    assert (lists["E5:E204"].type, lists["E5:E204"].formula1) == ("list", "_lists!$B$1:$B$14")
    assert [c.value for c in p01["_lists"]["A"][:8]] == [a.name_vi for a in govap.reference.activity_types]
    assert [c.value for c in p01["_lists"]["B"][:14]] == [g.name_vi for g in govap.reference.target_groups]
    nil = _by_range(p01["ThongTin"])["B11"]
    assert (nil.type, nil.formula1, [c.value for c in p01["_lists"]["C"][:2]]) == (
        "list", "_lists!$C$1:$C$2", ["Có", "Không"])


def test_whole_number_and_date_validations(p01: Workbook) -> None:
    values, acts = _by_range(p01["ChiTieu"]), _by_range(p01["HoatDong"])
    for dv in (values["C5:F9"], acts["F5:J204"]):
        assert (dv.type, dv.operator, dv.formula1, dv.showErrorMessage) == ("whole", "greaterThanOrEqual", "0", True)
    dates = acts["B5:B204"]
    assert (dates.type, dates.formula1, dates.formula2) == ("date", "DATE(2024,1,1)", "DATE(2024,12,31)")


def test_small_plan_template(small_plan: Plan) -> None:
    wb = build_template(small_plan, "YT", "2025-T1")
    assert [wb["ChiTieu"].cell(r, 1).value for r in range(5, 8)] == ["A1", "M3", None]
    assert wb["ThongTin"]["C7"].value == "Đợt 1 2025; hạn nộp 25/04/2025"  # the extension, not 15/04
    assert wb["_template"]["B2"].value == "riverside-2025"


@pytest.mark.parametrize(("unit", "period"), [("P02", "2024-Q1"), ("P01", "2024-Q5")])
def test_unknown_unit_or_period(govap: Plan, unit: str, period: str) -> None:
    with pytest.raises(TemplateError):
        build_template(govap, unit, period)


def test_unit_not_valid_in_period(small_plan: Plan) -> None:
    with pytest.raises(TemplateError, match="XB"):
        build_template(small_plan, "XB", "2025-T3")


def test_previous_denominators_prefilled_from_warehouse(tmp_path: Path, plans_dir: Path, db_path: Path,
                                                        warehouse: duckdb.DuckDBPyConnection,
                                                        all_plans: dict[str, Plan]) -> None:
    earlier = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "q1.xlsx",
                           values={"CT1": (55, 30, 18, 2), "CT2A": (2, 2, 1, 0), "CT4": None})
    load_items(warehouse, all_plans, [Item(earlier, datetime(2024, 3, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))],
               default_plan="govap-2024", source="tests")
    warehouse.close()
    out = tmp_path / "h1.xlsx"
    done = subprocess.run([sys.executable, "-m", "etl", "template", "--unit", "P01", "--period", "2024-H1", "-o",
                           str(out), "--db", str(db_path), "--plans", str(plans_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ws = load_workbook(out)["ChiTieu"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(5, 10)] == [
        ("CT1", 55, None), ("CT2A", 2, None), ("CT2B", 40, None), ("CT3", 40, None), ("CT4", None, None)]


def test_round_trip_filled_template_appears_in_views(tmp_path: Path, warehouse: duckdb.DuckDBPyConnection,
                                                     all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    wb = filled(govap, "CA", "2024-H1", values={"CT1": (120, 90, 30, 4), "CT5": (200, 150, 40, 6)},
                activities=[Activity(day="20/04/2024", participants=150, men=110, women=40, minority=6)])
    path = save(wb, tmp_path / "ca.xlsx")
    reopened = load_workbook(path)  # what the unit sends back is a file, not our object
    assert reopened["ChiTieu"]["C6"].value == 200
    result = load_items(warehouse, all_plans, [Item(path, datetime(2024, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))],
                        default_plan="govap-2024", source="tests")
    assert [f.outcome for f in result.files] == ["loaded"]
    rows = warehouse.execute(
        "select indicator_code, numerator, denominator, women, ethnic_minority, achieved_pct, is_met, gap_people "
        "from v_target_progress_unit where unit_code = 'CA' and period_code = '2024-H1' order by indicator_code"
    ).fetchall()
    assert rows == [("CT1", 90, 120, 30, 4, 75.0, True, 0), ("CT5", 150, 200, 40, 6, 75.0, False, 50)]
    assert warehouse.execute("select quarter, activity_type, participants, women, ethnic_minority from v_participation "
                             "where unit_code = 'CA'").fetchall() == [("2024-Q2", "tap_huan", 150, 40, 6)]
