"""Figures rolled up to a parent level (province, district …) for one indicator and period."""

from __future__ import annotations

from typing import Any

from i18n import Lang
from ui.activity import Block, block, headers
from ui.participation import participation_headers, with_shares
from ui.reads import frame

COLUMNS = ("unit_code", "unit_name", "achieved_pct", "numerator", "denominator", "is_met", "gap_people",
           "units_reporting", "units_expected")


def rollup_block(params: dict[str, Any], level: str, period: str, indicator: str, lang: Lang) -> Block:
    rows = frame("app/target_progress_rollup", **params, level=level, period=period, indicator=indicator)
    rows = rows.assign(unit_name=rows[f"unit_name_{lang}"])
    return block(rows, headers(COLUMNS, "ru", lang), lang)


REPORTING_COLUMNS = ("unit_code", "unit_name", "expected", "received", "on_time", "late", "missing", "not_yet_due",
                     "reporting_rate_pct", "on_time_rate_pct")


def reporting_rollup_block(params: dict[str, Any], level: str, period: str, lang: Lang) -> Block:
    rows = frame("app/reporting_rollup", **params, level=level, period=period)
    rows = rows.assign(unit_name=rows[f"unit_name_{lang}"])
    return block(rows, headers(REPORTING_COLUMNS, "rr", lang), lang)


def participation_rollup_block(params: dict[str, Any], level: str, quarters: list[str], lang: Lang) -> Block:
    rows = frame("app/participation_rollup", **params, level=level, quarters=quarters)
    rows = with_shares(rows.assign(unit_name=rows[f"unit_name_{lang}"]))
    return block(rows, participation_headers("unit_code", lang), lang)
