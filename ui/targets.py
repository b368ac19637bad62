"""Target pages: the cards, Plotly charts and tables built from the target-progress queries."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from plan.model import Indicator, Period, Plan, Unit
from ui.i18n import fmt_date, fmt_int, fmt_pct, lang, tr
from ui.theme import GREY, LIGHT_GREY, MINORITY, SERIES, SEX, TARGET_STATUS, THRESHOLD_LINE, YELLOW

INDICATOR_KEY = "target_indicator"
CARRIED = "↻"
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")
BadgeColour = Literal["green", "orange", "red", "blue", "gray"]
# st.badge takes named colours only: the nearest to ui.theme's, with an icon so colour is never the only cue.
BADGE: dict[str, tuple[BadgeColour, str]] = {
    "met": ("green", ":material/check_circle:"), "near": ("orange", ":material/trending_up:"),
    "off_track": ("red", ":material/error:"), "no_target": ("blue", ":material/visibility:"),
    "no_data": ("gray", ":material/hourglass_empty:")}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|$])")
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
    return item.name_vi if lang() == "vi" else item.name_en


def _known(value: Any) -> Any:
    """pandas' missing markers (NaN, NA, NaT) as None, which ui.i18n's formatters show as '—'."""
    return None if value is None or pd.isna(value) else value


def _pct(value: Any, digits: int = 1) -> str:
    return fmt_pct(_known(value), digits)


def _int(value: Any) -> str:
    return fmt_int(_known(value))


def _esc(text: str) -> str:
    """Plain text inside Plotly's HTML-like labels: only < > & need escaping (apostrophes stay readable)."""
    return html.escape(text, quote=False)


def md(text: str) -> str:
    """Plan text shown through markdown, read literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def target_text(target: Any) -> str:
    """'≥ 70%', '100%', or 'monitored' for an indicator without a threshold."""
    if target is None or pd.isna(target):
        return tr("ov.monitored")
    digits = 0 if float(target).is_integer() else 1
    return ("≥ " if float(target) < 100 else "") + _pct(float(target), digits)


def fmt_time(value: Any, tz: str) -> str:
    """An instant in the plan's time zone: 22/12/2024 02:00 (vi) or 2024-12-22 02:00 (en)."""
    if value is None or pd.isna(value):
        return "—"
    local = pd.Timestamp(value).tz_convert(tz)
    return local.strftime("%d/%m/%Y %H:%M" if lang() == "vi" else "%Y-%m-%d %H:%M")


def _day_month(day: date) -> str:
    return f"{day:%d/%m}" if lang() == "vi" else f"{day:%d %b}"


def plotly_config(what: str, period: str) -> dict[str, Any]:
    """Plotly's own PNG download in the modebar, with a file name people recognise."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{what}_{period}")
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}


# ---- overview cards ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """What one target's card says, every number already formatted; lines: threshold, n/N, gap, bounds, ↻."""

    code: str
    name: str
    status: str
    value: str
    lines: tuple[str, ...]


def cards(progress: pd.DataFrame, plan: Plan) -> list[Card]:
    """One card per row of app/target_progress (one period), in the query's order."""
    return [_card(r, plan) for r in progress.to_dict("records")]


def _card(r: dict[Any, Any], plan: Plan) -> Card:
    missing, n_carried = int(r["units_expected"]) - int(r["units_reporting"]), int(r["units_carried_forward"])
    lines = [tr("ov.target", target=target_text(r["target_pct"])),
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


def draw_cards(items: list[Card], per_row: int = 4) -> None:
    columns = st.columns(per_row)
    for i, card in enumerate(items):
        with columns[i % per_row].container(border=True):
            draw_card(card)


def draw_card(card: Card) -> None:
    st.metric(f"{card.code} · {md(card.name)}", card.value, help=md(card.name))
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
def progress_table(progress: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Rows of app/target_progress with names and statuses, numbers raw, headers translated (downloads)."""
    d = progress.assign(indicator=progress["indicator_code"].map(lambda c: name_of(plan.indicator_by_code[c])),
                        period=progress["period_code"].map(lambda c: name_of(plan.period_by_code[c])),
                        status=progress["status"].map(lambda s: tr(f"status.{s}")))
    return _headed(d, PROGRESS_COLUMNS)


def unit_rows(rows: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Rows of app/target_progress_unit in the plan's unit order, with names, ↻ marks, shares and met / not met."""
    units, order = plan.unit_by_code, {u.code: i for i, u in enumerate(plan.units)}
    carried = rows["is_carried_forward"].fillna(False).astype(bool)
    source = rows["source_period_code"].map(lambda c: name_of(plan.period_by_code[c]) if isinstance(c, str) else "—")
    num = rows["numerator"].astype("float64")
    return rows.assign(
        unit=rows["unit_code"].map(lambda c: name_of(units[c]) if c in units else c),
        unit_order=rows["unit_code"].map(lambda c: order.get(c, len(order))),
        source=[f"{CARRIED} {s}" if c else s for s, c in zip(source, carried, strict=True)],
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


def export_table(units: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Numbers raw, statuses translated, headers translated: for CSV and Excel."""
    return _headed(units.assign(status=units["status"].map(lambda s: tr(f"status.{s}"))), columns)


def shown_table(units: pd.DataFrame, columns: tuple[str, ...], tz: str) -> pd.DataFrame:
    """Every number formatted the reader's way (1.234, 70,5%, 05/03/2024 14:30)."""
    d = units.assign(status=units["status"].map(lambda s: tr(f"status.{s}")))
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


# ---- charts (built as plain dicts and validated once: Plotly's add_hline & co. cost ~30 ms each) ---------------
def _figure(traces: list[dict[str, Any]], title: str, **layout: Any) -> go.Figure:
    """Title top left, legend along the bottom edge whatever the height, numbers written the reader's way."""
    return go.Figure(data=traces, layout={
        "title": {"text": _esc(title)}, "separators": ",." if lang() == "vi" else ".,",
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 50}, "hoverlabel": {"align": "left"}, **layout})


def _floats(values: Any) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in values]


def _label(text: str, **where: Any) -> dict[str, Any]:
    return {"text": text, "showarrow": False, "font": {"size": 11, "color": THRESHOLD_LINE}, **where}


def trend_figure(progress: pd.DataFrame, plan: Plan) -> go.Figure:
    """Achieved % per indicator at each period's end date, thresholds dotted, the Action Month shaded."""
    shown = set(progress["indicator_code"])
    traces = [_trend_trace(progress[progress["indicator_code"] == ind.code], plan, ind, i)
              for i, ind in enumerate(plan.indicators) if ind.code in shown]
    shapes, notes = _threshold_lines(plan, shown)
    if plan.action_month:
        am = plan.action_month
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": am.starts_on.isoformat(),
                       "x1": am.ends_on.isoformat(), "y0": 0, "y1": 1, "fillcolor": YELLOW, "opacity": 0.25,
                       "layer": "below", "line": {"width": 0}})
        notes.append(_label(tr("ov.action_month", start=_day_month(am.starts_on), end=_day_month(am.ends_on)),
                            xref="x", yref="paper", x=am.ends_on.isoformat(), y=1, xanchor="right", yanchor="top"))
    ticks = [0, 20, 40, 60, 80, 100]
    x_axis = {"type": "date", "range": [(plan.starts_on - timedelta(days=10)).isoformat(),
                                        (plan.ends_on + timedelta(days=12)).isoformat()],
              "tickvals": [p.ends_on.isoformat() for p in plan.periods], "title": {"text": tr("ov.trend_x")},
              "ticktext": [f"{_esc(name_of(p))}<br>{fmt_date(p.ends_on)}" for p in plan.periods]}
    y_axis = {"range": [0, 119], "tickvals": ticks, "ticktext": [f"{v}%" for v in ticks],
              "title": {"text": tr("ov.trend_y")}}
    return _figure(traces, tr("ov.trend"), height=520, xaxis=x_axis, yaxis=y_axis,
                   shapes=shapes, annotations=notes)


def _trend_trace(rows: pd.DataFrame, plan: Plan, ind: Indicator, i: int) -> dict[str, Any]:
    """One indicator's line; a monitored indicator (no threshold) is grey and dashed."""
    periods = [plan.period_by_code[c] for c in rows["period_code"]]
    pct, low, high = (_floats(rows[c]) for c in ("achieved_pct", "achieved_pct_low", "achieved_pct_high"))
    monitored = ind.target_pct is None
    return {"type": "scatter", "x": [p.ends_on.isoformat() for p in periods], "y": pct, "name": ind.code,
            "mode": "lines+markers", "marker": {"size": 9, "symbol": SYMBOLS[i % len(SYMBOLS)]},
            "line": {"color": GREY if monitored else SERIES[i % len(SERIES)], "width": 2,
                     "dash": "dash" if monitored else "solid"},
            "error_y": {"type": "data", "symmetric": False, "thickness": 1, "width": 4,
                        "array": [None if h is None or v is None else h - v for v, h in zip(pct, high, strict=True)],
                        "arrayminus": [None if lo is None or v is None else v - lo
                                       for v, lo in zip(pct, low, strict=True)]},
            "customdata": [_trend_hover(ind, p, r) for p, r in zip(periods, rows.to_dict("records"), strict=True)],
            "hovertemplate": "%{customdata}<extra></extra>"}


def _trend_hover(ind: Indicator, period: Period, r: dict[Any, Any]) -> str:
    lines = [f"<b>{ind.code}</b> · {_esc(name_of(period))}",
             tr("ov.hover", pct=_pct(r["achieved_pct"]), num=_int(r["numerator"]), den=_int(r["denominator"])),
             tr(f"status.{r['status']}")]
    if r["units_reporting"] < r["units_expected"]:
        lines.append(tr("ov.hover_range", low=_pct(r["achieved_pct_low"]), high=_pct(r["achieved_pct_high"])))
    return "<br>".join(lines)


def _threshold_lines(plan: Plan, shown: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One dotted line per distinct threshold, labelled with the indicators it applies to."""
    by_target: dict[float, list[str]] = {}
    for ind in plan.indicators:
        if ind.code in shown and ind.target_pct is not None:
            by_target.setdefault(float(ind.target_pct), []).append(ind.code)
    shapes = [{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": t, "y1": t,
               "line": {"color": THRESHOLD_LINE, "dash": "dot", "width": 1}} for t in sorted(by_target)]
    notes = [_label(tr("ov.threshold", target=target_text(t), codes=", ".join(codes)), xref="paper", yref="y",
                    x=0, y=t, xanchor="left", yanchor="top") for t, codes in sorted(by_target.items())]
    return shapes, notes


def unit_bars_figure(units: pd.DataFrame, ind: Indicator) -> go.Figure:
    """Horizontal bars of achieved % per unit, coloured met / not met, carried-forward bars hatched and paler."""
    d = units.assign(label=[_esc(f"{u} {CARRIED}" if c else u)
                            for u, c in zip(units["unit"], units["is_carried_forward"], strict=True)])
    d = d.sort_values(["achieved_pct", "unit_order"], ascending=[True, False], na_position="first")
    traces = [_unit_bar(part, str(status), bool(carried))
              for (status, carried), part in d.groupby(["status", "is_carried_forward"], sort=False)]
    shapes, notes = [], []
    if ind.target_pct is not None:
        target = float(ind.target_pct)
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": target, "x1": target, "y0": 0, "y1": 1,
                       "line": {"color": THRESHOLD_LINE, "dash": "dash", "width": 2}})
        notes.append(_label(tr("td.threshold", target=target_text(target)), xref="x", yref="paper", x=target, y=1,
                            yanchor="bottom"))
    return _figure(traces, tr("td.bars", code=ind.code), height=max(300, 26 * len(d) + 170), barmode="overlay",
                   shapes=shapes, annotations=notes,
                   yaxis={"categoryorder": "array", "categoryarray": list(d["label"]), "automargin": True},
                   xaxis={"range": [0, 118], "ticksuffix": "%", "title": {"text": tr("td.bars_x")}})


def _unit_bar(part: pd.DataFrame, status: str, carried: bool) -> dict[str, Any]:
    name = tr(f"status.{status}")
    pct = _floats(part["achieved_pct"])
    return {"type": "bar", "orientation": "h", "y": list(part["label"]), "x": [v or 0 for v in pct],
            "name": tr("td.carried_legend", status=name) if carried else name,
            "marker": {"color": TARGET_STATUS[status], "opacity": 0.55 if carried else 1.0,
                       "pattern": {"shape": "/" if carried else "", "solidity": 0.35}},
            "text": [name if v is None else _pct(v) for v in pct], "textposition": "auto", "insidetextanchor": "end",
            "insidetextfont": {"color": THRESHOLD_LINE if carried else "white"},
            "customdata": [tr("td.hover", num=_int(n), den=_int(m), source=s)
                           for n, m, s in zip(part["numerator"], part["denominator"], part["source"], strict=True)],
            "hovertemplate": "<b>%{y}</b><br>%{text}<br>%{customdata}<extra></extra>"}


def shares_figure(units: pd.DataFrame, ind: Indicator) -> go.Figure:
    """Women's and ethnic-minority shares of those reached: one row per unit, one dot per share."""
    d = units.sort_values(["women_pct", "unit_order"], ascending=[True, False], na_position="first")
    labels = [_esc(u) for u in d["unit"]]
    traces = [{"type": "scatter", "mode": "markers", "y": labels, "x": _floats(d[column]), "name": tr(key),
               "marker": {"color": colour, "symbol": symbol, "size": 11},
               "customdata": [f"{_esc(tr(key))}: {_pct(v)}" for v in d[column]],
               "hovertemplate": "<b>%{y}</b><br>%{customdata}<extra></extra>"}
              for column, key, colour, symbol in (("women_pct", "td.women", SEX["women"], "circle"),
                                                  ("minority_pct", "td.minority", MINORITY, "diamond"))]
    return _figure(traces, tr("td.shares", code=ind.code), height=max(300, 22 * len(d) + 170),
                   yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True,
                          "gridcolor": LIGHT_GREY},
                   xaxis={"range": [-2, 102], "ticksuffix": "%", "title": {"text": tr("td.shares_x")}})


def indicator_select(plan: Plan) -> Indicator:
    """The indicator chooser; labels are fixed now because format_func may be called after the run."""
    codes = [i.code for i in plan.indicators]
    if st.session_state.get(INDICATOR_KEY) not in codes:
        st.session_state[INDICATOR_KEY] = codes[0]
    labels = {i.code: f"{i.code} — {name_of(i)}" for i in plan.indicators}
    code = st.selectbox(tr("td.indicator"), codes, key=INDICATOR_KEY, format_func=labels.__getitem__)
    return plan.indicator_by_code[str(code)]
