"""View model of the plan-and-warehouse page: what the warehouse holds, the plan's indicators, calendar, units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ui.filters import Filters
from ui.i18n import fmt_date, tr
from ui.reads import frame
from ui.tables import indicator_table, unit_table

COUNTS = ("n_submissions", "n_values", "n_activities", "n_loads")


@dataclass(frozen=True)
class HomeView:
    counts: dict[str, Any]  # COUNTS, in that order
    indicators: pd.DataFrame
    calendar: pd.DataFrame
    units: pd.DataFrame


def view(f: Filters) -> HomeView:
    row = frame("app/warehouse_counts", plan_id=f.plan.plan_id).iloc[0]
    calendar = pd.DataFrame([{tr("col.period"): p.code, tr("col.quarter"): p.quarter,
                              tr("col.due_on"): fmt_date(p.due_on)} for p in f.plan.periods])
    return HomeView({k: row[k] for k in COUNTS}, indicator_table(f.plan), calendar, unit_table(f.plan))
