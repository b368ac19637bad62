"""Voiding a version filed by mistake, restoring it, and the two kinds of return — on real workbooks
loaded into a real warehouse, through the review functions and the command line."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rows import fetch, vn

import queries
from access.roles import DEMO_VISITOR, Identity
from etl.load.prepare import Item
from etl.load.write import LoadResult, load_items
from plan.model import Plan
from testkit import cli
from testkit.workbooks import filled, save
from warehouse.review import ReviewError, restore_voided, return_submission, void_submission

PLAN = "govap-2024"
MANAGER = Identity("hong", "Trần Thị Hồng", "data_manager")


def load(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], path: Path, at: datetime) -> LoadResult:
    return load_items(con, plans, [Item(path, at)], default_plan=PLAN, source="test", loaded_by="Lan")


def p03(plan: Plan, tmp_path: Path, name: str, period: str = "2024-Q1", **kwargs: Any) -> Path:
    return save(filled(plan, "P03", period, **kwargs), tmp_path / name)


def two_versions(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], plan: Plan, tmp_path: Path,
                 second_at: datetime) -> tuple[int, int]:
    v1 = load(con, plans, p03(plan, tmp_path, "v1.xlsx", values={"CT1": (50, 40, 20, 1)}), vn(2024, 3, 1, 9))
    v2 = load(con, plans, p03(plan, tmp_path, "v2.xlsx", values={"CT1": (50, 45, 25, 1)}), second_at)
    return v1.files[0].submission_id or 0, v2.files[0].submission_id or 0


def status(con: duckdb.DuckDBPyConnection, as_of: datetime, period: str = "2024-Q1") -> dict[str, Any]:
    [row] = fetch(con, "select * from reporting_status_at($as_of) where unit_code = 'P03' and period_code = $p",
                  {"as_of": as_of, "p": period})
    return row


def ct1(con: duckdb.DuckDBPyConnection, as_of: datetime) -> list[tuple[Any, ...]]:
    return con.execute("select numerator, version from target_progress_unit_at($as_of) where unit_code = 'P03' "
                       "and period_code = '2024-Q1' and indicator_code = 'CT1' and numerator is not null",
                       {"as_of": as_of}).fetchall()


def current(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute("select version, is_current from submissions where unit_code = 'P03' "
                       "order by version").fetchall()


def state(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    return con.execute("select (select count(*) from submission_voids), (select count(*) from audit_log), "
                       "(select list(is_current order by submission_id) from submissions)").fetchone()  # type: ignore[return-value]


def test_voiding_the_new_version_makes_the_previous_one_current_again(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1, v2 = two_versions(warehouse, all_plans, govap, tmp_path, vn(2024, 3, 2, 9))
    assert ct1(warehouse, vn(2024, 3, 3)) == [(45, 2)] and current(warehouse) == [(1, False), (2, True)]
    voided = void_submission(warehouse, v2, "  Tệp 9 tháng ghi nhầm kỳ  ", MANAGER, now=vn(2024, 3, 3, 8))
    assert voided.is_voided and not voided.is_current
    assert current(warehouse) == [(1, True), (2, False)]
    # Figures are v1's again, at every moment looked at (a void corrects the record).
    assert ct1(warehouse, vn(2024, 3, 3)) == [(40, 1)] and ct1(warehouse, vn(2024, 3, 2, 12)) == [(40, 1)]
    row = status(warehouse, vn(2024, 3, 10))
    assert (row["status"], row["n_versions"], row["current_version"]) == ("on_time", 1, 1)
    assert row["last_received_at"] == vn(2024, 3, 1, 9)
    [audit] = fetch(warehouse, "select * from audit_log where action = 'void'")
    assert (audit["acted_by"], audit["acted_at"], audit["submission_id"]) == (
        "Trần Thị Hồng (hong)", vn(2024, 3, 3, 8), v2)
    assert audit["reason"] == "Tệp 9 tháng ghi nhầm kỳ" and audit["old_value"] == "v2.xlsx"
    # The voided file stays in the history, with who, when and why.
    history = queries.frame(warehouse, "review/history", {"plan_id": PLAN, "unit_code": "P03",
                                                          "period_code": "2024-Q1", "now": vn(2024, 3, 4)})
    assert history["is_voided"].tolist() == [False, True]
    assert history.loc[1, "voided_by"] == "Trần Thị Hồng (hong)" and history.loc[1, "void_reason"].startswith("Tệp 9")
    assert v1 != v2


def test_voiding_the_first_version_takes_timeliness_from_the_next(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1, _ = two_versions(warehouse, all_plans, govap, tmp_path, vn(2024, 3, 8, 9))
    assert status(warehouse, vn(2024, 3, 10))["status"] == "on_time"
    void_submission(warehouse, v1, "Nhầm đơn vị", MANAGER, now=vn(2024, 3, 9))
    after = status(warehouse, vn(2024, 3, 10))
    assert (after["status"], after["days_late"], after["first_received_at"]) == ("late", 3, vn(2024, 3, 8, 9))
    restore_voided(warehouse, v1, MANAGER, now=vn(2024, 3, 11))
    assert status(warehouse, vn(2024, 3, 10))["status"] == "on_time"
    assert [r["action"] for r in fetch(warehouse, "select action from audit_log order by event_id")][-2:] == [
        "void", "restore_void"]


def test_voiding_the_only_version_makes_the_report_missing(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    sid = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0].submission_id or 0
    received = "select sum(received) from reporting_rates_at($t) where period_code = '2024-Q1'"
    before = warehouse.execute(received, {"t": vn(2024, 3, 10)}).fetchone()
    void_submission(warehouse, sid, "Không phải báo cáo của đơn vị", MANAGER, now=vn(2024, 3, 2))
    assert current(warehouse) == [(1, False)]
    assert status(warehouse, vn(2024, 3, 3))["status"] == "not_yet_due"
    missing = status(warehouse, vn(2024, 3, 10))
    assert (missing["status"], missing["n_versions"], missing["submission_id"]) == ("missing", 0, None)
    assert warehouse.execute(received, {"t": vn(2024, 3, 10)}).fetchone() == ((before or (0,))[0] - 1,)
    assert ct1(warehouse, vn(2024, 3, 10)) == []
    # A new file for that report is then version 2, and current.
    v2 = load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 41, 20, 1)}),
              vn(2024, 3, 4)).files[0]
    assert (v2.version, current(warehouse)) == (2, [(1, False), (2, True)])
    assert status(warehouse, vn(2024, 3, 10))["status"] == "on_time"


@pytest.mark.parametrize(("reason", "who", "sid", "key"), [
    ("", MANAGER, None, "no_void_reason"), ("   ", MANAGER, None, "no_void_reason"),
    ("x" * 1001, MANAGER, None, "reason_too_long"),
    ("Sai kỳ", Identity("an", "An", "analyst"), None, "forbidden"),
    ("Sai kỳ", Identity("p03", "P03", "unit_reporter", unit="P03"), None, "forbidden"),
    ("Sai kỳ", None, None, "forbidden"), ("Sai kỳ", DEMO_VISITOR, None, "forbidden"),
    ("Sai kỳ", MANAGER, 999, "unknown_submission"),
])
def test_void_is_refused_and_changes_nothing(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                             govap: Plan, tmp_path: Path, reason: str, who: Identity | None,
                                             sid: int | None, key: str) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    before = state(warehouse)
    with pytest.raises(ReviewError) as err:
        void_submission(warehouse, sid or v1.submission_id or 0, reason, who, now=vn(2024, 3, 2))
    assert err.value.key == key and " / " in str(err.value)
    assert state(warehouse) == before


def test_void_twice_and_restore_of_a_standing_version_are_refused(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    sid = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0].submission_id or 0
    with pytest.raises(ReviewError, match="không bị huỷ"):
        restore_voided(warehouse, sid, MANAGER, now=vn(2024, 3, 2))
    void_submission(warehouse, sid, "Sai kỳ", MANAGER, now=vn(2024, 3, 2))
    with pytest.raises(ReviewError, match="đã bị huỷ"):
        void_submission(warehouse, sid, "Sai kỳ", MANAGER, now=vn(2024, 3, 3))
    with pytest.raises(ReviewError) as err:
        restore_voided(warehouse, sid, Identity("an", "An", "analyst"), now=vn(2024, 3, 3))
    assert err.value.key == "forbidden"
    restore_voided(warehouse, sid, MANAGER, "Nhầm", now=vn(2024, 3, 4))
    assert fetch(warehouse, "select restored_by from submission_voids") == [{"restored_by": "Trần Thị Hồng (hong)"}]
    void_submission(warehouse, sid, "Sai kỳ thật", MANAGER, now=vn(2024, 3, 5))  # voided again: history kept
    assert warehouse.execute("select count(*) from submission_voids").fetchone() == (2,)


def test_a_minor_correction_keeps_the_first_receipts_timeliness(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx", values={"CT1": (50, 40, 20, 1)}),
              vn(2024, 3, 1, 9)).files[0]
    return_submission(warehouse, v1.submission_id or 0, "Sửa số nữ", "Hồng", now=vn(2024, 3, 4), kind="correction")
    waiting = status(warehouse, vn(2024, 3, 10))
    assert (waiting["status"], waiting["is_returned"], waiting["return_kind"]) == ("on_time", True, "correction")
    assert ct1(warehouse, vn(2024, 3, 10)) == [(40, 1)]  # a minor fix: the figures still count
    load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 40, 22, 1)}), vn(2024, 3, 12))
    fixed = status(warehouse, vn(2024, 3, 13))
    assert (fixed["status"], fixed["days_late"], fixed["is_returned"], fixed["return_kind"]) == (
        "on_time", 0, False, "correction")
    [audit] = fetch(warehouse, "select new_value, reason from audit_log where action = 'return'")
    assert audit == {"new_value": "correction", "reason": "Sửa số nữ"}


def test_a_plain_return_counts_missing_until_the_new_version(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    return_submission(warehouse, v1.submission_id or 0, "Sai nhiều", "Hồng", now=vn(2024, 3, 4), kind="return")
    waiting = status(warehouse, vn(2024, 3, 10))
    assert (waiting["status"], waiting["return_kind"]) == ("missing", "return")
    load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 41, 20, 1)}), vn(2024, 3, 12))
    late = status(warehouse, vn(2024, 3, 13))
    assert (late["status"], late["days_late"], late["return_kind"]) == ("late", 7, "return")
    assert fetch(warehouse, "select kind from submission_returns") == [{"kind": "return"}]
    with pytest.raises(ReviewError) as err:
        return_submission(warehouse, v1.submission_id or 0, "x", "Hồng", kind="minor")
    assert err.value.key == "bad_kind"


def etl(*args: str | Path, db: Path, plans: Path) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args, "--db", db, "--plans", plans)


def test_command_line_void_and_restore(tmp_path: Path, plans_dir: Path, db_path: Path, govap: Plan) -> None:
    p03(govap, tmp_path / "in1", "v1.xlsx")
    p03(govap, tmp_path / "in2", "v2.xlsx", values={"CT1": (50, 45, 25, 1)})
    for folder, at in (("in1", "2024-03-01T09:00:00+07:00"), ("in2", "2024-03-02T09:00:00+07:00")):
        assert etl("load", tmp_path / folder, "--received-at", at, db=db_path, plans=plans_dir).returncode == 0
    with duckdb.connect(str(db_path), read_only=True) as con:
        [(v2,)] = con.execute("select submission_id from submissions where version = 2").fetchall()
    no_reason = etl("void", str(v2), "--reason", "  ", db=db_path, plans=plans_dir)
    assert no_reason.returncode == 2
    assert "Cần ghi lý do huỷ" in no_reason.stderr and "Enter the reason" in no_reason.stderr
    unknown = etl("void", "999", "--reason", "Sai kỳ", db=db_path, plans=plans_dir)
    assert unknown.returncode == 1
    assert "Không có báo cáo số 999" in unknown.stderr and "no submission 999" in unknown.stderr
    done = etl("void", str(v2), "--reason", "Tệp 9 tháng ghi nhầm kỳ", "--by", "Hồng", db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    assert "Phiên bản đang dùng: 1" in done.stderr and "Current version now: 1" in done.stderr
    again = etl("void", str(v2), "--reason", "Sai", db=db_path, plans=plans_dir)
    assert again.returncode == 1 and "đã bị huỷ" in again.stderr
    restored = etl("void", str(v2), "--restore", "--by", "Hồng", db=db_path, plans=plans_dir)
    assert restored.returncode == 0 and "Đã khôi phục" in restored.stderr and "Restored" in restored.stderr
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("select acted_by, action, reason from audit_log where action in ('void', 'restore_void') "
                           "order by event_id").fetchall() == [("Hồng", "void", "Tệp 9 tháng ghi nhầm kỳ"),
                                                               ("Hồng", "restore_void", None)]
        assert con.execute("select version from submissions where is_current").fetchall() == [(2,)]
