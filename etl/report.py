"""The validated content of one submission, ready to load."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ValueRow:
    indicator_code: str
    numerator: int
    denominator: int
    women: int | None
    ethnic_minority: int | None
    note: str
    source_row: int


@dataclass(frozen=True)
class ActivityRow:
    line_no: int
    activity_on: date
    activity_type: str
    topic: str
    target_group: str
    participants: int
    men: int
    women: int
    ethnic_minority: int
    materials: int
    note: str
    activity_key: str
    source_row: int


@dataclass
class Report:
    plan_id: str
    unit_code: str
    period_code: str
    report_on: date | None
    is_nil: bool
    prepared_by: str
    phone: str
    template_version: str
    values: list[ValueRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
