"""Validate the ThongTin sheet: which plan, unit and period; report date; nil flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from etl.contract import INFO_LABELS, SHEET_INFO
from etl.extract.raw import RawWorkbook
from etl.text import fold
from etl.validate.cells import parse_date
from etl.validate.resolve import resolver
from etl.validate.sheets import Collector, find_labels, parsed, text_at

if TYPE_CHECKING:
    from plan.model import Plan

YES = {"co", "x", "yes", "y", "1", "true", "dung"}
NO = {"khong", "no", "n", "0", "false", ""}
LATE_REPORT_GRACE_DAYS = 120
MAX_DECLARED = 60  # a rejected file's unit and period are shown as typed, within reason


@dataclass
class Info:
    plan: Plan
    unit_code: str
    period_code: str
    report_on: date | None
    is_nil: bool
    prepared_by: str
    phone: str
    template_version: str
    nil_cell: tuple[int, int] | None = None  # (row, column) 0-based of 'Không phát sinh', to locate problems


def _candidates(plans: dict[str, Plan], unit: str, name: str, period: str) -> list[Plan]:
    out = []
    for plan in plans.values():
        res = resolver(plan)
        if (res.unit(unit) or res.unit(name)) and res.period(period):
            out.append(plan)
    return out


def choose_plan(plans: dict[str, Plan], default: str, meta: dict[str, str], typed: tuple[str, str, str]) -> Plan:
    """The plan a workbook belongs to: its template's plan id, else the one its unit and period fit."""
    if meta.get("plan_id") in plans:
        return plans[meta["plan_id"]]
    fits = _candidates(plans, *typed)
    if len(fits) == 1:
        return fits[0]
    preferred = [p for p in fits if p.plan_id == default] or fits
    return preferred[0] if preferred else plans.get(default) or next(iter(plans.values()))


def _unit(plan: Plan, book: RawWorkbook, cells: dict[str, tuple[int, int]], out: Collector) -> str | None:
    sheet = book.sheets[SHEET_INFO]
    code_text = text_at(sheet, *cells["unit_code"]) if "unit_code" in cells else ""
    name_text = text_at(sheet, *cells["unit_name"]) if "unit_name" in cells else ""
    res = resolver(plan)
    by_code, by_name = res.unit(code_text) if code_text else None, res.unit(name_text) if name_text else None
    if by_code and by_name and by_code != by_name:
        out.add("unit_mismatch", SHEET_INFO, *cells["unit_code"], code=code_text, name=name_text)
        return None
    if code_text and by_code is None and by_name:
        # A code that names no unit is a typing mistake, whatever the name cell says.
        out.add("unit_unknown", SHEET_INFO, *cells["unit_code"], value=code_text, plan=plan.plan_id)
        return None
    if by_code or by_name:
        return by_code or by_name
    where = cells.get("unit_code") or cells.get("unit_name")
    if not code_text and not name_text:
        out.add("value_missing", SHEET_INFO, *(where or (None, None)), label="Mã đơn vị")
    else:
        out.add("unit_unknown", SHEET_INFO, *(where or (None, None)), value=code_text or name_text, plan=plan.plan_id)
    return None


def _period(plan: Plan, book: RawWorkbook, cells: dict[str, tuple[int, int]], out: Collector) -> str | None:
    sheet = book.sheets[SHEET_INFO]
    r, c = cells["period"]
    text = text_at(sheet, r, c)
    code = resolver(plan).period(text) if text else None
    if code is None and text:
        out.add("period_unknown", SHEET_INFO, r, c, value=text, plan=plan.plan_id,
                example=f"{plan.periods[0].code}, {plan.periods[0].name_vi}/{plan.year}")
    elif code is None:
        out.add("value_missing", SHEET_INFO, r, c, label="Kỳ báo cáo")
    return code


def _nil(book: RawWorkbook, cells: dict[str, tuple[int, int]], out: Collector) -> bool:
    if "is_nil" not in cells:
        return False
    r, c = cells["is_nil"]
    text = text_at(book.sheets[SHEET_INFO], r, c)
    if fold(text) in YES:
        return True
    if fold(text) not in NO:
        out.add("nil_invalid", SHEET_INFO, r, c, value=text)
    return False


def _report_on(plan: Plan, book: RawWorkbook, cells: dict[str, tuple[int, int]], out: Collector) -> date | None:
    if "report_on" not in cells:
        return None
    r, c = cells["report_on"]
    day = parsed(book.sheets[SHEET_INFO], r, c, parse_date, out, year=plan.year)
    latest = plan.ends_on + timedelta(days=LATE_REPORT_GRACE_DAYS)
    if day is not None and not (plan.starts_on <= day <= latest):
        out.add("date_outside_year", SHEET_INFO, r, c, value=day.strftime("%d/%m/%Y"), year=plan.year)
        return None
    return day


def _identity(plan: Plan, book: RawWorkbook, cells: dict[str, tuple[int, int]], found: tuple[str, str],
              out: Collector) -> bool:
    """A template carries its own unit and period (hidden sheet): ThongTin must say the same."""
    ok = True
    for key, label, typed, cell in (("unit_code", "Mã đơn vị", found[0], "unit_code"),
                                    ("period_code", "Kỳ báo cáo", found[1], "period")):
        made_for = book.meta.get(key, "")
        if made_for and typed != made_for:
            out.add("identity_mismatch", SHEET_INFO, *cells[cell], label=label, typed=typed, template=made_for,
                    name=_name(plan, key, made_for))
            ok = False
    return ok


def _name(plan: Plan, key: str, code: str) -> str:
    if key == "unit_code" and code in plan.unit_by_code:
        return plan.unit_by_code[code].name_vi
    if key == "period_code" and code in plan.period_by_code:
        return f"{plan.period_by_code[code].name_vi}/{plan.year}"
    return code


def declared(book: RawWorkbook, plans: dict[str, Plan], default: str) -> tuple[str | None, str | None]:
    """The unit and period a file declares (resolved codes where possible, else as typed), for rejected files."""
    sheet = book.sheets.get(SHEET_INFO)
    if sheet is None:
        return book.meta.get("unit_code") or None, book.meta.get("period_code") or None
    cells = find_labels(sheet, INFO_LABELS)
    typed = [text_at(sheet, *cells[k]) if k in cells else "" for k in ("unit_code", "unit_name", "period")]
    plan = choose_plan(plans, default, book.meta, (typed[0], typed[1], typed[2]))
    res = resolver(plan)
    unit = res.unit(typed[0]) or res.unit(typed[1]) or typed[0] or typed[1] or book.meta.get("unit_code")
    period = res.period(typed[2]) or typed[2] or book.meta.get("period_code")
    return (unit or "")[:MAX_DECLARED] or None, (period or "")[:MAX_DECLARED] or None


def _required_labels(cells: dict[str, tuple[int, int]], out: Collector) -> bool:
    missing = [lb for lb in INFO_LABELS if lb.required and lb.key not in cells]
    for label in missing:
        out.add("label_missing", SHEET_INFO, label=label.text)
    return not missing


def validate_info(book: RawWorkbook, plans: dict[str, Plan], default: str, out: Collector) -> Info | None:
    sheet = book.sheets[SHEET_INFO]
    cells = find_labels(sheet, INFO_LABELS)
    if not _required_labels(cells, out):
        return None
    typed = tuple(text_at(sheet, *cells[k]) if k in cells else "" for k in ("unit_code", "unit_name", "period"))
    if book.meta.get("plan_id") and book.meta["plan_id"] not in plans:
        out.add("plan_unknown", value=book.meta["plan_id"])
        return None
    plan = choose_plan(plans, default, book.meta, (typed[0], typed[1], typed[2]))
    unit, period = _unit(plan, book, cells, out), _period(plan, book, cells, out)
    report_on, is_nil = _report_on(plan, book, cells, out), _nil(book, cells, out)
    if unit is None or period is None or not _identity(plan, book, cells, (unit, period), out):
        return None
    p = plan.period_by_code[period]
    if not plan.unit_by_code[unit].valid_during(p.starts_on, p.ends_on):
        out.add("unit_not_valid", SHEET_INFO, *cells["unit_code"], unit=unit, period=period)
        return None
    return Info(plan, unit, period, report_on, is_nil,
                text_at(sheet, *cells["prepared_by"]) if "prepared_by" in cells else "",
                text_at(sheet, *cells["phone"]) if "phone" in cells else "",
                book.meta.get("template_version", ""), cells.get("is_nil"))
