"""Validate the KinhPhi sheet (budget by source, đồng) and the VuViec sheet (case counts)."""

from __future__ import annotations

from etl.contract import BUDGET_COLUMNS, CASE_COLUMNS, SHEET_BUDGET, SHEET_CASES
from etl.extract.raw import RawSheet
from etl.report import BudgetRow, CaseRow
from etl.text import fold
from etl.validate.cells import parse_amount
from etl.validate.info import Info
from etl.validate.sheets import Collector, text_at
from etl.validate.tables import counts, not_above, table_rows, text

AMOUNTS = ("estimate", "spent", "expected", "settlement")
CASE_COUNTS = ("count", "women", "children")


def _code(sheet: RawSheet, r: int, col: int, codes: list[str], kind: str, out: Collector) -> str | None:
    typed = text_at(sheet, r, col)
    code = next((c for c in codes if fold(c) == fold(typed)), None)
    if code is None:
        out.add(f"{kind}_unknown", sheet.name, r, col, value=typed, allowed=", ".join(codes))
    return code


def _once(rows: list[tuple[str, int, int]], sheet: str, out: Collector) -> set[int]:
    """Row numbers (0-based) of codes met a second time, each reported."""
    first: dict[str, int] = {}
    again = set()
    for code, r, col in rows:
        if code in first:
            out.add("code_duplicate", sheet, r, col, value=code, first=first[code] + 1)
            again.add(r)
        first.setdefault(code, r)
    return again


def _budget_row(info: Info, sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> BudgetRow | None:
    assert info.plan.budget is not None
    code = _code(sheet, r, cols["source_code"], [s.code for s in info.plan.budget.sources], "source", out)
    found, usable = counts(sheet, r, cols, AMOUNTS, out, parse_amount)
    note = text(sheet, r, cols, "note", out)
    spent, expected = found["spent"], found["expected"]
    if spent is not None and expected is not None and spent > expected:
        out.add("budget_spent_gt_expected", SHEET_BUDGET, r, cols["spent"], spent=spent, expected=expected)
        usable = False
    if found["settlement"] is not None and info.period_code != info.plan.periods[-1].code:
        out.add("budget_settlement_early", SHEET_BUDGET, r, cols["settlement"], period=info.plan.periods[-1].name_vi)
        usable = False
    if code is None or note is None or not usable:
        return None
    return BudgetRow(code, found["estimate"], found["spent"], found["expected"], found["settlement"], note, r + 1)


def validate_budget(info: Info, sheet: RawSheet, out: Collector) -> list[BudgetRow]:
    if info.plan.budget is None:
        return []
    found = [(r, cols, _budget_row(info, sheet, r, cols, out))
             for r, cols in table_rows(sheet, BUDGET_COLUMNS, out, AMOUNTS)]
    again = _once([(row.source_code, r, cols["source_code"]) for r, cols, row in found if row], SHEET_BUDGET, out)
    return [row for r, _, row in found if row is not None and r not in again]


def _case_row(info: Info, sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> CaseRow | None:
    assert info.plan.cases is not None
    code = _code(sheet, r, cols["measure_code"], [m.code for m in info.plan.cases.measures], "case", out)
    found, usable = counts(sheet, r, cols, CASE_COUNTS, out)
    parts = {"women": found["women"], "children": found["children"]}
    usable = not_above(sheet, r, cols, ("count", found["count"]), parts, out) and usable
    if found["count"] is None and usable:
        out.add("value_missing", SHEET_CASES, r, cols["count"], label="Số lượng")
        usable = False
    note = text(sheet, r, cols, "note", out)
    if code is None or note is None or not usable or found["count"] is None:
        return None
    return CaseRow(code, found["count"], found["women"], found["children"], note, r + 1)


def validate_cases(info: Info, sheet: RawSheet, out: Collector) -> list[CaseRow]:
    if info.plan.cases is None:
        return []
    found = [(r, cols, _case_row(info, sheet, r, cols, out))
             for r, cols in table_rows(sheet, CASE_COLUMNS, out, CASE_COUNTS)]
    again = _once([(row.measure_code, r, cols["measure_code"]) for r, cols, row in found if row], SHEET_CASES, out)
    return [row for r, _, row in found if row is not None and r not in again]
