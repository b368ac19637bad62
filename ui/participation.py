"""The participation page's tables and charts, shaped once per filter choice and cached.

Activities and participants by activity type, target group, unit and quarter (men / women / ethnic
minority), and the ethnic-minority outreach view: the outreach indicator (CT4) beside minority participants.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    names,
    ordered,
    panels,
    plan_order,
    unit_name,
)
from ui.reads import cache_key, data_version, frame, plans
from ui.theme import MINORITY, SEX, TARGET_STATUS, THRESHOLD_LINE

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


def sex_bars(summary: pd.DataFrame, dimension: str, lang: Lang) -> go.Figure:
    """Men and women stacked (= all participants) with the ethnic-minority count beside them."""
    cats = summary["unit_name" if dimension == "unit_code" else dimension].tolist()
    flat = dimension == "quarter"
    n_activities = summary["n_activities"].tolist()
    parts = (("men", SEX["men"], "sex", None), ("women", SEX["women"], "sex", summary["men"].tolist()),
             ("ethnic_minority", MINORITY, "minority", None))
    hover = (f"%{{{'x' if flat else 'y'}}}<br>%{{fullData.name}}: %{{customdata[0]:,}}<br>"
             + t("pa.col.n_activities", lang) + ": %{customdata[1]:,}<extra></extra>")
    data = []
    for col, colour, group, base in parts:
        values = summary[col].tolist()
        data.append({"type": "bar", "x": cats if flat else values, "y": values if flat else cats, "base": base,
                     "orientation": "v" if flat else "h", "name": t(f"pa.col.{col}", lang),
                     "marker": {"color": colour}, "offsetgroup": group, "hovertemplate": hover,
                     "customdata": list(zip(values, n_activities, strict=True))})
    people = {"title": {"text": t("pa.chart.people", lang)}, "tickformat": ",d"}
    cat_axis = {"type": "category", "automargin": True} | ({} if flat else {"autorange": "reversed"})
    axes = {"xaxis": cat_axis, "yaxis": people} if flat else {"xaxis": people, "yaxis": cat_axis}
    height = 380 if flat else 120 + ROW_PX * max(len(cats), 3)
    title = t("pa.chart.title", lang, by=t(f"pa.chart.by.{dimension}", lang))
    return figure(data, axes | {"barmode": "group", "bargap": 0.25}, lang, height, title)


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


def target_colour(achieved_pct: Any, target_pct: float | None, near_band_pp: float) -> str:
    """The overview's status colours for one unit: met, near (within the plan's band), off track."""
    if achieved_pct is None or pd.isna(achieved_pct):
        return TARGET_STATUS["no_data"]
    if target_pct is None:
        return TARGET_STATUS["no_target"]
    if achieved_pct >= target_pct:
        return TARGET_STATUS["met"]
    return TARGET_STATUS["near" if achieved_pct >= target_pct - near_band_pp else "off_track"]


def outreach_chart(table: pd.DataFrame, code: str, target_pct: float | None, near_band_pp: float,
                   lang: Lang) -> go.Figure:
    """Share reached per unit against the target (status colours), beside ethnic-minority participants."""
    units = table["unit_name"].tolist()
    colours = [target_colour(v, target_pct, near_band_pp) for v in table["achieved_pct"].tolist()]
    data: list[dict[str, Any]] = [
        {"type": "bar", "x": table["achieved_pct"].tolist(), "y": units, "orientation": "h", "name": code,
         "marker": {"color": colours}, "hovertemplate": "%{y}: %{x:.1f}%<extra></extra>", "showlegend": False},
        {"type": "bar", "x": table["ethnic_minority"].tolist(), "y": units, "orientation": "h", "xaxis": "x2",
         "yaxis": "y2", "name": t("pa.col.ethnic_minority", lang), "marker": {"color": MINORITY},
         "hovertemplate": "%{y}: %{x:,d}<extra></extra>", "showlegend": False},
        *({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": t(f"status.{s}", lang),
           "marker": {"symbol": "square", "size": 12, "color": TARGET_STATUS[s]}}  # legend of the status colours
          for s in ("met", "near", "off_track"))]
    titles = [t("pa.outreach.pct_title", lang, code=code), t("pa.outreach.people_title", lang)]
    layout = panels(titles, {"type": "category", "autorange": "reversed", "automargin": True})
    layout["xaxis"] |= {"range": [0, 105], "ticksuffix": "%"}
    if target_pct is not None:
        layout["shapes"] = [{"type": "line", "xref": "x", "yref": "y domain", "x0": target_pct, "x1": target_pct,
                             "y0": 0, "y1": 1, "line": {"color": THRESHOLD_LINE, "dash": "dash"}}]
        layout["annotations"].append({"text": t("pa.outreach.target", lang, target=f"{target_pct:g}"), "xref": "x",
                                      "yref": "y domain", "x": target_pct, "y": 0, "xanchor": "right",
                                      "yanchor": "bottom", "showarrow": False})
    legend = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0}
    return figure(data, layout | {"legend": legend, "margin": {"t": 40, "b": 70}}, lang,
                  140 + ROW_PX * max(len(units), 3))


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


def view(params: dict[str, Any], quarters: list[str], period_code: str, lang: Lang) -> View | None:
    """Every table and chart of the page for the filters (None when no activity was reported).

    Built once per filter choice, language and warehouse version, then shared read-only: the
    figures and frames are never changed after they are built.
    """
    key = cache_key(params)
    return _view(key, tuple(quarters), period_code, lang, data_version())
