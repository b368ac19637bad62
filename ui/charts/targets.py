"""Figures of the target pages: the trend with the Action Month, per-unit bars, women's and minority shares.

Built as plain dicts and validated once: Plotly's add_hline & co. cost ~30 ms each.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang, t
from plan.model import Indicator, Period, Plan
from ui.charts.base import esc, floats, label, separators
from ui.formats import CARRIED, day_month, fmt_day, fmt_int, fmt_pct, known, name_of, target_text
from ui.theme import GREY, LIGHT_GREY, MINORITY, SERIES, SEX, SYMBOLS, TARGET_STATUS, THRESHOLD_LINE, YELLOW


def _figure(traces: list[dict[str, Any]], title: str, lang: Lang, **layout: Any) -> go.Figure:
    """Title top left, legend along the bottom edge whatever the height, numbers written the reader's way."""
    return go.Figure(data=traces, layout={
        "title": {"text": esc(title)}, "separators": separators(lang),
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 50}, "hoverlabel": {"align": "left"}, **layout})


def _pct(value: Any, lang: Lang) -> str:
    return fmt_pct(known(value), lang)


def _int(value: Any, lang: Lang) -> str:
    return fmt_int(known(value), lang)


def trend_figure(progress: pd.DataFrame, plan: Plan, lang: Lang) -> go.Figure:
    """Achieved % per indicator at each period's end date, thresholds dotted, the Action Month shaded."""
    shown = set(progress["indicator_code"])
    traces = [_trend_trace(progress[progress["indicator_code"] == ind.code], plan, ind, i, lang)
              for i, ind in enumerate(plan.indicators) if ind.code in shown]
    shapes, notes = _threshold_lines(plan, shown, lang)
    if plan.action_month:
        am = plan.action_month
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": am.starts_on.isoformat(),
                       "x1": am.ends_on.isoformat(), "y0": 0, "y1": 1, "fillcolor": YELLOW, "opacity": 0.25,
                       "layer": "below", "line": {"width": 0}})
        month = t("ov.action_month", lang, start=day_month(am.starts_on, lang), end=day_month(am.ends_on, lang))
        notes.append(label(month, xref="x", yref="paper", x=am.ends_on.isoformat(), y=1, xanchor="right",
                           yanchor="top"))
    ticks = [0, 20, 40, 60, 80, 100]
    x_axis = {"type": "date", "range": [(plan.starts_on - timedelta(days=10)).isoformat(),
                                        (plan.ends_on + timedelta(days=12)).isoformat()],
              "tickvals": [p.ends_on.isoformat() for p in plan.periods], "title": {"text": t("ov.trend_x", lang)},
              "ticktext": [f"{esc(name_of(p, lang))}<br>{fmt_day(p.ends_on, lang)}" for p in plan.periods]}
    y_axis = {"range": [0, 119], "tickvals": ticks, "ticktext": [f"{v}%" for v in ticks],
              "title": {"text": t("ov.trend_y", lang)}}
    return _figure(traces, t("ov.trend", lang), lang, height=520, xaxis=x_axis, yaxis=y_axis,
                   shapes=shapes, annotations=notes)


def _trend_trace(rows: pd.DataFrame, plan: Plan, ind: Indicator, i: int, lang: Lang) -> dict[str, Any]:
    """One indicator's line; a monitored indicator (no threshold) is grey and dashed."""
    periods = [plan.period_by_code[c] for c in rows["period_code"]]
    pct, low, high = (floats(rows[c]) for c in ("achieved_pct", "achieved_pct_low", "achieved_pct_high"))
    monitored = ind.target_pct is None
    return {"type": "scatter", "x": [p.ends_on.isoformat() for p in periods], "y": pct, "name": ind.code,
            "mode": "lines+markers", "marker": {"size": 9, "symbol": SYMBOLS[i % len(SYMBOLS)]},
            "line": {"color": GREY if monitored else SERIES[i % len(SERIES)], "width": 2,
                     "dash": "dash" if monitored else "solid"},
            "error_y": {"type": "data", "symmetric": False, "thickness": 1, "width": 4,
                        "array": [None if h is None or v is None else h - v for v, h in zip(pct, high, strict=True)],
                        "arrayminus": [None if lo is None or v is None else v - lo
                                       for v, lo in zip(pct, low, strict=True)]},
            "customdata": [_trend_hover(ind, p, r, lang)
                           for p, r in zip(periods, rows.to_dict("records"), strict=True)],
            "hovertemplate": "%{customdata}<extra></extra>"}


def _trend_hover(ind: Indicator, period: Period, r: dict[Any, Any], lang: Lang) -> str:
    lines = [f"<b>{ind.code}</b> · {esc(name_of(period, lang))}",
             t("ov.hover", lang, pct=_pct(r["achieved_pct"], lang), num=_int(r["numerator"], lang),
               den=_int(r["denominator"], lang)),
             t(f"status.{r['status']}", lang)]
    if r["units_reporting"] < r["units_expected"]:
        lines.append(t("ov.hover_range", lang, low=_pct(r["achieved_pct_low"], lang),
                       high=_pct(r["achieved_pct_high"], lang)))
    return "<br>".join(lines)


def _threshold_lines(plan: Plan, shown: set[str],
                     lang: Lang) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One dotted line per distinct threshold, labelled with the indicators it applies to."""
    by_target: dict[float, list[str]] = {}
    for ind in plan.indicators:
        if ind.code in shown and ind.target_pct is not None:
            by_target.setdefault(float(ind.target_pct), []).append(ind.code)
    shapes = [{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
               "line": {"color": THRESHOLD_LINE, "dash": "dot", "width": 1}} for y in sorted(by_target)]
    notes = [label(t("ov.threshold", lang, target=target_text(y, lang), codes=", ".join(codes)), xref="paper",
                   yref="y", x=0, y=y, xanchor="left", yanchor="top") for y, codes in sorted(by_target.items())]
    return shapes, notes


def unit_bars_figure(units: pd.DataFrame, ind: Indicator, lang: Lang,
                     milestone: tuple[str, float] | None = None) -> go.Figure:
    """Horizontal bars of achieved % per unit, coloured met / not met, carried-forward bars hatched and paler;
    the year's threshold dashed, and the period's milestone (period name, %) dotted when the plan sets one."""
    d = units.assign(label=[esc(f"{u} {CARRIED}" if c else u)
                            for u, c in zip(units["unit"], units["is_carried_forward"], strict=True)])
    d = d.sort_values(["achieved_pct", "unit_order"], ascending=[True, False], na_position="first")
    traces = [_unit_bar(part, str(status), bool(carried), lang)
              for (status, carried), part in d.groupby(["status", "is_carried_forward"], sort=False)]
    shapes, notes = [], []
    if ind.target_pct is not None:
        target = float(ind.target_pct)
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": target, "x1": target, "y0": 0, "y1": 1,
                       "line": {"color": THRESHOLD_LINE, "dash": "dash", "width": 2}})
        notes.append(label(t("td.threshold", lang, target=target_text(target, lang)), xref="x", yref="paper",
                           x=target, y=1, yanchor="bottom"))
    if milestone is not None:
        shapes.append(_milestone_line(milestone[1]))
        notes.append(label(t("td.milestone", lang, period=milestone[0], target=target_text(milestone[1], lang)),
                           xref="x", yref="paper", x=milestone[1], y=1, yanchor="bottom",
                           xanchor="right"))
    return _figure(traces, t("td.bars", lang, code=ind.code), lang, height=max(300, 26 * len(d) + 170),
                   barmode="overlay",                   shapes=shapes, annotations=notes,
                   yaxis={"categoryorder": "array", "categoryarray": list(d["label"]), "automargin": True},
                   xaxis={"range": [0, 118], "ticksuffix": "%", "title": {"text": t("td.bars_x", lang)}})


def _milestone_line(pct: float) -> dict[str, Any]:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": pct, "x1": pct, "y0": 0, "y1": 1,
            "line": {"color": GREY, "dash": "dot", "width": 2}}


def _unit_bar(part: pd.DataFrame, status: str, carried: bool, lang: Lang) -> dict[str, Any]:
    name = t(f"status.{status}", lang)
    pct = floats(part["achieved_pct"])
    return {"type": "bar", "orientation": "h", "y": list(part["label"]), "x": [v or 0 for v in pct],
            "name": t("td.carried_legend", lang, status=name) if carried else name,
            "marker": {"color": TARGET_STATUS[status], "opacity": 0.55 if carried else 1.0,
                       "pattern": {"shape": "/" if carried else "", "solidity": 0.35}},
            "text": [name if v is None else _pct(v, lang) for v in pct], "textposition": "auto",
            "insidetextanchor": "end",
            "insidetextfont": {"color": THRESHOLD_LINE if carried else "white"},
            "customdata": [t("td.hover", lang, num=_int(n, lang), den=_int(m, lang),
                             source=s if isinstance(s, str) else "—")
                           for n, m, s in zip(part["numerator"], part["denominator"], part["source"], strict=True)],
            "hovertemplate": "<b>%{y}</b><br>%{text}<br>%{customdata}<extra></extra>"}


def shares_figure(units: pd.DataFrame, ind: Indicator, lang: Lang) -> go.Figure:
    """Women's and ethnic-minority shares of those reached: one row per unit, one dot per share."""
    d = units.sort_values(["women_pct", "unit_order"], ascending=[True, False], na_position="first")
    labels = [esc(u) for u in d["unit"]]
    traces = [{"type": "scatter", "mode": "markers", "y": labels, "x": floats(d[column]), "name": t(key, lang),
               "marker": {"color": colour, "symbol": symbol, "size": 11},
               "customdata": [f"{esc(t(key, lang))}: {_pct(v, lang)}" for v in d[column]],
               "hovertemplate": "<b>%{y}</b><br>%{customdata}<extra></extra>"}
              for column, key, colour, symbol in (("women_pct", "td.women", SEX["women"], "circle"),
                                                  ("minority_pct", "td.minority", MINORITY, "diamond"))]
    return _figure(traces, t("td.shares", lang, code=ind.code), lang, height=max(300, 22 * len(d) + 170),
                   yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True,
                          "gridcolor": LIGHT_GREY},
                   xaxis={"range": [-2, 102], "ticksuffix": "%", "title": {"text": t("td.shares_x", lang)}})
