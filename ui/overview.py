"""View model of the overview page: one card per target for the chosen period, saying what changed since the
previous report, targets behind first; and the trend over the year."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from plan.model import Plan
from ui import formats as fm
from ui.charts.targets import trend_figure
from ui.filters import Filters
from ui.i18n import lang, tr
from ui.reads import frame, shared
from ui.same_period import earlier, records, unit_targets
from ui.same_period_tables import SamePeriodView, absent_note, table, target_totals, with_before
from ui.same_period_tables import view as sp_view
from ui.targets import PROGRESS_COLUMNS, Card, cards, name_of, progress_table, unassigned

STATUS_ORDER = ("off_track", "near", "met", "no_target", "no_data")  # the cards' order: targets behind first
CARD_COLUMNS = (*PROGRESS_COLUMNS, "previous_period", "change_pp", "change_numerator")


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
    chosen = with_changes(progress, f.plan, f.period_code)
    if chosen.empty:
        return None
    return OverviewView(changed_cards(chosen, f.plan, f.period_code), unassigned(f.plan, chosen),
                        progress_table(chosen, f.plan, CARD_COLUMNS), trend_figure(progress, f.plan, lang()),
                        progress_table(progress, f.plan))


def previous_period(plan: Plan, period_code: str) -> str | None:
    """The plan's report before this one (Q3 → H1), or None for the first."""
    i = plan.period_index(period_code)
    return plan.periods[i - 1].code if i > 0 else None


def with_changes(progress: pd.DataFrame, plan: Plan, period_code: str) -> pd.DataFrame:
    """The period's rows of app/target_progress with the change since the previous report: in achieved % (points)
    and in people reached. Both periods come from the same read, so the same as-of date and the same units."""
    before_code = previous_period(plan, period_code)
    chosen = progress[progress["period_code"] == period_code]
    before = progress.loc[progress["period_code"] == before_code, ["indicator_code", "achieved_pct", "numerator"]]
    d = chosen.merge(before, on="indicator_code", how="left", suffixes=("", "_before"), validate="one_to_one")
    return d.assign(previous_period=name_of(plan.period_by_code[before_code]) if before_code else None,
                    change_pp=d["achieved_pct"].astype("float64") - d["achieved_pct_before"].astype("float64"),
                    change_numerator=d["numerator"].astype("float64") - d["numerator_before"].astype("float64"))


def changed_cards(rows: pd.DataFrame, plan: Plan, period_code: str) -> list[Card]:
    """Each card with its change since the previous report; off track, near, met, monitored, no data, each
    group in the plan's order."""
    before = previous_period(plan, period_code)
    made = [_with_change(c, r, plan, before) for c, r in zip(cards(rows, plan), rows.to_dict("records"), strict=True)]
    rank = {ind.code: n for n, ind in enumerate(plan.indicators)}
    return sorted(made, key=lambda c: (STATUS_ORDER.index(c.status), rank[c.code]))


def _with_change(card: Card, r: dict[Any, Any], plan: Plan, before: str | None) -> Card:
    if before is None:
        first = tr("ov.change_first", period=name_of(plan.period_by_code[r["period_code"]]))
        return replace(card, lines=(first, *card.lines))
    since = name_of(plan.period_by_code[before])
    if pd.isna(r["change_pp"]) or pd.isna(r["change_numerator"]):
        return replace(card, lines=(tr("ov.change_none", period=since), *card.lines))
    ind, pp = plan.indicator_by_code[card.code], fm.signed_pct_points(r["change_pp"], lang())
    change = tr("ov.change", period=since, pp=pp, people=fm.signed_int(r["change_numerator"], lang()),
                measure=ind.measure_vi if lang() == "vi" else ind.measure_en)
    return replace(card, delta=tr("ov.change_pp", pp=pp), lines=(change, *card.lines))


# ---- the same period of an earlier plan year (its own section) ----------------------------------
SAME_PERIOD_COLUMNS = ("indicator", "achieved_pct", "before_pct", "diff_pp", "before_numerator", "before_denominator",
                       "note")


def same_period(f: Filters) -> SamePeriodView | None:
    """Each target beside the same period of the latest earlier plan year, on today's units; None without one."""
    return shared("same_period.overview", f, lambda: _same_period(f))


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
