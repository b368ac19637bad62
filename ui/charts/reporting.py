"""Figures of the reporting page: the unit × period status matrix, the rates, days late."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from plan.model import Plan
from ui.charts.base import ROW_PX, figure, left_margin, panels
from ui.formats import fmt_time
from ui.shaping import local, period_name, plan_order, shown_status, unit_name
from ui.theme import BLUE, GREY, PURPLE, REPORT_ORDER, REPORT_STATUS, THRESHOLD_LINE, YELLOW

# Unit types in hues the status colours (green, orange, vermillion) do not use on the same page.
TYPE_COLOURS = (BLUE, PURPLE, GREY, YELLOW)
RATES = ("reporting_rate_pct", "on_time_rate_pct", "punctuality_pct")


def _periods(plan: Plan, codes: pd.Series) -> list[str]:
    present = set(codes)
    return [p.code for p in plan.periods if p.code in present]


def _units(plan: Plan, codes: pd.Series) -> list[str]:
    present = set(codes)
    return [c for c in plan_order(plan, "unit_code") if c in present] + sorted(present - set(plan.unit_by_code))


def _discrete_scale() -> list[list[Any]]:
    """Each status index i in [i - 0.5, i + 0.5] gets its own flat colour."""
    n = len(REPORT_ORDER)
    return [[edge / n, REPORT_STATUS[s]] for i, s in enumerate(REPORT_ORDER) for edge in (i, i + 1)]


def _cell(row: Any, lang: Lang) -> list[str]:
    if row is None:
        return ["", "", "", ""]
    days = "" if pd.isna(row.days_late) else f"{row.days_late:.0f}"
    return [t(f"status.{row.shown}", lang), row.shown, fmt_time(row.first_received_at, lang), days]


def status_heatmap(status: pd.DataFrame, plan: Plan, period_code: str, lang: Lang) -> go.Figure:
    """Unit × period matrix coloured by report status, legend by status, chosen period framed.

    customdata of each cell: [status label, status code, first received, days late].
    """
    rows = local(status, plan.timezone).assign(shown=shown_status(status))
    periods, units = _periods(plan, rows["period_code"]), _units(plan, rows["unit_code"])
    cells = {(r.unit_code, r.period_code): r for r in rows.itertuples(index=False)}
    data = [[_cell(cells.get((u, p)), lang) for p in periods] for u in units]
    hover = ("%{y} · %{x}<br><b>%{customdata[0]}</b><br>" + t("rp.hover.received", lang) + ": %{customdata[2]}<br>"
             + t("rp.hover.days_late", lang) + ": %{customdata[3]}<extra></extra>")
    names = [unit_name(plan, u, lang) for u in units]
    heat = {"type": "heatmap", "x": [period_name(plan, p, lang) for p in periods], "y": names, "customdata": data,
            "hovertemplate": hover,
            "z": [[REPORT_ORDER.index(d[1]) if d[1] else None for d in line] for line in data],
            "text": [[d[3] if d[1] in ("late", "missing", "returned") else "" for d in line] for line in data],
            "texttemplate": "%{text}", "colorscale": _discrete_scale(), "zmin": -0.5,
            "zmax": len(REPORT_ORDER) - 0.5, "showscale": False, "xgap": 2, "ygap": 2}
    legend = [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": t(f"status.{s}", lang),
               "marker": {"symbol": "square", "size": 14, "color": REPORT_STATUS[s]}} for s in REPORT_ORDER]
    layout: dict[str, Any] = {
        "yaxis": {"autorange": "reversed", "type": "category", "showgrid": False},
        "xaxis": {"type": "category", "side": "top", "showgrid": False}, "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        "margin": {"t": 40, "b": 10, "l": left_margin(names), "r": 10}}
    if period_code in periods:
        i = periods.index(period_code)
        layout["shapes"] = [{"type": "rect", "xref": "x", "yref": "y", "x0": i - 0.5, "x1": i + 0.5, "y0": -0.5,
                             "y1": len(units) - 0.5, "line": {"color": THRESHOLD_LINE, "width": 3}}]
    return figure([heat, *legend], layout, lang, 110 + ROW_PX * max(len(units), 3))


def rates_chart(rates: pd.DataFrame, total: pd.DataFrame, plan: Plan, lang: Lang) -> go.Figure:
    """Three panels (reporting rate, on-time rate, punctuality): bars per unit type, a marker for all units."""
    present = set(rates["unit_type"])
    types = [k for k in dict.fromkeys(u.type for u in plan.units) if k in present]
    hover = "%{x} · %{fullData.name}: %{y:.1f}%<extra></extra>"
    whole = total.sort_values("period_ordinal")
    data: list[dict[str, Any]] = []
    for n, rate in enumerate(RATES):
        axes = {"xaxis": f"x{n + 1 if n else ''}", "yaxis": f"y{n + 1 if n else ''}", "showlegend": n == 0,
                "hovertemplate": hover}
        for i, kind in enumerate(types):
            part = rates[rates["unit_type"] == kind].sort_values("period_ordinal")
            data.append(axes | {"type": "bar", "x": [period_name(plan, p, lang) for p in part["period_code"]],
                                "y": part[rate].tolist(), "name": t(f"unit_type.{kind}", lang), "legendgroup": kind,
                                "marker": {"color": TYPE_COLOURS[i % len(TYPE_COLOURS)]}})
        data.append(axes | {"type": "scatter", "mode": "markers", "legendgroup": "all",
                            "x": [period_name(plan, p, lang) for p in whole["period_code"]], "y": whole[rate].tolist(),
                            "name": t("rp.rates.all", lang),
                            "marker": {"symbol": "diamond", "size": 11, "color": THRESHOLD_LINE}})
    layout = panels([t(f"rp.col.{r}", lang) for r in RATES], {"range": [0, 105], "ticksuffix": "%"}, gap=0.03)
    for suffix in ("", "2", "3"):
        layout[f"xaxis{suffix}"] |= {"type": "category"}
    layout |= {"barmode": "group", "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0},
               "margin": {"t": 40, "b": 60}}
    return figure(data, layout, lang, 380)


def days_late_chart(period_rows: pd.DataFrame, plan: Plan, lang: Lang) -> go.Figure | None:
    """Days late (late reports) or overdue (missing ones) per unit for one period, longest first.

    None when no unit is late or overdue.
    """
    behind = period_rows["status"].isin(("late", "missing")) & (period_rows["days_late"].fillna(0) > 0)
    if not behind.any():
        return None
    rows = period_rows[behind].sort_values(["days_late", "unit_code"], ascending=[False, True])
    data = []
    for s in ("late", "missing"):
        part = rows[rows["status"] == s]
        days = [int(d) for d in part["days_late"]]
        data.append({"type": "bar", "x": days, "y": [unit_name(plan, c, lang) for c in part["unit_code"]],
                     "orientation": "h", "name": t(f"status.{s}", lang), "marker": {"color": REPORT_STATUS[s]},
                     "text": days, "textposition": "outside", "hovertemplate": "%{y}: %{x:,d}<extra></extra>"})
    order = [unit_name(plan, c, lang) for c in rows["unit_code"]]
    layout = {"barmode": "stack", "xaxis": {"title": {"text": t("rp.late.axis", lang)}, "tickformat": ",d"},
              "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": order,
                        "autorange": "reversed"},
              "margin": {"l": left_margin(order), "r": 40, "t": 40, "b": 40}}
    return figure(data, layout, lang, 120 + ROW_PX * max(len(order), 3))
