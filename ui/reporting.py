"""Tables and Plotly charts of the reporting page: the unit × period status matrix, rates, days late.

Pure functions of frames read from queries/app/reporting_*.sql and the plan; the language is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import (
    ROW_PX,
    Block,
    block,
    figure,
    headers,
    local,
    ordered,
    panels,
    period_name,
    plan_order,
    unit_name,
)
from ui.formats import fmt_time
from ui.reads import cache_key, data_version, frame, plans
from ui.reminders import contact_line, messages_text, reminder_headers, reminder_table, shown_status
from ui.theme import BLUE, GREY, PURPLE, REPORT_ORDER, REPORT_STATUS, THRESHOLD_LINE, YELLOW

# Unit types in hues the status colours (green, orange, vermillion) do not use on the same page.
TYPE_COLOURS = (BLUE, PURPLE, GREY, YELLOW)
RATES = ("reporting_rate_pct", "on_time_rate_pct", "punctuality_pct")
KPIS = ("expected", "received", "reporting_rate_pct", "on_time_rate_pct", "punctuality_pct", "missing")
STATUS_COLUMNS = ("unit_code", "unit_name", "unit_type", "period", "due_on", "status", "first_received_at",
                  "last_received_at", "n_versions", "days_late", "returned_reason")
RATE_COLUMNS = ("period", "unit_type", "expected", "received", "on_time", "late", "missing", "not_yet_due",
                "nil_report", *RATES, "mean_days_late")


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
    heat = {"type": "heatmap", "x": [period_name(plan, p, lang) for p in periods],
            "y": [unit_name(plan, u, lang) for u in units], "customdata": data, "hovertemplate": hover,
            "z": [[REPORT_ORDER.index(d[1]) if d[1] else None for d in line] for line in data],
            "text": [[d[3] if d[1] in ("late", "missing", "returned") else "" for d in line] for line in data],
            "texttemplate": "%{text}", "colorscale": _discrete_scale(), "zmin": -0.5,
            "zmax": len(REPORT_ORDER) - 0.5, "showscale": False, "xgap": 2, "ygap": 2}
    legend = [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": t(f"status.{s}", lang),
               "marker": {"symbol": "square", "size": 14, "color": REPORT_STATUS[s]}} for s in REPORT_ORDER]
    layout: dict[str, Any] = {
        "yaxis": {"autorange": "reversed", "type": "category", "automargin": True, "showgrid": False},
        "xaxis": {"type": "category", "side": "top", "showgrid": False}, "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0}, "margin": {"t": 40, "b": 10}}
    if period_code in periods:
        i = periods.index(period_code)
        layout["shapes"] = [{"type": "rect", "xref": "x", "yref": "y", "x0": i - 0.5, "x1": i + 0.5, "y0": -0.5,
                             "y1": len(units) - 0.5, "line": {"color": THRESHOLD_LINE, "width": 3}}]
    return figure([heat, *legend], layout, lang, 110 + ROW_PX * max(len(units), 3))


def status_table(status: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    """The matrix as rows (unit × period), names and labels in the language, times in the plan's zone."""
    rows = ordered(local(status, plan.timezone), "unit_code", plan_order(plan, "unit_code"))
    rows = rows.sort_values("period_ordinal", kind="stable")
    out = rows.assign(
        unit_name=[unit_name(plan, c, lang) for c in rows["unit_code"]],
        unit_type=[t(f"unit_type.{u}", lang) for u in rows["unit_type"]],
        period=[period_name(plan, p, lang) for p in rows["period_code"]],
        due_on=[pd.Timestamp(d).date() for d in rows["due_on"]],
        status=[t(f"status.{s}", lang) for s in shown_status(rows)],
        days_late=rows["days_late"].astype("Int64"), returned_reason=rows["returned_reason"].fillna(""))
    return out[list(STATUS_COLUMNS)].reset_index(drop=True)


def status_headers(lang: Lang) -> dict[str, str]:
    return headers(STATUS_COLUMNS, "rp", lang)


def rates_table(rates: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    kinds = {k: i for i, k in enumerate(dict.fromkeys(u.type for u in plan.units))}
    out = rates.sort_values(["period_ordinal", "unit_type"], key=lambda s: s.map(kinds) if s.name == "unit_type" else s)
    out = out.assign(
        period=lambda d: [period_name(plan, p, lang) for p in d["period_code"]],
        unit_type=lambda d: [t(f"unit_type.{u}", lang) for u in d["unit_type"]])
    return out[list(RATE_COLUMNS)].reset_index(drop=True)


def rates_headers(lang: Lang) -> dict[str, str]:
    return headers(RATE_COLUMNS, "rp", lang)


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
                        "autorange": "reversed", "automargin": True}}
    return figure(data, layout, lang, 120 + ROW_PX * max(len(order), 3))


def kpis(total: pd.DataFrame, period_code: str) -> dict[str, float]:
    """The chosen period's counts and rates over all the units chosen (empty when nothing is expected)."""
    row = total[total["period_code"] == period_code]
    return {} if row.empty else {k: float(row.iloc[0][k]) for k in KPIS}


# ---- the page's view, cached per filter choice ------------------------------------------------

@dataclass(frozen=True)
class View:
    kpis: dict[str, float]
    heatmap: go.Figure
    status: Block
    rates: Block
    days_late: go.Figure | None  # None when no unit is late or overdue for the period
    reminders: Block
    messages: list[tuple[str, str, str]]  # unit name, last contact, message
    messages_text: str
    charted_units: int = 0  # when > 0: the charts show only this many units of units_total
    units_total: int = 0


# Past this many units a chart stops being readable (and costs seconds to draw): the charts show the
# units with the most to follow up, the tables and downloads keep every unit.
CHART_UNITS = 60


def _followed_up(status: pd.DataFrame, plan: Plan) -> list[str]:
    """Units ranked by reports missing or late, then by days late, then in the plan's order."""
    bad = status.assign(bad=status["status"].isin(("missing", "late")) | status["is_returned"].fillna(False))
    order = {c: i for i, c in enumerate(plan_order(plan, "unit_code"))}
    ranked = bad.groupby("unit_code").agg(n_bad=("bad", "sum"), days=("days_late", "max")).reset_index()
    ranked["order"] = ranked["unit_code"].map(lambda c: order.get(c, len(order)))
    ranked = ranked.sort_values(["n_bad", "days", "order"], ascending=[False, False, True], na_position="last")
    return ranked["unit_code"].head(CHART_UNITS).tolist()


def _reminders(now: pd.DataFrame, contacts: pd.DataFrame, plan: Plan, as_of: date, lang: Lang,
               upcoming: bool) -> tuple[Block, list[tuple[str, str, str]], str]:
    table = reminder_table(now, contacts, plan, as_of, lang, upcoming=upcoming)
    lines = [(str(r.unit_name), contact_line(r, lang), str(r.message)) for r in table.itertuples(index=False)]
    return block(table, reminder_headers(lang), lang, hide=("message",)), lines, messages_text(table)


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], period_code: str, as_of: date, upcoming: bool, lang: Lang,
          version: tuple[int, int]) -> View | None:
    given = dict(params)
    status = frame("app/reporting_status", **given, period=None)
    if status.empty:
        return None
    rates, total = frame("app/reporting_rates", **given), frame("app/reporting_totals", **given)
    contacts = frame("app/reporting_contacts", **given)
    plan = plans()[str(given["plan_id"])]
    now = status[status["period_code"] == period_code]
    n_units = status["unit_code"].nunique()
    shown = status[status["unit_code"].isin(_followed_up(status, plan))] if n_units > CHART_UNITS else status
    late = now[now["unit_code"].isin(_followed_up(now, plan))] if n_units > CHART_UNITS else now
    return View(kpis(total, period_code), status_heatmap(shown, plan, period_code, lang),
                block(status_table(status, plan, lang), status_headers(lang), lang),
                block(rates_table(rates, plan, lang), rates_headers(lang), lang, rates_chart(rates, total, plan, lang)),
                days_late_chart(late, plan, lang), *_reminders(now, contacts, plan, as_of, lang, upcoming),
                shown["unit_code"].nunique() if n_units > CHART_UNITS else 0, n_units)


def view(params: dict[str, Any], period_code: str, as_of: date, upcoming: bool, lang: Lang) -> View | None:
    """Every table and chart of the page for the filters (None when no unit is expected to report).

    Built once per filter choice, language and warehouse version, then shared read-only.
    """
    key = cache_key(params)
    return _view(key, period_code, as_of, upcoming, lang, data_version())
