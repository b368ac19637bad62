"""Figures rolled up to a parent level (province, district …) for one indicator and period."""

from __future__ import annotations

from typing import Any

from i18n import Lang
from ui.activity import Block, block, headers
from ui.reads import frame

COLUMNS = ("unit_code", "unit_name", "achieved_pct", "numerator", "denominator", "is_met", "gap_people",
           "units_reporting", "units_expected")


def rollup_block(params: dict[str, Any], level: str, period: str, indicator: str, lang: Lang) -> Block:
    rows = frame("app/target_progress_rollup", **params, level=level, period=period, indicator=indicator)
    rows = rows.assign(unit_name=rows[f"unit_name_{lang}"])
    return block(rows, headers(COLUMNS, "ru", lang), lang)
