"""One formatting vocabulary: numbers, shares, days, times, quarters, text read literally in markdown, and one
side of a bilingual note. The language is always passed in; nothing here reads session state or draws."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Protocol

import pandas as pd

from i18n import Lang, formats, t

CARRIED = "↻"  # marks figures carried forward from an earlier report
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def fmt_int(value: Any, lang: Lang) -> str:
    return formats.fmt_int(value, lang)


def fmt_pct(value: Any, lang: Lang, digits: int = 1) -> str:
    return formats.fmt_pct(value, digits, lang)


def fmt_points(value: Any, lang: Lang) -> str:
    """A change in percentage points with its sign: '+2,3' / '−1,0' / '0,0' ('—' when unknown)."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{abs(float(value)):.1f}".replace(".", "," if lang == "vi" else ".")
    return text if text in ("0,0", "0.0") else ("+" if value > 0 else "−") + text


def fmt_day(value: date | datetime | None, lang: Lang) -> str:
    return formats.fmt_date(value, lang)


def fmt_time(value: datetime | None, lang: Lang) -> str:
    if value is None or pd.isna(value):
        return "—"
    return value.strftime("%d/%m/%Y %H:%M") if lang == "vi" else value.strftime("%Y-%m-%d %H:%M")


class Named(Protocol):
    @property
    def name_vi(self) -> str: ...
    @property
    def name_en(self) -> str: ...


def name_of(item: Named, lang: Lang) -> str:
    """A unit's, indicator's or period's name in the language."""
    return item.name_vi if lang == "vi" else item.name_en


def known(value: Any) -> Any:
    """pandas' missing markers (NaN, NA, NaT) as None, which the formatters show as '—'."""
    return None if value is None or pd.isna(value) else value


def target_text(target: Any, lang: Lang) -> str:
    """'≥ 70%', '100%', or 'monitored' for an indicator without a threshold."""
    if target is None or pd.isna(target):
        return t("ov.monitored", lang)
    digits = 0 if float(target).is_integer() else 1
    return ("≥ " if float(target) < 100 else "") + fmt_pct(float(target), lang, digits)


def day_month(day: date, lang: Lang) -> str:
    """'15/11' or '15 Nov'."""
    return f"{day:%d/%m}" if lang == "vi" else f"{day:%d %b}"


def quarter_label(quarter: str, lang: Lang) -> str:
    """'2024-Q2' as 'Quý 2/2024' or 'Q2 2024'."""
    year, q = quarter.split("-Q")
    return t("pa.quarter", lang, q=q, year=year)


def one_language(text: str, lang: Lang) -> str:
    """The chosen side of a bilingual 'Vietnamese / English' text (the whole text when it has one side)."""
    parts = text.split(" / ")
    return parts[0 if lang == "vi" else -1]


def plain(text: object) -> str:
    """Text from workbooks, plans or accounts shown inside markdown: every markdown character escaped, so a
    name like '![x](http://…)' stays text (no links, images or HTML)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def fmt_band(value: Any, lang: Lang) -> str:
    """A width in percentage points as the plan writes it: 10, 7,5 (vi) or 7.5 (en); no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def _signed(rounded: float, text: str) -> str:
    """'+' or '-' (ASCII, which st.metric reads for its arrow) before a magnitude; none for zero."""
    return ("+" if rounded > 0 else "-" if rounded < 0 else "") + text


def signed_pct_points(value: float, lang: Lang) -> str:
    """A change in percentage points to one decimal: +4,2 / -1,3 / 0,0 (vi), +4.2 (en)."""
    rounded = round(float(value), 1)
    return _signed(rounded, fmt_pct(abs(rounded), lang).removesuffix("%"))


def signed_int(value: float, lang: Lang) -> str:
    """A change in a count: +1.234 / -3 / 0 (vi), +1,234 (en)."""
    rounded = round(float(value))
    return _signed(rounded, fmt_int(abs(rounded), lang))
