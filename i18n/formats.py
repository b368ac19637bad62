"""Numbers and dates as each language writes them: 1.234 / 70,5% / 05/03/2024 in Vietnamese."""

from __future__ import annotations

import math
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

from i18n.catalog import Lang

MISSING = "—"


def is_missing(value: object) -> bool:
    """None, NaN, pandas' NA and NaT (DuckDB's NULLs arrive as any of these)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pd = sys.modules.get("pandas")  # not imported here: the loader's start must not wait for pandas
    return pd is not None and (value is pd.NA or value is pd.NaT)


def fmt_int(value: float | int | None, lang: Lang = "vi") -> str:
    if is_missing(value):
        return MISSING
    text = f"{round(value):,}"  # type: ignore[arg-type]
    return text.replace(",", ".") if lang == "vi" else text


def fmt_pct(value: float | None, digits: int = 1, lang: Lang = "vi") -> str:
    if is_missing(value):
        return MISSING
    text = f"{value:.{digits}f}%"
    return text.replace(".", ",") if lang == "vi" else text


def fmt_date(value: date | datetime | None, lang: Lang = "vi") -> str:
    if is_missing(value):
        return MISSING
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.strftime("%Y-%m-%d")  # type: ignore[union-attr]


def fmt_datetime(value: datetime | None, tz: str, lang: Lang = "vi") -> str:
    """A moment in the plan's time zone: 22/12/2024 09:00 (Vietnamese) or 2024-12-22 09:00."""
    if value is None or is_missing(value):
        return MISSING
    local = value.astimezone(ZoneInfo(tz)) if value.tzinfo else value
    return local.strftime("%d/%m/%Y %H:%M") if lang == "vi" else local.strftime("%Y-%m-%d %H:%M")
