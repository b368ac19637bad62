"""Figures of the tasks page: the unit × task status matrix and status bars (by unit, by plan section)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from ui.charts.base import ROW_PX, esc, figure
from ui.theme import BLUE, GREEN, LIGHT_GREY, ORANGE, SKY, VERMILLION, YELLOW

# Best first: the order of legends, stacked bars and the heatmap's colour scale.
TASK_ORDER = ("hoan_thanh_vuot", "da_hoan_thanh", "dang_trien_khai", "chua_trien_khai", "chuyen_nam_sau",
              "khong_thuc_hien", "not_reported")
TASK_COLOUR = {"hoan_thanh_vuot": BLUE, "da_hoan_thanh": GREEN, "dang_trien_khai": SKY, "chua_trien_khai": ORANGE,
               "chuyen_nam_sau": YELLOW, "khong_thuc_hien": VERMILLION, "not_reported": LIGHT_GREY}
LEAD_MARK = "●"  # marks the cells of the unit that leads the task (chủ trì)


def status_label(status: str, lang: Lang) -> str:
    return t(f"tk.status.{status}", lang)


def _scale() -> list[list[Any]]:
    """Each status index i in [i - 0.5, i + 0.5] gets its own flat colour."""
    n = len(TASK_ORDER)
    return [[edge / n, TASK_COLOUR[s]] for i, s in enumerate(TASK_ORDER) for edge in (i, i + 1)]


def _legend(lang: Lang, present: set[str]) -> list[dict[str, Any]]:
    return [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": status_label(s, lang),
             "marker": {"symbol": "square", "size": 14, "color": TASK_COLOUR[s]}}
            for s in TASK_ORDER if s in present]


def status_matrix(cells: pd.DataFrame, units: list[str], tasks: list[str], lang: Lang) -> go.Figure:
    """Unit × task coloured by status; the lead unit's cells marked; hover names the task and its result.

    cells: one row per assignment with unit (shown name), task_code, status, role, task_text, result.
    """
    at = {(r.unit, r.task_code): r for r in cells.itertuples(index=False)}
    grid = [[at.get((u, k)) for k in tasks] for u in units]
    heat = {"type": "heatmap", "x": tasks, "y": [esc(u) for u in units], "xgap": 2, "ygap": 2,
            "z": [[None if c is None else TASK_ORDER.index(c.status) for c in line] for line in grid],
            "text": [["" if c is None or c.role != "chu_tri" else LEAD_MARK for c in line] for line in grid],
            "customdata": [[_hover(c, lang) for c in line] for line in grid], "texttemplate": "%{text}",
            "hovertemplate": "%{y} · %{x}<br>%{customdata}<extra></extra>", "colorscale": _scale(),
            "zmin": -0.5, "zmax": len(TASK_ORDER) - 0.5, "showscale": False}
    layout: dict[str, Any] = {
        "yaxis": {"autorange": "reversed", "type": "category", "automargin": True, "showgrid": False},
        "xaxis": {"type": "category", "side": "top", "showgrid": False, "tickangle": -90},
        "plot_bgcolor": "rgba(0,0,0,0)", "margin": {"t": 60, "b": 10},
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0}}
    return figure([heat, *_legend(lang, set(cells["status"]))], layout, lang, 150 + ROW_PX * max(len(units), 3))


def _hover(cell: Any, lang: Lang) -> str:
    if cell is None:
        return t("tk.hover.not_assigned", lang)
    text = cell.task_text if len(cell.task_text) <= 90 else cell.task_text[:89] + "…"
    result = "" if cell.result is None or pd.isna(cell.result) else f"<br>{t('tk.col.result', lang)}: {cell.result:g}"
    return (f"{esc(text)}<br>{t('tk.col.role', lang)}: {t(f'task.role.{cell.role}', lang)}"
            f"<br><b>{status_label(cell.status, lang)}</b>{result}")


def status_bars(table: pd.DataFrame, by: str, title: str, lang: Lang) -> go.Figure:
    """One horizontal bar per row of table (column `by` names it), stacked by status counts, best first."""
    cats = [esc(str(c)) for c in table[by]]
    hover = "%{y}<br>%{fullData.name}: %{x:,d}<extra></extra>"
    data = [{"type": "bar", "orientation": "h", "x": table[s].tolist(), "y": cats, "name": status_label(s, lang),
             "marker": {"color": TASK_COLOUR[s]}, "hovertemplate": hover}
            for s in TASK_ORDER if s in table.columns and table[s].sum() > 0]
    axes = {"yaxis": {"type": "category", "autorange": "reversed", "automargin": True},
            "xaxis": {"title": {"text": t("tk.chart.assignments", lang)}, "tickformat": ",d", "gridcolor": LIGHT_GREY}}
    legend = {"orientation": "h", "traceorder": "normal", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}
    layout = axes | {"barmode": "stack", "bargap": 0.3, "legend": legend, "margin": {"t": 50, "b": 90}}
    return figure(data, layout, lang, 190 + ROW_PX * max(len(cats), 3), title)
