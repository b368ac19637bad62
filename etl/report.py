"""The validated content of one submission, ready to load.

A report's rows are named tuples: a parse worker sends each file's report to the command that loads it, and a
result unpickles in 0.044 ms a file with rows as tuples against 0.073-0.083 ms with rows as dataclasses
(bench/load_parts.py, 400 files of the benchmark batch). Their fields are the warehouse's staged columns, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


class ValueRow(NamedTuple):
    indicator_code: str
    numerator: int
    denominator: int
    women: int | None
    ethnic_minority: int | None
    note: str
    source_row: int


class ActivityRow(NamedTuple):
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
    task_code: str | None = None
    cost: int | None = None
    funding_source: str | None = None


class TaskRow(NamedTuple):
    task_code: str
    status: str
    result: int | None
    women: int | None
    ethnic_minority: int | None
    children: int | None
    highlights: str
    evidence: str
    difficulties: str
    proposals: str
    reason: str
    source_row: int


class BudgetRow(NamedTuple):
    source_code: str
    estimate: int | None
    spent: int | None
    expected: int | None
    settlement: int | None
    note: str
    source_row: int


class CaseRow(NamedTuple):
    measure_code: str
    n_total: int
    women: int | None
    children: int | None
    note: str
    source_row: int


@dataclass(frozen=True)
class Details:
    """ThongTin's later rows and which of the newer sheets the workbook has (absent = not reported)."""

    doc_number: str | None = None
    doc_on: date | None = None
    figures_as_of: date | None = None
    head_of_unit: str | None = None
    own_plan_number: str | None = None
    own_plan_on: date | None = None
    is_mainstreamed: bool | None = None
    gender_officer: str | None = None
    has_tasks: bool = False
    has_budget: bool = False
    has_cases: bool = False


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
    details: Details = field(default_factory=Details)
    tasks: list[TaskRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)
