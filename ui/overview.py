"""View model of the overview page: one card per target for the chosen period, and the trend over the year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ui.charts.targets import trend_figure
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import frame
from ui.targets import Card, cards, progress_table, unassigned


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
    chosen = progress[progress["period_code"] == f.period_code]
    if chosen.empty:
        return None
    return OverviewView(cards(chosen, f.plan), unassigned(f.plan, chosen), progress_table(chosen, f.plan),
                        trend_figure(progress, f.plan, lang()), progress_table(progress, f.plan))
