"""View model of the cases page: domestic- and gender-based-violence cases and the services given, counts only.

Rows come from queries/app/cases.sql (cases_at, every report of the year). Small counts arrive already
suppressed (null with is_suppressed) and are shown as "<5", never as a number, on screen and in downloads;
sums add only the counts that may be published, so a suppressed count can never be worked back out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block, headers
from ui.charts.cases import measure_bars
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans
from ui.shaping import ordered, period_name, plan_order, unit_name


def small(below: int, lang: Lang) -> str:
    """What a suppressed count reads: '<5'."""
    return t("ca.small", lang, n=below)


def cell(value: Any, is_suppressed: Any, below: int, lang: Lang) -> object:
    """A count as shown and downloaded: the number, '<5' when suppressed, blank when nobody gave it."""
    if is_suppressed is not None and not pd.isna(is_suppressed) and bool(is_suppressed):
        return small(below, lang)
    return None if value is None or pd.isna(value) else int(value)


def measure_names(rows: pd.DataFrame, lang: Lang) -> dict[str, str]:
    return dict(zip(rows["measure_code"], rows["measure_name_vi" if lang == "vi" else "measure_name_en"],
                    strict=False))


def count_units(plan: Plan, lang: Lang) -> dict[str, str]:
    """What each measure counts (vụ, người, trường hợp) in the language."""
    measures = plan.cases.measures if plan.cases else ()
    return {m.code: m.unit_vi if lang == "vi" else m.unit_en for m in measures}


def series(rows: pd.DataFrame, periods: list[str], period_code: str, units: dict[str, str],
           lang: Lang) -> pd.DataFrame:
    """One row per measure: the published counts summed for each report, and how many units' counts in the
    chosen report are too small to show."""
    small = rows["is_suppressed"].fillna(False).astype(bool)
    counts = rows.assign(n_cases=rows["n_cases"].astype("Float64"), small=small)
    sums = counts.pivot_table(index="measure_code", columns="period_code", values="n_cases", aggfunc="sum",
                              sort=False).reindex(columns=periods)
    chosen = counts.loc[counts["period_code"] == period_code].groupby("measure_code", sort=False)["small"].sum()
    order = list(dict.fromkeys(rows["measure_code"]))
    out = sums.reindex(order).fillna(0).astype("int64").reset_index().rename_axis(columns=None)
    out.insert(1, "measure", out["measure_code"].map(measure_names(rows, lang)))
    out.insert(2, "unit_of_count", out["measure_code"].map(units))
    out["n_small"] = out["measure_code"].map(chosen).fillna(0).astype("int64")
    return out


def by_unit(rows: pd.DataFrame, plan: Plan, period_code: str, below: int, lang: Lang) -> pd.DataFrame:
    """One row per unit, one column per measure, for the chosen report: numbers, '<5', or blank."""
    chosen = rows.loc[rows["period_code"] == period_code]
    pairs = zip(chosen["n_cases"], chosen["is_suppressed"], strict=True)
    cells: list[Any] = [cell(v, s, below, lang) for v, s in pairs]
    shown = chosen.assign(cell=pd.Series(cells, index=chosen.index, dtype=object))
    wide = shown.pivot(index="unit_code", columns="measure_code", values="cell")
    wide = wide.reindex(columns=list(dict.fromkeys(rows["measure_code"]))).reset_index().rename_axis(columns=None)
    wide = ordered(wide, "unit_code", plan_order(plan, "unit_code")).reset_index(drop=True)
    wide.insert(1, "unit_name", [unit_name(plan, c, lang) for c in wide["unit_code"]])
    return wide


# ---- the page's view, cached per filter choice ------------------------------------------------

@dataclass(frozen=True)
class CasesView:
    series: Block  # per measure, the published counts of each report; its chart
    units: Block  # per unit × measure for the chosen report, small counts as '<5'
    period: str  # the chosen report's name
    below: int  # counts from 1 to below − 1 are never shown
    scope: str  # the period code that names the downloaded files


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], period_code: str, below: int, lg: Lang,
          version: tuple[int, int]) -> CasesView | None:
    given = dict(params)
    plan = plans()[str(given["plan_id"])]
    rows = frame("app/cases", **given)
    if rows.empty:
        return None
    periods = [p.code for p in plan.periods if plan.period_index(p.code) <= plan.period_index(period_code)]
    table = series(rows, periods, period_code, count_units(plan, lg), lg)
    shown = [(p, period_name(plan, p, lg)) for p in periods]
    heads = headers(("measure", "unit_of_count"), "ca", lg) | dict(shown) | headers(
        ("n_small",), "ca", lg, n=below, period=period_name(plan, period_code, lg))
    units = by_unit(rows, plan, period_code, below, lg)
    unit_heads = headers(("unit_code", "unit_name"), "ca", lg) | measure_names(rows, lg)
    return CasesView(block(table, heads, lg, measure_bars(table, shown, lg)), block(units, unit_heads, lg),
                     period_name(plan, period_code, lg), below, period_code)


def view(f: Filters) -> CasesView | None:
    """The page for the filters in force; None when no unit chosen reports cases."""
    if f.plan.cases is None:
        return None
    return _view(cache_key(f.params()), f.period_code, f.plan.cases.suppress_below, lang(), data_version())
