"""Language choice and Vietnamese number/date formats for pages."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from i18n import Lang, t

LANG_KEY = "lang"


def lang() -> Lang:
    return "en" if st.session_state.get(LANG_KEY) == "en" else "vi"


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def fmt_int(value: float | int | None) -> str:
    if value is None or value != value:
        return "—"
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang() == "vi" else text


def fmt_pct(value: float | None, digits: int = 1) -> str:
    if value is None or value != value:
        return "—"
    text = f"{value:.{digits}f}%"
    return text.replace(".", ",") if lang() == "vi" else text


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y") if lang() == "vi" else value.strftime("%Y-%m-%d")
