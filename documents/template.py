"""Write the pre-filled submission workbook for one unit and period (DESIGN §3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from documents import template_plan
from etl.contract import (
    ACTIVITY_COLUMNS,
    ACTIVITY_MORE_COLUMNS,
    INFO_LABELS,
    LISTS_SHEET,
    META_SHEET,
    SHEET_ACTIVITIES,
    SHEET_INFO,
    SHEET_VALUES,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
)
from i18n import GepmError, t
from plan.model import Plan

ACTIVITY_ROWS = 200
HEADER_ROW = 4
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OPEN = Protection(locked=False)


class TemplateError(GepmError):
    """A template that cannot be made (unknown unit or period, unit not valid then)."""


def _title(ws: Worksheet, plan: Plan, unit: str, period: str, key: str) -> None:
    p = plan.period_by_code[period]
    ws["A1"] = t(key)
    ws["A1"].font = TITLE
    ws["A2"] = f"{plan.unit_by_code[unit].name_vi} — {p.name_vi} {plan.year} — hạn nộp {p.due_on:%d/%m/%Y}"
    ws["A3"] = t("tpl.instructions")
    ws["A3"].font = Font(italic=True, color="666666")


def _info(ws: Worksheet, plan: Plan, unit: str, period: str) -> None:
    p = plan.period_by_code[period]
    values = {"unit_code": unit, "unit_name": plan.unit_by_code[unit].name_vi, "period": period,
              "is_nil": t("tpl.no")}
    hints = {"period": f"{p.name_vi} {plan.year}; hạn nộp {plan.due_on(unit, period):%d/%m/%Y}",
             "report_on": "dd/mm/yyyy", "is_nil": "Có / Không"}
    ws["A1"] = t("tpl.title")
    ws["A1"].font = TITLE
    ws["A2"] = plan.title_vi
    ws["A3"] = t("tpl.instructions")
    ws["A3"].font = Font(italic=True, color="666666")
    for n, label in enumerate(INFO_LABELS, start=5):
        ws.cell(n, 1, label.text).font = BOLD
        cell = ws.cell(n, 2, values.get(label.key))
        cell.border = BOX
        if label.key in ("unit_code", "unit_name", "period"):
            cell.fill = LOCKED_FILL
        else:
            cell.protection = OPEN
        ws.cell(n, 3, hints.get(label.key, "")).font = Font(italic=True, color="666666")
    template_plan.info_more(ws, plan, unit)
    ws["B8"].number_format = "dd/mm/yyyy"
    ws["B10"].number_format = "@"
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 22, 44, 40
    nil = DataValidation(type="list", formula1=f"{LISTS_SHEET}!$C$1:$C$2", allow_blank=True)
    ws.add_data_validation(nil)
    nil.add("B11")
    ws.protection.sheet = True


def _whole(ws: Worksheet, ref: str) -> None:
    dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        showErrorMessage=True, errorTitle="Số không hợp lệ",
                        error="Nhập số nguyên từ 0 trở lên / Enter a whole number, 0 or more")
    ws.add_data_validation(dv)
    dv.add(ref)


def _values(ws: Worksheet, plan: Plan, unit: str, period: str, previous: dict[str, int]) -> None:
    _title(ws, plan, unit, period, "tpl.indicators_title")
    template_plan.header(ws, [c.text for c in VALUE_COLUMNS], [12, 60, 16, 12, 12, 16, 24])
    indicators = plan.indicators_for(unit)
    first, last = HEADER_ROW + 1, HEADER_ROW + len(indicators)
    for n, ind in enumerate(indicators, start=first):
        for col, value in enumerate([ind.code, ind.name_vi, previous.get(ind.code), None, None, None, None], start=1):
            ws.cell(n, col, value)
    for col in range(1, len(VALUE_COLUMNS) + 1):  # the first row styled, the others copied from it
        cell = ws.cell(first, col)
        cell.border = BOX
        if col >= 3:
            cell.protection = OPEN
            cell.number_format = "#,##0" if col <= 6 else "@"
        else:
            cell.fill = LOCKED_FILL
    ws.cell(first, 2).alignment = Alignment(wrap_text=True, vertical="top")
    template_plan.copy_down(ws, first, last, len(VALUE_COLUMNS))
    _whole(ws, f"C{HEADER_ROW + 1}:F{last}")
    ws.protection.sheet = True


def _list(ws: Worksheet, column: str, n: int, ref: str) -> None:
    dv = DataValidation(type="list", formula1=f"{LISTS_SHEET}!${column}$1:${column}${n}", allow_blank=True,
                        showErrorMessage=True, error="Chọn trong danh sách / Choose from the list")
    ws.add_data_validation(dv)
    dv.add(ref)


def _activities(ws: Worksheet, plan: Plan, unit: str, period: str) -> None:
    _title(ws, plan, unit, period, "tpl.activities_title")
    template_plan.header(ws, [c.text for c in ACTIVITY_COLUMNS + ACTIVITY_MORE_COLUMNS],
            [6, 12, 24, 48, 30, 14, 8, 8, 12, 14, 24, 12, 16, 24])
    first, last = HEADER_ROW + 1, HEADER_ROW + ACTIVITY_ROWS
    for r in range(first, last + 1):
        ws.cell(r, 2).number_format = "dd/mm/yyyy"
        for c in range(6, 11):
            ws.cell(r, c).number_format = "#,##0"
    dates = DataValidation(type="date", operator="between", formula1=f"DATE({plan.year},1,1)",
                           formula2=f"DATE({plan.year},12,31)", allow_blank=True, showErrorMessage=True,
                           error=f"Nhập ngày trong năm {plan.year} (dd/mm/yyyy)")
    ws.add_data_validation(dates)
    dates.add(f"B{first}:B{last}")
    _list(ws, "A", len(plan.reference.activity_types), f"C{first}:C{last}")
    _list(ws, "B", len(plan.reference.target_groups), f"E{first}:E{last}")
    _whole(ws, f"F{first}:J{last}")
    template_plan.activity_links(ws, plan, unit)


def _hidden(wb: Workbook, plan: Plan, unit: str, period: str) -> None:
    lists = wb.create_sheet(LISTS_SHEET)
    for n, item in enumerate(plan.reference.activity_types, start=1):
        lists.cell(n, 1, item.name_vi)
    for n, item in enumerate(plan.reference.target_groups, start=1):
        lists.cell(n, 2, item.name_vi)
    lists["C1"], lists["C2"] = t("tpl.yes"), t("tpl.no")
    template_plan.lists(lists, plan, unit)
    meta = wb.create_sheet(META_SHEET)
    rows = [("template_version", TEMPLATE_VERSION), ("plan_id", plan.plan_id), ("unit_code", unit),
            ("period_code", period), ("generated_at", datetime.now().astimezone().isoformat(timespec="seconds"))]
    for n, (key, value) in enumerate(rows, start=1):
        meta.cell(n, 1, key)
        meta.cell(n, 2, value)
    lists.sheet_state = meta.sheet_state = "hidden"


def check_unit_period(plan: Plan, unit: str, period: str) -> None:
    if unit not in plan.unit_by_code:
        raise TemplateError("tpl.err.unit_unknown", unit=unit, plan=plan.plan_id)
    if period not in plan.period_by_code:
        raise TemplateError("tpl.err.period_unknown", period=period, plan=plan.plan_id)
    p = plan.period_by_code[period]
    if not plan.unit_by_code[unit].valid_during(p.starts_on, p.ends_on) or not plan.indicators_for(unit):
        raise TemplateError("tpl.err.not_reporting", unit=unit, period=period)


def build_template(plan: Plan, unit: str, period: str, previous: dict[str, int] | None = None) -> Workbook:
    """The workbook for one unit and period; previous = last reported denominators."""
    check_unit_period(plan, unit, period)
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = SHEET_INFO
    _info(info, plan, unit, period)
    _values(wb.create_sheet(SHEET_VALUES), plan, unit, period, previous or {})
    _activities(wb.create_sheet(SHEET_ACTIVITIES), plan, unit, period)
    for sheet in (template_plan.tasks_sheet, template_plan.budget_sheet, template_plan.cases_sheet):
        sheet(wb, plan, unit)
    _hidden(wb, plan, unit, period)
    return wb


def template_name(unit: str, period: str) -> str:
    return f"{period}_{unit}.xlsx"


def write_template(plan: Plan, unit: str, period: str, path: Path, previous: dict[str, int] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_template(plan, unit, period, previous).save(path)
    return path
