"""View model of the participation page: its tables and charts, shaped once per filter choice and cached.

Activities and participants by activity type, target group, unit and quarter (men / women / ethnic
minority), and the ethnic-minority outreach view: the outreach indicator (CT4) beside minority participants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block, headers, period_name
from ui.charts.participation import outreach_chart, sex_bars
from ui.filters import Filters
from ui.formats import fmt_int, fmt_pct, quarter_label
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans, shared
from ui.same_period import earlier, earlier_quarters, unit_participation
from ui.same_period_tables import SamePeriodView, participation_view
from ui.shaping import names, ordered, plan_order, unit_name

COUNTS = ("n_activities", "participants", "men", "women", "ethnic_minority", "materials")
DIMENSIONS = ("activity_type", "target_group", "unit_code", "quarter")
OUTREACH_INDICATOR = "CT4"  # the plan's ethnic-minority outreach target (section II.4)


def with_shares(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    people = out["participants"].where(out["participants"] > 0)
    out["women_pct"] = 100.0 * out["women"] / people
    out["minority_pct"] = 100.0 * out["ethnic_minority"] / people
    return out


def summarise(df: pd.DataFrame, plan: Plan, dimension: str, lang: Lang) -> pd.DataFrame:
    """Counts summed by one dimension, in the plan's order, with names and shares."""
    out = df.groupby(dimension, as_index=False)[list(COUNTS)].sum()
    out = ordered(out, dimension, plan_order(plan, dimension)).reset_index(drop=True)
    label = names(plan, dimension, out[dimension], lang)
    out.insert(1, "unit_name" if dimension == "unit_code" else "name", out[dimension].map(label))
    if dimension != "unit_code":
        out = out.drop(columns=dimension).rename(columns={"name": dimension})
    return with_shares(out)


def totals(df: pd.DataFrame) -> dict[str, float]:
    sums = {c: float(df[c].sum()) for c in COUNTS}
    sums["women_pct"] = 100.0 * sums["women"] / sums["participants"] if sums["participants"] else float("nan")
    return sums


def participation_headers(dimension: str, lang: Lang) -> dict[str, str]:
    lead = ("unit_code", "unit_name") if dimension == "unit_code" else (dimension,)
    cols = (*lead, "n_activities", "participants", "men", "women", "women_pct", "ethnic_minority", "minority_pct",
            "materials")
    return headers(cols, "pa", lang)


def outreach(indicator: pd.DataFrame, participation: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    """Per unit: the outreach indicator's values for the period beside its ethnic-minority participants."""
    cols = ["unit_code", "numerator", "denominator", "achieved_pct", "is_met", "is_carried_forward"]
    people = participation.groupby("unit_code", as_index=False)[["participants", "ethnic_minority"]].sum()
    out = indicator.reindex(columns=cols).merge(people, on="unit_code", how="outer")
    out = ordered(out, "unit_code", plan_order(plan, "unit_code")).reset_index(drop=True)
    out.insert(1, "unit_name", [unit_name(plan, c, lang) for c in out["unit_code"]])
    out[["participants", "ethnic_minority"]] = out[["participants", "ethnic_minority"]].fillna(0).astype("int64")
    return with_shares(out.assign(women=0)).drop(columns=["women", "women_pct"])


def outreach_headers(code: str, lang: Lang, with_indicator: bool) -> dict[str, str]:
    ind = ("numerator", "denominator", "achieved_pct", "is_met", "is_carried_forward") if with_indicator else ()
    out = headers(("unit_code", "unit_name", *ind), "pa", lang, code=code)
    return out | headers(("participants", "ethnic_minority", "minority_pct"), "pa", lang)


# ---- the page's view, cached per filter choice ------------------------------------------------

@dataclass(frozen=True)
class View:
    totals: dict[str, float]
    blocks: dict[str, Block]  # one per dimension, and "outreach"


def _outreach_block(values: pd.DataFrame, df: pd.DataFrame, plan: Plan, lang: Lang) -> Block:
    code = OUTREACH_INDICATOR
    indicator = plan.indicator_by_code.get(code)
    target = None if indicator is None or indicator.target_pct is None else float(indicator.target_pct)
    table = outreach(values, df, plan, lang)
    fig = outreach_chart(charted(table, "achieved_pct"), code, target, float(plan.near_band_pp), lang)
    return block(table, outreach_headers(code, lang, indicator is not None), lang, fig)


CHART_UNITS = 60  # past this many units, the charts draw those with the fewest people reached


def charted(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The whole table, or (thousands of units) the CHART_UNITS rows lowest on `by`, in table order."""
    if len(table) <= CHART_UNITS:
        return table
    return table.loc[table[by].fillna(-1).nsmallest(CHART_UNITS, keep="first").index.sort_values()]


def _dimension_block(df: pd.DataFrame, plan: Plan, dimension: str, lang: Lang) -> Block:
    summary = summarise(df, plan, dimension, lang)
    drawn = charted(summary, "participants") if dimension == "unit_code" else summary
    return block(summary, participation_headers(dimension, lang), lang, sex_bars(drawn, dimension, lang))


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], quarters: tuple[str, ...], period_code: str, lang: Lang,
          version: tuple[int, int]) -> View | None:
    given = dict(params)
    sums = frame("app/participation", **given, quarters=quarters)
    if sums.empty or not sums["n_activities"].sum():
        return None
    by = {dim: rows for dim, rows in sums.groupby("dimension")}
    plan = plans()[str(given["plan_id"])]
    values = frame("app/target_progress_unit", **given, period=period_code, indicator=OUTREACH_INDICATOR)
    blocks = {dim: _dimension_block(by[dim], plan, dim, lang) for dim in DIMENSIONS}
    return View(totals(by["total"]), blocks | {"outreach": _outreach_block(values, by["unit_code"], plan, lang)})


def _core(f: Filters, lg: Lang) -> View | None:
    """Every table and chart of the page for the filters (None when no activity was reported).

    Built once per filter choice, language and warehouse version, then shared read-only: the
    figures and frames are never changed after they are built.
    """
    return _view(cache_key(f.params()), tuple(f.quarters), f.period_code, lg, data_version())


KPIS = ("n_activities", "participants", "women_pct", "ethnic_minority", "materials")


@dataclass(frozen=True)
class ParticipationView:
    kpis: list[tuple[str, str]]  # label, value: KPIS in that order
    blocks: dict[str, Block]  # one per dimension, and "outreach"
    rollup: Block | None  # by the chosen parent level; None at unit level
    rollup_title: str  # empty without a roll-up
    scope: str  # the period (or quarter) that names the downloaded files
    tabs: list[str]  # one per dimension, then the outreach tab
    capped: str | None  # the unit chart's note when it draws only some of the units
    outreach_note: tuple[bool, str]  # (the plan has the outreach indicator, what to say above its table)


def view(f: Filters) -> ParticipationView | None:
    """The page for the filters in force; None when no activity was reported."""
    lg = lang()
    core = _core(f, lg)
    if core is None:
        return None
    rollup = None if f.level == "unit" else participation_rollup_block(f.params(), f.level, f.quarters, lg)
    kpis = [(t(f"pa.kpi.{k}", lg), fmt_pct(core.totals[k], lg) if k.endswith("_pct") else fmt_int(core.totals[k], lg))
            for k in KPIS]
    n_units = len(core.blocks["unit_code"].table)
    capped = t("pa.capped", lg, shown=CHART_UNITS, total=fmt_int(n_units, lg)) if n_units > CHART_UNITS else None
    title = "" if rollup is None else t("pa.rollup", lg, level=t(f"unit_type.{f.level}", lg))
    return ParticipationView(kpis, core.blocks, rollup, title,
                             f.period_code if f.mode == "period" else f.quarter,
                             [t(f"pa.tab.{d}", lg) for d in (*DIMENSIONS, "outreach")], capped, _outreach_note(f, lg))


def _outreach_note(f: Filters, lg: Lang) -> tuple[bool, str]:
    indicator = f.plan.indicator_by_code.get(OUTREACH_INDICATOR)
    if indicator is None:
        return False, t("pa.outreach.no_indicator", lg, code=OUTREACH_INDICATOR)
    return True, t("pa.outreach.caption", lg, code=indicator.code,
                   name=indicator.name_vi if lg == "vi" else indicator.name_en,
                   period=period_name(f.plan, f.period_code, lg),
                   quarters=", ".join(quarter_label(q, lg) for q in f.quarters))


def participation_rollup_block(params: dict[str, Any], level: str, quarters: list[str], lg: Lang) -> Block:
    """Participation summed by the chosen parent level (province, district …)."""
    rows = frame("app/participation_rollup", **params, level=level, quarters=quarters)
    rows = with_shares(rows.assign(unit_name=rows[f"unit_name_{lg}"]))
    return block(rows, participation_headers("unit_code", lg), lg)


# ---- the same period of an earlier plan year (its own section) ----------------------------------
def _scope(f: Filters) -> list[str]:
    """The reporting units of the plan valid in the period, narrowed by the unit filters."""
    p = f.plan.period_by_code[f.period_code]
    return [u.code for u in f.plan.units if f.plan.indicators_for(u.code) and u.valid_during(p.starts_on, p.ends_on)
            and (not f.unit_types or u.type in f.unit_types) and (not f.units or u.code in f.units)]


def same_period(f: Filters) -> SamePeriodView | None:
    """Participation per unit beside the same quarters of the latest earlier plan year; None without one."""
    return shared("same_period.participation", f, lambda: _same_period(f))


def _same_period(f: Filters) -> SamePeriodView | None:
    e = earlier(f)
    if e is None:
        return None
    lg = lang()
    core = _core(f, lg)
    now = core.blocks["unit_code"].table if core is not None else pd.DataFrame(columns=["unit_code"])
    quarter = earlier_quarters(f, e)[0] if f.mode == "quarter" else None
    return participation_view(e, now, unit_participation(f, e, _scope(f), lg), f.plan, lg, quarter)
