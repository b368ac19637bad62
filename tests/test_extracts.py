"""Extract files people open in Excel: exact CSV bytes, the styled workbook, formula neutralising, file names."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from documents.extracts import extract_name, filter_tag, local_times, neutralise, to_csv_bytes, to_xlsx_bytes

BOM = b"\xef\xbb\xbf"
ATTACKS = ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@x", "\tx", "\rx"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"text": [*ATTACKS, "Phường Gò Vấp"], "n": [-2, -1, 0, 1, 2, 3, 1234],
                         "pct": [-0.5, 0.0, 12.5, 70.0, 100.0, 33.25, 1.0]})


def _sheet(data: bytes) -> Worksheet:
    ws = load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    return ws


@pytest.mark.parametrize(("raw", "safe"), [
    ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
    ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Phường 1", "Phường 1"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise_text(raw: str, safe: str) -> None:
    assert neutralise(raw) == safe


@pytest.mark.parametrize("number", [-2, -1.5, 0, 3])
def test_neutralise_leaves_numbers(number: float) -> None:
    assert neutralise(number) == number


def test_csv_exact_bytes() -> None:
    data = to_csv_bytes(_frame())
    assert data.startswith(BOM)
    assert data == BOM + (
        'text,n,pct\r\n'
        '"\'=HYPERLINK(""http://evil.example"",""x"")",-2,-0.5\r\n'
        "'+1,-1,0.0\r\n"
        "'-2,0,12.5\r\n"
        "'@x,1,70.0\r\n"
        "'\tx,2,100.0\r\n"
        '"\'\rx",3,33.25\r\n'  # a carriage return inside a cell is quoted, so the row stays whole
        "Phường Gò Vấp,1234,1.0\r\n"
    ).encode()


def test_csv_round_trips_vietnamese() -> None:
    df = pd.DataFrame({"Tên đơn vị": ["Phường 1", "Ủy ban MTTQ Việt Nam quận", "Đoàn TNCS Hồ Chí Minh"],
                       "Số người": [1, 2, 3]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig")
    assert list(back.columns) == ["Tên đơn vị", "Số người"]
    assert list(back["Tên đơn vị"]) == ["Phường 1", "Ủy ban MTTQ Việt Nam quận", "Đoàn TNCS Hồ Chí Minh"]
    assert to_csv_bytes(df).decode("utf-8-sig").splitlines()[1] == "Phường 1,1"


def test_csv_column_names_are_neutralised_too() -> None:
    assert to_csv_bytes(pd.DataFrame({"=cmd": [1]})) == BOM + b"'=cmd\r\n1\r\n"


def test_csv_timestamps_as_iso_text_with_offset() -> None:
    at = pd.Series(pd.to_datetime(["2024-03-05 09:30:00+00:00", None], utc=True))
    df = local_times(pd.DataFrame({"received_at": at, "due_on": pd.to_datetime(["2024-03-05", None])}),
                     "Asia/Ho_Chi_Minh")
    assert to_csv_bytes(df) == BOM + b"received_at,due_on\r\n2024-03-05T16:30:00+07:00,2024-03-05\r\n,\r\n"


def test_xlsx_header_freeze_filter_and_values() -> None:
    ws = _sheet(to_xlsx_bytes(_frame(), "v_target_progress"))
    assert ws.title == "v_target_progress"
    assert [c.value for c in ws[1]] == ["text", "n", "pct"]
    for cell in ws[1]:
        assert cell.font.bold
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "001F4E78"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C8"
    assert [ws.cell(r, 1).value for r in range(2, 9)] == [
        '\'=HYPERLINK("http://evil.example","x")', "'+1", "'-2", "'@x", "'\tx", "'\rx", "Phường Gò Vấp"]
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, 9))  # text, never a formula
    assert [ws.cell(r, 2).value for r in range(2, 9)] == [-2, -1, 0, 1, 2, 3, 1234]
    assert ws.cell(2, 2).data_type == "n" and ws.cell(2, 3).value == -0.5


def test_xlsx_timestamps_as_iso_text_dates_as_dates_missing_as_empty() -> None:
    df = pd.DataFrame({
        "received_at": pd.to_datetime(["2024-03-05T16:30:00+07:00", None], utc=True).tz_convert("Asia/Ho_Chi_Minh"),
        "due_on": pd.to_datetime(["2024-03-05", None]),
        "women": pd.array([4, None], dtype="Int64"),
    })
    ws = _sheet(to_xlsx_bytes(df))
    assert ws.cell(2, 1).value == "2024-03-05T16:30:00+07:00"
    assert ws.cell(2, 1).data_type == "s"
    assert ws.cell(2, 2).value == datetime(2024, 3, 5)  # a real date cell
    assert ws.cell(2, 2).is_date
    assert ws.cell(2, 3).value == 4
    assert [ws.cell(3, c).value for c in (1, 2, 3)] == [None, None, None]


def test_xlsx_column_names_neutralised_and_sheet_name_safe() -> None:
    ws = _sheet(to_xlsx_bytes(pd.DataFrame({"@sum": [1]}), "a/b:c"))
    assert ws.cell(1, 1).value == "'@sum"
    assert ws.title == "a-b-c"


def test_extract_name() -> None:
    assert extract_name("v_target_progress_unit", "2024-Q3", date(2024, 9, 30), "csv") == \
        "v_target_progress_unit_2024-Q3_2024-09-30.csv"
    assert extract_name("bao-cao-tong-hop_govap-2024", "2024-H1", date(2024, 6, 30), "xlsx") == \
        "bao-cao-tong-hop_govap-2024_2024-H1_2024-06-30.xlsx"
    assert extract_name("Báo cáo/../x", "2024 Q1", date(2025, 1, 2), "docx") == "B-o-c-o-..-x_2024-Q1_2025-01-02.docx"


def test_extract_name_carries_the_unit_filter() -> None:
    day = date(2024, 9, 30)
    one = extract_name("v_reporting_status", "2024-Q3", day, "csv", filter_tag(["ward"], ["P01", "P03"]))
    other = extract_name("v_reporting_status", "2024-Q3", day, "csv", filter_tag(["ward"], ["P04"]))
    assert one == "v_reporting_status_2024-Q3_P01-P03_2024-09-30.csv" and one != other
    assert filter_tag(["ward", "department"], []) == "ward-department"
    assert filter_tag([], []) == ""
    assert filter_tag([], ["P01", "P03", "P04", "P05", "P06"]) == "P01-P03-P04-and-2-more"
    assert extract_name("x", "2024-Q3", day, "csv", "") == "x_2024-Q3_2024-09-30.csv"


def test_percentages_rounded_counts_exact() -> None:
    df = pd.DataFrame({"numerator": [1383], "denominator": [1570], "achieved_pct": [88.05732484076434],
                       "achieved_pct_low": [80.123456], "gap_pp": [-1.94267515923566]})
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert text == "numerator,denominator,achieved_pct,achieved_pct_low,gap_pp\r\n1383,1570,88.06,80.12,-1.94\r\n"
    ws = _sheet(to_xlsx_bytes(df))
    assert [c.value for c in ws[2]] == [1383, 1570, 88.06, 80.12, -1.94]
