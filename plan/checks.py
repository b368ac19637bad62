"""Cross-field checks of a plan: unique codes and references that resolve."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Protocol

from plan.parts import Extension, Indicator, Period, Reference, Unit


class Plan(Protocol):
    """What the checks read of a plan (plan.model.Plan runs them while it is being built)."""

    @property
    def year(self) -> int: ...
    @property
    def units(self) -> tuple[Unit, ...]: ...
    @property
    def indicators(self) -> tuple[Indicator, ...]: ...
    @property
    def periods(self) -> tuple[Period, ...]: ...
    @property
    def extensions(self) -> tuple[Extension, ...]: ...
    @property
    def reference(self) -> Reference: ...
    @property
    def starts_on(self) -> date: ...
    @property
    def ends_on(self) -> date: ...
    def reports(self, unit: Unit, indicator: Indicator) -> bool: ...


def _duplicates(kind: str, codes: list[str]) -> list[str]:
    return [f"{kind}: code {c!r} appears {n} times" for c, n in Counter(codes).items() if n > 1]


def _references(plan: Plan) -> list[str]:
    units = {u.code for u in plan.units}
    periods = {p.code for p in plan.periods}
    out = [f"units[{u.code}].parent: unknown unit {u.parent!r}"
           for u in plan.units if u.parent and u.parent not in units]
    for ind in plan.indicators:
        out += [f"indicators[{ind.code}].reporters.units: unknown unit {c!r}"
                for c in ind.reporters.units if c not in units]
    for ext in plan.extensions:
        if ext.unit not in units:
            out.append(f"extensions: unknown unit {ext.unit!r}")
        if ext.period not in periods:
            out.append(f"extensions: unknown period {ext.period!r}")
    return out


def _cycles(plan: Plan) -> list[str]:
    """A unit may not be its own ancestor."""
    parents = {u.code: u.parent for u in plan.units}
    out = []
    for start in parents:
        seen, code = {start}, parents.get(start)
        while code:
            if code in seen:
                out.append(f"units[{start}].parent: the parents form a loop through {code!r}")
                break
            seen.add(code)
            code = parents.get(code)
    return out


def _calendar(plan: Plan) -> list[str]:
    out = []
    for p in plan.periods:
        if not (plan.starts_on <= p.starts_on and p.ends_on <= plan.ends_on):
            out.append(f"periods[{p.code}]: dates {p.starts_on}..{p.ends_on} are outside the plan year {plan.year}")
        if not p.quarter.startswith(str(plan.year)):
            out.append(f"periods[{p.code}].quarter: {p.quarter} is not in the plan year {plan.year}")
    ends = [p.ends_on for p in plan.periods]
    if ends != sorted(ends):
        out.append("periods: must be listed in calendar order")
    return out


def _orphans(plan: Plan) -> list[str]:
    return [f"indicators[{i.code}].reporters: no unit reports this indicator"
            for i in plan.indicators if not any(plan.reports(u, i) for u in plan.units)]


def check_plan(plan: Plan) -> list[str]:
    """Every consistency problem of the plan, as 'key: problem' strings."""
    out = _duplicates("units", [u.code for u in plan.units])
    out += _duplicates("indicators", [i.code for i in plan.indicators])
    out += _duplicates("periods", [p.code for p in plan.periods])
    out += _duplicates("reference.activity_types", [a.code for a in plan.reference.activity_types])
    out += _duplicates("reference.target_groups", [a.code for a in plan.reference.target_groups])
    return out + _references(plan) + _cycles(plan) + _calendar(plan) + _orphans(plan)
