"""The portable queries equal the five documented views and the views of the plan's sections III, IV and VI
(v_task_status, v_budget, v_cases) for any submissions, voids, returns and as-of moment.

Generated reports (versions, nil reports, values left out, repeated activities; NhiemVu, KinhPhi and
VuViec sheets present or not, rows left out, numbers blank, small case counts) go in through the load's
own staging inserts; voids (some restored later), plain returns and minor corrections (some withdrawn)
through warehouse/review.py. The warehouse is exported to Parquet, and the portable SQL run by DuckDB
over those files must give every column (name and type), row and number of the view's own query file
(queries/extracts/, over the *_at(as_of) macros), at moments on and around every deadline, receipt and
return.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portable_sections import Sections, plan_with_sections, sections, staged_sections

import queries
from access.roles import Identity
from documents.extracts import view_params, view_query
from etl.load import staged_arrow
from plan.model import Plan
from queries import write_staged
from warehouse import db as warehouse
from warehouse import snapshots
from warehouse.parquet import PORTABLE_QUERIES, export_parquet, portable_sql, register_parquet
from warehouse.review import (
    RETURN_KINDS,
    restore_voided,
    return_submission,
    submission,
    void_submission,
    withdraw_return,
)

PLAN: Plan = plan_with_sections(Path(__file__).parent / "plans" / "riverside-2025.yaml")
PORTABLE = {name: f"v_{name}" for name in PORTABLE_QUERIES}
MICRO = timedelta(microseconds=1)
AROUND_DEADLINE = (-86400 * 9, -1, 0, 3600, 86400 * 5)  # seconds: early, the last second, at it, late
Rows = list[tuple[Any, ...]]
MANAGER = Identity("hong", "Trần Thị Hồng", "data_manager")
VOIDED_AT = datetime(2026, 7, 1, tzinfo=UTC)  # a void applies to every moment: its own time does not matter


@dataclass
class Report:
    """One version of one unit's report for one period."""

    unit_code: str
    period_code: str
    received_at: datetime
    is_nil: bool
    values: list[tuple[str, int, int, int, int]] = field(default_factory=list)  # indicator, num, den, women, em
    # activity date, type, target group, men, women, activity_key (a key repeated by a later report counts once)
    activities: list[tuple[date, str, str, int, int, str]] = field(default_factory=list)
    sections: Sections = field(default_factory=Sections)  # ThongTin's flags, NhiemVu, KinhPhi, VuViec


@dataclass
class Return:
    report_no: int  # which generated report (only the latest version of its unit × period is returned)
    after: timedelta
    withdrawn_after: timedelta | None
    kind: str  # 'return' (not received until a new version) or 'correction' (stays received)


@dataclass
class Void:
    report_no: int  # which generated version is voided (before the returns are made)
    restored: bool  # restored after the returns, so a restored version may carry a return or sit above one


def _deadline(unit_code: str, period_code: str) -> datetime:
    return PLAN.deadline_at(PLAN.due_on(unit_code, period_code)).astimezone(UTC)


@st.composite
def reports(draw: st.DrawFn) -> list[Report]:
    """0–2 versions per unit × period, received around the deadline, latest last."""
    out = []
    kinds = [a.code for a in PLAN.reference.activity_types][:2]
    groups = [g.code for g in PLAN.reference.target_groups][:2]
    for p in PLAN.periods:
        for u in PLAN.expected_units(p.code):
            moment = _deadline(u.code, p.code) + timedelta(seconds=draw(st.sampled_from(AROUND_DEADLINE)))
            for _ in range(draw(st.integers(0, 2))):
                moment += timedelta(seconds=draw(st.integers(0, 86400 * 3)))
                out.append(draw(_report(u.code, p.code, moment, p.starts_on, p.ends_on, kinds, groups)))
    return out


@st.composite
def _report(draw: st.DrawFn, unit: str, period: str, received_at: datetime, starts_on: date, ends_on: date,
            kinds: list[str], groups: list[str]) -> Report:
    report = Report(unit, period, received_at, draw(st.booleans()) and draw(st.booleans()))
    report.sections = draw(sections(PLAN, unit))  # a nil report may still carry the newer sheets
    if report.is_nil:
        return report
    for indicator in PLAN.indicators_for(unit):
        if draw(st.integers(0, 4)):  # an indicator sometimes left out
            den = draw(st.integers(0, 40))
            num = draw(st.integers(0, den))
            report.values.append((indicator.code, num, den, draw(st.integers(0, num)), draw(st.integers(0, num))))
    keys = draw(st.lists(st.integers(0, 3), max_size=3, unique=True))  # unique in a report, as the loader's are
    for key in keys:
        on = starts_on + timedelta(days=draw(st.integers(0, (ends_on - starts_on).days)))
        report.activities.append((on, draw(st.sampled_from(kinds)), draw(st.sampled_from(groups)),
                                  draw(st.integers(0, 9)), draw(st.integers(0, 9)), f"k{key}"))
    return report


returns = st.lists(st.builds(Return, st.integers(0, 60), st.timedeltas(timedelta(0), timedelta(days=40)),
                             st.none() | st.timedeltas(timedelta(0), timedelta(days=20)),
                             st.sampled_from(RETURN_KINDS)), min_size=1, max_size=3)
voids = st.lists(st.builds(Void, st.integers(0, 60), st.integers(0, 2).map(lambda n: n == 0)), min_size=1,
                 max_size=3)  # one void in three restored


def _tables(batch: list[Report]) -> dict[str, pa.Table]:
    """The staged_* tables write/insert_batch.sql reads, as the loader builds them."""
    subs, values, acts = [], [], []
    versions: dict[tuple[str, str], int] = {}
    for sid, r in enumerate(batch, start=1):
        version = versions[(r.unit_code, r.period_code)] = versions.get((r.unit_code, r.period_code), 0) + 1
        subs.append({"submission_id": sid, "plan_id": PLAN.plan_id, "unit_code": r.unit_code,
                     "period_code": r.period_code, "version": version, "is_current": False,
                     "sha256": f"{sid:064x}", "file_name": f"{r.unit_code}_{r.period_code}_{version}.xlsx",
                     "received_at": r.received_at, "report_on": r.received_at.date(), "is_nil": r.is_nil,
                     "prepared_by": None, "phone": None, "template_version": "1", "load_id": 1})
        values += [{"submission_id": sid, "indicator_code": c, "numerator": n, "denominator": d, "women": w,
                    "ethnic_minority": e, "note": None, "source_row": 5 + i}
                   for i, (c, n, d, w, e) in enumerate(r.values)]
        acts += [{"submission_id": sid, "line_no": i, "activity_on": on, "activity_type": kind, "topic": "t",
                  "target_group": group, "participants": men + women, "men": men, "women": women,
                  "ethnic_minority": min(men, 1), "materials": women, "note": None, "activity_key": key,
                  "source_row": 4 + i} for i, (on, kind, group, men, women, key) in enumerate(r.activities, 1)]
    return {"staged_submissions": pa.Table.from_pylist(subs, staged_arrow.SUBMISSIONS),
            "staged_values": pa.Table.from_pylist(values, staged_arrow.VALUES),
            "staged_activities": pa.Table.from_pylist(acts, staged_arrow.ACTIVITIES),
            "staged_load_files": staged_arrow.LOAD_FILES.empty_table(),
            "staged_problems": staged_arrow.PROBLEMS.empty_table(),
            **staged_sections([r.sections for r in batch])}


def _load(con: duckdb.DuckDBPyConnection, batch: list[Report]) -> None:
    start = min((r.received_at for r in batch), default=datetime(2025, 1, 1, tzinfo=UTC))
    write_staged(con, _tables(batch), [
        ("write/start_load", {"load_id": 1, "started_at": start, "source": "test", "loaded_by": "test"}),
        ("write/insert_batch", {}), ("write/refresh_current", {}),
        ("write/finish_load", {"load_id": 1, "finished_at": start, "note": None, "detail": None})])
    snapshots.refresh(con)


def _void(con: duckdb.DuckDBPyConnection, batch: list[Report], wanted: list[Void]) -> list[int]:
    """Void generated versions; the ids to restore once the returns are made."""
    done: set[int] = set()
    for w in wanted:
        sid = w.report_no % len(batch) + 1 if batch else 0
        if sid and sid not in done:
            done.add(sid)
            void_submission(con, sid, "Nộp nhầm kỳ", MANAGER, now=VOIDED_AT)
    return sorted(sid for sid in done if any(w.restored and w.report_no % len(batch) + 1 == sid for w in wanted))


def _current(con: duckdb.DuckDBPyConnection, batch: list[Report], picked: Report) -> tuple[int, Report] | None:
    """The version of picked's unit × period that is current now (voided ones skipped), if any."""
    same = [(sid, r) for sid, r in enumerate(batch, start=1)
            if (r.unit_code, r.period_code) == (picked.unit_code, picked.period_code)]
    return next(((sid, r) for sid, r in same if submission(con, sid).is_current), None)


def _return(con: duckdb.DuckDBPyConnection, batch: list[Report], wanted: list[Return]) -> list[datetime]:
    """Return current versions, plainly or for a minor correction (some withdrawn later); the moments
    of those events, all distinct (the latest return of a report decides its kind)."""
    done, moments = set(), []
    for w in wanted:
        found = _current(con, batch, batch[w.report_no % len(batch)]) if batch else None
        if found is None or found[0] in done:
            continue
        sid, r = found
        done.add(sid)
        at = r.received_at + w.after + MICRO
        while at in moments:
            at += MICRO
        return_submission(con, sid, "sai số liệu", "mai", now=at, kind=w.kind)
        moments.append(at)
        if w.withdrawn_after is not None:
            withdraw_return(con, sid, "mai", now=at + w.withdrawn_after)
            moments.append(at + w.withdrawn_after)
    return moments


def _moments(batch: list[Report], events: list[datetime]) -> list[datetime]:
    """Every deadline, receipt and return, just before and at the instant, and a moment past them all."""
    deadlines = [_deadline(u.code, p.code) for p in PLAN.periods for u in PLAN.expected_units(p.code)]
    points = sorted(set(deadlines + [r.received_at for r in batch] + events))
    return sorted({m for p in points for m in (p - MICRO, p)} | {datetime(2026, 6, 1, tzinfo=UTC)})


def _exported(db: Path, folder: Path, moments: list[datetime]) -> dict[tuple[str, datetime], tuple[list[str], Rows]]:
    export_parquet(db, folder)
    con = duckdb.connect(config=warehouse.CONFIG)
    register_parquet(con, folder)
    try:
        return {(q, m): _result(con, portable_sql(q), {"as_of": m}) for q in PORTABLE for m in moments}
    finally:
        con.close()


def _result(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, object]) -> tuple[list[str], Rows]:
    """Column names with their types, and the rows in a fixed order."""
    result = con.execute(query, params)
    return [f"{d[0]} {d[1]}" for d in result.description], sorted(result.fetchall(), key=repr)


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse with the schema, the views and the plan, copied for each example."""
    db = tmp_path_factory.mktemp("portable") / "empty.duckdb"
    warehouse.open_for_writing(db, {PLAN.plan_id: PLAN}).close()
    return db


@settings(max_examples=examples(6), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(batch=reports(), wanted=returns, voided=voids, picks=st.lists(st.integers(0, 10_000), min_size=3, max_size=3))
def test_portable_queries_equal_the_views(empty_db: Path, batch: list[Report], wanted: list[Return],
                                          voided: list[Void], picks: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(shutil.copy(empty_db, Path(tmp) / "w.duckdb"))
        con = warehouse.connect(db)
        try:
            _load(con, batch)
            restore = _void(con, batch, voided)
            events = _return(con, batch, wanted)
            for sid in restore:
                restore_voided(con, sid, MANAGER, now=VOIDED_AT + timedelta(days=1))
        finally:
            con.close()
        every = _moments(batch, events)  # each return and withdrawal always; deadlines and receipts picked
        moments = sorted({every[p % len(every)] for p in picks} | {m for e in events for m in (e - MICRO, e)}
                         | {every[-1]})
        portable = _exported(db, Path(tmp) / "export", moments)
        con = warehouse.connect(db, read_only=True)
        try:
            for (query, moment), got in portable.items():
                view = PORTABLE[query]
                assert got == _result(con, queries.sql(view_query(view)), view_params(view, moment)), (query, moment)
        finally:
            con.close()
