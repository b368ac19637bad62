"""The plan's sections III, IV and VI as data: its own document, tasks per unit, budget sources, cases.

Every part is optional, so that an older plan file (targets only) stays valid; a unit then has no
NhiemVu, KinhPhi or VuViec sheet to fill.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from plan.parts import CODE, RefItem, Reporters, UnitType, _Strict

Role = Literal["chu_tri", "phoi_hop"]
Breakdown = Literal["women", "ethnic_minority", "children"]
ROLES: tuple[Role, ...] = ("chu_tri", "phoi_hop")


class PlanDocument(_Strict):
    """The plan's own identity, so that letters and reports can cite it (số, ngày, cơ quan ban hành)."""

    number: str | None = None
    issued_on: date
    issuer_vi: str = Field(min_length=1)
    issuer_en: str = Field(min_length=1)


class Measure(_Strict):
    """What a task's result is counted in (người, cuộc, tài liệu…) and which breakdowns it carries."""

    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit_vi: str = Field(min_length=1)
    unit_en: str = Field(min_length=1)
    breakdowns: tuple[Breakdown, ...] = ()


class Assignee(_Strict):
    """Who carries a task and in which role: chủ trì (leads) or phối hợp (takes part)."""

    role: Role
    unit_types: tuple[UnitType, ...] = ()
    units: tuple[str, ...] = ()


class Task(_Strict):
    """One task of sections III–IV, transcribed from the plan."""

    code: str = Field(pattern=CODE)
    section: str = Field(min_length=1)
    text_vi: str = Field(min_length=1)
    text_en: str = Field(min_length=1)
    assignees: tuple[Assignee, ...] = Field(min_length=1)
    partners_vi: tuple[str, ...] = ()
    partners_en: tuple[str, ...] = ()
    measure: Measure | None = None
    starts_on: date | None = None
    ends_on: date | None = None


class CaseMeasure(_Strict):
    code: str = Field(pattern=CODE)
    name_vi: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit_vi: str = Field(min_length=1)
    unit_en: str = Field(min_length=1)


class Cases(_Strict):
    """Domestic-violence and gender-based-violence cases: counts only; small counts never shown."""

    reporters: Reporters
    suppress_below: int = Field(default=5, ge=1, le=100)
    measures: tuple[CaseMeasure, ...] = Field(min_length=1)


class Budget(_Strict):
    """Section VI: funding by source, in đồng."""

    sources: tuple[RefItem, ...] = Field(min_length=1)
    reporters: Reporters
