"""Figures of the budget page: estimate beside spent (million đồng), with the share disbursed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from ui.charts.base import ROW_PX, esc, figure, floats
from ui.formats import fmt_pct
from ui.theme import BLUE, LIGHT_GREY

MILLION = 1_000_000


def millions(values: Any) -> list[float | None]:
    return [None if v is None else v / MILLION for v in floats(values)]


def estimate_spent_bars(table: pd.DataFrame, by: str, title: str, lang: Lang) -> go.Figure:
    """One pair of bars per row (column `by` names it): the year's estimate, and spent so far with its %."""
    cats = [esc(str(c)) for c in table[by]]
    hover = "%{y}<br>%{fullData.name}: %{x:,.1f} " + t("bg.chart.unit", lang) + "<extra></extra>"
    spent_text = [t("bg.chart.no_report", lang) if s is None else fmt_pct(v, lang)
                  for s, v in zip(floats(table["spent"]), floats(table["spent_pct"]), strict=True)]
    data: list[dict[str, Any]] = [
        {"type": "bar", "orientation": "h", "x": millions(table["estimate"]), "y": cats,
         "name": t("bg.kpi.estimate", lang), "marker": {"color": LIGHT_GREY}, "hovertemplate": hover},
        {"type": "bar", "orientation": "h", "x": [v or 0 for v in millions(table["spent"])], "y": cats,
         "name": t("bg.kpi.spent", lang),
         "marker": {"color": BLUE}, "text": spent_text, "textposition": "outside", "cliponaxis": False,
         "hovertemplate": hover}]
    axes = {"yaxis": {"type": "category", "autorange": "reversed", "automargin": True},
            "xaxis": {"title": {"text": t("bg.chart.unit", lang)}, "tickformat": ",.0f", "gridcolor": LIGHT_GREY}}
    return figure(data, axes | {"barmode": "group", "bargap": 0.25}, lang, 130 + 2 * ROW_PX * max(len(cats), 2),
                  title)
