"""The parts of a crosswalk file: units valid in time, links from old to new, sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from plan.parts import CODE, _Strict

UnitKey = tuple[str, date]  # (code, valid_from): a unit in time


class XUnit(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    gso_code: str = Field(pattern=r"^\d{5}$")
    valid_from: date
    valid_to: date | None = None

    @property
    def key(self) -> UnitKey:
        return (self.code, self.valid_from)

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Link(_Strict):
    old: str
    old_valid_to: date
    new: str
    effective_on: date
    basis: str = Field(min_length=1)
    confidence: Literal["official", "single_secondary_source"]
    share: Decimal = Field(default=Decimal(1), gt=0, le=1)
    note: str = ""


class Source(_Strict):
    code: str = Field(pattern=CODE)
    title: str = Field(min_length=1)
    effective_on: date
