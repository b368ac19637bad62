"""A template filled in LibreOffice Calc (typed through UNO, saved by Calc) loads and shows its numbers."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

import duckdb
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cli.main import main as etl_main
from etl.contract import (
    ACTIVITY_COLUMNS,
    ACTIVITY_MORE_COLUMNS,
    BUDGET_COLUMNS,
    CASE_COLUMNS,
    INFO_LABELS,
    INFO_MORE_LABELS,
    TASK_COLUMNS,
)
from etl.load.files import load_files
from etl.load.prepare import FileResult, Item
from plan.model import Plan
from plan.settings import ROOT

SYSTEM_PYTHON = Path("/usr/bin/python3")
FILLER = ROOT / "tests" / "tools" / "lo_fill.py"


def _uno_available() -> bool:
    if not (shutil.which("soffice") and SYSTEM_PYTHON.exists()):
        return False
    return subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode == 0


pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not _uno_available(), reason="needs LibreOffice and python3-uno (Debian)")]


def test_ward_official_fills_template_in_libreoffice(tmp_path: Path) -> None:
    db, template, filled = tmp_path / "w.duckdb", tmp_path / "P05.xlsx", tmp_path / "P05-filled.xlsx"
    assert etl_main(["template", "--unit", "P05", "--period", "2024-Q1", "-o", str(template), "--db", str(db)]) == 0
    subprocess.run([str(SYSTEM_PYTHON), str(FILLER), str(template), str(filled)], check=True, timeout=180,
                   capture_output=True)
    code = etl_main(["load", str(filled), "--db", str(db), "--received-at", "2024-03-04T10:00:00+07:00"])
    assert code == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select indicator_code, numerator, denominator, women, ethnic_minority, is_met from v_target_progress_unit "
        "where unit_code = 'P05' and period_code = '2024-Q1' order by indicator_code").fetchall()
    status = con.execute("select status from v_reporting_status where unit_code = 'P05' and period_code = '2024-Q1'"
                         ).fetchone()
    acts = con.execute("select activity_type, target_group, participants, men, women, ethnic_minority "
                       "from v_participation where unit_code = 'P05'").fetchall()
    con.close()
    # '1.234' typed as text is 1234; 900/1234 = 72.9% >= 70%.
    assert rows[0] == ("CT1", 900, 1234, 500, 12, True)
    assert [r[:3] for r in rows[1:]] == [("CT2A", 15, 20), ("CT2B", 15, 20), ("CT3", 15, 20), ("CT4", 15, 20)]
    assert status == ("on_time",)
    assert acts == [("tap_huan", "can_bo", 40, 15, 25, 3)]


# ---- The extended template (NhiemVu, KinhPhi, VuViec, ThongTin's later rows), filled for a ward -----------------

FILL_CELLS = ROOT / "tests" / "tools" / "lo_fill_cells.py"
WARD, PERIOD, RECEIVED = "P01", "2024-Q3", datetime(2024, 10, 7, 9, 0, tzinfo=timezone(timedelta(hours=7)))
SAVES = {"xlsx": "Calc MS Excel 2007 XML", "ods": "calc8"}


# Status picks are positions in the drop-down: 2 = Đã hoàn thành, 1 = Đang triển khai, 5 = Chuyển sang năm sau.
TASKS_TYPED: dict[str, dict[str, object]] = {
    "T03": {"status": 2, "result": 12, "women": 7, "highlights": "Tổ chức 12 buổi sinh hoạt chuyên đề",
            "evidence": "Báo cáo 98/BC-UBND ngày 20/9/2024"},
    "T04": {"status": 1, "result": 3, "difficulties": "Thiếu kinh phí tổ chức"},
    "T07": {"status": 5, "reason": "Chờ hướng dẫn của quận"},
}
BUDGET_TYPED: dict[str, dict[str, object]] = {
    "giao_dau_nam": {"estimate": 50_000_000, "spent": "12.500.000", "expected": 45_000_000},
    "xa_hoi_hoa": {"estimate": 8_000_000, "spent": 0},
}
CASES_TYPED = {"bao_luc_gia_dinh": {"count": 8, "women": 6, "children": 0}, "mot_cua": {"count": 5, "women": 5}}
# Typed amounts with thousands dots are numbers in a Vietnamese Calc, text elsewhere: both load.
ACTIVITY_TYPED: dict[str, tuple[str, object]] = {
    "line": ("number", 1), "activity_on": ("type", "2024-08-15"), "activity_type": ("pick", 1),
    "topic": ("text", "Tập huấn kỹ năng lồng ghép giới"), "target_group": ("pick", 0), "participants": ("number", 30),
    "men": ("number", 10), "women": ("number", 20), "task_code": ("pick", 0), "cost": ("type", "3.500.000"),
    "funding_source": ("pick", 0),
}


def _row_of(ws: Worksheet, code: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == code)


def _col_of(ws: Worksheet, label: str) -> str:
    return next(get_column_letter(c) for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == label)


def _ward_cells(template: Path) -> list[list[object]]:
    """What the ward official types or picks, cell by cell (rows and columns found by their codes and headers)."""
    wb = load_workbook(template)
    info, tasks, budget, cases, acts = (wb[s] for s in ("ThongTin", "NhiemVu", "KinhPhi", "VuViec", "HoatDong"))
    at = {lb.key: f"B{_row_of(info, lb.text)}" for lb in INFO_LABELS + INFO_MORE_LABELS}
    cells: list[list[object]] = [
        ["ThongTin", at["report_on"], "type", "2024-10-05"],  # ISO: a date cell in any locale
        ["ThongTin", at["prepared_by"], "text", "Nguyễn Thị Lan"],
        ["ThongTin", at["doc_number"], "type", "125/BC-UBND"],
        ["ThongTin", at["doc_on"], "text", "05/10/2024"],  # dd/mm/yyyy kept as text
        ["ThongTin", at["figures_as_of"], "type", "30/09/2024"],  # a date or text, by the locale
        ["ThongTin", at["head_of_unit"], "text", "Trần Văn Minh"],
        ["ThongTin", at["own_plan_number"], "type", "3/2024"],  # would read as a date in a number cell
        ["ThongTin", at["own_plan_on"], "type", "2024-02-20"],
        ["ThongTin", at["mainstreamed"], "pick", 0],
        ["ThongTin", at["gender_officer"], "text", "Lê Thị Hoa"],
    ]
    col = {lb.key: _col_of(tasks, lb.text) for lb in TASK_COLUMNS}
    for code, fields in TASKS_TYPED.items():
        r = _row_of(tasks, code)
        cells += [["NhiemVu", f"{col[k]}{r}", "pick" if k == "status" else "number" if isinstance(v, int)
                   else "text", v] for k, v in fields.items()]
    col = {lb.key: _col_of(budget, lb.text) for lb in BUDGET_COLUMNS}
    for code, fields in BUDGET_TYPED.items():
        r = _row_of(budget, code)
        cells += [["KinhPhi", f"{col[k]}{r}", "number" if isinstance(v, int) else "type", v] for k, v in fields.items()]
    col = {lb.key: _col_of(cases, lb.text) for lb in CASE_COLUMNS}
    for code, fields in CASES_TYPED.items():
        cells += [["VuViec", f"{col[k]}{_row_of(cases, code)}", "number", v] for k, v in fields.items()]
    col = {lb.key: _col_of(acts, lb.text) for lb in ACTIVITY_COLUMNS + ACTIVITY_MORE_COLUMNS}
    cells += [["HoatDong", f"{col[k]}5", how, v] for k, (how, v) in ACTIVITY_TYPED.items()]
    return cells


class Filled(NamedTuple):
    locale: str  # Calc's locale setting while typing
    files: dict[str, Path]  # by extension
    became: dict[str, str]  # what was typed -> 'number' or 'text', as Calc stored it


@pytest.fixture(scope="module", params=["en-US", "vi-VN"])
def ward_files(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Filled:
    """The P01 template for 2024-Q3, filled in Calc under a locale and saved by Calc as .xlsx and as .ods."""
    folder = tmp_path_factory.mktemp(f"lo-ward-{request.param}")
    template = folder / "P01.xlsx"
    assert etl_main(["template", "--unit", WARD, "--period", PERIOD, "-o", str(template),
                     "--db", str(folder / "t.duckdb")]) == 0
    outputs = {ext: folder / f"P01-filled.{ext}" for ext in SAVES}
    cells = _ward_cells(template)
    spec = {"template": str(template), "locale": request.param, "cells": cells,
            "outputs": [[str(path), SAVES[ext]] for ext, path in outputs.items()]}
    (folder / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([str(SYSTEM_PYTHON), str(FILL_CELLS), str(folder / "spec.json")], check=True,
                          timeout=180, capture_output=True, text=True)
    kinds = json.loads(done.stdout.strip().splitlines()[-1])
    typed = {str(cell[3]): kind for cell, kind in zip(cells, kinds, strict=True) if cell[2] == "type"}
    return Filled(request.param, outputs, typed)


def test_the_locale_decides_whether_typed_dates_and_amounts_are_numbers(ward_files: Filled) -> None:
    """Both ways must load (the next test): a Vietnamese Calc makes numbers and dates, an English one text."""
    calc = "number" if ward_files.locale == "vi-VN" else "text"
    assert ward_files.became == {"2024-10-05": "number", "2024-02-20": "number", "2024-08-15": "number",
                                 "30/09/2024": calc, "12.500.000": calc, "3.500.000": calc,
                                 "125/BC-UBND": "text", "3/2024": "text"}  # a text cell keeps '3/2024' as typed


def _load(path: Path, db: Path, govap: Plan) -> FileResult:
    result = load_files(db, {govap.plan_id: govap}, [Item(path, RECEIVED)], default_plan=govap.plan_id,
                        source="test")
    return result.files[0]


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, [WARD, PERIOD]).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("ext", list(SAVES))
def test_ward_fills_extended_template_in_libreoffice(ext: str, ward_files: Filled, govap: Plan,
                                                     tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    loaded = _load(ward_files.files[ext], db, govap)
    assert [(p.code, p.sheet, p.row, p.column) for p in loaded.problems] == []
    assert loaded.outcome == "loaded"
    details = _query(db, "select doc_number, doc_on, figures_as_of, head_of_unit, own_plan_number, own_plan_on, "
                         "is_mainstreamed, gender_officer, has_tasks, has_budget, has_cases from submission_details "
                         "join submissions using (submission_id) where unit_code = ? and period_code = ?")
    assert details == [("125/BC-UBND", date(2024, 10, 5), date(2024, 9, 30), "Trần Văn Minh", "3/2024",
                        date(2024, 2, 20), True, "Lê Thị Hoa", True, True, True)]
    tasks = _query(db, "select task_code, status, result, women, highlights, evidence, difficulties, reason "
                       "from v_task_status where unit_code = ? and period_code = ? order by task_code")
    assert tasks[:3] == [  # a blank text cell is kept as '' (tables.text)
        ("T03", "da_hoan_thanh", 12, 7, "Tổ chức 12 buổi sinh hoạt chuyên đề", "Báo cáo 98/BC-UBND ngày 20/9/2024",
         "", ""),
        ("T04", "dang_trien_khai", 3, None, "", "", "Thiếu kinh phí tổ chức", ""),
        ("T07", "chuyen_nam_sau", None, None, "", "", "", "Chờ hướng dẫn của quận")]
    assert {row[1] for row in tasks[3:]} == {"not_reported"}
    budget = _query(db, "select source_code, estimate, spent, expected, settlement from v_budget "
                        "where unit_code = ? and period_code = ? and estimate is not null order by source_code")
    assert budget == [("giao_dau_nam", 50_000_000, 12_500_000, 45_000_000, None), ("xa_hoi_hoa", 8_000_000, 0, None,
                                                                                  None)]
    cases = _query(db, "select measure_code, n_cases, women, children, is_suppressed from v_cases "
                       "where unit_code = ? and period_code = ? and n_cases is not null order by measure_code")
    assert cases == [("bao_luc_gia_dinh", 8, 6, 0, False), ("mot_cua", 5, 5, None, False)]
    acts = _query(db, "select activity_on, activity_type, target_group, participants, men, women, task_code, cost, "
                      "funding_source from activities join submissions using (submission_id) "
                      "where unit_code = ? and period_code = ?")
    assert acts == [(date(2024, 8, 15), "tap_huan", "can_bo", 30, 10, 20, "T03", 3_500_000, "giao_dau_nam")]
