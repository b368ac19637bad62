"""Validate: raw workbook -> a Report, or every problem found. Pure: no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.contract import SHEET_ACTIVITIES, SHEET_BUDGET, SHEET_CASES, SHEET_INFO, SHEET_TASKS, SHEET_VALUES
from etl.extract.raw import RawWorkbook
from etl.problems import Problem
from etl.report import Details, Report
from etl.validate.activities import validate_activities
from etl.validate.budget import validate_budget, validate_cases
from etl.validate.info import Info, validate_info
from etl.validate.info_more import details
from etl.validate.resolve import resolver
from etl.validate.sheets import Collector
from etl.validate.tasks import validate_tasks
from etl.validate.values import validate_values
from plan.settings import settings

if TYPE_CHECKING:
    from plan.model import Plan


def _sheets_present(book: RawWorkbook, out: Collector) -> bool:
    ok = True
    for name in (SHEET_INFO, SHEET_VALUES, SHEET_ACTIVITIES):
        sheet = book.sheets.get(name)
        if sheet is None and name in book.hidden:
            out.add("sheet_hidden", name, name=name)
            ok = False
        elif sheet is None:
            out.add("sheet_missing", name, name=name)  # the name is both the location and the message's word
            ok = False
        elif sheet.too_many_rows:
            out.add("sheet_too_large", sheet.name, rows=sheet.too_many_rows, limit=settings().max_sheet_rows)
            ok = False
        elif sheet.too_many_cells:
            rows, columns = sheet.too_many_cells
            out.add("sheet_too_many_cells", sheet.name, rows=rows, columns=columns, limit=settings().max_sheet_cells)
            ok = False
    return ok


def _nil_conflict(report: Report, nil_cell: tuple[int, int] | None, out: Collector) -> None:
    clean_so_far = not out.problems
    what = []
    if any(v.numerator for v in report.values):
        what.append("ChiTieu")
    if report.activities:
        what.append("HoatDong")
    if report.is_nil and what:
        out.add("nil_with_data", SHEET_INFO, *(nil_cell or (None, None)), what=", ".join(what))
    if clean_so_far and not report.is_nil and not report.values and not report.activities:
        out.add("report_empty", SHEET_VALUES)  # only when nothing else explains why no row was taken


def _report(info: Info, book: RawWorkbook, out: Collector) -> Report:
    values = validate_values(info, book.sheets[SHEET_VALUES], out)
    activities = validate_activities(info, book.sheets[SHEET_ACTIVITIES], out)
    report = Report(info.plan.plan_id, info.unit_code, info.period_code, info.report_on, info.is_nil,
                    info.prepared_by, info.phone, info.template_version, values, activities)
    _nil_conflict(report, info.nil_cell, out)
    _plan_parts(info, book, report, out)
    return report


def _plan_parts(info: Info, book: RawWorkbook, report: Report, out: Collector) -> None:
    """NhiemVu, KinhPhi, VuViec and ThongTin's later rows; a workbook without them reported none of them."""
    plan, unit = info.plan, info.unit_code
    tasks, budget, cases = (book.sheets.get(n) for n in (SHEET_TASKS, SHEET_BUDGET, SHEET_CASES))
    has_tasks = tasks is not None and bool(resolver(plan).own_tasks(unit))
    has_budget = budget is not None and plan.reports_budget(unit)
    has_cases = cases is not None and plan.reports_cases(unit)
    report.tasks = validate_tasks(info, tasks, out) if tasks is not None and has_tasks else []
    report.budget = validate_budget(info, budget, out) if budget is not None and has_budget else []
    report.cases = validate_cases(info, cases, out) if cases is not None and has_cases else []
    found = details(info, book, out)
    report.details = Details(**found, has_tasks=has_tasks, has_budget=has_budget,  # type: ignore[arg-type]
                             has_cases=has_cases)


def validate(book: RawWorkbook, plans: dict[str, Plan], default_plan: str) -> tuple[Report | None, list[Problem]]:
    """Every problem of the workbook; the report only when there are none."""
    out = Collector()
    if not _sheets_present(book, out):
        return None, out.problems
    info = validate_info(book, plans, default_plan, out)
    if info is None:
        # Without unit and period the tables cannot be checked against the plan.
        return None, out.problems
    report = _report(info, book, out)
    return (report if not out.problems else None), out.problems
