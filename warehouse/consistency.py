"""Consistency warnings between a unit's successive reports: shown, never a reason to reject."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb

import queries
from i18n import t
from warehouse.clock import now_utc


@dataclass(frozen=True)
class ConsistencyWarning:
    plan_id: str
    unit_code: str
    period_code: str
    submission_id: int
    indicator_code: str | None
    code: str
    previous_period_code: str | None
    previous_submission_id: int | None
    previous_value: int | None
    value: int | None

    def message(self, lang: str = "vi", period_names: Mapping[str, str] | None = None) -> str:
        """The warning in the language; periods by name when the names are given, else by code."""
        previous = self.previous_period_code or ""
        return t(f"warning.{self.code}", "vi" if lang == "vi" else "en", indicator=self.indicator_code,
                 previous=self.previous_value, value=self.value,
                 previous_period=(period_names or {}).get(previous, previous))

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "unit_code": self.unit_code, "period_code": self.period_code,
                "indicator_code": self.indicator_code, "previous_period_code": self.previous_period_code,
                "previous_value": self.previous_value, "value": self.value,
                "message_vi": self.message("vi"), "message_en": self.message("en")}

    def __str__(self) -> str:
        return f"{self.unit_code} {self.period_code}: {self.message('vi')} / {self.message('en')}"


def warnings_for(con: duckdb.DuckDBPyConnection, submission_ids: list[int],
                 as_of: datetime | None = None) -> list[ConsistencyWarning]:
    """Warnings that involve these submissions, as the reports stand now."""
    if not submission_ids:
        return []
    found = queries.rows(con, "review/warnings_for", {"submission_ids": submission_ids, "as_of": as_of or now_utc()})
    return [ConsistencyWarning(*row) for row in found]
