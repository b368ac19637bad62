"""The parts a plan file is made of: units, indicators, periods, extensions, reference lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

UnitType = Literal["ward", "commune", "department", "organisation", "district", "province", "country"]
CODE = r"^[A-Za-z0-9_.-]{1,40}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


class Milestone(_Strict):
    """A target for an interim report: year-end thresholds alone make every target red in Q1."""

    period: str
    target_pct: Decimal = Field(ge=0, le=100, decimal_places=2)


class Indicator(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    numerator_vi: str = ""
    denominator_vi: str = ""
    target_pct: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    reporters: Reporters
    # What is counted: people, or establishments and persons (CT4), … — never assume "người".
    measure_vi: str = Field(default="người", min_length=1)
    measure_en: str = Field(default="people", min_length=1)
    milestones: tuple[Milestone, ...] = ()


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
