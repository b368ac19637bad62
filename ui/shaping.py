"""Pure helpers that shape warehouse frames for people: plan names and order, local times, shown statuses.

No streamlit and no session: the language is passed in, so chart builders (ui/charts) may use them too.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from i18n import Lang
from plan.model import Plan
from ui.formats import quarter_label


def local(df: pd.DataFrame, tz: str) -> pd.DataFrame:
    """Timestamps (`_at`) in the plan's time zone."""
    out = df.copy()
    for c in [c for c in out.columns if c.endswith("_at")]:
        out[c] = pd.to_datetime(out[c], utc=True).dt.tz_convert(tz)
    return out


def unit_name(plan: Plan, code: str, lang: Lang) -> str:
    u = plan.unit_by_code.get(code)
    return code if u is None else (u.name_vi if lang == "vi" else u.name_en)


def period_name(plan: Plan, code: str, lang: Lang) -> str:
    p = plan.period_by_code.get(code)
    return code if p is None else (p.name_vi if lang == "vi" else p.name_en)


def names(plan: Plan, dimension: str, codes: Iterable[str], lang: Lang) -> dict[str, str]:
    """Display name of each code of a dimension: the plan's reference lists, units, quarters."""
    vi = lang == "vi"
    ref = {"activity_type": plan.reference.activity_types, "target_group": plan.reference.target_groups}
    if dimension in ref:
        known = {r.code: r.name_vi if vi else r.name_en for r in ref[dimension]}
        return {c: known.get(c, c) for c in codes}
    if dimension == "quarter":
        return {c: quarter_label(c, lang) for c in codes}
    return {c: unit_name(plan, c, lang) for c in codes}


def plan_order(plan: Plan, dimension: str) -> list[str]:
    ref = {"activity_type": plan.reference.activity_types, "target_group": plan.reference.target_groups}
    if dimension in ref:
        return [r.code for r in ref[dimension]]
    return [u.code for u in plan.units] if dimension == "unit_code" else []


def ordered(df: pd.DataFrame, column: str, order: list[str]) -> pd.DataFrame:
    rank = {c: i for i, c in enumerate(order)}
    return df.sort_values(column, key=lambda s: s.map(lambda c: (rank.get(c, len(rank)), c)))


def shown_status(status: pd.DataFrame) -> pd.Series:
    """The status to show: a report returned for correction counts as missing but says so."""
    return status["status"].where(~status["is_returned"].fillna(False).astype(bool), "returned")
