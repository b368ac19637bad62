"""View model of the plan-and-warehouse page: what the warehouse holds, the plan's indicators, calendar, units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ui.activity import Block
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import frame
from ui.tables import calendar_table, indicator_table, unit_table

COUNTS = ("n_submissions", "n_values", "n_activities", "n_loads")


@dataclass(frozen=True)
class HomeView:
    counts: dict[str, Any]  # COUNTS, in that order
    indicators: Block
    calendar: Block
    units: Block


def view(f: Filters) -> HomeView:
    row = frame("app/warehouse_counts", plan_id=f.plan.plan_id).iloc[0]
    lg = lang()
    return HomeView({k: row[k] for k in COUNTS}, indicator_table(f.plan, lg), calendar_table(f.plan, lg),
                    unit_table(f.plan, lg))
