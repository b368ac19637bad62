"""The template's sheets for the plan's sections III, IV and VI: NhiemVu, KinhPhi, VuViec, ThongTin's later rows."""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.styleable import StyleableObject
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl.contract import (
    ACTIVITY_COLUMNS,
    ACTIVITY_MORE_COLUMNS,
    BUDGET_COLUMNS,
    CASE_COLUMNS,
    INFO_LABELS,
    INFO_MORE_LABELS,
    LISTS_SHEET,
    SHEET_BUDGET,
    SHEET_CASES,
    SHEET_TASKS,
    TASK_COLUMNS,
    TASK_STATUSES,
)
from i18n import t
from plan.model import Plan

HEADER_ROW = 4
ROWS = 200  # as many activity rows as the HoatDong sheet
HINT = Font(italic=True, color="666666")
DATE_KEYS = ("doc_on", "figures_as_of", "own_plan_on")
# The look of the first three sheets (documents/template.py), repeated here to keep one import direction.
BOLD, TITLE = Font(bold=True), Font(bold=True, size=13)
HEADER_FILL, LOCKED_FILL = PatternFill("solid", fgColor="D9E1F2"), PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OPEN = Protection(locked=False)


def _title(ws: Worksheet, plan: Plan, unit: str, key: str) -> None:
    ws["A1"] = t(key)
    ws["A1"].font = TITLE
    ws["A2"] = f"{plan.unit_by_code[unit].name_vi} — {plan.title_vi}"
    ws["A3"] = t("tpl.instructions")
    ws["A3"].font = HINT


def styled_like(cell: StyleableObject, model: StyleableObject) -> None:
    """The cell takes the model's whole style (same workbook) by its style record, as openpyxl's own sheet copy
    does: an assignment per style object looks each one up by hash and equality (~40 µs for a bordered cell),
    and a template styles thousands of cells alike."""
    cell._style = copy(model._style)  # type: ignore[attr-defined]  # the stubs leave out the slot


def copy_down(ws: Worksheet, first: int, last: int, columns: int) -> None:
    """Rows first+1 … last styled as row first, column by column."""
    for r in range(first + 1, last + 1):
        for c in range(1, columns + 1):
            styled_like(ws.cell(r, c), ws.cell(first, c))


def header(ws: Worksheet, labels: list[str], widths: list[int]) -> None:
    """The column headings of a sheet (every sheet of the template): bold on blue, boxed, wrapped, centred."""
    for col, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, col, label)
        if col == 1:
            cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        else:
            styled_like(cell, ws.cell(HEADER_ROW, 1))
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"


def _dv(ws: Worksheet, ref: str, **kwargs: object) -> None:
    dv = DataValidation(allow_blank=True, showErrorMessage=True, **kwargs)  # type: ignore[arg-type]
    ws.add_data_validation(dv)
    dv.add(ref)


def _pick(ws: Worksheet, column: str, n: int, ref: str) -> None:
    _dv(ws, ref, type="list", formula1=f"{LISTS_SHEET}!${column}$1:${column}${max(n, 1)}",
        error="Chọn trong danh sách / Choose from the list")


def _whole(ws: Worksheet, ref: str) -> None:
    _dv(ws, ref, type="whole", operator="greaterThanOrEqual", formula1="0",
        error="Nhập số nguyên từ 0 trở lên / Enter a whole number, 0 or more")


def info_more(ws: Worksheet, plan: Plan, unit: str) -> None:
    """ThongTin's later rows under the first seven; the gender-officer row only for wards."""
    labels = [lb for lb in INFO_MORE_LABELS if lb.key != "gender_officer" or plan.unit_by_code[unit].type == "ward"]
    hints = {k: "dd/mm/yyyy" for k in DATE_KEYS} | {"mainstreamed": "Có / Không"}
    for n, label in enumerate(labels, start=5 + len(INFO_LABELS)):
        ws.cell(n, 1, label.text).font = BOLD
        cell = ws.cell(n, 2)
        cell.border, cell.protection = BOX, OPEN
        cell.number_format = "dd/mm/yyyy" if label.key in DATE_KEYS else "@"
        ws.cell(n, 3, hints.get(label.key, "")).font = HINT
        if label.key == "mainstreamed":
            _pick(ws, "C", 2, f"B{n}")


def _rows(ws: Worksheet, rows: list[list[Any]], locked: int, also_locked: int = 0) -> None:
    """Pre-filled rows: the first `locked` columns grey and locked, also column `also_locked`, the others open."""
    first = HEADER_ROW + 1
    for r, values in enumerate(rows, start=first):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    if not rows:
        return
    for c in range(1, len(rows[0]) + 1):
        cell = ws.cell(first, c)
        cell.border = BOX
        if c <= locked or c == also_locked:
            cell.fill = LOCKED_FILL
        else:
            cell.protection = OPEN
    ws.cell(first, 2).alignment = Alignment(wrap_text=True, vertical="top")
    copy_down(ws, first, first + len(rows) - 1, len(rows[0]))


def tasks_sheet(wb: Workbook, plan: Plan, unit: str) -> None:
    own = plan.tasks_for(unit)
    if not own:
        return
    ws = wb.create_sheet(SHEET_TASKS)
    _title(ws, plan, unit, "tpl.tasks_title")
    header(ws, [c.text for c in TASK_COLUMNS], [10, 60, 10, 22, 12, 14, 10, 12, 10, 30, 30, 30, 30, 30])
    rows = [[task.code, f"{task.section}. {task.text_vi}", t(f"task.role.{role}"), None, None,
             task.measure.unit_vi if task.measure else None] for task, role in own]
    _rows(ws, [r + [None] * 8 for r in rows], 3, also_locked=6)  # the measure's unit: from the plan
    last = HEADER_ROW + len(rows)
    _pick(ws, "D", len(TASK_STATUSES), f"D{HEADER_ROW + 1}:D{last}")
    _whole(ws, f"E{HEADER_ROW + 1}:E{last}")
    _whole(ws, f"G{HEADER_ROW + 1}:I{last}")
    ws.protection.sheet = True


def budget_sheet(wb: Workbook, plan: Plan, unit: str) -> None:
    if plan.budget is None or not plan.reports_budget(unit):
        return
    ws = wb.create_sheet(SHEET_BUDGET)
    _title(ws, plan, unit, "tpl.budget_title")
    header(ws, [c.text for c in BUDGET_COLUMNS], [14, 36, 18, 18, 18, 18, 30])
    _rows(ws, [[s.code, s.name_vi, None, None, None, None, None] for s in plan.budget.sources], 2)
    last = HEADER_ROW + len(plan.budget.sources)
    for r in range(HEADER_ROW + 1, last + 1):
        for c in range(3, 7):
            ws.cell(r, c).number_format = "#,##0"
    _whole(ws, f"C{HEADER_ROW + 1}:F{last}")
    ws.protection.sheet = True


def cases_sheet(wb: Workbook, plan: Plan, unit: str) -> None:
    if plan.cases is None or not plan.reports_cases(unit):
        return
    ws = wb.create_sheet(SHEET_CASES)
    _title(ws, plan, unit, "tpl.cases_title")
    header(ws, [c.text for c in CASE_COLUMNS], [18, 60, 14, 16, 12, 12, 30])
    _rows(ws, [[m.code, m.name_vi, m.unit_vi, None, None, None, None] for m in plan.cases.measures], 3)
    _whole(ws, f"D{HEADER_ROW + 1}:F{HEADER_ROW + len(plan.cases.measures)}")
    ws.protection.sheet = True


def activity_links(ws: Worksheet, plan: Plan, unit: str) -> None:
    """HoatDong's last columns: the task served (drop-down of the unit's tasks), cost, funding source."""
    first_col = len(ACTIVITY_COLUMNS) + 1
    first, last = HEADER_ROW + 1, HEADER_ROW + ROWS
    task_col, cost_col, source_col = (get_column_letter(first_col + n) for n in range(3))
    _pick(ws, "F", len(plan.tasks_for(unit)), f"{task_col}{first}:{task_col}{last}")
    _whole(ws, f"{cost_col}{first}:{cost_col}{last}")
    _pick(ws, "E", len(plan.budget.sources) if plan.budget else 0, f"{source_col}{first}:{source_col}{last}")
    for r in range(first, last + 1):
        ws.cell(r, first_col + 1).number_format = "#,##0"
    assert len(ACTIVITY_MORE_COLUMNS) == 3


def lists(ws: Worksheet, plan: Plan, unit: str) -> None:
    """Drop-down sources on the hidden list sheet: D statuses, E funding sources, F the unit's task codes."""
    for n, code in enumerate(TASK_STATUSES, start=1):
        ws.cell(n, 4, t(f"task.status.{code}"))
    for n, source in enumerate(plan.budget.sources if plan.budget else (), start=1):
        ws.cell(n, 5, source.name_vi)
    for n, (task, _) in enumerate(plan.tasks_for(unit), start=1):
        ws.cell(n, 6, task.code)
