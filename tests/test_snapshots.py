"""Per-plan-year snapshots: the views read them only while they match the warehouse, so a snapshot
can make a view faster but never wrong — on the real demo warehouse, loaded from workbooks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from rows import GOVAP, vn

import queries
from plan.load import load_plans
from plan.settings import ROOT
from testkit.served import copy_db
from warehouse import snapshots
from warehouse.db import connect, ensure_schema, open_for_writing
from warehouse.review import return_submission, withdraw_return

PAIRS = (("target_progress_unit", ("period_code", "indicator_code", "unit_code")),
         ("target_progress", ("period_code", "indicator_code")),
         ("participation", ("quarter", "unit_code", "activity_type", "target_group")))
STATUS_KEYS = ("period_code", "unit_code")


@pytest.fixture
def con(demo_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    db = copy_db(demo_db, tmp_path / "w.duckdb")
    c = open_for_writing(db, load_plans(ROOT / "data" / "plans"))
    yield c
    c.close()


def rows(con: duckdb.DuckDBPyConnection, macro: str, keys: tuple[str, ...], as_of: datetime | None = None,
         **filters: list[str]) -> pd.DataFrame:
    args = ", ".join(f"{k} := ${k}" for k in filters)
    df = con.execute(f"select * from {macro}($as_of{', ' if args else ''}{args}) where plan_id = $plan",
                     {"as_of": as_of or datetime.now().astimezone(), "plan": GOVAP, **filters}).df()
    return df.sort_values(list(keys)).reset_index(drop=True)


def assert_views_are_live(con: duckdb.DuckDBPyConnection, as_of: datetime | None = None) -> None:
    for name, keys in PAIRS:
        for filters in ({}, {"units": ["P01", "P03"]}, {"unit_types": ["department"]}):
            served = rows(con, f"{name}_at", keys, as_of, **filters)
            live = rows(con, f"{name}_live", keys, as_of, **filters)
            assert len(served) > 0
            pd.testing.assert_frame_equal(served, live)
    assert_status_is_live(con, as_of)


def assert_status_is_live(con: duckdb.DuckDBPyConnection, as_of: datetime | None) -> None:
    served = rows(con, "reporting_status_at", STATUS_KEYS, as_of)
    live = con.execute("select * from reporting_status_at($as_of, live := true) where plan_id = $plan",
                       {"as_of": as_of or datetime.now().astimezone(), "plan": GOVAP}).df()
    pd.testing.assert_frame_equal(served, live.sort_values(list(STATUS_KEYS)).reset_index(drop=True))


def tamper(con: duckdb.DuckDBPyConnection) -> None:
    """Change the stored snapshot so that reading it shows (one more person reached everywhere)."""
    con.execute("update snapshot_target_progress_unit set numerator = numerator + 1 where numerator is not null")
    con.execute("update snapshot_target_progress set numerator = numerator + 1 where numerator is not null")
    con.execute("update snapshot_participation set participants = participants + 1")
    con.execute("update snapshot_reporting_joined set n_versions = n_versions + 1")


def test_every_write_leaves_current_snapshots_that_give_the_live_results(con: duckdb.DuckDBPyConnection) -> None:
    assert snapshots.stale(con) == []
    assert GOVAP in con.execute("select fresh_snapshots(now())").fetchone()[0]  # type: ignore[index]
    assert_views_are_live(con)
    assert_status_is_live(con, datetime.now().astimezone() + timedelta(days=400))  # days late move on
    sid = con.execute("select submission_id from submissions where plan_id = $p and is_current "
                      "and submission_id not in (select submission_id from submission_returns) limit 1",
                      {"p": GOVAP}).fetchone()[0]  # type: ignore[index]
    return_submission(con, sid, "Thiếu số liệu", "Lan")
    assert snapshots.stale(con) == []
    assert_views_are_live(con)
    withdraw_return(con, sid, "Lan")
    assert snapshots.stale(con) == []
    assert_views_are_live(con)


def test_the_views_read_the_snapshot_while_it_matches(con: duckdb.DuckDBPyConnection) -> None:
    before = rows(con, "target_progress_unit_at", PAIRS[0][1])
    before_area = rows(con, "target_progress_at", PAIRS[1][1])
    tamper(con)
    after = rows(con, "target_progress_unit_at", PAIRS[0][1])
    reached = before["numerator"].notna()
    assert (after["numerator"][reached] == before["numerator"][reached] + 1).all()
    area = rows(con, "target_progress_at", PAIRS[1][1])
    summed = before_area["numerator"].notna()
    assert (area["numerator"][summed] == before_area["numerator"][summed] + 1).all()
    assert rows(con, "target_progress_at", PAIRS[1][1], units=["P01"]).equals(
        rows(con, "target_progress_live", PAIRS[1][1], units=["P01"]))  # a choice of units is summed live
    whole = con.execute("select sum(participants) from v_participation where plan_id = $p", {"p": GOVAP}).fetchone()
    live = con.execute("select sum(participants) from participation_live(now()) where plan_id = $p",
                       {"p": GOVAP}).fetchone()
    n = con.execute("select count(*) from snapshot_participation where plan_id = $p", {"p": GOVAP}).fetchone()
    assert whole[0] == live[0] + n[0]  # type: ignore[index]
    versions = "select sum(n_versions) from reporting_status_at(now(){}) where plan_id = $p"
    served, live = (con.execute(versions.format(arg), {"p": GOVAP}).fetchone()[0] for arg in ("", ", live := true"))  # type: ignore[index]
    assert served == live + con.execute("select count(*) from snapshot_reporting_joined where plan_id = $p",
                                        {"p": GOVAP}).fetchone()[0]  # type: ignore[index]


def test_a_change_made_behind_the_loader_s_back_is_seen_at_once(con: duckdb.DuckDBPyConnection) -> None:
    """Rows changed by hand (no snapshot rebuild): the stale snapshot is ignored, the views compute live."""
    tamper(con)
    con.execute("delete from submission_returns")  # the demo's returned report counts again
    assert snapshots.stale(con) == [GOVAP]
    assert_views_are_live(con)
    tamper(con)
    con.execute("update submissions set received_at = received_at - interval 1 hour "
                "where submission_id = (select min(submission_id) from submissions)")
    assert_views_are_live(con)
    assert snapshots.refresh(con) == [GOVAP]
    assert_views_are_live(con)


def test_a_look_back_before_the_latest_event_is_computed_live(con: duckdb.DuckDBPyConnection) -> None:
    last = con.execute("select last_event_at from snapshot_meta where plan_id = $p", {"p": GOVAP}).fetchone()[0]  # type: ignore[index]
    tamper(con)
    for as_of in (vn(2024, 7, 20), last - timedelta(seconds=1)):
        assert_views_are_live(con, as_of)
    with pytest.raises(AssertionError):
        assert_views_are_live(con, last)


def test_new_view_definitions_empty_the_snapshots_until_the_next_write(demo_db: Path, tmp_path: Path) -> None:
    db = copy_db(demo_db, tmp_path / "w.duckdb")
    con = connect(db)
    try:
        queries.run(con, "write/set_schema_sha", {"sha": "an older version"})
        ensure_schema(con)
        assert con.execute("select count(*) from snapshot_meta").fetchone() == (0,)
        assert con.execute("select count(*) from snapshot_target_progress_unit").fetchone() == (0,)
        assert snapshots.stale(con) != []
        assert_views_are_live(con)
        assert GOVAP in snapshots.refresh(con)
        assert_views_are_live(con)
    finally:
        con.close()


def test_a_plan_year_without_reports_is_not_rebuilt_on_every_write(db_path: Path) -> None:
    """Its snapshot moment must survive the trip through Python: it was -infinity, stored back as year 1,
    so both plan years of a fresh warehouse were rebuilt on every open for writing."""
    plans = load_plans(ROOT / "data" / "plans")
    open_for_writing(db_path, plans).close()
    con = open_for_writing(db_path, plans)
    try:
        assert snapshots.stale(con) == []
        assert snapshots.refresh(con) == []
    finally:
        con.close()


def test_carry_forward_stays_an_asof_join_when_a_plan_year_is_bound(demo_db: Path) -> None:
    """With the plan id as a parameter DuckDB guessed few slots and swapped the ASOF join for a nested
    loop (8 s instead of 0.07 s for a 10,000-unit snapshot rebuild); warehouse connections forbid it."""
    query = "explain select * from target_progress_unit_live(now()) where plan_id = $plan"
    con = connect(demo_db, read_only=True)
    try:
        plan = "\n".join(row[1] for row in con.execute(query, {"plan": GOVAP}).fetchall())
        assert "Asof Join" in plan and "Nested Loop Join" not in plan
        con.execute("set asof_loop_join_threshold = 64")  # DuckDB's default: the swap this guards against
        plan = "\n".join(row[1] for row in con.execute(query, {"plan": GOVAP}).fetchall())
        assert "Asof Join" not in plan and "Nested Loop Join" in plan
    finally:
        con.close()


STORED_ORDER = {"snapshot_target_progress_unit": "period_ordinal, indicator_ordinal, unit_code",
                "snapshot_participation": "quarter, unit_code, activity_type, target_group",
                "snapshot_reporting_joined": "period_ordinal, unit_code"}


@pytest.mark.parametrize("table", list(STORED_ORDER))
def test_a_plan_year_s_rows_are_stored_in_the_order_the_extracts_read_them(con: duckdb.DuckDBPyConnection,
                                                                             table: str) -> None:
    """So that sorting a whole extract passes over one sorted run per plan year (docs/performance.md)."""
    keys = STORED_ORDER[table]
    stored = con.execute(f"select {keys} from {table} where plan_id = $p order by rowid", {"p": GOVAP}).fetchall()
    assert len(stored) > 30 and len(set(stored)) == len(stored)  # keys name one row each: the order is total
    assert stored == sorted(stored)
