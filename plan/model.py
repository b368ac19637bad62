"""Typed model of a plan file: units, indicators, calendar, reference lists."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from plan.checks import plan_problems
from plan.parts import (
    CODE,
    DateRange,
    Extension,
    Indicator,
    Period,
    Reference,
    RefItem,
    Reporters,
    Unit,
    UnitType,
    _Strict,
)
from plan.tasks import ROLES, Budget, Cases, PlanDocument, Role, Task

__all__ = ["DateRange", "Extension", "Indicator", "Period", "Plan", "RefItem", "Reference", "Reporters", "Unit",
           "UnitType"]


class Plan(_Strict):
    """One plan year for one area; everything plan-specific lives here."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,), defer_build=True)

    plan_id: str = Field(pattern=CODE)
    year: int = Field(ge=1990, le=2100)
    area_vi: str
    area_en: str
    title_vi: str
    title_en: str
    timezone: str = "Asia/Ho_Chi_Minh"
    near_band_pp: Decimal = Field(default=Decimal(10), ge=0, le=100)
    action_month: DateRange | None = None
    units: tuple[Unit, ...] = Field(min_length=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    periods: tuple[Period, ...] = Field(min_length=1)
    extensions: tuple[Extension, ...] = ()
    reference: Reference
    document: PlanDocument | None = None
    tasks: tuple[Task, ...] = ()
    budget: Budget | None = None
    cases: Cases | None = None

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        problems = plan_problems(self)
        if problems:
            # The structured problems travel in the error's context for `plan check`.
            raise PydanticCustomError("plan_inconsistent", "{text}",
                                      {"text": "; ".join(p.text for p in problems), "problems": problems})
        return self

    # ---- derived look-ups -------------------------------------------------
    @cached_property
    def unit_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    @cached_property
    def period_by_code(self) -> dict[str, Period]:
        return {p.code: p for p in self.periods}

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Parent code -> its direct children, in the plan's order."""
        out: dict[str, list[str]] = {}
        for u in self.units:
            if u.parent:
                out.setdefault(u.parent, []).append(u.code)
        return {k: tuple(v) for k, v in out.items()}

    def descendants(self, code: str) -> list[str]:
        """Every unit below code in the hierarchy (children, their children, …), plan order."""
        out, todo = [], list(self.children.get(code, ()))
        while todo:
            child = todo.pop(0)
            out.append(child)
            todo += self.children.get(child, ())
        return out

    @property
    def parent_types(self) -> list[str]:
        """Unit types that have units below them: the levels figures can be rolled up to."""
        return list(dict.fromkeys(self.unit_by_code[p].type for p in self.children if p in self.unit_by_code))

    def period_index(self, code: str) -> int:
        return [p.code for p in self.periods].index(code)

    def reports(self, unit: Unit, indicator: Indicator) -> bool:
        """Whether the unit is expected to report the indicator."""
        r = indicator.reporters
        return unit.type in r.unit_types or unit.code in r.units

    def indicators_for(self, unit_code: str) -> list[Indicator]:
        unit = self.unit_by_code[unit_code]
        return [i for i in self.indicators if self.reports(unit, i)]

    def tasks_for(self, unit_code: str) -> list[tuple[Task, Role]]:
        """The unit's tasks with its role in each (chủ trì before phối hợp when named twice)."""
        unit = self.unit_by_code[unit_code]
        out: list[tuple[Task, Role]] = []
        for task in self.tasks:
            roles = [a.role for a in task.assignees if unit.type in a.unit_types or unit.code in a.units]
            if roles:
                out.append((task, min(roles, key=ROLES.index)))
        return out

    def in_group(self, unit_code: str, reporters: Reporters | None) -> bool:
        unit = self.unit_by_code[unit_code]
        return reporters is not None and (unit.type in reporters.unit_types or unit.code in reporters.units)

    def reports_budget(self, unit_code: str) -> bool:
        return self.budget is not None and self.in_group(unit_code, self.budget.reporters)

    def reports_cases(self, unit_code: str) -> bool:
        return self.cases is not None and self.in_group(unit_code, self.cases.reporters)

    def assignments(self) -> list[tuple[str, str]]:
        return [(u.code, i.code) for u in self.units for i in self.indicators if self.reports(u, i)]

    def expected_units(self, period_code: str) -> list[Unit]:
        """Units that report something and exist during the period."""
        p = self.period_by_code[period_code]
        return [u for u in self.units if self.indicators_for(u.code) and u.valid_during(p.starts_on, p.ends_on)]

    def due_on(self, unit_code: str, period_code: str) -> date:
        for ext in self.extensions:
            if ext.unit == unit_code and ext.period == period_code:
                return ext.due_on
        return self.period_by_code[period_code].due_on

    def reporting_period(self, today: date) -> Period:
        """The report units are working on today by the calendar: the first whose due date is today or later;
        once every due date has passed, the last (the year report, still drawing corrections)."""
        coming = [p for p in self.periods if p.due_on >= today]
        return min(coming, key=lambda p: p.due_on) if coming else max(self.periods, key=lambda p: p.due_on)

    def today(self) -> date:
        """Today where the plan is reported (its time zone), not on the server's clock: at 06:00 in Hồ Chí Minh City
        a server on UTC still says yesterday."""
        return datetime.now(ZoneInfo(self.timezone)).date()

    def deadline_at(self, due_on: date) -> datetime:
        """First instant after the due day in the plan's time zone (exclusive deadline)."""
        return datetime.combine(due_on + timedelta(days=1), time(0), ZoneInfo(self.timezone))

    @property
    def starts_on(self) -> date:
        return date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        return date(self.year, 12, 31)


QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
