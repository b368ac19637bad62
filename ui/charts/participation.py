"""Figures of the participation page: men and women stacked beside ethnic-minority people; outreach."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from ui.charts.base import ROW_PX, figure, panels
from ui.theme import MINORITY, SEX, TARGET_STATUS, THRESHOLD_LINE


def sex_bars(summary: pd.DataFrame, dimension: str, lang: Lang) -> go.Figure:
    """Men and women stacked (= all participants) with the ethnic-minority count beside them."""
    cats = summary["unit_name" if dimension == "unit_code" else dimension].tolist()
    flat = dimension == "quarter"
    n_activities = summary["n_activities"].tolist()
    parts = (("men", SEX["men"], "sex", None), ("women", SEX["women"], "sex", summary["men"].tolist()),
             ("ethnic_minority", MINORITY, "minority", None))
    hover = (f"%{{{'x' if flat else 'y'}}}<br>%{{fullData.name}}: %{{customdata[0]:,}}<br>"
             + t("pa.col.n_activities", lang) + ": %{customdata[1]:,}<extra></extra>")
    data = []
    for col, colour, group, base in parts:
        values = summary[col].tolist()
        data.append({"type": "bar", "x": cats if flat else values, "y": values if flat else cats, "base": base,
                     "orientation": "v" if flat else "h", "name": t(f"pa.col.{col}", lang),
                     "marker": {"color": colour}, "offsetgroup": group, "hovertemplate": hover,
                     "customdata": list(zip(values, n_activities, strict=True))})
    people = {"title": {"text": t("pa.chart.people", lang)}, "tickformat": ",d"}
    cat_axis = {"type": "category", "automargin": True} | ({} if flat else {"autorange": "reversed"})
    axes = {"xaxis": cat_axis, "yaxis": people} if flat else {"xaxis": people, "yaxis": cat_axis}
    height = 380 if flat else 120 + ROW_PX * max(len(cats), 3)
    title = t("pa.chart.title", lang, by=t(f"pa.chart.by.{dimension}", lang))
    return figure(data, axes | {"barmode": "group", "bargap": 0.25}, lang, height, title)


def target_colour(achieved_pct: Any, target_pct: float | None, near_band_pp: float) -> str:
    """The overview's status colours for one unit: met, near (within the plan's band), off track."""
    if achieved_pct is None or pd.isna(achieved_pct):
        return TARGET_STATUS["no_data"]
    if target_pct is None:
        return TARGET_STATUS["no_target"]
    if achieved_pct >= target_pct:
        return TARGET_STATUS["met"]
    return TARGET_STATUS["near" if achieved_pct >= target_pct - near_band_pp else "off_track"]


def outreach_chart(table: pd.DataFrame, code: str, target_pct: float | None, near_band_pp: float,
                   lang: Lang) -> go.Figure:
    """Share reached per unit against the target (status colours), beside ethnic-minority participants."""
    units = table["unit_name"].tolist()
    colours = [target_colour(v, target_pct, near_band_pp) for v in table["achieved_pct"].tolist()]
    data: list[dict[str, Any]] = [
        {"type": "bar", "x": table["achieved_pct"].tolist(), "y": units, "orientation": "h", "name": code,
         "marker": {"color": colours}, "hovertemplate": "%{y}: %{x:.1f}%<extra></extra>", "showlegend": False},
        {"type": "bar", "x": table["ethnic_minority"].tolist(), "y": units, "orientation": "h", "xaxis": "x2",
         "yaxis": "y2", "name": t("pa.col.ethnic_minority", lang), "marker": {"color": MINORITY},
         "hovertemplate": "%{y}: %{x:,d}<extra></extra>", "showlegend": False},
        *({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": t(f"status.{s}", lang),
           "marker": {"symbol": "square", "size": 12, "color": TARGET_STATUS[s]}}  # legend of the status colours
          for s in ("met", "near", "off_track"))]
    titles = [t("pa.outreach.pct_title", lang, code=code), t("pa.outreach.people_title", lang)]
    layout = panels(titles, {"type": "category", "autorange": "reversed", "automargin": True})
    layout["xaxis"] |= {"range": [0, 105], "ticksuffix": "%"}
    if target_pct is not None:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "y domain", "x0": target_pct, "x1": target_pct,
                             "y0": 0, "y1": 1, "line": {"color": THRESHOLD_LINE, "dash": "dash"}}]
        layout["annotations"].append({"text": t("pa.outreach.target", lang, target=f"{target_pct:g}"), "xref": "x",
                                      "yref": "y domain", "x": target_pct, "y": 0, "xanchor": "right",
                                      "yanchor": "bottom", "showarrow": False})
    legend = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}
    return figure(data, layout | {"legend": legend, "margin": {"t": 40, "b": 70}}, lang,
                  140 + ROW_PX * max(len(units), 3))
