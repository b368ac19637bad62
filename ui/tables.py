"""The plan's own tables (indicators, calendar, units) as blocks: plain values in downloads (numbers, dates, blanks),
the reader's formats and marks on screen only."""

from __future__ import annotations

from datetime import date

import pandas as pd

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block
from ui.formats import target_text

# column -> catalogue key of its header
UNIT_COLUMNS = {"unit_code": "col.unit_code", "unit_name": "col.unit_name", "unit_type": "col.unit_type",
                "gso_code": "col.gso_code", "valid_from_on": "col.valid_from", "valid_to_on": "col.valid_to"}
INDICATOR_COLUMNS = {"indicator_code": "col.indicator", "indicator_name": "col.indicator_name",
                     "target_pct": "col.target", "reporters": "col.reporters"}
CALENDAR_COLUMNS = {"period_code": "col.period", "quarter": "col.quarter", "due_on": "col.due_on"}


def _heads(columns: dict[str, str], lang: Lang) -> dict[str, str]:
    return {c: t(key, lang) for c, key in columns.items()}


def _days(values: list[date | None]) -> pd.Series:
    """Days as a date column: files get dates (blank where none), the screen dd/mm/yyyy."""
    return pd.Series([pd.NaT if d is None else pd.Timestamp(d) for d in values], dtype="datetime64[s]")


def unit_table(plan: Plan, lang: Lang) -> Block:
    """Every unit of the plan (labels looked up once, not per unit: plans may hold thousands); validity as two
    dates, the second blank while the unit still exists."""
    vi = lang == "vi"
    kinds = {k: t(f"unit_type.{k}", lang) for k in {u.type for u in plan.units}}
    table = pd.DataFrame({
        "unit_code": [u.code for u in plan.units],
        "unit_name": [u.name_vi if vi else u.name_en for u in plan.units],
        "unit_type": [kinds[u.type] for u in plan.units],
        "gso_code": pd.Series([u.gso_code for u in plan.units], dtype=object),
        "valid_from_on": _days([u.valid_from for u in plan.units]),
        "valid_to_on": _days([u.valid_to for u in plan.units]),
    })
    return block(table, _heads(UNIT_COLUMNS, lang), lang)


def indicator_table(plan: Plan, lang: Lang) -> Block:
    """Thresholds as numbers in the files; '≥ 70%' and 'monitored' on screen only."""
    table = pd.DataFrame([{
        "indicator_code": i.code, "indicator_name": i.name_vi if lang == "vi" else i.name_en,
        "target_pct": None if i.target_pct is None else float(i.target_pct),
        "reporters": len([u for u in plan.units if plan.reports(u, i)]),
    } for i in plan.indicators], columns=list(INDICATOR_COLUMNS))
    b = block(table, _heads(INDICATOR_COLUMNS, lang), lang)
    b.shown[b.heads["target_pct"]] = [target_text(v, lang) for v in table["target_pct"].head(len(b.shown))]
    return b


def calendar_table(plan: Plan, lang: Lang) -> Block:
    table = pd.DataFrame({"period_code": [p.code for p in plan.periods],
                          "quarter": [p.quarter for p in plan.periods],
                          "due_on": _days([p.due_on for p in plan.periods])})
    return block(table, _heads(CALENDAR_COLUMNS, lang), lang)
