"""Shared reading of the newer table sheets (NhiemVu, KinhPhi, VuViec): header, rows, counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from etl.contract import Label
from etl.extract.raw import RawSheet
from etl.validate.cells import parse_count
from etl.validate.sheets import Collector, blank_row, empty_cell, find_header, footer_row, parsed, text_at

MAX_TEXT = 2000


def table_rows(sheet: RawSheet, labels: tuple[Label, ...], out: Collector,
               filled: tuple[str, ...]) -> Iterator[tuple[int, dict[str, int]]]:
    """Each row under the header with something in one of the filled columns (pre-filled ones aside)."""
    header = find_header(sheet, labels, out)
    if header is None:
        return
    top, cols = header
    for r in range(top + 1, len(sheet.rows)):
        if footer_row(sheet, r):
            break
        if blank_row(sheet, r) or all(empty_cell(sheet, r, cols.get(k)) for k in filled):
            continue
        yield r, cols


def counts(sheet: RawSheet, r: int, cols: dict[str, int], keys: tuple[str, ...], out: Collector,
           parse: Callable[[object], int | None] = parse_count) -> tuple[dict[str, int | None], bool]:
    """The numbers of a row (None where blank), and whether every cell was usable and not negative."""
    found: dict[str, int | None] = {}
    usable = True
    for key in keys:
        before = len(out.problems)
        value = parsed(sheet, r, cols.get(key), parse, out)
        if value is not None and value < 0:
            out.add("negative", sheet.name, r, cols[key], value=value)
            value = None
        usable = usable and len(out.problems) == before
        found[key] = value
    return found, usable


def not_above(sheet: RawSheet, r: int, cols: dict[str, int], total: tuple[str, int | None],
              parts: dict[str, int | None], out: Collector) -> bool:
    """Each 'of whom' count at most the total it belongs to."""
    ok = True
    for key, value in parts.items():
        if value is not None and total[1] is not None and value > total[1]:
            out.add("part_gt_total", sheet.name, r, cols[key], value=value, total=total[1])
            ok = False
    return ok


def text(sheet: RawSheet, r: int, cols: dict[str, int], key: str, out: Collector) -> str | None:
    """A free-text cell ('' when blank); None (and a problem) when it is too long to keep."""
    value = text_at(sheet, r, cols.get(key))
    if len(value) > MAX_TEXT:
        out.add("text_too_long", sheet.name, r, cols[key], length=len(value), limit=MAX_TEXT)
        return None
    return value


def texts(sheet: RawSheet, r: int, cols: dict[str, int], keys: tuple[str, ...],
          out: Collector) -> dict[str, str] | None:
    found = {k: text(sheet, r, cols, k, out) for k in keys}
    return None if any(v is None for v in found.values()) else {k: v or "" for k, v in found.items()}
