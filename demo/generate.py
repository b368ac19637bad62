"""The demo year: realistic workbooks for a whole plan year, loaded through the normal path.

Some reports are late, two never arrive, one is a nil report, one is resubmitted after its
deadline, one is first rejected and then corrected, one is returned for correction; a few carry
the slips that raise consistency warnings (a year-to-date count typed lower, a total that jumps,
a nil report after figures); wards report ethnic-minority participants and CT4 outreach material.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook

import queries
from demo.fill import UnitState, fill_workbook
from documents.template import HEADER_ROW, build_template, template_name
from etl.contract import SHEET_VALUES
from plan.model import Plan
from warehouse.db import open_for_writing
from warehouse.review import return_submission

MISSING = {("P16", 3), ("KT", 2)}  # (unit, period index) never sent
NIL = ("TCKH", 0)
RESUBMITTED = ("LDTBXH", 3)
REJECTED_FIRST = ("P09", 1)
CHRONICALLY_LATE = {"P12", "DTN"}
NUMERATOR_FELL = ("P03", 2)  # typed the quarter's count instead of the year-to-date one
DENOMINATOR_JUMP = ("HLHPN", 3)
NIL_AFTER_VALUES = ("P14", 3)
RETURNED = ("P05", 3, "Chỉ tiêu CT1 chưa ghi số nữ; đề nghị bổ sung và gửi lại.")
REVIEWER = "Văn phòng Ban VSTBPN (dữ liệu mẫu)"
PROGRESS = (0.35, 0.6, 0.78, 0.9)  # typical share reached by each period, year-to-date
Sizes = dict[tuple[str, str], int]  # (unit, indicator) -> the unit's head-count (the indicator's denominator)


@dataclass
class DemoFile:
    path: Path
    received_at: datetime


def _denominator(rng: random.Random, plan: Plan, unit: str, indicator: str) -> int:
    kind = plan.unit_by_code[unit].type
    sizes = {"CT1": (28, 60) if kind == "ward" else (12, 45), "CT2A": (1, 3), "CT2B": (12, 30), "CT3": (11, 19),
             "CT4": (4, 14), "CT5": (160, 220), "GS1": (20, 30)}
    low, high = sizes.get(indicator, (10, 40))
    return rng.randint(low, high) if unit != "LDTBXH" or indicator != "CT3" else 25


def _received(rng: random.Random, plan: Plan, unit: str, period_index: int) -> datetime:
    period = plan.periods[period_index]
    due = plan.due_on(unit, period.code)
    late = (unit in CHRONICALLY_LATE or rng.random() < 0.12) and (unit, period_index) != RESUBMITTED
    offset = rng.randint(1, 18) if late else -rng.randint(0, 9)
    moment = time(rng.randint(7, 16), rng.choice((0, 15, 30, 45)))
    return datetime.combine(due + timedelta(days=offset), moment, ZoneInfo(plan.timezone))


def _write(wb: Workbook, out: Path, name: str) -> Path:
    path = out / name
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _unit_files(rng: random.Random, plan: Plan, unit: str, out: Path, sizes: Sizes) -> list[DemoFile]:
    state = UnitState()
    files: list[DemoFile] = []
    if not plan.indicators_for(unit):  # a parent level (city, province) reports nothing itself
        return files
    for n, period in enumerate(plan.periods):
        if (unit, n) in MISSING or not plan.unit_by_code[unit].valid_during(period.starts_on, period.ends_on):
            continue
        for ind in plan.indicators_for(unit):
            drawn = _denominator(rng, plan, unit, ind.code)  # drawn every period, given or not: the same figures
            state.denominators.setdefault(ind.code, sizes.get((unit, ind.code), drawn))
            sizes[(unit, ind.code)] = state.denominators[ind.code]
        received = _received(rng, plan, unit, n)
        folder = out / period.code
        files += _period_files(rng, plan, unit, n, state, received, folder)
    return files


def _period_files(rng: random.Random, plan: Plan, unit: str, n: int, state: UnitState, received: datetime,
                  folder: Path) -> list[DemoFile]:
    period = plan.periods[n]
    previous = dict(state.denominators) if n else {}
    wb = build_template(plan, unit, period.code, previous)
    if (unit, n) == NIL_AFTER_VALUES:  # filled first, so the other units' random draws stay the same
        fill_workbook(build_template(plan, unit, period.code, previous), rng, plan, unit, n, state, PROGRESS,
                      nil=False, received=received)
    nil = (unit, n) in (NIL, NIL_AFTER_VALUES)
    fill_workbook(wb, rng, plan, unit, n, state, PROGRESS, nil=nil, received=received)
    slip_values(wb, (unit, n))
    name = template_name(unit, period.code)
    if (unit, n) == REJECTED_FIRST:
        bad = build_template(plan, unit, period.code, previous)
        fill_workbook(bad, random.Random(1), plan, unit, n, UnitState(dict(state.denominators)), PROGRESS,
                      nil=False, received=received, break_sum=True)
        first = DemoFile(_write(bad, folder, name.replace(".xlsx", "_loi.xlsx")), received - timedelta(days=2))
        return [first, DemoFile(_write(wb, folder, name), received)]
    files = [DemoFile(_write(wb, folder, name), received)]
    if (unit, n) == RESUBMITTED:
        due_end = plan.deadline_at(plan.due_on(unit, period.code))
        again = build_template(plan, unit, period.code, previous)
        fill_workbook(again, rng, plan, unit, n, state, PROGRESS, nil=False, received=received, action_month=True)
        files.append(DemoFile(_write(again, folder, name.replace(".xlsx", "_bo-sung.xlsx")),
                              due_end + timedelta(days=41, hours=2)))
    return files


def slip_values(wb: Workbook, key: tuple[str, int]) -> None:
    """The typing slips behind the demo's consistency warnings, on the first indicator row."""
    ws = wb[SHEET_VALUES]
    row = HEADER_ROW + 1

    def count(col: int) -> int:
        return int(str(ws.cell(row, col).value or 0))

    if key == NUMERATOR_FELL:
        reached = count(4) // 3
        ws.cell(row, 5, min(count(5), reached))
        ws.cell(row, 6, min(count(6), reached))
        ws.cell(row, 4, reached)
    elif key == DENOMINATOR_JUMP:
        ws.cell(row, 3, count(3) * 2)


def return_demo(db: Path, plans: dict[str, Plan], plan: Plan) -> None:
    """The office returns one report for correction, a few days after it arrived."""
    unit, n, reason = RETURNED
    con = open_for_writing(db, plans)
    try:
        found = queries.rows(con, "review/current_submission", {"plan_id": plan.plan_id, "unit_code": unit,
                                                                "period_code": plan.periods[n].code})
        if found:
            sid, received_at = found[0]
            return_submission(con, sid, reason, REVIEWER, now=received_at + timedelta(days=3))
    finally:
        con.close()


def write_demo(plan: Plan, out: Path, seed: int = 2024, sizes: Sizes | None = None,
               clear: bool = True) -> list[DemoFile]:
    """Write every demo workbook of the plan year into out (emptied first, unless clear is False).

    sizes: the units' head-counts by (unit, indicator): those given are used, the others drawn; every unit's
    is written back into it (the next demo year carries them through the crosswalk)."""
    if clear and out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    files: list[DemoFile] = []
    sizes = {} if sizes is None else sizes
    for unit in plan.units:
        files += _unit_files(rng, plan, unit.code, out, sizes)
    return sorted(files, key=lambda f: f.received_at)


__all__ = ["DemoFile", "Sizes", "date", "write_demo"]
