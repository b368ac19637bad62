"""Language choice and Vietnamese number/date formats for pages."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from i18n import Lang, formats, t

LANG_KEY = "lang"


def lang() -> Lang:
    return "en" if st.session_state.get(LANG_KEY) == "en" else "vi"


def tr(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def fmt_int(value: float | int | None, lang_: Lang | None = None) -> str:
    return formats.fmt_int(value, lang_ or lang())


def fmt_pct(value: float | None, digits: int = 1, lang_: Lang | None = None) -> str:
    return formats.fmt_pct(value, digits, lang_ or lang())


def fmt_date(value: date | datetime | None, lang_: Lang | None = None) -> str:
    return formats.fmt_date(value, lang_ or lang())
