"""Parsing cell values typed in real life: numbers as text, dates in three shapes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_WORDS = re.compile(r"[^\d.,\s-]+")
_INNER_WORDS = re.compile(r"\d[^\d.,\s-]+\d")  # '12a3', '1e5': not a count with a word around it
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EXCEL_EPOCH = date(1899, 12, 30)
MAX_COUNT = 1_000_000_000  # no head-count or print run comes near; beyond it sums could overflow the warehouse


class CellError(ValueError):
    """A cell whose value cannot be used; args[0] is the problem code."""

    def __init__(self, code: str, value: object) -> None:
        super().__init__(code)
        self.code = code
        self.value = value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _from_float(value: float, raw: object) -> int:
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError("not_a_number", raw)
    if not value.is_integer():
        raise CellError("not_whole", raw)
    return int(value)


_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
_ACCOUNTING_NEGATIVE = re.compile(r"^\(\s*([\d.,\s]+)\s*\)$")  # (3) is how accountants write -3


def _from_text(text: str, raw: object) -> int:
    text = text.translate(_MINUS).strip()
    if (m := _ACCOUNTING_NEGATIVE.match(text)) is not None:
        text = f"-{m.group(1)}"
    if _INNER_WORDS.search(text):
        raise CellError("not_a_number", raw)
    stripped = _WORDS.sub("", text).strip()
    negative = stripped.startswith("-")
    digits = stripped.lstrip("-").strip()
    if _PLAIN.match(digits) or _THOUSANDS.match(digits):
        plain = re.sub(r"[.,\s]", "", digits)
        if len(plain.lstrip("0")) > len(str(MAX_COUNT)):  # int() refuses thousands of digits (ValueError)
            raise CellError("count_too_large", raw)
        number = int(plain)
    elif _DECIMAL.match(digits):
        raise CellError("not_whole", raw)
    else:
        raise CellError("not_a_number", raw)
    return -number if negative else number


def parse_count(value: object) -> int | None:
    """A head-count: 12, 12.0, '1.234', '12 người'; None when blank; negatives returned as is."""
    if type(value) is float and value.is_integer() and -MAX_COUNT <= value <= MAX_COUNT:
        return int(value)  # the usual cell, a whole number the reader gives as a float: the checks below pass
    if is_blank(value):
        return None
    number = _count(value)
    if abs(number) > MAX_COUNT:
        raise CellError("count_too_large", value)
    return number


MAX_AMOUNT = 10**15  # đồng: far above any unit's budget, far below the warehouse's bigint


def parse_amount(value: object) -> int | None:
    """An amount of money in đồng: 1.500.000, '1.500.000 đ', 1500000; None when blank."""
    if type(value) is float and value.is_integer() and -MAX_AMOUNT <= value <= MAX_AMOUNT:
        return int(value)  # as in parse_count
    if is_blank(value):
        return None
    try:
        number = _count(value)
    except CellError as exc:
        if exc.code == "count_too_large":
            raise CellError("amount_too_large", value) from exc
        raise
    if abs(number) > MAX_AMOUNT:
        raise CellError("amount_too_large", value)
    return number


def _count(value: object) -> int:
    if isinstance(value, (bool, date, datetime, timedelta)):
        raise CellError("not_a_number", value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _from_float(value, value)
    return _from_text(str(value), value)


def _serial(value: float) -> date:
    if not 1 <= value < 2958466:
        raise CellError("date_invalid", value)
    return EXCEL_EPOCH + timedelta(days=int(value))


def _date_text(text: str) -> date:
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
    elif (m := _YMD.match(text)) is not None:
        year, month, day = (int(g) for g in m.groups())
    elif _PLAIN.match(text) and len(text) >= 5:  # '2024' is a year, not day 2024 of 1900
        return _serial(float(text))
    else:
        raise CellError("date_invalid", text)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError("date_invalid", text) from exc


def parse_date(value: object) -> date | None:
    """A date cell: a real date, 'dd/mm/yyyy' text or an Excel serial; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("date_invalid", value)
    if isinstance(value, (int, float)):
        return _serial(float(value))
    text = str(value).strip()
    try:
        return _date_text(text.split(" ")[0])  # '15/02/2024 00:00:00': the time part is ignored
    except CellError as exc:
        raise CellError("date_invalid", text) from exc  # the problem quotes the whole cell, not its first word


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
