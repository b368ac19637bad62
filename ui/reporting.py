"""View model of the reporting page: status matrix, rates, days late, reminders, warnings; cached per filter choice.

Built from frames read from queries/app/reporting_*.sql and the plan; the figures come from ui/charts/reporting.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block, headers
from ui.charts.reporting import RATES, days_late_chart, rates_chart, status_heatmap
from ui.filters import Filters
from ui.formats import fmt_day, fmt_int, fmt_pct
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans, shared
from ui.reminders import contact_line, messages_text, reminder_headers, reminder_table
from ui.review import warnings_block
from ui.shaping import local, ordered, period_name, plan_order, shown_status, unit_name

KPIS = ("expected", "received", "reporting_rate_pct", "on_time_rate_pct", "punctuality_pct", "missing")
STATUS_COLUMNS = ("unit_code", "unit_name", "unit_type", "period", "due_on", "status", "first_received_at",
                  "last_received_at", "n_versions", "days_late", "return_kind", "returned_reason")
RATE_COLUMNS = ("period", "unit_type", "expected", "received", "on_time", "late", "missing", "not_yet_due",
                "nil_report", *RATES, "mean_days_late")


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
        days_late=rows["days_late"].astype("Int64"), returned_reason=rows["returned_reason"].fillna(""),
        return_kind=[t(f"status.return_kind.{k}", lang) if isinstance(k, str) and k else ""
                     for k in rows.get("return_kind", pd.Series([None] * len(rows), index=rows.index))])
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


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], period_code: str, lang: Lang, version: tuple[int, int]) -> View | None:
    given = dict(params)
    status = frame("app/reporting_status", **given, period=None)
    if status.empty:
        return None
    rates, total = frame("app/reporting_rates", **given), frame("app/reporting_totals", **given)
    plan = plans()[str(given["plan_id"])]
    now = status[status["period_code"] == period_code]
    n_units = status["unit_code"].nunique()
    shown = status[status["unit_code"].isin(_followed_up(status, plan))] if n_units > CHART_UNITS else status
    late = now[now["unit_code"].isin(_followed_up(now, plan))] if n_units > CHART_UNITS else now
    return View(kpis(total, period_code), status_heatmap(shown, plan, period_code, lang),
                block(status_table(status, plan, lang), status_headers(lang), lang),
                block(rates_table(rates, plan, lang), rates_headers(lang), lang, rates_chart(rates, total, plan, lang)),
                days_late_chart(late, plan, lang), shown["unit_code"].nunique() if n_units > CHART_UNITS else 0,
                n_units)


def _core(f: Filters, lg: Lang) -> View | None:
    """Every table and chart of the page for the filters (None when no unit is expected to report).

    Built once per filter choice, language and warehouse version, then shared read-only.
    """
    return _view(cache_key(f.params()), f.period_code, lg, data_version())


@dataclass(frozen=True)
class Reminders:
    """The units to remind for the chosen period, each with its ready-to-send message."""

    table: Block
    messages: list[tuple[str, str, str]]  # unit name, last contact, message
    text: str  # every message, for the .txt download

    @property
    def labels(self) -> list[str]:
        """Each unit to remind, as the message picker lists it: its name and its last contact."""
        return [f"{unit} · {contact}" for unit, contact, _ in self.messages]

    def message(self, n: int | None) -> str:
        """The message of the n-th unit listed (the first when none is chosen)."""
        return self.messages[n or 0][2]


def _reminders(f: Filters, upcoming: bool, lg: Lang) -> Reminders:
    given = f.params()
    status = frame("app/reporting_status", **given, period=None)
    now = status[status["period_code"] == f.period_code]
    table = reminder_table(now, frame("app/reporting_contacts", **given), f.plan, f.as_of_date, lg, upcoming=upcoming)
    lines = [(str(r.unit_name), contact_line(r, lg), str(r.message)) for r in table.itertuples(index=False)]
    return Reminders(block(table, reminder_headers(lg), lg, hide=("message",)), lines, messages_text(table))


def reminders(f: Filters, upcoming: bool) -> Reminders:
    """The reminders for the filters in force (with the reports coming due when upcoming), built once per
    filter choice, language and warehouse version: the page's reminders section redraws on its own."""
    lg = lang()
    return shared("reporting.reminders", f, lambda: _reminders(f, upcoming, lg), str(upcoming))


REPORTING_ROLLUP_COLUMNS = ("unit_code", "unit_name", "expected", "received", "on_time", "late", "missing",
                            "not_yet_due", "reporting_rate_pct", "on_time_rate_pct")


@dataclass(frozen=True)
class ReportingView:
    period: str  # the chosen period's name
    as_of: str  # the as-of day, written the reader's way
    kpis: list[tuple[str, str]]  # label, value: KPIS in that order
    capped: str | None  # the charts' note when they draw only some of the units
    data: View
    rollup: Block | None  # by the chosen parent level; None at unit level
    rollup_title: str  # empty without a roll-up
    warnings: Block  # consistency warnings under the filters


def view(f: Filters) -> ReportingView | None:
    """The page for the filters in force, but for its reminders (reminders())."""
    lg = lang()
    core = _core(f, lg)
    if core is None:
        return None
    period = period_name(f.plan, f.period_code, lg)
    kpis = [(t("rp.kpi.overdue" if k == "missing" else f"rp.kpi.{k}", lg),
             fmt_pct(core.kpis.get(k), lg) if k.endswith("_pct") else fmt_int(core.kpis.get(k), lg)) for k in KPIS]
    capped = (t("rp.capped", lg, shown=core.charted_units, total=fmt_int(core.units_total, lg))
              if core.charted_units else None)
    rollup = None if f.level == "unit" else reporting_rollup_block(f.params(), f.level, f.period_code, lg)
    title = "" if rollup is None else t("rp.rollup", lg, level=t(f"unit_type.{f.level}", lg), period=period)
    return ReportingView(period, fmt_day(f.as_of_date, lg), kpis, capped, core, rollup, title,
                         warnings_block(f.params(), f.plan, lg))


def reporting_rollup_block(params: dict[str, Any], level: str, period: str, lg: Lang) -> Block:
    """Reporting counted by the chosen parent level (province, district …) for one period."""
    rows = frame("app/reporting_rollup", **params, level=level, period=period)
    rows = rows.assign(unit_name=rows[f"unit_name_{lg}"])
    return block(rows, headers(REPORTING_ROLLUP_COLUMNS, "rr", lg), lg)
