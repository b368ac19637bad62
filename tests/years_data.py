"""Two plan years side by side for the same-period comparison: 2024 on the 16 wards and a 2025-H1 plan on the 12,
loaded from workbooks written by testkit.workbooks into a real DuckDB file.

The 2025 plan is the example plan with its own id and one unit more, a health centre set up in 2025 (a unit that
did not exist in 2024). Every indicator row of a unit's workbook carries the same counts.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rows import vn

from etl.load.files import load_files
from etl.load.prepare import Item
from plan.load import load_plan
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import Counts, write_filled

PLAN_2024 = "govap-2024"
PLAN_2025 = "test-govap-2025h1"
NEW_UNIT = "TTYT"
NEW_UNIT_LINE = ("- {code: TTYT, name_vi: Trung tâm Y tế quận, name_en: District Health Centre, type: department, "
                 "valid_from: 2025-01-01, valid_to: 2025-06-30}\n")
AS_OF = date(2025, 12, 31)
# (unit, period, (denominator, numerator, women, ethnic minority), received at)
FILES_2024: list[tuple[str, str, Counts, datetime]] = [
    ("P01", "2024-H1", (40, 30, 18, 2), vn(2024, 5, 8)),
    ("P04", "2024-H1", (25, 10, 6, 1), vn(2024, 5, 8)),
    ("P07", "2024-Q1", (30, 12, 7, 0), vn(2024, 3, 4)),  # no half-year report: carried forward into 2024-H1
    ("P13", "2024-H1", (21, 9, 5, 1), vn(2024, 5, 9)),  # split in 2025: odd counts, so the shares must round
    ("P14", "2024-H1", (50, 45, 20, 3), vn(2024, 5, 9)),
    ("CA", "2024-H1", (90, 81, 20, 0), vn(2024, 5, 7)),
]
FILES_2025: list[tuple[str, str, Counts, datetime]] = [
    ("P01", "2025-H1", (100, 60, 30, 3), vn(2025, 5, 8)),
    ("P14", "2025-H1", (70, 56, 30, 2), vn(2025, 5, 8)),
    ("P15", "2025-H1", (40, 20, 10, 1), vn(2025, 5, 9)),
    ("CA", "2025-H1", (95, 90, 30, 0), vn(2025, 5, 6)),
    (NEW_UNIT, "2025-H1", (30, 15, 10, 0), vn(2025, 5, 6)),
]


@dataclass(frozen=True)
class Years:
    db: Path
    plans_dir: Path
    plans: dict[str, Plan]


def write_plan_2025(folder: Path) -> Path:
    """The example 2025-H1 plan under its own id, with the health centre added."""
    text = (ROOT / "data" / "plans" / "examples" / "example-govap-2025h1.yaml").read_text(encoding="utf-8")
    text = text.replace("plan_id: example-govap-2025h1", f"plan_id: {PLAN_2025}", 1)
    text = text.replace("\n\nindicators:", f"\n{NEW_UNIT_LINE}\nindicators:", 1)
    path = folder / f"{PLAN_2025}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _items(plan: Plan, files: list[tuple[str, str, Counts, datetime]], folder: Path) -> list[Item]:
    out = []
    for unit, period, counts, at in files:
        values = {i.code: counts for i in plan.indicators_for(unit)}
        out.append(Item(write_filled(plan, unit, period, folder / f"{unit}-{period}.xlsx", values=values), at))
    return out


def build(folder: Path) -> Years:
    """Both plan files in a plans folder, both years' workbooks loaded into one warehouse."""
    plans_dir = folder / "plans"
    plans_dir.mkdir()
    shutil.copy(ROOT / "data" / "plans" / "govap-2024.yaml", plans_dir)
    plans = {p.plan_id: p for p in (load_plan(plans_dir / "govap-2024.yaml"), load_plan(write_plan_2025(plans_dir)))}
    items = [*_items(plans[PLAN_2024], FILES_2024, folder / "2024"),
             *_items(plans[PLAN_2025], FILES_2025, folder / "2025")]
    db = folder / "years.duckdb"
    result = load_files(db, plans, items, default_plan=PLAN_2024, source="tests")
    assert result.count("rejected") == 0, [f.problems for f in result.files]
    return Years(db, plans_dir, plans)
