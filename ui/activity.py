"""Shared by the participation and reporting pages: table blocks (shaped once, drawn many times) and drawing.

Builders take the language explicitly (no session state), so they can be tested on small frames.
Shaped frames keep the warehouse's column names (`_pct`, `_on`, `_at`, `is_`, `n_`), which say how
to show them; `shown` formats them for the screen and `labelled` only renames them for downloads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from documents.extracts import extract_name, suppress_small
from i18n import Lang, t
from plan.settings import settings
from ui.downloads import download_buttons
from ui.filters import current_plan
from ui.formats import fmt_day, fmt_int, fmt_pct, fmt_time
from ui.i18n import tr
from ui.shaping import local, names, ordered, period_name, plan_order, unit_name


def _cell(column: str, value: Any, lang: Lang) -> str:
    if column.endswith("_pct"):
        return fmt_pct(value, lang)
    if column.endswith("_at"):
        return fmt_time(value, lang)
    if column.endswith("_on"):
        return fmt_day(value, lang)
    if column.startswith("is_"):
        return "—" if value is None or pd.isna(value) else t("pa.yes" if value else "pa.no", lang)
    if column.startswith("mean_"):
        return "—" if pd.isna(value) else f"{value:.1f}".replace(".", "," if lang == "vi" else ".")
    return fmt_int(value, lang) if isinstance(value, int | float) or pd.isna(value) else str(value)


def labelled(df: pd.DataFrame, headers: Mapping[str, str]) -> pd.DataFrame:
    """The columns named in headers, renamed: the frame offered for download."""
    return df[list(headers)].rename(columns=dict(headers))


def shown(df: pd.DataFrame, headers: Mapping[str, str], lang: Lang) -> pd.DataFrame:
    """The same columns as text in the language's formats (1.234, 70,5%, 05/03/2024)."""
    out = pd.DataFrame({c: [_cell(c, v, lang) for v in df[c].tolist()] for c in headers}, index=df.index)
    return out.rename(columns=dict(headers))


def headers(columns: Iterable[str], prefix: str, lang: Lang, **params: object) -> dict[str, str]:
    return {c: t(f"{prefix}.col.{c}", lang, **params) for c in columns}


# ---- figures and blocks -----------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """A table (raw values, warehouse names) ready to show, download and chart."""

    table: pd.DataFrame
    heads: dict[str, str]
    shown: pd.DataFrame
    download: pd.DataFrame
    figure: go.Figure | None = None
    aligned: dict[str, Any] = field(default_factory=dict)


SCREEN_ROWS = 200  # past this, tables on screen show the first rows; downloads keep all


def block(table: pd.DataFrame, heads: dict[str, str], lang: Lang, fig: go.Figure | None = None,
          hide: tuple[str, ...] = ()) -> Block:
    """Shape once (cached by the pages' views), draw many times; only the rows shown are formatted."""
    seen = {c: h for c, h in heads.items() if c not in hide}
    numeric = [c for c in seen if pd.api.types.is_numeric_dtype(table[c]) and not c.startswith("is_")]
    aligned = {seen[c]: st.column_config.TextColumn(alignment="right") for c in numeric}
    download = labelled(suppress_small(table, settings().suppress_below), heads)
    return Block(table, heads, shown(table.head(SCREEN_ROWS), seen, lang), download, fig, aligned)


def png_config(name: str) -> dict[str, Any]:
    """The modebar's camera button downloads a PNG named after the chart."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}


# ---- drawing ----------------------------------------------------------------------------------

def draw_chart(fig: go.Figure, name: str) -> None:
    st.plotly_chart(fig, key=f"{name}-chart", config=png_config(name))


def draw_block(b: Block, what: str, period: str, key: str) -> None:
    """Its chart (PNG from the modebar), the table in the language's formats, CSV / Excel of the raw values."""
    if b.figure is not None:
        draw_chart(b.figure, what)
    st.dataframe(b.shown, hide_index=True, column_config=b.aligned)
    if len(b.table) > len(b.shown):
        st.caption(tr("td.rows_shown", shown=len(b.shown), total=len(b.table)))
    download_buttons(b.download, what, period, key)


def download_text(text: str, label: str, what: str, period: str, key: str) -> None:
    """A plain-text download (UTF-8 with BOM, so Windows Notepad shows Vietnamese)."""
    st.download_button(label, text.encode("utf-8-sig"), extract_name(what, period, current_plan().today(), "txt"),
                       "text/plain", key=key, on_click="ignore", icon=":material/mail:")


# Plan names and local times moved to ui/shaping.py (shared with ui/charts); still importable from here.
__all__ = ["local", "names", "ordered", "period_name", "plan_order", "unit_name"]
