"""The figures the official report is written from: query results of queries/app/report_*.sql, and sums of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from i18n.formats import is_missing

MEASURES = ("n_activities", "participants", "women", "ethnic_minority", "materials")
COMMUNICATION = ("truyen_thong", "toa_dam", "hoi_thi", "su_kien", "phat_hanh_tai_lieu")
ETHNIC_GROUPS = ("nguoi_dan_dtts", "nguoi_uy_tin", "to_truong", "co_so_tin_nguong")


@dataclass(frozen=True)
class Mapping:
    """How today's units are made of the units of the plan year compared with (the same period of an earlier year)."""

    year: int
    parts: tuple[tuple[str, str], ...]  # (today's unit, the earlier units it is made of), units not simply the same
    sources: tuple[str, ...]  # the resolutions behind the crosswalk's links
    split: str = ""  # earlier units shared between several of today's: figures with a share of them are estimates
    absent: str = ""  # today's units that did not exist then


@dataclass(frozen=True)
class Compared:
    """The targets of a period the report compares with, and how to name that period; for the same period of an
    earlier plan year, its figures carried onto today's units (targets.is_estimate) and how."""

    name: str
    targets: pd.DataFrame
    mapping: Mapping | None = None


@dataclass(frozen=True)
class Figures:
    """targets: report_official_targets; participation: report_participation (type × group over the quarters);
    status: report_status; quarterly: report_official_quarters; previous / last_year: the compared periods'
    targets, when they exist."""

    period_code: str
    as_of_on: date
    quarters: tuple[str, ...]
    targets: pd.DataFrame
    participation: pd.DataFrame
    status: pd.DataFrame
    quarterly: pd.DataFrame  # report_official_quarters: participation per calendar quarter
    previous: Compared | None = None
    last_year: Compared | None = None
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)  # tasks, budget, cases: when the views exist


@dataclass(frozen=True)
class Totals:
    n_activities: int
    participants: int
    women: int
    ethnic_minority: int
    materials: int


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def totals(df: pd.DataFrame, types: Iterable[str] | None = None, groups: Iterable[str] | None = None) -> Totals:
    """The participation measures summed over the rows of the given activity types and target groups."""
    rows = df
    if types is not None:
        rows = rows[rows["activity_type"].isin(list(types))]
    if groups is not None:
        rows = rows[rows["target_group"].isin(list(groups))]
    return Totals(*(int(rows[m].sum()) for m in MEASURES))


def by_type(df: pd.DataFrame, types: Iterable[str]) -> list[tuple[str, Totals]]:
    """Per activity type, in the order given, only the types that happened."""
    out = [(code, totals(df, [code])) for code in types]
    return [(code, sums) for code, sums in out if sums.n_activities]


def row_of(df: pd.DataFrame | None, code: str) -> dict[str, Any] | None:
    if df is None:
        return None
    found = records(df[df["indicator_code"] == code])
    return found[0] if found else None


def number(value: object) -> float | None:
    return None if is_missing(value) else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Reporting:
    expected: int
    received: int
    on_time: int
    late: int
    nil: int
    missing: tuple[str, ...]  # unit names, plan order of the query
    not_yet_due: int


def reporting(status: pd.DataFrame, name_column: str) -> Reporting:
    """Counts of the period's reports by status; nil reports count as received, on time or late by first receipt."""
    received = int(status["first_received_at"].notna().sum())
    on_time = int(status["is_on_time"].eq(True).sum())
    missing = tuple(str(n) for n in status.loc[status["status"] == "missing", name_column])
    return Reporting(len(status), received, on_time, received - on_time, int((status["status"] == "nil_report").sum()),
                     missing, int((status["status"] == "not_yet_due").sum()))
