"""Cross-field checks of a plan: unique codes and references that resolve.

Each problem is structured (key, code, params) so that `plan check` can explain it in both
languages from the catalogue; `text` renders the English line that plan files have always shown.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple, Protocol

from plan.parts import Extension, Indicator, Period, Reference, Unit
from plan.tasks import Budget, Cases, Task


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
    def tasks(self) -> tuple[Task, ...]: ...
    @property
    def budget(self) -> Budget | None: ...
    @property
    def cases(self) -> Cases | None: ...
    @property
    def starts_on(self) -> date: ...
    @property
    def ends_on(self) -> date: ...
    def reports(self, unit: Unit, indicator: Indicator) -> bool: ...


class Problem(NamedTuple):
    """One consistency problem: where (key), what (code, a catalogue suffix) and its details."""

    key: str
    code: str
    params: dict[str, str]

    @property
    def text(self) -> str:
        return f"{self.key}: {ENGLISH[self.code].format(**self.params)}"


ENGLISH = {
    "duplicate": "code {value!r} appears {n} times",
    "unknown_parent": "unknown unit {value!r}",
    "unknown_reporter": "unknown unit {value!r}",
    "unknown_unit": "unknown unit {value!r}",
    "unknown_period": "unknown period {value!r}",
    "unknown_assignee": "unknown unit {value!r}",
    "unknown_milestone_period": "unknown period {value!r}",
    "parent_loop": "the parents form a loop through {value!r}",
    "period_outside_year": "dates {starts_on}..{ends_on} are outside the plan year {year}",
    "quarter_outside_year": "{value} is not in the plan year {year}",
    "periods_order": "must be listed in calendar order",
    "indicator_orphan": "no unit reports this indicator",
}


def _duplicates(kind: str, codes: list[str]) -> list[Problem]:
    return [Problem(kind, "duplicate", {"value": c, "n": str(n)}) for c, n in Counter(codes).items() if n > 1]


def _references(plan: Plan) -> list[Problem]:
    units = {u.code for u in plan.units}
    periods = {p.code for p in plan.periods}
    out = [Problem(f"units[{u.code}].parent", "unknown_parent", {"value": u.parent})
           for u in plan.units if u.parent and u.parent not in units]
    for ind in plan.indicators:
        out += [Problem(f"indicators[{ind.code}].reporters.units", "unknown_reporter", {"value": c})
                for c in ind.reporters.units if c not in units]
    for ext in plan.extensions:
        if ext.unit not in units:
            out.append(Problem("extensions", "unknown_unit", {"value": ext.unit}))
        if ext.period not in periods:
            out.append(Problem("extensions", "unknown_period", {"value": ext.period}))
    return out


def _cycles(plan: Plan) -> list[Problem]:
    """A unit may not be its own ancestor."""
    parents = {u.code: u.parent for u in plan.units}
    out = []
    for start in parents:
        seen, code = {start}, parents.get(start)
        while code:
            if code in seen:
                out.append(Problem(f"units[{start}].parent", "parent_loop", {"value": code}))
                break
            seen.add(code)
            code = parents.get(code)
    return out


def _calendar(plan: Plan) -> list[Problem]:
    out = []
    year = str(plan.year)
    for p in plan.periods:
        if not (plan.starts_on <= p.starts_on and p.ends_on <= plan.ends_on):
            out.append(Problem(f"periods[{p.code}]", "period_outside_year",
                               {"starts_on": str(p.starts_on), "ends_on": str(p.ends_on), "year": year}))
        if not p.quarter.startswith(year):
            out.append(Problem(f"periods[{p.code}].quarter", "quarter_outside_year",
                               {"value": p.quarter, "year": year}))
    ends = [p.ends_on for p in plan.periods]
    if ends != sorted(ends):
        out.append(Problem("periods", "periods_order", {}))
    return out


def _orphans(plan: Plan) -> list[Problem]:
    return [Problem(f"indicators[{i.code}].reporters", "indicator_orphan", {})
            for i in plan.indicators if not any(plan.reports(u, i) for u in plan.units)]


def _sections(plan: Plan) -> list[Problem]:
    """Tasks, milestones, budget and cases name only units and periods the plan has."""
    units, periods = {u.code for u in plan.units}, {p.code for p in plan.periods}
    out = _duplicates("tasks", [t.code for t in plan.tasks])
    for task in plan.tasks:
        out += [Problem(f"tasks[{task.code}].assignees", "unknown_assignee", {"value": c})
                for a in task.assignees for c in a.units if c not in units]
    for ind in plan.indicators:
        out += [Problem(f"indicators[{ind.code}].milestones", "unknown_milestone_period", {"value": m.period})
                for m in ind.milestones if m.period not in periods]
    groups = [("budget", plan.budget.reporters if plan.budget else None),
              ("cases", plan.cases.reporters if plan.cases else None)]
    for key, group in groups:
        out += [Problem(f"{key}.reporters.units", "unknown_assignee", {"value": c})
                for c in (group.units if group else ()) if c not in units]
    if plan.budget:
        out += _duplicates("budget.sources", [s.code for s in plan.budget.sources])
    if plan.cases:
        out += _duplicates("cases.measures", [m.code for m in plan.cases.measures])
    return out


def plan_problems(plan: Plan) -> list[Problem]:
    """Every consistency problem of the plan, structured."""
    out = _duplicates("units", [u.code for u in plan.units])
    out += _duplicates("indicators", [i.code for i in plan.indicators])
    out += _duplicates("periods", [p.code for p in plan.periods])
    out += _duplicates("reference.activity_types", [a.code for a in plan.reference.activity_types])
    out += _duplicates("reference.target_groups", [a.code for a in plan.reference.target_groups])
    return out + _references(plan) + _cycles(plan) + _calendar(plan) + _orphans(plan) + _sections(plan)


def check_plan(plan: Plan) -> list[str]:
    """Every consistency problem of the plan, as 'key: problem' strings."""
    return [p.text for p in plan_problems(plan)]
