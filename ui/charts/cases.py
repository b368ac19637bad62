"""Figure of the cases page: published counts per case measure, one bar per report of the year."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from ui.charts.base import ROW_PX, esc, figure
from ui.theme import LIGHT_GREY, SERIES


def wrapped(text: str, width: int = 42) -> str:
    """A long measure name on a few lines of the axis."""
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or esc(text)


def measure_bars(series: pd.DataFrame, periods: list[tuple[str, str]], lang: Lang) -> go.Figure:
    """One row per measure (column `measure`), one bar per report (code, shown name): the year-to-date sum
    of the counts that may be published (small ones are never in them)."""
    cats = [wrapped(str(m)) for m in series["measure"]]
    hover = "%{y}<br>%{fullData.name}: %{x:,d}<extra></extra>"
    data: list[dict[str, Any]] = [
        {"type": "bar", "orientation": "h", "x": series[code].tolist(), "y": cats, "name": name,
         "marker": {"color": SERIES[i % len(SERIES)]}, "hovertemplate": hover}
        for i, (code, name) in enumerate(periods)]
    axes = {"yaxis": {"type": "category", "autorange": "reversed", "automargin": True},
            "xaxis": {"title": {"text": t("ca.chart.x", lang)}, "tickformat": ",d", "gridcolor": LIGHT_GREY}}
    height = 130 + ROW_PX * max(len(cats) * max(len(periods), 1) // 2, 3)
    return figure(data, axes | {"barmode": "group", "bargap": 0.2}, lang, height, t("ca.chart.title", lang))
