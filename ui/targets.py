"""Target pages: the cards and tables built from the target-progress queries (figures: ui/charts/targets.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import streamlit as st

from plan.model import Indicator, Period, Plan, Unit
from ui import formats as fm
from ui.formats import CARRIED, plain
from ui.i18n import fmt_int, fmt_pct, lang, tr

INDICATOR_KEY = "target_indicator"
BadgeColour = Literal["green", "orange", "red", "blue", "gray"]
# st.badge takes named colours only: the nearest to ui.theme's, with an icon so colour is never the only cue.
BADGE: dict[str, tuple[BadgeColour, str]] = {
    "met": ("green", ":material/check_circle:"), "near": ("orange", ":material/trending_up:"),
    "off_track": ("red", ":material/error:"), "no_target": ("blue", ":material/visibility:"),
    "no_data": ("gray", ":material/hourglass_empty:")}
PROGRESS_COLUMNS = ("indicator_code", "indicator", "period", "status", "achieved_pct", "target_pct", "numerator",
                    "denominator", "gap_people", "women", "ethnic_minority", "units_reporting", "units_expected",
                    "units_carried_forward", "achieved_pct_low", "achieved_pct_high")
GAP_COLUMNS = ("unit", "gap_people", "achieved_pct", "numerator", "denominator", "source")
GAP_SHOWN = ("unit", "gap_people", "achieved_pct")
SHARE_COLUMNS = ("unit", "numerator", "women", "women_pct", "ethnic_minority", "minority_pct", "source")
TRACE_COLUMNS = ("unit", "numerator", "denominator", "achieved_pct", "women", "ethnic_minority", "source",
                 "file_name", "version", "received_at")
UNIT_COLUMNS = ("unit_code", "unit", "status", *TRACE_COLUMNS[1:4], "target_pct", "gap_people", *TRACE_COLUMNS[4:])
_KIND = {"achieved_pct": "pct", "target_pct": "pct", "women_pct": "pct", "minority_pct": "pct",
         "achieved_pct_low": "pct", "achieved_pct_high": "pct", "received_at": "time"}
_TEXT = ("unit_code", "unit", "indicator_code", "indicator", "period", "status", "source", "file_name")


# ---- names and numbers ------------------------------------------------------------------------
def name_of(item: Unit | Indicator | Period) -> str:
    return fm.name_of(item, lang())


def _known(value: Any) -> Any:
    return fm.known(value)


def _pct(value: Any, digits: int = 1) -> str:
    return fmt_pct(_known(value), digits)


def _int(value: Any) -> str:
    return fmt_int(_known(value))


def target_text(target: Any) -> str:
    """'≥ 70%', '100%', or 'monitored' for an indicator without a threshold."""
    return fm.target_text(target, lang())


def fmt_time(value: Any, tz: str) -> str:
    """An instant in the plan's time zone: 22/12/2024 02:00 (vi) or 2024-12-22 02:00 (en)."""
    if value is None or pd.isna(value):
        return "—"
    local = pd.Timestamp(value).tz_convert(tz)
    return local.strftime("%d/%m/%Y %H:%M" if lang() == "vi" else "%Y-%m-%d %H:%M")


def plotly_config(what: str, period: str) -> dict[str, Any]:
    """Plotly's own PNG download in the modebar, with a file name people recognise."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{what}_{period}")
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}


# ---- overview cards ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """What one target's card says, every number already formatted; lines: threshold, n/N, gap, bounds, ↻.
    delta: the signed change in points since the previous report ('+4,2 điểm %'), shown by the value (a line
    names that report: a metric's own delta note is cut short on a narrow card)."""

    code: str
    name: str
    status: str
    value: str
    lines: tuple[str, ...]
    delta: str | None = None


def cards(progress: pd.DataFrame, plan: Plan) -> list[Card]:
    """One card per row of app/target_progress (one period), in the query's order."""
    return [_card(r, plan) for r in progress.to_dict("records")]


def _card(r: dict[Any, Any], plan: Plan) -> Card:
    missing, n_carried = int(r["units_expected"]) - int(r["units_reporting"]), int(r["units_carried_forward"])
    lines = [tr("ov.target", target=target_text(r["target_pct"])), *_near_band(r, plan), *_milestone(r, plan),
             tr("ov.units", n=int(r["units_reporting"]), total=int(r["units_expected"]))]
    if not pd.isna(r["gap_people"]):
        lines.append(tr("ov.gap", people=_int(r["gap_people"])))
    if missing > 0 and not pd.isna(r["achieved_pct_low"]):
        lines.append(tr("ov.bounds", low=_pct(r["achieved_pct_low"]), high=_pct(r["achieved_pct_high"]),
                        n=missing))
    if n_carried:
        lines.append(tr("ov.carried", n=n_carried))
    return Card(str(r["indicator_code"]), name_of(plan.indicator_by_code[r["indicator_code"]]), str(r["status"]),
                _pct(r["achieved_pct"]), tuple(lines))


def _near_band(r: dict[Any, Any], plan: Plan) -> list[str]:
    """What 'near' means, on the cards that say it: the band's width is the plan file's near_band_pp."""
    return [tr("ov.near_band", band=fm.fmt_band(plan.near_band_pp, lang()))] if r["status"] == "near" else []


def _milestone(r: dict[Any, Any], plan: Plan) -> list[str]:
    """The plan's interim target for the card's period, when it sets one, and whether it is reached: a year-end
    threshold alone makes almost every target look behind early in the year."""
    ind = plan.indicator_by_code[r["indicator_code"]]
    pct = next((m.target_pct for m in ind.milestones if m.period == r["period_code"]), None)
    if pct is None or pd.isna(r["achieved_pct"]):
        return []
    reached = float(r["achieved_pct"]) >= float(pct)
    return [tr("ov.milestone", period=name_of(plan.period_by_code[r["period_code"]]), target=target_text(pct),
               state=tr("ov.milestone_met" if reached else "ov.milestone_not"))]


def draw_cards(items: list[Card], per_row: int = 4) -> None:
    """Row by row, so the cards read (and stack on a narrow screen) in the list's order."""
    for start in range(0, len(items), per_row):
        for column, card in zip(st.columns(per_row), items[start:start + per_row], strict=False):
            with column.container(border=True):
                draw_card(card)


def draw_card(card: Card) -> None:
    """The title in full, wrapped (a metric's own label is cut to one line), then value, change, status, lines."""
    title = f"{card.code} · {plain(card.name)}"
    st.markdown(f"**{card.code}** · {plain(card.name)}")
    flat = card.delta is not None and not card.delta.startswith(("+", "-"))
    st.metric(title, card.value, delta=card.delta, label_visibility="collapsed",
              delta_color="off" if flat else "normal", delta_arrow="off" if flat else "auto")
    colour, icon = BADGE[card.status]
    st.badge(tr(f"status.{card.status}"), icon=icon, color=colour)
    st.caption("  \n".join(card.lines))


def quarter_note(plan: Plan, quarter: str, period_code: str) -> str:
    """Targets are year to date: a quarter is read from the report that stands for it."""
    year, q = quarter.split("-Q")
    return tr("ov.quarter_note", quarter=tr("ov.quarter", q=q, year=year),
              period=name_of(plan.period_by_code[period_code]))


def shares_caption(total: pd.DataFrame) -> str:
    """Women's and ethnic-minority shares of everyone reached in the chosen units (sums, not averages)."""
    num, women, minority = (_known(total.iloc[0][c]) for c in ("numerator", "women", "ethnic_minority"))
    if not num:
        return tr("td.shares_overall", women=_pct(None), minority=_pct(None))
    return tr("td.shares_overall", women=_pct(100 * women / num), minority=_pct(100 * minority / num))


def unassigned(plan: Plan, progress: pd.DataFrame) -> list[str]:
    """Indicators none of the chosen units report."""
    present = set(progress["indicator_code"])
    return [i.code for i in plan.indicators if i.code not in present]


# ---- tables -------------------------------------------------------------------------------------
def progress_table(progress: pd.DataFrame, plan: Plan, columns: tuple[str, ...] = PROGRESS_COLUMNS) -> pd.DataFrame:
    """Rows of app/target_progress with names and statuses, numbers raw, headers translated (downloads)."""
    d = progress.assign(indicator=progress["indicator_code"].map(lambda c: name_of(plan.indicator_by_code[c])),
                        period=progress["period_code"].map(lambda c: name_of(plan.period_by_code[c])),
                        status=progress["status"].map(lambda s: tr(f"status.{s}")))
    return _headed(d, columns)


def _labels(values: pd.Series, label: Any, missing: object = None) -> pd.Series:
    """label(v) for each distinct value once, then mapped (thousands of rows, a handful of values)."""
    distinct = {v: label(v) for v in values.dropna().unique()}
    return pd.Series([distinct.get(v, missing) for v in values], index=values.index, dtype=object)


def unit_rows(rows: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Rows of app/target_progress_unit in the plan's unit order, with names, sources, shares and met / not met."""
    units, order, vi = plan.unit_by_code, {u.code: i for i, u in enumerate(plan.units)}, lang() == "vi"
    carried = rows["is_carried_forward"].fillna(False).astype(bool)
    source = _labels(rows["source_period_code"], lambda c: name_of(plan.period_by_code[c]))
    num = rows["numerator"].astype("float64")
    return rows.assign(
        unit=_labels(rows["unit_code"], lambda c: (units[c].name_vi if vi else units[c].name_en) if c in units else c),
        unit_order=rows["unit_code"].map(lambda c: order.get(c, len(order))),
        source=source,
        is_carried_forward=carried,
        women_pct=(100 * rows["women"].astype("float64") / num.where(num > 0)),
        minority_pct=(100 * rows["ethnic_minority"].astype("float64") / num.where(num > 0)),
        status=[_unit_status(m, t, p) for m, t, p in zip(rows["is_met"], rows["target_pct"], rows["achieved_pct"],
                                                          strict=True)]).sort_values("unit_order")


def _unit_status(is_met: Any, target: Any, achieved: Any) -> str:
    if pd.isna(achieved):
        return "no_data"
    if pd.isna(target):
        return "no_target"
    return "met" if bool(is_met) else "off_track"


def gap_rows(units: pd.DataFrame) -> pd.DataFrame:
    """Units ranked by people still to reach, then by achievement (lowest first), then in the plan's order."""
    return units.sort_values(["gap_people", "achieved_pct", "unit_order"], ascending=[False, True, True],
                             na_position="last")


CHART_UNITS = 60  # past this, charts show the units with the most people still to reach


def charted(units: pd.DataFrame) -> pd.DataFrame:
    """All units, or the CHART_UNITS with the most people still to reach (a readable chart)."""
    return units if len(units) <= CHART_UNITS else gap_rows(units).head(CHART_UNITS)


def export_table(units: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Numbers raw, statuses and the carried-forward flag in words, headers translated: for CSV and Excel (no
    screen marks such as ↻ in a cell)."""
    words = {True: tr("pa.yes"), False: tr("pa.no")}
    d = units.assign(status=_labels(units["status"], lambda s: tr(f"status.{s}")),
                     is_carried_forward=units["is_carried_forward"].map(words))
    if "source" in columns:  # the flag next to the period its figures come from
        at = columns.index("source") + 1
        columns = (*columns[:at], "is_carried_forward", *columns[at:])
    return _headed(d, columns)


def shown_table(units: pd.DataFrame, columns: tuple[str, ...], tz: str) -> pd.DataFrame:
    """Every number formatted the reader's way (1.234, 70,5%, 05/03/2024 14:30); carried-forward sources ↻."""
    source = [f"{CARRIED} {s}" if c and isinstance(s, str) else s
              for s, c in zip(units["source"], units["is_carried_forward"], strict=True)]
    d = units.assign(status=_labels(units["status"], lambda s: tr(f"status.{s}")), source=source)
    out = {tr(f"td.col.{c}"): [_shown(c, v, tz) for v in d[c]] for c in columns}
    return pd.DataFrame(out)


def _shown(column: str, value: Any, tz: str) -> str:
    kind = _KIND.get(column)
    if column in _TEXT:
        return "—" if value is None or pd.isna(value) else str(value)
    if kind == "pct":
        return _pct(value)
    return fmt_time(value, tz) if kind == "time" else _int(value)


def _headed(d: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    out = d.loc[:, list(columns)]
    return out.set_axis([tr(f"td.col.{c}") for c in columns], axis=1)


# ---- the indicator chooser ---------------------------------------------------------------------
def indicator_select(plan: Plan) -> Indicator:
    """The indicator chooser; labels are fixed now because format_func may be called after the run."""
    codes = [i.code for i in plan.indicators]
    if st.session_state.get(INDICATOR_KEY) not in codes:
        st.session_state[INDICATOR_KEY] = codes[0]
    labels = {i.code: f"{i.code} — {name_of(i)}" for i in plan.indicators}
    code = st.selectbox(tr("td.indicator"), codes, key=INDICATOR_KEY, format_func=labels.__getitem__)
    return plan.indicator_by_code[str(code)]
