"""Match what people typed (unit, period, list values) to the plan's codes."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from etl.text import fold, ward_key

if TYPE_CHECKING:
    from plan.model import Plan, RefItem

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _ref_keys(items: tuple[RefItem, ...]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for item in items:
        for text in (item.code, item.name_vi, item.name_en, *item.aliases):
            keys.setdefault(fold(text), item.code)
    return keys


class Resolver:
    """Look-up tables for one plan, built once (those of a unit on its first file)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._own_tasks: dict[str, tuple[str, ...]] = {}
        self._task_keys: dict[str, dict[str, str]] = {}
        self._allowed: dict[str, tuple[str, frozenset[str]]] = {}

    @cached_property
    def unit_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for u in self.plan.units:
            for text in (u.code, u.name_vi, u.name_en, *u.aliases, *([u.gso_code] if u.gso_code else [])):
                keys.setdefault(fold(text), u.code)
            if u.type in ("ward", "commune") and (wk := ward_key(u.name_vi)):
                keys.setdefault(wk, u.code)
        return keys

    @cached_property
    def period_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for p in self.plan.periods:
            for text in (p.code, p.name_vi, p.name_en, *p.aliases):
                keys.setdefault(fold(text), p.code)
                keys.setdefault(fold(_YEAR.sub("", text)), p.code)
        return keys

    @cached_property
    def activity_keys(self) -> dict[str, str]:
        return _ref_keys(self.plan.reference.activity_types)

    @cached_property
    def group_keys(self) -> dict[str, str]:
        return _ref_keys(self.plan.reference.target_groups)

    @cached_property
    def indicator_keys(self) -> dict[str, str]:
        return {fold(i.code): i.code for i in self.plan.indicators}

    @cached_property
    def source_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for s in self.plan.budget.sources if self.plan.budget else ():
            keys.setdefault(fold(s.code), s.code)
            keys.setdefault(fold(s.name_vi), s.code)
        return keys

    def own_tasks(self, unit_code: str) -> tuple[str, ...]:
        """The codes of the unit's tasks, in the plan's order (profiled: working them out for every row of
        two sheets was a sixth of a file's validation)."""
        if unit_code not in self._own_tasks:
            self._own_tasks[unit_code] = tuple(task.code for task, _ in self.plan.tasks_for(unit_code))
        return self._own_tasks[unit_code]

    def own_task(self, unit_code: str, value: object) -> str | None:
        """The first of the unit's tasks whose code is the value, case, accents and spacing aside."""
        keys = self._task_keys.get(unit_code)
        if keys is None:
            keys = self._task_keys[unit_code] = {}
            for code in self.own_tasks(unit_code):
                keys.setdefault(fold(code), code)
        return keys.get(fold(value))

    def allowed_indicators(self, unit_code: str) -> tuple[str, frozenset[str]]:
        """The unit's indicator codes as a problem lists them, and as a set."""
        if unit_code not in self._allowed:
            allowed = ", ".join(i.code for i in self.plan.indicators_for(unit_code))
            self._allowed[unit_code] = allowed, frozenset(allowed.split(", "))
        return self._allowed[unit_code]

    def unit(self, value: object) -> str | None:
        """'Phường 1', 'P.1', 'P01', 'phường 01', 'F1', 'Phòng Nội vụ' -> the unit code."""
        hit = self.unit_keys.get(fold(value))
        if hit is None and (wk := ward_key(value)):
            hit = self.unit_keys.get(wk)
        return hit

    def period(self, value: object) -> str | None:
        """'2024-Q1', 'Quý I/2024', '6 tháng đầu năm 2024', 'Năm' -> the period code."""
        text = str(value)
        years = {int(y) for y in _YEAR.findall(text)}
        if years and years != {self.plan.year}:
            return None
        return self.period_keys.get(fold(text)) or self.period_keys.get(fold(_YEAR.sub("", text)))

    def activity_type(self, value: object) -> str | None:
        return self.activity_keys.get(fold(value))

    def target_group(self, value: object) -> str | None:
        return self.group_keys.get(fold(value))

    def indicator(self, value: object) -> str | None:
        return self.indicator_keys.get(fold(value))

    def source(self, value: object) -> str | None:
        """The first budget source whose code or name is the value, case, accents and spacing aside."""
        return self.source_keys.get(fold(value))


_RESOLVERS: dict[int, tuple[Plan, Resolver]] = {}


def resolver(plan: Plan) -> Resolver:
    """The resolver of a plan object (kept alive with it)."""
    entry = _RESOLVERS.get(id(plan))
    if entry is None or entry[0] is not plan:
        entry = _RESOLVERS[id(plan)] = (plan, Resolver(plan))
    return entry[1]
