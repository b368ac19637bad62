"""Two plan years with different units in one warehouse: every documented view gives each plan its own numbers.

The 2024 plan (16 wards) and the 2025-H1 example plan (12 wards, codes such as P01 reused with a new
meaning) are loaded side by side, then each plan's rows are compared with the same loads in a
warehouse of its own.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rows import fetch, vn

from etl.load.files import load_files
from etl.load.prepare import Item
from plan.load import load_plan
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import write_filled

EXAMPLE = ROOT / "data" / "plans" / "examples" / "example-govap-2025h1.yaml"
VIEWS = ("v_target_progress", "v_target_progress_unit", "v_reporting_status", "v_reporting_rates", "v_participation")
# (unit, period, counts for every indicator row, received at)
FILES_2024 = [("P01", "2024-Q1", (40, 30, 18, 2), vn(2024, 3, 4)), ("P13", "2024-Q1", (20, 5, 3, 0), vn(2024, 3, 9)),
              ("CA", "2024-Q1", (90, 90, 20, 0), vn(2024, 3, 5)), ("P01", "2024-H1", (40, 35, 20, 2), vn(2024, 5, 8)),
              ("NV", "2024-Q1", (50, 12, 12, 0), vn(2024, 3, 1))]
FILES_2025 = [("P01", "2025-Q1", (120, 100, 60, 5), vn(2025, 3, 3)),
              ("P15", "2025-Q1", (70, 20, 10, 1), vn(2025, 3, 20)),
              ("CA", "2025-Q1", (95, 95, 21, 0), vn(2025, 3, 4)),
              ("P14", "2025-H1", (60, 59, 30, 3), vn(2025, 5, 9))]


def _items(plan: Plan, files: list[tuple[str, str, Any, datetime]], folder: Path) -> list[Item]:
    out = []
    for unit, period, counts, at in files:
        values = {i.code: counts for i in plan.indicators_for(unit)}
        path = write_filled(plan, unit, period, folder / f"{plan.plan_id}-{unit}-{period}.xlsx", values=values)
        out.append(Item(path, at))
    return out


def _load(db: Path, plans: dict[str, Plan], items: list[Item]) -> None:
    result = load_files(db, plans, items, default_plan="govap-2024", source="tests")
    assert result.count("rejected") == 0, [f.problems for f in result.files]


def _rows(db: Path, view: str, plan_id: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = fetch(con, f"select * from {view} where plan_id = $plan", {"plan": plan_id})
    finally:
        con.close()
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items() if not k.endswith("_id") or k == "plan_id"))
                   for r in rows)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    govap = load_plan(ROOT / "data" / "plans" / "govap-2024.yaml")
    h1 = load_plan(EXAMPLE)
    both = {govap.plan_id: govap, h1.plan_id: h1}
    folder = tmp_path_factory.mktemp("years")
    items_2024, items_2025 = _items(govap, FILES_2024, folder / "2024"), _items(h1, FILES_2025, folder / "2025")
    _load(folder / "together.duckdb", both, items_2024 + items_2025)
    _load(folder / "only-2024.duckdb", {govap.plan_id: govap}, items_2024)
    _load(folder / "only-2025.duckdb", {h1.plan_id: h1}, items_2025)
    return {"together": folder / "together.duckdb", "govap-2024": folder / "only-2024.duckdb",
            "example-govap-2025h1": folder / "only-2025.duckdb"}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("plan_id", ["govap-2024", "example-govap-2025h1"])
def test_each_plan_year_sees_only_its_own_numbers(loaded: dict[str, Path], view: str, plan_id: str) -> None:
    alone = _rows(loaded[plan_id], view, plan_id)
    assert alone, f"{view} has no rows for {plan_id}"
    assert _rows(loaded["together"], view, plan_id) == alone


def test_reused_ward_code_keeps_each_years_meaning(loaded: dict[str, Path]) -> None:
    con = duckdb.connect(str(loaded["together"]), read_only=True)
    try:
        sql = ("select plan_id, period_code, numerator, denominator from v_target_progress_unit "
               "where unit_code = 'P01' and indicator_code = 'CT1' and period_code in ('2024-Q1', '2025-Q1') "
               "order by plan_id")
        rows = fetch(con, sql)
        rates = fetch(con, "select plan_id, period_code, expected from v_reporting_rates "
                           "where unit_type = 'ward' and period_code in ('2024-Q1', '2025-Q1') order by plan_id")
    finally:
        con.close()
    assert [(r["plan_id"], r["numerator"], r["denominator"]) for r in rows] == [
        ("example-govap-2025h1", 100, 120), ("govap-2024", 30, 40)]
    assert [(r["plan_id"], r["expected"]) for r in rates] == [("example-govap-2025h1", 12), ("govap-2024", 16)]
