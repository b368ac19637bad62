"""Voiding then restoring versions leaves every documented view as it was (hypothesis, over a small
year of real generated workbooks loaded through load_files); and an older warehouse is upgraded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rows import vn

from access.roles import Identity
from etl.load.files import load_files
from etl.load.prepare import Item
from etl.load.write import load_items
from plan.model import Plan
from testkit.workbooks import Activity, filled, save
from warehouse.db import ensure_schema, open_for_writing
from warehouse.parquet import portable_sql
from warehouse.review import restore_voided, return_submission, void_submission

PLAN = "govap-2024"
MANAGER = Identity("hong", "Trần Thị Hồng", "data_manager")
VIEWS = ("v_target_progress_unit", "v_target_progress", "v_participation", "v_reporting_status", "v_reporting_rates")
LOOK_BACK = vn(2024, 5, 15)  # voids apply to every moment: a look back must not see them either
NIL = {"info": {"is_nil": "Có"}, "activities": []}
# (unit, period, CT1 numerator, received): two versions of some reports, a nil report, late ones.
FILES: list[tuple[str, str, int | None, datetime]] = [
    ("P01", "2024-Q1", 30, vn(2024, 3, 1, 9)), ("P01", "2024-Q1", 35, vn(2024, 3, 8, 9)),
    ("P03", "2024-Q1", 20, vn(2024, 3, 7, 9)), ("P03", "2024-H1", 25, vn(2024, 5, 2, 9)),
    ("P03", "2024-H1", 28, vn(2024, 5, 20, 9)), ("P05", "2024-Q1", None, vn(2024, 3, 4, 9)),
    ("P05", "2024-H1", 33, vn(2024, 5, 9, 9)), ("P06", "2024-Q1", 10, vn(2024, 3, 2, 9)),
]
RESENT = ("P06", "2024-Q1", 12, vn(2024, 3, 20, 9))  # after P06's first version was returned


def workbook(plan: Plan, folder: Path, n: int, unit: str, period: str, numerator: int | None) -> Path:
    day = plan.period_by_code[period].starts_on.replace(day=20)
    extra: dict[str, Any] = NIL if numerator is None else {
        "values": {"CT1": (40, numerator, 10, 1)}, "activities": [Activity(day=day, participants=20 + n, men=2 + n)]}
    if numerator is None:
        extra["values"] = dict.fromkeys(i.code for i in plan.indicators_for(unit))
    return save(filled(plan, unit, period, **extra), folder / f"{n:02d}-{unit}-{period}.xlsx")


@pytest.fixture(scope="module")
def year(govap: Plan, small_plan: Plan,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse holding FILES, with a plain return on P06's first version and a minor correction
    pending on P05's six-month report; shared by every generated example."""
    folder = tmp_path_factory.mktemp("void-year")
    plans = {govap.plan_id: govap, small_plan.plan_id: small_plan}
    db = folder / "warehouse.duckdb"
    items = [Item(workbook(govap, folder, n, *f[:3]), f[3]) for n, f in enumerate(FILES)]
    result = load_files(db, plans, items, default_plan=PLAN, source="test")
    assert [f.outcome for f in result.files].count("rejected") == 0, [f.problems for f in result.files]
    ids = {(f.unit_code, f.period_code, f.version): f.submission_id or 0 for f in result.files}
    con = open_for_writing(db, plans)
    return_submission(con, ids["P06", "2024-Q1", 1], "Sai nhiều", "Hồng", now=vn(2024, 3, 10))
    return_submission(con, ids["P05", "2024-H1", 1], "Sửa nhỏ", "Hồng", now=vn(2024, 5, 12), kind="correction")
    con.close()
    again = load_files(db, plans, [Item(workbook(govap, folder, 99, *RESENT[:3]), RESENT[3])],
                       default_plan=PLAN, source="test")
    assert [f.outcome for f in again.files] == ["new_version"]
    con = open_for_writing(db, plans)
    yield con
    con.close()


def views(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every documented view now, and the reporting status at a moment looked back at."""
    out = {v: con.execute(f"select * from {v} order by all").fetchall() for v in VIEWS}
    out["status_then"] = con.execute("select * from reporting_status_at($t) order by all", {"t": LOOK_BACK}).fetchall()
    return out


def ids(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("select submission_id from submissions order by all").fetchall()]


@settings(max_examples=examples(5), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_void_then_restore_leaves_every_view_as_it_was(year: duckdb.DuckDBPyConnection, data: st.DataObject) -> None:
    before = views(year)
    chosen = data.draw(st.lists(st.sampled_from(ids(year)), min_size=1, max_size=2, unique=True), label="voided")
    for sid in chosen:
        void_submission(year, sid, "Nộp nhầm kỳ", MANAGER)
    standing = {r[0] for r in year.execute("select submission_id from v_reporting_status "
                                           "where submission_id is not null").fetchall()}
    assert not standing & set(chosen)  # a voided version never stands for its report
    assert year.execute("select count(*) from submissions where is_current and list_contains($c, submission_id)",
                        {"c": chosen}).fetchone() == (0,)
    for sid in data.draw(st.permutations(chosen), label="restore order"):
        restore_voided(year, sid, MANAGER)
    assert views(year) == before


def test_an_older_warehouse_is_upgraded_keeping_its_returns_and_audit(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    item = Item(save(filled(govap, "P03", "2024-Q1"), tmp_path / "v1.xlsx"), vn(2024, 3, 1, 9))
    sid = load_items(warehouse, all_plans, [item], default_plan=PLAN, source="test").files[0].submission_id
    # The tables as the previous schema defined them, with a return and its audit row.
    warehouse.execute("drop table submission_voids; drop table submission_returns; drop table audit_log;")
    warehouse.execute(OLD_TABLES)
    warehouse.execute("insert into submission_returns values (?, ?, 'Hồng', 'Sai', null, null)",
                      [sid, vn(2024, 3, 10)])
    warehouse.execute("insert into audit_log values (1, ?, 'Hồng', 'return', null, ?, null, null, 'Sai')",
                      [vn(2024, 3, 10), sid])
    warehouse.execute("delete from warehouse_info where key = 'schema_sha256'")
    ensure_schema(warehouse)
    assert warehouse.execute("select reason, kind from submission_returns").fetchall() == [("Sai", "return")]
    assert warehouse.execute("select reason, detail from audit_log").fetchall() == [("Sai", None)]  # kept as it was
    void_submission(warehouse, sid or 0, "Nộp nhầm", MANAGER, now=vn(2024, 3, 11))
    assert warehouse.execute("select action from audit_log order by event_id").fetchall()[-2:] == [
        ("return",), ("void",)]


OLD_TABLES = """
create table submission_returns (
    submission_id integer not null references submissions (submission_id),
    returned_at timestamptz not null, returned_by varchar not null, reason varchar not null,
    withdrawn_at timestamptz, withdrawn_by varchar, primary key (submission_id, returned_at));
create table audit_log (
    event_id integer primary key, acted_at timestamptz not null, acted_by varchar not null,
    action varchar not null check (action in ('load', 'receipt_date', 'return', 'withdraw_return')),
    load_id integer, submission_id integer, old_value varchar, new_value varchar, reason varchar);
"""


PORTABLE = {"target_progress": "select * exclude (period_ordinal, indicator_ordinal) from target_progress_at($as_of)",
            "reporting_rates": "select * exclude (period_ordinal) from reporting_rates_at($as_of)",
            "reporting_status": "select * exclude (period_ordinal) from reporting_status_at($as_of)",
            "target_progress_unit": "select * exclude (period_ordinal, indicator_ordinal, target_bp) "
                                    "from target_progress_unit_at($as_of)",
            "participation": "select * from participation_at($as_of)"}


def test_portable_queries_count_voids_and_corrections_as_the_views_do(year: duckdb.DuckDBPyConnection) -> None:
    first = year.execute("select submission_id from submissions where unit_code = 'P01' and version = 1").fetchone()
    void_submission(year, first[0] if first else 0, "Nộp nhầm kỳ", MANAGER)
    try:
        for moment in (vn(2024, 3, 9), vn(2024, 5, 15), vn(2024, 12, 1)):
            for name, view in PORTABLE.items():
                got = year.execute(portable_sql(name), {"as_of": moment}).fetchall()
                assert sorted(got, key=repr) == sorted(year.execute(view, {"as_of": moment}).fetchall(), key=repr)
    finally:
        restore_voided(year, first[0] if first else 0, MANAGER)
