"""Finding labels and header rows in a sheet, and reading cells with their problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from etl.contract import Label
from etl.extract.legacy_text import Encoding, to_unicode
from etl.extract.raw import RawSheet
from etl.problems import Problem
from etl.text import clean, fold
from etl.validate.cells import CellError, column_letter, is_blank

HEADER_SCAN_ROWS = 30
MAX_KEPT_TEXT = 200  # cell texts up to this long are converted once per process
MAX_QUOTED = 200  # a problem quotes at most this much of a cell: a 10,000-character cell is named, not repeated
T = TypeVar("T")


class Collector:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, kind: str, /, sheet: str | None = None, row: int | None = None, col: int | None = None,
            **params: object) -> None:
        value = params.get("value")
        if isinstance(value, str) and len(value) > MAX_QUOTED:
            params["value"] = value[:MAX_QUOTED] + "…"
        self.problems.append(Problem(
            kind, sheet, None if row is None else row + 1,
            None if col is None else column_letter(col), params))


Spellings = tuple[tuple[Label, tuple[str, ...]], ...]


@lru_cache(maxsize=64)
def _spellings(labels: tuple[Label, ...]) -> Spellings:
    """Each label with its spellings folded, its own first (profiled: folding them again for every cell
    was a tenth of a file's validation)."""
    return tuple((lb, tuple(fold(text) for text in (lb.text, *lb.aliases))) for lb in labels)


def _key_matches(wants: tuple[str, ...], key: str) -> bool:
    if not key:
        return False
    for want in wants:  # noqa: SIM110 - a loop: any() over a generator costs more, called for every cell
        if key == want or (len(want) >= 5 and key.startswith(want)):
            return True
    return False


def _map_header(row: list[object], labels: tuple[Label, ...]) -> dict[str, int]:
    keys = [(col, fold(cell)) for col, cell in enumerate(row) if cell != ""]
    spellings = _spellings(labels)
    found: dict[str, int] = {}
    for label, wants in spellings:  # exact spellings first, so 'Nữ' never takes 'Trong đó nữ'
        for col, key in keys:
            if key == wants[0] and col not in found.values():
                found[label.key] = col
                break
    for label, wants in spellings:
        if label.key not in found:
            for col, key in keys:
                if col not in found.values() and _key_matches(wants, key):
                    found[label.key] = col
                    break
    return found


def find_header(sheet: RawSheet, labels: tuple[Label, ...], out: Collector) -> tuple[int, dict[str, int]] | None:
    """The first row holding every required label, and the column of each label found."""
    required = [lb for lb in labels if lb.required]
    best: dict[str, int] = {}
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if len(row) - row.count("") < len(required):
            continue  # title rows and blank rows cannot hold the header
        found = _map_header(row, labels)
        if all(lb.key in found for lb in required):
            return r, found
        if len(found) > len(best):
            best = found
    missing = ", ".join(f"'{lb.text}'" for lb in required if lb.key not in best)
    out.add("header_missing", sheet.name, labels=missing)
    return None


def find_labels(sheet: RawSheet, labels: tuple[Label, ...]) -> dict[str, tuple[int, int]]:
    """Label key -> (row, column) of its value: the cell right of the label."""
    spellings = _spellings(labels)
    found: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(sheet.rows):
        for c, cell in enumerate(row[:4]):
            if cell == "":
                continue
            key = fold(cell)
            label = next((lb for lb, wants in spellings if lb.key not in found and _key_matches(wants, key)), None)
            if label is not None:
                found[label.key] = (r, c + 1)
                break
    return found


FOOTER_STARTS = ("nguoilap", "nguoibaocao", "kyghiro", "kytenghiro", "thutruong", "xacnhan", "noinhan", "lanhdao",
                 "tm", "ktchutich", "chutich", "truongphong", "giamdoc", "ghichu", "luuy")
_SIGNED_DATE = re.compile(r"ngay\d{1,2}thang\d{1,2}nam\d{4}")


def footer_row(sheet: RawSheet, r: int) -> bool:
    """A signature block under a table ('Người lập biểu', 'Gò Vấp, ngày … tháng … năm …'): the table ends."""
    cells = [c for c in sheet.rows[r] if c != ""]
    if not cells or not all(isinstance(c, str) for c in cells):
        return False
    if fold(cells[0]).startswith(FOOTER_STARTS):
        return True
    return _SIGNED_DATE.search(fold(" ".join(str(c) for c in cells))) is not None


def blank_row(sheet: RawSheet, r: int) -> bool:
    """No value in any cell, no uncomputed formula and no error value (cheap: counted in C)."""
    row = sheet.rows[r]
    return (row.count("") == len(row) and not any(rc[0] == r for rc in sheet.formulas)
            and not any(rc[0] == r for rc in sheet.errors))


def empty_cell(sheet: RawSheet, r: int, c: int | None) -> bool:
    """Blank, and not a formula or error value that reads blank."""
    return is_blank(raw(sheet, r, c)) and not sheet.marked(r, c)


def raw(sheet: RawSheet, r: int, c: int | None) -> object:
    if c is None or r >= len(sheet.rows) or c >= len(sheet.rows[r]):
        return None
    return sheet.rows[r][c]


def text_at(sheet: RawSheet, r: int, c: int | None) -> str:
    """Cell text as people mean it; TCVN3/VNI mojibake is converted to Unicode and counted on the sheet."""
    value = raw(sheet, r, c)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if type(value) is str and len(value) <= MAX_KEPT_TEXT:
        text, encoding = _unicode_text(value)
    else:
        text, encoding = to_unicode(clean(value))
    if encoding != "unicode":
        sheet.legacy[encoding] = sheet.legacy.get(encoding, 0) + 1
    return text


@lru_cache(maxsize=16384)
def _unicode_text(value: str) -> tuple[str, Encoding]:
    """to_unicode(clean(value)) of a short text, kept: the same names, codes and choices come back in every
    file (profiled: a seventh of a file's validation, Vietnamese text failing its cp1252 test each time)."""
    return to_unicode(clean(value))


def parsed(sheet: RawSheet, r: int, c: int | None, parse: Callable[[object], T | None],
           out: Collector, **params: object) -> T | None:
    """A parsed cell value; a problem (and None) when it is unusable, an uncomputed formula or an error value."""
    if c is None:
        return None
    if (r, c) in sheet.formulas:
        out.add("formula_no_value", sheet.name, r, c)
        return None
    if (r, c) in sheet.errors:
        out.add("cell_error", sheet.name, r, c, value=sheet.errors[(r, c)])
        return None
    try:
        return parse(raw(sheet, r, c))
    except CellError as exc:
        out.add(exc.code, sheet.name, r, c, value=clean(exc.value), **params)
        return None
