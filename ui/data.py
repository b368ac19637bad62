"""View model of the Data page: a documented view's rows under the filters, the load history, one load's files.

The read layer that was here is ui/reads.py; its names stay importable from ui.data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ui.extracts_ui import (
    column_config,
    files_table,
    load_files,
    load_problems,
    load_summary,
    loads,
    loads_table,
    on_screen,
    problems_table,
    row_count,
    scope_name,
    view_frame,
)
from ui.filters import Filters
from ui.i18n import tr
from ui.reads import NoWarehouse, WarehouseBusy, cache_key, data_version, db_path, frame, plans


@dataclass(frozen=True)
class ExtractView:
    rows: pd.DataFrame  # the view's rows, times in the plan's zone
    caption: str  # its grain and size
    config: dict[str, Any]  # screen formats of its columns
    scope: str  # what the rows cover, for the file names
    shown: pd.DataFrame  # the rows as the screen shows them: statuses and unit types in the chosen language


def view(f: Filters, name: str, all_periods: bool) -> ExtractView:
    """The documented view `name` under the filters (or over every period of the plan)."""
    rows = view_frame(name, f, all_periods)
    return ExtractView(rows, row_count(name, rows), column_config(rows), scope_name(name, f, all_periods),
                       on_screen(rows))


@dataclass(frozen=True)
class HistoryView:
    loads: pd.DataFrame  # the latest loads, newest first (raw, for the chooser)
    table: pd.DataFrame  # the same for the screen
    caption: str


def history(f: Filters) -> HistoryView | None:
    """The latest loads; None when nothing was ever loaded."""
    rows = loads()
    if rows.empty:
        return None
    return HistoryView(rows, loads_table(rows, f.plan.timezone), tr("da.loads.caption", n=len(rows)))


def summary(h: HistoryView, load_id: int) -> str:
    """How many files the load took and refused."""
    return load_summary(h.loads, load_id)


@dataclass(frozen=True)
class LoadView:
    files: pd.DataFrame  # for the screen and the download
    problems: pd.DataFrame | None  # None when the load found no problem


def load(f: Filters, load_id: int, only_rejected: bool) -> LoadView:
    """One load's files (or only those it refused) and every problem it found."""
    problems = load_problems(load_id)
    files = files_table(load_files(load_id, only_rejected), f.plan.timezone)
    return LoadView(files, None if problems.empty else problems_table(problems))


__all__ = ["NoWarehouse", "WarehouseBusy", "cache_key", "data_version", "db_path", "frame", "plans"]
