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
K = TypeVar("K")
V = TypeVar("V")


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


MAX_KEPT = 4096  # folded texts and header rows kept per label tuple; the cache starts afresh beyond that
Row = tuple[tuple[int, str], ...]  # (column, folded text) of a row's non-blank cells


def _key_matches(wants: tuple[str, ...], key: str) -> bool:
    if not key:
        return False
    for want in wants:  # noqa: SIM110 - a loop: any() over a generator costs more, called for every cell
        if key == want or (len(want) >= 5 and key.startswith(want)):
            return True
    return False


class _Labels:
    """A tuple of labels with their spellings folded once, and what each folded text and header row
    matched (profiled: matching afresh every cell of every file was a quarter of validation)."""

    def __init__(self, labels: tuple[Label, ...]) -> None:
        self.labels = labels
        self.wants = tuple(tuple(fold(text) for text in (lb.text, *lb.aliases)) for lb in labels)
        self.n_keys = len({lb.key for lb in labels})
        self._texts: dict[str, tuple[int, ...]] = {}
        self._rows: dict[Row, dict[str, int]] = {}

    def matching(self, key: str) -> tuple[int, ...]:
        """Which labels (their indexes, in order) the folded text is a spelling of."""
        hit = self._texts.get(key)
        if hit is None:
            hit = tuple(i for i, wants in enumerate(self.wants) if _key_matches(wants, key))
            if len(key) <= MAX_KEPT_TEXT:
                _keep(self._texts, key, hit)
        return hit

    def header(self, keys: Row) -> dict[str, int]:
        """Label key -> the column holding it: exact spellings first, so 'Nữ' never takes 'Trong đó nữ'."""
        hit = self._rows.get(keys)
        if hit is None:
            hit = self._map_header(keys)
            if sum(len(key) for _, key in keys) <= MAX_KEPT_TEXT * 10:
                _keep(self._rows, keys, hit)
        return dict(hit)

    def _map_header(self, keys: Row) -> dict[str, int]:
        found: dict[str, int] = {}
        for label, wants in zip(self.labels, self.wants, strict=True):
            for col, key in keys:
                if key == wants[0] and col not in found.values():
                    found[label.key] = col
                    break
        for i, label in enumerate(self.labels):
            if label.key not in found:
                for col, key in keys:
                    if col not in found.values() and i in self.matching(key):
                        found[label.key] = col
                        break
        return found


def _keep(memo: dict[K, V], key: K, value: V) -> None:
    if len(memo) >= MAX_KEPT:
        memo.clear()
    memo[key] = value


_LABELS: dict[int, tuple[tuple[Label, ...], _Labels]] = {}


def _labels(labels: tuple[Label, ...]) -> _Labels:
    """The matcher of a label tuple (kept alive with it; looked up by identity, as hashing labels costs more)."""
    entry = _LABELS.get(id(labels))
    if entry is None or entry[0] is not labels:
        _keep(_LABELS, id(labels), (labels, _Labels(labels)))
        entry = _LABELS[id(labels)]
    return entry[1]


def find_header(sheet: RawSheet, labels: tuple[Label, ...], out: Collector) -> tuple[int, dict[str, int]] | None:
    """The first row holding every required label, and the column of each label found."""
    required = [lb for lb in labels if lb.required]
    matcher = _labels(labels)
    best: dict[str, int] = {}
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if len(row) - row.count("") < len(required):
            continue  # title rows and blank rows cannot hold the header
        found = matcher.header(tuple((col, fold(cell)) for col, cell in enumerate(row) if cell != ""))
        if all(lb.key in found for lb in required):
            return r, found
        if len(found) > len(best):
            best = found
    missing = ", ".join(f"'{lb.text}'" for lb in required if lb.key not in best)
    out.add("header_missing", sheet.name, labels=missing)
    return None


def find_labels(sheet: RawSheet, labels: tuple[Label, ...]) -> dict[str, tuple[int, int]]:
    """Label key -> (row, column) of its value: the cell right of the label."""
    matcher = _labels(labels)
    found: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(sheet.rows):
        if len(found) == matcher.n_keys:
            break  # every label placed: no later cell can change the answer
        for c, cell in enumerate(row[:4]):
            if cell == "":
                continue
            key = next((k for i in matcher.matching(fold(cell)) if (k := labels[i].key) not in found), None)
            if key is not None:
                found[key] = (r, c + 1)
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
    """The cell's value; None past the sheet's rows or a row's cells (rows and columns count from 0)."""
    if c is None:
        return None
    try:
        return sheet.rows[r][c]
    except IndexError:
        return None


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
    if sheet.formulas and (r, c) in sheet.formulas:  # most sheets have none: no key is built
        out.add("formula_no_value", sheet.name, r, c)
        return None
    if sheet.errors and (r, c) in sheet.errors:
        out.add("cell_error", sheet.name, r, c, value=sheet.errors[(r, c)])
        return None
    try:
        return parse(raw(sheet, r, c))
    except CellError as exc:
        out.add(exc.code, sheet.name, r, c, value=clean(exc.value), **params)
        return None
