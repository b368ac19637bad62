"""Validate the ChiTieu sheet: one row per indicator, counts consistent."""

from __future__ import annotations

from etl.contract import SHEET_VALUES, VALUE_COLUMNS
from etl.extract.raw import RawSheet
from etl.report import ValueRow
from etl.validate.cells import is_blank, parse_count
from etl.validate.info import Info
from etl.validate.resolve import resolver
from etl.validate.sheets import Collector, blank_row, empty_cell, find_header, footer_row, parsed, raw, text_at

NUMBER_KEYS = ("denominator", "numerator", "women", "ethnic_minority")


def _counts(sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> tuple[dict[str, int | None], bool]:
    """The usable counts (None where blank or already reported unusable), and whether all were usable."""
    counts: dict[str, int | None] = {}
    usable = True
    for key in NUMBER_KEYS:
        before = len(out.problems)
        value = parsed(sheet, r, cols.get(key), parse_count, out)
        if value is not None and value < 0:
            out.add("negative", SHEET_VALUES, r, cols[key], value=value)
            value = None
        usable = usable and len(out.problems) == before
        counts[key] = value
    return counts, usable


def _consistent(r: int, cols: dict[str, int], c: dict[str, int | None], out: Collector, usable: bool) -> bool:
    """Cross-checks of the usable counts; 'missing' is said only when no cell was unusable."""
    num, den = c["numerator"], c["denominator"]
    if not usable:
        pass
    elif num is None and den is None and (c["women"] is not None or c["ethnic_minority"] is not None):
        # 'of whom' counts without the counts they belong to would otherwise vanish silently
        out.add("totals_missing", SHEET_VALUES, r, cols["denominator"])
    elif num is None and den is not None and (c["women"] is not None or c["ethnic_minority"] is not None):
        out.add("numerator_missing", SHEET_VALUES, r, cols["numerator"])
    elif den is None and num is not None:
        out.add("denominator_missing", SHEET_VALUES, r, cols["denominator"])
    if num is None or den is None:
        return False
    ok = num <= den
    if not ok:
        out.add("numerator_gt_denominator", SHEET_VALUES, r, cols["numerator"], numerator=num, denominator=den)
    for key, code, name in (("women", "women_gt_reached", "women"),
                            ("ethnic_minority", "minority_gt_reached", "minority")):
        value = c[key]
        if value is not None and value > num:
            out.add(code, SHEET_VALUES, r, cols[key], reached=num, **{name: value})
            ok = False
    return ok


def _indicator(info: Info, sheet: RawSheet, r: int, col: int, out: Collector) -> str | None:
    text = text_at(sheet, r, col)
    res = resolver(info.plan)
    code = res.indicator(text)
    allowed, assigned = res.allowed_indicators(info.unit_code)
    if code is None:
        out.add("indicator_unknown", SHEET_VALUES, r, col, value=text, allowed=allowed)
    elif code not in assigned:
        out.add("indicator_not_assigned", SHEET_VALUES, r, col, unit=info.unit_code, indicator=code, allowed=allowed)
        return None
    return code


def _blank_row(sheet: RawSheet, r: int, cols: dict[str, int]) -> bool:
    if blank_row(sheet, r):
        return True
    keys = ("indicator_code", *NUMBER_KEYS)
    return all(empty_cell(sheet, r, cols.get(k)) for k in keys)


def _row(info: Info, sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> ValueRow | None:
    """One indicator row; a row holding only the pre-filled total is not reported (carried forward)."""
    counts, usable = _counts(sheet, r, cols, out)
    if is_blank(raw(sheet, r, cols["indicator_code"])):
        if any(v is not None for v in counts.values()):
            out.add("indicator_unknown", SHEET_VALUES, r, cols["indicator_code"], value="",
                    allowed=", ".join(i.code for i in info.plan.indicators_for(info.unit_code)))
        return None
    code = _indicator(info, sheet, r, cols["indicator_code"], out)
    consistent = _consistent(r, cols, counts, out, usable)  # checked even when a cell failed: list every problem
    if not usable or code is None or not consistent:
        return None
    return ValueRow(code, counts["numerator"] or 0, counts["denominator"] or 0, counts["women"],
                    counts["ethnic_minority"], text_at(sheet, r, cols.get("note")), r + 1)


def validate_values(info: Info, sheet: RawSheet, out: Collector) -> list[ValueRow]:
    header = find_header(sheet, VALUE_COLUMNS, out)
    if header is None:
        return []
    top, cols = header
    rows: list[ValueRow] = []
    seen: dict[str, int] = {}
    for r in range(top + 1, len(sheet.rows)):
        if footer_row(sheet, r):
            break
        if _blank_row(sheet, r, cols):
            continue
        row = _row(info, sheet, r, cols, out)
        if row is None:
            continue
        if row.indicator_code in seen:
            out.add("indicator_duplicate", SHEET_VALUES, r, cols["indicator_code"],
                    indicator=row.indicator_code, first=seen[row.indicator_code])
            continue
        seen[row.indicator_code] = r + 1
        rows.append(row)
    return rows
