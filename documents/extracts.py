"""Extract files people open in Excel: CSV with BOM and styled .xlsx, formula injection neutralised."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
VIEWS = ("v_target_progress_unit", "v_target_progress", "v_participation", "v_reporting_status", "v_reporting_rates")
PCT_SUFFIXES = ("_pct", "_pct_low", "_pct_high", "_pp", "mean_days_late")
QUARTERLY = "v_participation"  # the one view by calendar quarter: a period filter picks its quarter
# The views of the plan's sections III, IV and VI: a query file each under the same filters (the answer the
# portable queries are checked against), read by their own pages rather than offered on the Data page.
SECTION_VIEWS = ("v_task_status", "v_budget", "v_cases")


def view_query(view: str) -> str:
    """The query file that reads a documented view under filters: the Data page, `python -m etl
    export` and the view benchmark all run this one file (a section view's file serves the checks)."""
    if view not in VIEWS + SECTION_VIEWS:
        raise ValueError(f"not a documented view: {view!r}")
    return f"extracts/{view}"


def view_params(view: str, as_of: datetime, *, plan_id: str | None = None, period: str | None = None,
                quarters: Sequence[str] = (), unit_types: Sequence[str] = (),
                units: Sequence[str] = ()) -> dict[str, object]:
    """The parameters of view_query(view); every filter optional (None or empty = all)."""
    params: dict[str, object] = {"as_of": as_of, "plan_id": plan_id, "period": period,
                                 "unit_types": list(unit_types), "units": list(units)}
    if view == QUARTERLY:
        params["quarters"] = list(quarters)
    return params


def extract_name(what: str, period: str, day: date, ext: str, scope: str = "") -> str:
    """File names people can sort and recognise: view, period, the units it covers and date, safe on every
    system (two extracts under different unit filters never share a name)."""
    parts = [what, period, scope, f"{day:%Y-%m-%d}"]
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", "_".join(p for p in parts if p)).strip("-")
    return f"{safe}.{ext}"


def filter_tag(unit_types: Sequence[str], units: Sequence[str], shown: int = 3) -> str:
    """The unit filter in a file name: the unit codes (the first few, then how many more), else the unit
    types, else nothing (every unit)."""
    chosen = list(units) or list(unit_types)
    if len(chosen) <= shown:
        return "-".join(chosen)
    return "-".join(chosen[:shown]) + f"-and-{len(chosen) - shown}-more"


def rounded(df: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """Percentages and percentage points to 2 decimals for files people open; counts (numerators and
    denominators) are integers and stay exact."""
    out = df.copy()
    for col in out.columns:
        if str(col).endswith(PCT_SUFFIXES) and pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(digits)
    return out


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def suppress_small(df: pd.DataFrame, below: int) -> pd.DataFrame:
    """Small-number protection for extracts: ethnic-minority counts from 1 to below − 1 are left blank,
    so a handful of people cannot be singled out; 0 and larger counts stay. below ≤ 1 = off."""
    cols = [c for c in df.columns if "ethnic_minority" in str(c) and not str(c).endswith("_pct")
            and pd.api.types.is_numeric_dtype(df[c])]
    if below <= 1 or not cols:
        return df
    out = df.copy()
    for col in cols:
        out[col] = out[col].astype("Int64").mask((out[col] > 0) & (out[col] < below))
    return out


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell, and every column name, that a spreadsheet would run as a formula gets neutralised."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out.rename(columns=lambda c: str(neutralise(str(c))))


def local_times(df: pd.DataFrame, tz: str) -> pd.DataFrame:
    """Timestamps shown in the plan's time zone (the warehouse returns UTC)."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_convert(tz)
    return out


def _plain_times(df: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: timestamps as ISO text with their offset; midnight-only dates as dates."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].map(lambda v: None if pd.isna(v) else v.isoformat()).astype(object)
        elif pd.api.types.is_datetime64_dtype(out[col]) and _dates_only(out[col]):
            out[col] = out[col].map(lambda v: None if pd.isna(v) else v.date()).astype(object)
    return out


def _dates_only(values: pd.Series) -> bool:
    known = values.dropna()
    return bool((known == known.dt.normalize()).all())


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel shows Vietnamese correctly; CRLF rows (RFC 4180), so a cell holding a
    carriage return is quoted instead of splitting its row."""
    return _safe(_plain_times(rounded(df))).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """Styled header, frozen first row, autofilter; columns as wide as their header and first values."""
    from openpyxl import Workbook  # the writer loads on the first download only (12 MB the dashboard
    from openpyxl.styles import Font, PatternFill  # need not hold while nobody downloads)
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = re.sub(r"[\\/?*:\[\]]", "-", sheet)[:31] or "data"
    safe = _safe(_plain_times(rounded(df)))
    ws.append(list(safe.columns))
    for row in safe.itertuples(index=False):
        ws.append([None if _missing(v) else _plain(v) for v in row])
    for n, col in enumerate(safe.columns, start=1):
        cell = ws.cell(1, n)
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E78")
        ws.column_dimensions[get_column_letter(n)].width = _width(col, safe[col])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _width(name: str, values: pd.Series) -> int:
    longest = max((len(str(v)) for v in values.head(200) if not _missing(v)), default=0)
    return max(10, min(50, max(len(name), longest) + 2))


def _plain(value: object) -> object:
    """numpy scalars as Python values, so a nullable boolean column stays TRUE/FALSE in Excel."""
    return value.item() if isinstance(value, np.generic) else value


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
