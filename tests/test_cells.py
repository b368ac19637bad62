"""Cell values typed in real life: counts as numbers or text, dates in three shapes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from etl.validate.cells import CellError, column_letter, is_blank, parse_count, parse_date


@pytest.mark.parametrize(("value", "expected"), [
    (12, 12), (12.0, 12), (0, 0), ("12", 12), (" 12 ", 12), ("1.234", 1234), ("1 234", 1234),
    ("1\u00a0234", 1234), ("1.234.567", 1234567), ("12 người", 12), ("1.234 người", 1234), ("Tổng: 45", 45),
    ("-3", -3), (-3, -3), ("0", 0),
])
def test_counts_accepted(value: object, expected: int) -> None:
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "\t"])
def test_blank_count_is_none(value: object) -> None:
    assert is_blank(value)
    assert parse_count(value) is None


@pytest.mark.parametrize(("value", "code"), [
    ("12,5", "not_whole"), ("12.5", "not_whole"), (12.5, "not_whole"), (0.1, "not_whole"),
    ("abc", "not_a_number"), ("mười hai", "not_a_number"), (True, "not_a_number"), (date(2024, 1, 2), "not_a_number"),
    (float("nan"), "not_a_number"), (float("inf"), "not_a_number"), ("12a3", "not_a_number"), ("1e5", "not_a_number"),
    ("1/2", "not_a_number"), ("5-3", "not_a_number"), ("12 (nữ 5)", "not_a_number"),
])
def test_counts_rejected(value: object, code: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_count(value)
    assert caught.value.code == code
    assert caught.value.value is value


EXCEL_15_02_2024 = (date(2024, 2, 15) - date(1899, 12, 30)).days


@pytest.mark.parametrize(("value", "expected"), [
    (date(2024, 2, 15), date(2024, 2, 15)),
    (datetime(2024, 2, 15, 9, 30), date(2024, 2, 15)),
    ("15/02/2024", date(2024, 2, 15)),
    ("5/2/2024", date(2024, 2, 5)),
    ("15-02-2024", date(2024, 2, 15)),
    ("15.02.2024", date(2024, 2, 15)),
    ("15/02/2024 00:00:00", date(2024, 2, 15)),
    ("2024-02-15", date(2024, 2, 15)),
    (EXCEL_15_02_2024, date(2024, 2, 15)),
    (float(EXCEL_15_02_2024), date(2024, 2, 15)),
    (str(EXCEL_15_02_2024), date(2024, 2, 15)),
])
def test_dates_accepted(value: object, expected: date) -> None:
    assert parse_date(value) == expected


def test_excel_serial_known_value() -> None:
    assert EXCEL_15_02_2024 == 45337
    assert parse_date(45292) == date(2024, 1, 1)


@pytest.mark.parametrize("value", ["32/01/2024", "29/02/2023", "15/13/2024", "hôm qua", "15/02/24",
                                   True, 0, -5, 3_000_000, timedelta(hours=3)])
def test_dates_rejected(value: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(value)
    assert caught.value.code == "date_invalid"


def test_blank_date_is_none() -> None:
    assert parse_date(None) is None
    assert parse_date("  ") is None


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"),
                                                (702, "AAA")])
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_invalid_date_quotes_the_whole_cell() -> None:
    with pytest.raises(CellError) as caught:
        parse_date("Người lập biểu")
    assert caught.value.value == "Người lập biểu"
