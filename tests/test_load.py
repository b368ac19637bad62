"""Loading: a file is all or nothing, duplicates are no-ops, versions stack, plans sit side by side."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from etl.load.write import Item, LoadResult, load_items
from plan.model import Plan
from testkit.workbooks import Activity, write_bytes, write_filled

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Con = duckdb.DuckDBPyConnection
TABLES = ("submissions", "indicator_values", "activities")


def at(month: int, day: int, hour: int = 10, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, tzinfo=VN)


def load(con: Con, plans: dict[str, Plan], *items: Item) -> LoadResult:
    return load_items(con, plans, list(items), default_plan="govap-2024", source="tests", loaded_by="pytest")


def counts(con: Con) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def one(con: Con, sql: str, params: dict[str, object] | None = None) -> tuple[object, ...]:
    rows = con.execute(sql, params or {}).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_accepted_file_lands_whole(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx",
                        activities=[Activity(), Activity(kind="Tọa đàm", participants=40, men=10, women=30)])
    result = load(warehouse, all_plans, Item(path, at(3, 1)))
    assert [(f.outcome, f.version, f.is_current) for f in result.files] == [("loaded", 1, True)]
    assert counts(warehouse) == {"submissions": 1, "indicator_values": 5, "activities": 2}
    assert one(warehouse, "select unit_code, period_code, version, is_current, file_name, report_on from submissions") \
        == ("P01", "2024-Q1", 1, True, "p01.xlsx", datetime(2024, 3, 5).date())
    assert one(warehouse, "select numerator, denominator, women, ethnic_minority, source_row from indicator_values "
                          "where indicator_code = 'CT1'") == (30, 40, 18, 2, 5)


def test_rejected_file_leaves_no_rows(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    # Everything is fine except the third activity: nothing of the file may be written.
    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx",
                        activities=[Activity(), Activity(), Activity(participants=31)])
    result = load(warehouse, all_plans, Item(path, at(3, 1)))
    assert [(f.outcome, f.submission_id) for f in result.files] == [("rejected", None)]
    assert result.exit_code == 1
    assert counts(warehouse) == {"submissions": 0, "indicator_values": 0, "activities": 0}


def test_rejected_file_writes_load_files_and_problems(tmp_path: Path, warehouse: Con,
                                                      all_plans: dict[str, Plan]) -> None:
    bad = write_filled(all_plans["govap-2024"], "P03", "2024-Q1", tmp_path / "p03.xlsx",
                       values={"CT1": (10, 12, 3, 0)}, activities=[Activity(participants=31)])
    empty = write_bytes(tmp_path / "rong.xlsx", b"")
    good = write_filled(all_plans["govap-2024"], "P04", "2024-Q1", tmp_path / "p04.xlsx")
    result = load(warehouse, all_plans, Item(bad, at(3, 1)), Item(empty, at(3, 1)), Item(good, at(3, 1)))
    assert [f.outcome for f in result.files] == ["rejected", "rejected", "loaded"]
    files = warehouse.execute("select file_no, file_name, outcome, unit_code, period_code, n_problems, "
                              "sha256 is not null from load_files where load_id = $id order by file_no",
                              {"id": result.load_id}).fetchall()
    # A rejected file keeps the unit and period it declares; a file with nothing readable has none.
    assert [f[1:] for f in files] == [("p03.xlsx", "rejected", "P03", "2024-Q1", 2, True),
                                      ("rong.xlsx", "rejected", None, None, 1, False),
                                      ("p04.xlsx", "loaded", "P04", "2024-Q1", 0, True)]
    problems = warehouse.execute(
        "select f.file_name, p.problem_no, p.sheet, p.row_no, p.column_ref, p.code, p.message_vi, p.message_en, "
        "p.fix_en from problems p join load_files f using (load_id, file_no) order by f.file_no, p.problem_no"
    ).fetchall()
    assert [p[:6] for p in problems] == [
        ("p03.xlsx", 1, "ChiTieu", 5, "D", "numerator_gt_denominator"),
        ("p03.xlsx", 2, "HoatDong", 5, "F", "sex_sum_mismatch"),
        ("rong.xlsx", 1, None, None, None, "file_empty"),
    ]
    assert problems[0][6:8] == ("Số đạt (12) lớn hơn tổng số đối tượng (10).",
                                "Achieved (12) is greater than the total (10).")
    assert problems[2][8] == "Send the complete report file again."
    assert one(warehouse, "select n_files, n_accepted, n_rejected, source, loaded_by, finished_at is not null "
                          "from loads where load_id = $id", {"id": result.load_id}) \
        == (3, 1, 2, "tests", "pytest", True)
    assert counts(warehouse) == {"submissions": 1, "indicator_values": 5, "activities": 1}


def test_same_file_twice_is_a_no_op(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx")
    first = load(warehouse, all_plans, Item(path, at(3, 1)))
    before = counts(warehouse)
    second = load(warehouse, all_plans, Item(path, at(3, 20)))
    assert [(f.outcome, f.submission_id, f.version) for f in second.files] == \
        [("duplicate", first.files[0].submission_id, 1)]
    assert second.exit_code == 0
    assert counts(warehouse) == before == {"submissions": 1, "indicator_values": 5, "activities": 1}
    # The duplicate does not move the receipt time (timeliness keeps the first arrival).
    assert one(warehouse, "select received_at from submissions")[0] == at(3, 1)
    assert one(warehouse, "select outcome, submission_id from load_files where load_id = $id",
               {"id": second.load_id}) == ("duplicate", first.files[0].submission_id)


def test_same_file_twice_in_one_load(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx")
    copy = write_bytes(tmp_path / "copy" / "p01 (1).xlsx", path.read_bytes())
    result = load(warehouse, all_plans, Item(path, at(3, 1)), Item(copy, at(3, 2)))
    assert [f.outcome for f in result.files] == ["loaded", "duplicate"]
    assert counts(warehouse)["submissions"] == 1


def test_new_version_becomes_current(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    v1 = write_filled(govap, "P01", "2024-Q1", tmp_path / "v1.xlsx", values={"CT1": (40, 20, 10, 1)})
    v2 = write_filled(govap, "P01", "2024-Q1", tmp_path / "v2.xlsx", values={"CT1": (42, 35, 20, 3)},
                      activities=[Activity(), Activity(kind="Hội thi", participants=50, men=20, women=30)])
    load(warehouse, all_plans, Item(v1, at(3, 4)))
    result = load(warehouse, all_plans, Item(v2, at(3, 20)))
    assert [(f.outcome, f.version, f.is_current) for f in result.files] == [("new_version", 2, True)]
    assert warehouse.execute("select file_name, version, is_current from submissions order by version").fetchall() \
        == [("v1.xlsx", 1, False), ("v2.xlsx", 2, True)]
    assert counts(warehouse) == {"submissions": 2, "indicator_values": 10, "activities": 3}
    progress = one(warehouse, "select numerator, denominator, women, ethnic_minority, version, file_name "
                              "from v_target_progress_unit where unit_code = 'P01' and period_code = '2024-Q1' "
                              "and indicator_code = 'CT1'")
    assert progress == (35, 42, 20, 3, 2, "v2.xlsx")
    status = one(warehouse, "select status, n_versions, first_received_at, last_received_at from v_reporting_status "
                            "where unit_code = 'P01' and period_code = '2024-Q1'")
    assert status == ("on_time", 2, at(3, 4), at(3, 20))


def test_two_versions_in_one_load_order_by_receipt(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    late = write_filled(govap, "P05", "2024-Q1", tmp_path / "late.xlsx", values={"CT1": (40, 25, 10, 1)})
    early = write_filled(govap, "P05", "2024-Q1", tmp_path / "early.xlsx", values={"CT1": (40, 15, 10, 1)})
    result = load(warehouse, all_plans, Item(late, at(3, 9)), Item(early, at(3, 2)))
    assert [(f.file_name, f.outcome, f.version, f.is_current) for f in result.files] == [
        ("late.xlsx", "new_version", 2, True), ("early.xlsx", "loaded", 1, False)]


def test_small_plan_loads_next_to_2024(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan]) -> None:
    govap, river = all_plans["govap-2024"], all_plans["riverside-2025"]
    result = load(warehouse, all_plans,
                  Item(write_filled(govap, "P01", "2024-Q1", tmp_path / "p01.xlsx"), at(3, 1)),
                  Item(write_filled(river, "XA", "2025-T1", tmp_path / "xa.xlsx",
                                    values={"A1": (25, 21, 12, 0), "B2": (10, 4, 2, 1)}), at(4, 10, year=2025)),
                  Item(write_filled(river, "YT", "2025-T1", tmp_path / "yt.xlsx",
                                    values={"A1": (12, 10, 6, 0), "M3": (8, 3, 3, 0)}), at(4, 24, year=2025)))
    assert [(f.report.plan_id if f.report else None, f.outcome) for f in result.files] == [
        ("govap-2024", "loaded"), ("riverside-2025", "loaded"), ("riverside-2025", "loaded")]
    rows = warehouse.execute(
        "select unit_code, indicator_code, numerator, denominator, is_met from v_target_progress_unit "
        "where plan_id = 'riverside-2025' and period_code = '2025-T1' and numerator is not null "
        "order by unit_code, indicator_code").fetchall()
    assert rows == [("XA", "A1", 21, 25, True), ("XA", "B2", 4, 10, False), ("YT", "A1", 10, 12, True),
                    ("YT", "M3", 3, 8, None)]
    # YT had an extension to 25/04/2025: received 24/04 is on time.
    assert warehouse.execute("select unit_code, status from v_reporting_status where plan_id = 'riverside-2025' "
                             "and period_code = '2025-T1' order by unit_code").fetchall() == [
        ("XA", "on_time"), ("XB", "missing"), ("YT", "on_time")]
    assert one(warehouse, "select count(*) from submissions where plan_id = 'govap-2024'") == (1,)


@pytest.mark.parametrize(("received", "status"), [(at(3, 5, 23), "on_time"), (at(3, 6, 0), "late")])
def test_deadline_is_midnight_vietnam_time(tmp_path: Path, warehouse: Con, all_plans: dict[str, Plan],
                                           received: datetime, status: str) -> None:
    path = write_filled(all_plans["govap-2024"], "P07", "2024-Q1", tmp_path / "p07.xlsx")
    load(warehouse, all_plans, Item(path, received))
    assert one(warehouse, "select status from v_reporting_status where unit_code = 'P07' "
                          "and period_code = '2024-Q1'") == (status,)
