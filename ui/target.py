"""View model of the target page: one indicator across the chosen units, its roll-up, gaps, shares and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from i18n import t
from plan.model import Indicator
from ui.activity import Block
from ui.charts.targets import shares_figure, unit_bars_figure
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import frame, shared
from ui.rollup import rollup_block
from ui.same_period import earlier, pct, records, unit_targets
from ui.same_period_tables import SamePeriodView, absent_note, table, total_row, with_before
from ui.same_period_tables import view as sp_view
from ui.shaping import ordered, period_name, plan_order, unit_name
from ui.targets import Card, cards, charted, gap_rows, shares_caption, unit_rows


@dataclass(frozen=True)
class TargetView:
    card: Card  # the indicator over all chosen units
    units: pd.DataFrame  # one row per unit
    n_charted: int  # units drawn (the charts cap their number)
    gaps: pd.DataFrame | None  # units ranked by people still to reach; None without a threshold
    bars: go.Figure
    shares: go.Figure
    shares_caption: str
    carried: list[str]  # units whose figures are carried forward from an earlier report
    rollup: Block | None  # by the chosen parent level, or None at unit level


def milestone(f: Filters, ind: Indicator) -> tuple[str, float] | None:
    """The plan's interim target for the chosen period (its name, %), when it sets one."""
    pct = next((m.target_pct for m in ind.milestones if m.period == f.period_code), None)
    return None if pct is None else (period_name(f.plan, f.period_code, lang()), float(pct))


def view(f: Filters, ind: Indicator) -> TargetView | None:
    """None when the indicator was not reported for the chosen period and units."""
    params = f.params()
    rows = frame("app/target_progress_unit", **params, period=f.period_code, indicator=ind.code)
    progress = frame("app/target_progress", **params)
    total = progress[(progress["period_code"] == f.period_code) & (progress["indicator_code"] == ind.code)]
    if rows.empty or total.empty:
        return None
    units = unit_rows(rows, f.plan)
    drawn = charted(units)
    bars = unit_bars_figure(drawn, ind, lang(), milestone(f, ind))
    rollup = None if f.level == "unit" else rollup_block(params, f.level, f.period_code, ind.code, lang())
    return TargetView(cards(total, f.plan)[0], units, len(drawn), None if ind.target_pct is None else gap_rows(units),
                      bars, shares_figure(drawn, ind, lang()), shares_caption(total),
                      [str(u) for u in drawn.loc[drawn["is_carried_forward"], "unit"]], rollup)


# ---- the same period of an earlier plan year (its own section) ----------------------------------
SAME_PERIOD_COLUMNS = ("unit", "achieved_pct", "before_pct", "diff_pp", "before_numerator", "before_denominator",
                       "note")


def same_period(f: Filters, ind: Indicator) -> SamePeriodView | None:
    """The indicator per unit beside the same period of the latest earlier plan year; None without one."""
    return shared("same_period.target", f, lambda: _same_period(f, ind), ind.code)


def _same_period(f: Filters, ind: Indicator) -> SamePeriodView | None:
    e = earlier(f)
    if e is None:
        return None
    current = frame("app/target_progress_unit", **f.params(), period=f.period_code, indicator=ind.code)
    if current.empty:
        return None
    lg = lang()
    units = ordered(unit_targets(f, e, current, lg), "unit_code", plan_order(f.plan, "unit_code"))
    units = units.assign(unit=[unit_name(f.plan, c, lg) for c in units["unit_code"]])
    whole = {**total_row(units, ("numerator", "denominator")), "unit": t("sp.total", lg),
             "achieved_pct": pct(current["numerator"].sum(), current["denominator"].sum())}
    rows = [with_before(r, "before_numerator", "before_denominator", e.year, lg)
            for r in [whole, *records(units)]]
    codes = list(units["unit_code"])
    return sp_view(e, lg, "sp.caption.targets", table(rows, SAME_PERIOD_COLUMNS, e.year, lg),
                   absent_note(e, codes, f.plan, lg), codes, f.plan)
