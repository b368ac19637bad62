"""Validate ThongTin's later rows: the report's document, figures' date, head of unit, the unit's own plan,
gender mainstreaming and (wards) the gender officer. All optional; a pair is given whole or not at all."""

from __future__ import annotations

from datetime import date

from etl.contract import INFO_MORE_LABELS, SHEET_INFO
from etl.extract.raw import RawWorkbook
from etl.text import fold
from etl.validate.cells import parse_date
from etl.validate.info import NO, YES, Info
from etl.validate.sheets import Collector, find_labels, parsed, text_at

PAIRS = (("doc_number", "doc_on"), ("own_plan_number", "own_plan_on"))
LABEL = {lb.key: lb.text for lb in INFO_MORE_LABELS}
MAX_FIELD = 200

Cells = dict[str, tuple[int, int]]


def _text(book: RawWorkbook, cells: Cells, key: str, out: Collector) -> str | None:
    if key not in cells:
        return None
    value = text_at(book.sheets[SHEET_INFO], *cells[key])
    if len(value) > MAX_FIELD:
        out.add("text_too_long", SHEET_INFO, *cells[key], length=len(value), limit=MAX_FIELD)
        return None
    return value or None


def _date(info: Info, book: RawWorkbook, cells: Cells, key: str, out: Collector) -> date | None:
    if key not in cells:
        return None
    r, c = cells[key]
    day = parsed(book.sheets[SHEET_INFO], r, c, parse_date, out, year=info.plan.year)
    if day is not None and key == "figures_as_of" and info.report_on is not None and day > info.report_on:
        out.add("as_of_after_report", SHEET_INFO, r, c, value=day.strftime("%d/%m/%Y"),
                report_on=info.report_on.strftime("%d/%m/%Y"))
        return None
    if day is not None and key != "own_plan_on" and day.year not in (info.plan.year, info.plan.year + 1):
        out.add("date_outside_year", SHEET_INFO, r, c, value=day.strftime("%d/%m/%Y"), year=info.plan.year)
        return None
    return day


def _yes_no(book: RawWorkbook, cells: Cells, out: Collector) -> bool | None:
    if "mainstreamed" not in cells:
        return None
    typed = text_at(book.sheets[SHEET_INFO], *cells["mainstreamed"])
    if fold(typed) in YES:
        return True
    if fold(typed) in NO - {""}:
        return False
    if typed:
        out.add("yes_no_invalid", SHEET_INFO, *cells["mainstreamed"], label=LABEL["mainstreamed"], value=typed)
    return None


def _pairs(found: dict[str, object], cells: Cells, out: Collector) -> None:
    for first, second in PAIRS:
        given = [k for k in (first, second) if found.get(k) is not None]
        if len(given) == 1:
            missing = second if given[0] == first else first
            where = cells.get(missing) or cells[given[0]]
            out.add("pair_incomplete", SHEET_INFO, *where, label=LABEL[missing], given=LABEL[given[0]])


def details(info: Info, book: RawWorkbook, out: Collector) -> dict[str, object]:
    """The later ThongTin fields found (absent or blank ones are None)."""
    cells = find_labels(book.sheets[SHEET_INFO], INFO_MORE_LABELS)
    found: dict[str, object] = {k: _text(book, cells, k, out) for k in
                                ("doc_number", "head_of_unit", "own_plan_number", "gender_officer")}
    found.update({k: _date(info, book, cells, k, out) for k in ("doc_on", "figures_as_of", "own_plan_on")})
    found["is_mainstreamed"] = _yes_no(book, cells, out)
    _pairs(found, cells, out)
    return found
