"""The one query file per documented view (Data page, `export`, benchmark) gives the view's rows; so does each
section view's file (v_task_status, v_budget, v_cases: the answer their portable queries are checked against)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

import queries
from documents.extracts import QUARTERLY, SECTION_VIEWS, VIEWS, view_params, view_query
from warehouse.clock import now_utc

Rows = list[tuple[Any, ...]]
UNITS = ["P01", "LDTBXH"]


def _read(con: duckdb.DuckDBPyConnection, view: str, **filters: Any) -> tuple[list[str], Rows]:
    result = con.execute(queries.sql(view_query(view)), view_params(view, now_utc(), **filters))
    return [d[0] for d in result.description], sorted(result.fetchall(), key=repr)


@pytest.mark.parametrize("view", VIEWS + SECTION_VIEWS)
def test_the_file_is_the_view_and_its_filters_cut_it(demo_db: Path, view: str) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        whole = con.table(view)
        columns, want = whole.columns, sorted(whole.fetchall(), key=repr)
        assert _read(con, view) == (columns, want) and want
        got_columns, cut = _read(con, view, plan_id="govap-2024", period="2024-H1", units=UNITS)
    finally:
        con.close()
    assert got_columns == columns and cut
    at = {c: n for n, c in enumerate(columns)}
    if view in ("v_target_progress", "v_reporting_rates"):  # these two sum over the units kept
        assert {r[at["period_code"]] for r in cut} == {"2024-H1"}
        return
    period = ("quarter", "2024-Q2") if view == QUARTERLY else ("period_code", "2024-H1")
    assert cut == [r for r in want if r[at["unit_code"]] in UNITS and r[at[period[0]]] == period[1]]
