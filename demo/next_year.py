"""The demo's next plan year beside 2024: the first half of 2025 on the 12 wards (the example plan).

Each unit's head-counts are its 2024 units' carried through the crosswalk (merged wards added up, Phường 13's
shared as the crosswalk says), so the pages' comparison with the same period of 2024 shows from the first run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from demo.generate import DemoFile, Sizes, write_demo
from plan.crosswalk import Crosswalk, cached_crosswalks
from plan.model import Plan
from plan.same_period import origins
from plan.settings import settings


def carried_sizes(plan: Plan, base: Plan, sizes: Sizes, crosswalks: Sequence[Crosswalk]) -> Sizes:
    """The plan's units' head-counts from the base year's units that make them up (at least 1)."""
    found = origins(plan.units, base.units, crosswalks)
    out: Sizes = {}
    for unit in plan.units:
        for ind in plan.indicators_for(unit.code):
            parts = [(p, sizes[(p.old_code, ind.code)]) for p in found[unit.code].parts
                     if (p.old_code, ind.code) in sizes]
            if parts:
                out[(unit.code, ind.code)] = max(1, sum(p.carried(n, unit.code) for p, n in parts))
    return out


def write_next_year(plan: Plan, base: Plan, sizes: Sizes, out: Path, seed: int) -> list[DemoFile]:
    """The plan year's demo workbooks, written into out beside the base year's."""
    crosswalks = cached_crosswalks(str(settings().crosswalk_dir))
    return write_demo(plan, out, seed, carried_sizes(plan, base, sizes, crosswalks), clear=False)
