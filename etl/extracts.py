"""Extract files people open in Excel: CSV with BOM and styled .xlsx, formula injection neutralised."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
VIEWS = ("v_target_progress_unit", "v_target_progress", "v_participation", "v_reporting_status", "v_reporting_rates")


def extract_name(what: str, period: str, day: date, ext: str) -> str:
    """File names people can sort and recognise: view, period and date, safe on every system."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{what}_{period}_{day:%Y-%m-%d}").strip("-")
    return f"{safe}.{ext}"


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def _plain_times(df: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: timestamps as ISO text with their offset."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].map(lambda v: None if pd.isna(v) else v.isoformat())
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel shows Vietnamese correctly."""
    return _safe(_plain_times(df)).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """Styled header, frozen first row, autofilter."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append([str(c) for c in df.columns])
    for row in _safe(_plain_times(df)).itertuples(index=False):
        ws.append([None if _missing(v) else v for v in row])
    for n, col in enumerate(df.columns, start=1):
        cell = ws.cell(1, n)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E78")
        ws.column_dimensions[get_column_letter(n)].width = max(10, min(40, len(str(col)) + 4))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
