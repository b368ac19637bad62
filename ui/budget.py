"""View model of the budget page (plan section VI): estimate against spent by unit and by funding source.

Amounts in đồng, year to date, from queries/app/budget.sql (v_budget for one period); shares are
ratios of sums (never an average of percentages). "Mobilised" is the plan's social-mobilisation source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block, headers
from ui.charts.budget import MILLION, estimate_spent_bars
from ui.filters import Filters
from ui.formats import fmt_int, fmt_pct
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans
from ui.shaping import ordered, plan_order, unit_name

MOBILISED = ("xa_hoi_hoa",)  # the plan's funding source raised from society (xã hội hóa)
AMOUNTS = ("estimate", "spent")


def _pct(part: Any, whole: Any) -> float | None:
    return None if pd.isna(part) or pd.isna(whole) or not whole else 100.0 * float(part) / float(whole)


def sums(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Estimate and spent summed per value of `by` (blank when no unit gave the line), % disbursed."""
    amounts = rows.assign(**{c: rows[c].astype("Float64") for c in AMOUNTS})
    out = amounts.groupby(by, sort=False)[list(AMOUNTS)].sum(min_count=1).reset_index()
    out["spent_pct"] = [_pct(s, e) for s, e in zip(out["spent"], out["estimate"], strict=True)]
    return out


def by_source(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Per funding source in the plan's order, with its share of everything spent."""
    out = sums(rows.sort_values("source_ordinal", kind="stable"), "source_code")
    names = dict(zip(rows["source_code"], rows["source_name_vi" if lang == "vi" else "source_name_en"], strict=False))
    out.insert(1, "source", out["source_code"].map(names))
    spent = out["spent"].sum()
    out["share_pct"] = [_pct(s, spent) for s in out["spent"]]
    return out


def by_unit(rows: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    """Per unit in the plan's order, with what it spent from mobilised sources and that share of its spending."""
    out = ordered(sums(rows, "unit_code"), "unit_code", plan_order(plan, "unit_code")).reset_index(drop=True)
    out.insert(1, "unit_name", [unit_name(plan, c, lang) for c in out["unit_code"]])
    raised = rows.loc[rows["source_code"].isin(MOBILISED)].groupby("unit_code")["spent"].sum(min_count=1)
    out["mobilised"] = out["unit_code"].map(raised.astype("Float64"))
    out["mobilised_pct"] = [_pct(m, s) for m, s in zip(out["mobilised"], out["spent"], strict=True)]
    return out


def totals(rows: pd.DataFrame) -> dict[str, float | None]:
    estimate, spent = (rows[c].astype("Float64").sum(min_count=1) for c in AMOUNTS)
    raised = rows.loc[rows["source_code"].isin(MOBILISED), "spent"].astype("Float64").sum(min_count=1)
    return {"estimate": estimate, "spent": spent, "spent_pct": _pct(spent, estimate),
            "mobilised_pct": _pct(raised, spent), "n_units": rows.dropna(subset=["estimate", "spent"], how="all")[
                "unit_code"].nunique()}


# ---- the page's view, cached per filter choice ------------------------------------------------

@dataclass(frozen=True)
class BudgetView:
    kpis: list[tuple[str, str]]  # label, value
    by_unit: Block
    by_source: Block
    mobilised_note: str  # which source counts as mobilised
    scope: str  # the period code that names the downloaded files


def _kpis(sums_: dict[str, float | None], lang: Lang) -> list[tuple[str, str]]:
    def amount(v: float | None) -> str:
        if v is None or pd.isna(v):
            return fmt_int(None, lang)
        return t("bg.millions", lang, amount=fmt_int(v / MILLION, lang))
    return [(t("bg.kpi.estimate", lang), amount(sums_["estimate"])), (t("bg.kpi.spent", lang), amount(sums_["spent"])),
            (t("bg.kpi.spent_pct", lang), fmt_pct(sums_["spent_pct"], lang)),
            (t("bg.kpi.mobilised_pct", lang), fmt_pct(sums_["mobilised_pct"], lang)),
            (t("bg.kpi.n_units", lang), fmt_int(sums_["n_units"], lang))]


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], period_code: str, lg: Lang,
          version: tuple[int, int]) -> BudgetView | None:
    given = dict(params)
    plan = plans()[str(given["plan_id"])]
    rows = frame("app/budget", **given, period=period_code)
    if rows.empty:
        return None
    units, sources = by_unit(rows, plan, lg), by_source(rows, lg)
    unit_heads = headers(("unit_code", "unit_name", *AMOUNTS, "spent_pct", "mobilised", "mobilised_pct"), "bg", lg)
    source_heads = headers(("source", *AMOUNTS, "spent_pct", "share_pct"), "bg", lg)
    names = [s.name_vi if lg == "vi" else s.name_en for s in plan.budget.sources if s.code in MOBILISED] \
        if plan.budget else []
    return BudgetView(
        _kpis(totals(rows), lg),
        block(units, unit_heads, lg, estimate_spent_bars(units, "unit_name", t("bg.chart.by_unit", lg), lg)),
        block(sources, source_heads, lg, estimate_spent_bars(sources, "source", t("bg.chart.by_source", lg), lg)),
        t("bg.mobilised_note", lg, sources=", ".join(names) or "—"), period_code)


def view(f: Filters) -> BudgetView | None:
    """The page for the filters in force; None when no unit chosen reports its budget."""
    if f.plan.budget is None:
        return None
    return _view(cache_key(f.params()), f.period_code, lang(), data_version())
