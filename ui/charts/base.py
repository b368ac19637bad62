"""What every figure shares: one validated Figure from plain dicts, side-by-side panels, escaped labels."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from i18n import Lang
from ui.theme import THRESHOLD_LINE

ROW_PX = 26  # height of one category row in horizontal bar charts and heatmaps


def figure(data: list[dict[str, Any]], layout: dict[str, Any], lang: Lang, height: int, title: str = "") -> go.Figure:
    """One validated Figure built from plain dicts: ~5x faster than add_trace / update_layout calls."""
    base = {"title": {"text": title, "x": 0, "font": {"size": 16}}, "height": height,
            "separators": separators(lang), "hoverlabel": {"namelength": -1},
            "margin": {"l": 10, "r": 10, "t": 70 if title else 40, "b": 40},
            "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0}}
    return go.Figure(data=data, layout=base | layout)


def left_margin(labels: list[str], font_px: int = 12) -> int:
    """Room for the longest category label, worked out here: Plotly's `automargin` measures every label in
    the browser and lays the figure out again (half of the status matrix's drawing time)."""
    return 16 + round(0.6 * font_px * max((len(x) for x in labels), default=0))


def separators(lang: Lang) -> str:
    """Plotly's decimal and thousands marks as the language writes them."""
    return ",." if lang == "vi" else ".,"


def panels(titles: list[str], y: dict[str, Any], gap: float = 0.04) -> dict[str, Any]:
    """Side-by-side panels sharing one y axis (make_subplots costs ~50 ms a figure)."""
    width = (1 - gap * (len(titles) - 1)) / len(titles)
    layout: dict[str, Any] = {"annotations": []}
    for i, title in enumerate(titles):
        n = "" if i == 0 else str(i + 1)
        left = i * (width + gap)
        layout[f"xaxis{n}"] = {"domain": [left, left + width], "anchor": f"y{n}"}
        layout[f"yaxis{n}"] = y | {"anchor": f"x{n}"} | ({} if i == 0 else {"matches": "y", "showticklabels": False})
        layout["annotations"].append({"text": title, "xref": f"x{n} domain", "x": 0.5, "yref": "paper", "y": 1.0,
                                      "yanchor": "bottom", "showarrow": False, "font": {"size": 14}})
    return layout


def esc(text: str) -> str:
    """Plain text inside Plotly's HTML-like labels: only < > & need escaping (apostrophes stay readable)."""
    return html.escape(text, quote=False)


def floats(values: Any) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in values]


def label(text: str, **where: Any) -> dict[str, Any]:
    """A small annotation in the threshold colour."""
    return {"text": text, "showarrow": False, "font": {"size": 11, "color": THRESHOLD_LINE}, **where}
