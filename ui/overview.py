"""View model of the overview page: one card per target for the chosen period, and the trend over the year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ui.charts.targets import trend_figure
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import frame
from ui.same_period import earlier, memo, records, unit_targets
from ui.same_period_tables import SamePeriodView, absent_note, table, target_totals, with_before
from ui.same_period_tables import view as sp_view
from ui.targets import Card, cards, name_of, progress_table, unassigned


@dataclass(frozen=True)
class OverviewView:
    cards: list[Card]
    unassigned: list[str]  # indicators none of the chosen units report
    cards_table: pd.DataFrame  # the cards as a download
    trend: go.Figure
    trend_table: pd.DataFrame


def view(f: Filters) -> OverviewView | None:
    """None when nothing was reported for the chosen period and units (reads are cached per load)."""
    progress = frame("app/target_progress", **f.params())
    chosen = progress[progress["period_code"] == f.period_code]
    if chosen.empty:
        return None
    return OverviewView(cards(chosen, f.plan), unassigned(f.plan, chosen), progress_table(chosen, f.plan),
                        trend_figure(progress, f.plan, lang()), progress_table(progress, f.plan))


# ---- the same period of an earlier plan year (its own section) ----------------------------------
SAME_PERIOD_COLUMNS = ("indicator", "achieved_pct", "before_pct", "diff_pp", "before_numerator", "before_denominator",
                       "note")


def same_period(f: Filters) -> SamePeriodView | None:
    """Each target beside the same period of the latest earlier plan year, on today's units; None without one."""
    return memo("overview", f, lambda: _same_period(f))


def _same_period(f: Filters) -> SamePeriodView | None:
    e = earlier(f)
    if e is None:
        return None
    progress = frame("app/target_progress", **f.params())
    chosen = progress[progress["period_code"] == f.period_code]
    current = frame("app/target_progress_unit", **f.params(), period=f.period_code, indicator=None)
    if chosen.empty or current.empty:
        return None
    lg = lang()
    units = unit_targets(f, e, current, lg)
    totals = {str(r["indicator_code"]): r for r in records(target_totals(units))}
    rows = [with_before({**totals[code], "achieved_pct": r["achieved_pct"],
                         "indicator": f"{code} — {name_of(f.plan.indicator_by_code[code])}"},
                        "before_numerator", "before_denominator", e.year, lg)
            for r in records(chosen) if (code := str(r["indicator_code"])) in totals]
    codes = list(dict.fromkeys(current["unit_code"]))
    return sp_view(e, lg, "sp.caption.targets", table(rows, SAME_PERIOD_COLUMNS, e.year, lg),
                   absent_note(e, codes, f.plan, lg), codes, f.plan)
