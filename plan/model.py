"""Typed model of a plan file: units, indicators, calendar, reference lists."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

UnitType = Literal["ward", "commune", "department", "organisation", "district", "province", "country"]
CODE = r"^[A-Za-z0-9_.-]{1,40}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Unit(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    type: UnitType
    gso_code: str | None = None
    parent: str | None = None
    valid_from: date
    valid_to: date | None = None
    aliases: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _validity(self) -> Unit:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def valid_during(self, starts_on: date, ends_on: date) -> bool:
        """True when the unit existed at any time between the two dates."""
        return self.valid_from <= ends_on and (self.valid_to is None or self.valid_to >= starts_on)


class Reporters(_Strict):
    unit_types: tuple[UnitType, ...] = ()
    units: tuple[str, ...] = ()


class Indicator(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    numerator_vi: str = ""
    denominator_vi: str = ""
    target_pct: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    reporters: Reporters


class Period(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    quarter: str = Field(pattern=r"^\d{4}-Q[1-4]$")
    starts_on: date
    ends_on: date
    due_on: date
    aliases: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _dates(self) -> Period:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class Extension(_Strict):
    unit: str
    period: str
    due_on: date
    reason: str = ""


class RefItem(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()


class Reference(_Strict):
    activity_types: tuple[RefItem, ...] = Field(min_length=1)
    target_groups: tuple[RefItem, ...] = Field(min_length=1)
    ethnic_groups: tuple[str, ...] = ()


class DateRange(_Strict):
    starts_on: date
    ends_on: date


class Plan(_Strict):
    """One plan year for one area; everything plan-specific lives here."""

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

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
        from plan.checks import check_plan

        problems = check_plan(self)
        if problems:
            raise ValueError("; ".join(problems))
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

    def deadline_at(self, due_on: date) -> datetime:
        """First instant after the due day in the plan's time zone (exclusive deadline)."""
        return datetime.combine(due_on + timedelta(days=1), time(0), ZoneInfo(self.timezone))

    @property
    def starts_on(self) -> date:
        return date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        return date(self.year, 12, 31)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
