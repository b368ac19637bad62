"""The same period of an earlier plan year, on the chosen plan's units: read, mapped and summed.

Shared by the Overview, Target, Participation and Report pages. The earlier year's figures come from
queries/app/same_period_*.sql; plan/same_period.py says which earlier units make each unit of the plan
(crosswalk or unchanged code) and carries their counts; the tables people see are in ui/same_period_tables.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from i18n import Lang
from plan.crosswalk import Crosswalk, cached_crosswalks
from plan.same_period import Carried, Origin, carry, origins
from plan.settings import settings
from ui.filters import Filters
from ui.reads import data_version, frame, plans

TARGET_MEASURES = ("numerator", "denominator", "women", "ethnic_minority")
PARTICIPATION_MEASURES = ("n_activities", "participants", "women", "ethnic_minority")
Rows = dict[str, dict[str, int | None]]  # earlier unit code -> measure -> count
T = TypeVar("T")


@dataclass(frozen=True)
class EarlierUnit:
    code: str
    name_vi: str
    name_en: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class Earlier:
    """The earlier plan year compared with, and how the chosen plan's units are made of its units."""

    plan_id: str
    year: int
    period_code: str
    period_vi: str
    period_en: str
    indicators: tuple[str, ...]  # indicator codes both plans have
    units: dict[str, EarlierUnit]  # the earlier plan's units by code
    origins: dict[str, Origin]  # each unit of the chosen plan -> its earlier units
    rules: tuple[tuple[str, str], ...]  # (vi, en) split rules of the crosswalks used

    def period(self, lang: Lang) -> str:
        """'6 tháng 2024' / 'Half-year 2024'."""
        return f"{self.period_vi if lang == 'vi' else self.period_en} {self.year}"

    def unit_name(self, code: str, lang: Lang) -> str:
        u = self.units.get(code)
        return code if u is None else (u.name_vi if lang == "vi" else u.name_en)

    def origin(self, code: str) -> Origin:
        return self.origins.get(code, Origin(code, ()))


def crosswalks() -> tuple[Crosswalk, ...]:
    return cached_crosswalks(str(settings().crosswalk_dir))


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _units(rows: pd.DataFrame) -> dict[str, EarlierUnit]:
    out = {}
    for r in records(rows):
        start = _day(r["valid_from"])
        if start is not None:
            out[str(r["unit_code"])] = EarlierUnit(str(r["unit_code"]), str(r["name_vi"]), str(r["name_en"]),
                                                   start, _day(r["valid_to"]))
    return out


def _rules(found: dict[str, Origin], walks: tuple[Crosswalk, ...]) -> tuple[tuple[str, str], ...]:
    """The split rules of the crosswalks behind a share, in the language pairs their files give."""
    split = any(o.is_estimate for o in found.values())
    return tuple((cw.split_rule_vi, cw.split_rule_en) for cw in walks) if split else ()


def _candidate(plan_id: str, row: dict[str, Any]) -> Earlier | None:
    units = _units(frame("app/same_period_units", plan_id=row["plan_id"]))
    walks = crosswalks()
    found = origins(plans()[plan_id].units, list(units.values()), walks)
    if not any(o.exists for o in found.values()):
        return None
    return Earlier(str(row["plan_id"]), int(row["year"]), str(row["period_code"]), str(row["name_vi"]),
                   str(row["name_en"]), tuple(row["indicator_codes"]), units, found, _rules(found, walks))


@st.cache_resource(max_entries=32, show_spinner=False)
def _earlier(plan_id: str, period_code: str, version: tuple[int, int]) -> Earlier | None:
    for row in records(frame("app/same_period_plans", plan_id=plan_id, period=period_code)):
        found = _candidate(plan_id, row)
        if found is not None:
            return found
    return None


def earlier(f: Filters) -> Earlier | None:
    """The latest earlier plan year with the same period whose units map onto the plan's; None without one."""
    return _earlier(f.plan.plan_id, f.period_code, data_version())


# ---- carrying the earlier figures onto the plan's units ----------------------------------------
def _count(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _rows(df: pd.DataFrame, key: str, measures: tuple[str, ...]) -> dict[str, Rows]:
    """key value -> earlier unit -> measure -> count ('' as key: one group)."""
    out: dict[str, Rows] = defaultdict(dict)
    for r in records(df):
        out[str(r[key]) if key else ""][str(r["unit_code"])] = {m: _count(r[m]) for m in measures}
    return out


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in df.to_dict("records")]


def _columns(carried: list[Carried], e: Earlier, measures: tuple[str, ...], lang: Lang) -> dict[str, list[Any]]:
    def names(codes: Iterable[str]) -> str:
        return ", ".join(e.unit_name(c, lang) for c in codes)

    out: dict[str, list[Any]] = {f"before_{m}": [c.values[m] for c in carried] for m in measures}
    out |= {"before_state": [c.state for c in carried], "before_is_estimate": [c.is_estimate for c in carried],
            "before_missing": [names(c.missing) for c in carried],
            "before_split": [names(p.old_code for p in e.origin(c.code).parts if p.share != 1) for c in carried]}
    return out


def unit_targets(f: Filters, e: Earlier, current: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Rows of app/target_progress_unit (plan unit × indicator) with the earlier year's figures on the same unit:
    before_numerator … before_ethnic_minority, before_state (ok / no_unit / no_data / no_indicator),
    before_is_estimate, before_missing and before_split (earlier units' names)."""
    rows = _rows(frame("app/same_period_targets", plan_id=e.plan_id, period=e.period_code, as_of=f.as_of),
                 "indicator_code", TARGET_MEASURES)
    pairs = list(zip(current["unit_code"].astype(str), current["indicator_code"].astype(str), strict=True))
    carried = [carry(e.origin(u), rows.get(i, {}), TARGET_MEASURES) for u, i in pairs]
    out = current.assign(**_columns(carried, e, TARGET_MEASURES, lang))
    shared = out["indicator_code"].isin(list(e.indicators))
    return out.assign(before_state=out["before_state"].where(shared, "no_indicator"))


def earlier_quarters(f: Filters, e: Earlier) -> list[str]:
    """The chosen calendar quarters in the earlier year (2025-Q2 -> 2024-Q2)."""
    return [f"{e.year}-Q{q.split('-Q')[1]}" for q in f.quarters]


def unit_participation(f: Filters, e: Earlier, codes: list[str], lang: Lang) -> pd.DataFrame:
    """One row per plan unit code given: the earlier year's participation in the same quarters, carried over."""
    quarters = earlier_quarters(f, e)
    df = frame("app/same_period_participation", plan_id=e.plan_id, as_of=f.as_of, quarters=quarters)
    rows = _rows(df, "", PARTICIPATION_MEASURES).get("", {})
    carried = [carry(e.origin(c), rows, PARTICIPATION_MEASURES) for c in codes]
    return pd.DataFrame({"unit_code": codes, **_columns(carried, e, PARTICIPATION_MEASURES, lang)})


def pct(numerator: Any, denominator: Any) -> float | None:
    """100 × numerator / denominator, None when either is missing or the denominator is 0."""
    num, den = _count(numerator), _count(denominator)
    return None if num is None or not den else 100.0 * num / den
