"""Plan and result tables with translated labels."""

from __future__ import annotations

from datetime import date

import pandas as pd

from plan.model import Plan
from ui.i18n import lang, tr


def unit_table(plan: Plan) -> pd.DataFrame:
    """Every unit of the plan (labels looked up once, not per unit: plans may hold thousands)."""
    vi = lang() == "vi"
    kinds = {k: tr(f"unit_type.{k}") for k in {u.type for u in plan.units}}
    return pd.DataFrame({
        tr("col.unit_code"): [u.code for u in plan.units],
        tr("col.unit_name"): [u.name_vi if vi else u.name_en for u in plan.units],
        tr("col.unit_type"): [kinds[u.type] for u in plan.units],
        tr("col.gso_code"): [u.gso_code or "" for u in plan.units],
        tr("col.valid"): [_validity(u.valid_from, u.valid_to) for u in plan.units],
    })


def indicator_table(plan: Plan) -> pd.DataFrame:
    vi = lang() == "vi"
    return pd.DataFrame([{
        tr("col.indicator"): i.code, tr("col.indicator_name"): i.name_vi if vi else i.name_en,
        tr("col.target"): "—" if i.target_pct is None else f"≥ {i.target_pct:g}",
        tr("col.reporters"): len([u for u in plan.units if plan.reports(u, i)]),
    } for i in plan.indicators])


def _validity(start: date, end: date | None) -> str:
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" if end else f"{start:%d/%m/%Y} –"
