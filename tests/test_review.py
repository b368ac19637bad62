"""Review of loaded reports: returns for correction, official receipt dates, audit, version diffs,
consistency warnings — on real workbooks loaded into a real warehouse."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from rows import fetch, vn

import queries
from etl.load.prepare import Item
from etl.load.write import LoadResult, load_items
from i18n.phrases import Phrase
from plan.model import Plan
from testkit.workbooks import Activity, filled, save
from warehouse.review import ReviewError, official_receipt, return_submission, set_received_at, withdraw_return

PLAN = "govap-2024"


def load(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], path: Path, at: datetime) -> LoadResult:
    return load_items(con, plans, [Item(path, at)], default_plan=PLAN, source="test", loaded_by="Lan")


def p03(plan: Plan, tmp_path: Path, name: str, period: str = "2024-Q1", **kwargs: Any) -> Path:
    return save(filled(plan, "P03", period, **kwargs), tmp_path / name)


def status(con: duckdb.DuckDBPyConnection, as_of: datetime, period: str = "2024-Q1") -> dict[str, Any]:
    [row] = fetch(con, "select * from reporting_status_at($as_of) where unit_code = 'P03' and period_code = $p",
                  {"as_of": as_of, "p": period})
    return row


def ct1(con: duckdb.DuckDBPyConnection, as_of: datetime) -> list[tuple[Any, ...]]:
    return con.execute("select numerator, version from target_progress_unit_at($as_of) where unit_code = 'P03' "
                       "and period_code = '2024-Q1' and indicator_code = 'CT1' and numerator is not null",
                       {"as_of": as_of}).fetchall()


def received(con: duckdb.DuckDBPyConnection, as_of: datetime) -> int:
    return int(con.execute("select sum(received) from reporting_rates_at($as_of) where period_code = '2024-Q1'",
                           {"as_of": as_of}).fetchone()[0])  # type: ignore[index]


def counts(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    return con.execute("select (select count(*) from submission_returns), (select count(*) from audit_log), "
                       "(select list(received_at order by submission_id) from submissions)").fetchone()  # type: ignore[return-value]


def test_returned_report_is_missing_until_resubmitted(warehouse: duckdb.DuckDBPyConnection,
                                                      all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx", values={"CT1": (50, 40, 20, 1)}),
              vn(2024, 3, 1, 9)).files[0]
    assert status(warehouse, vn(2024, 3, 9))["status"] == "on_time"
    before = received(warehouse, vn(2024, 3, 9))
    return_submission(warehouse, v1.submission_id or 0, "  Thiếu số nữ ở CT1  ", "Hồng", now=vn(2024, 3, 10, 8))
    after = status(warehouse, vn(2024, 3, 11))
    assert (after["status"], after["is_returned"], after["returned_reason"]) == ("missing", True, "Thiếu số nữ ở CT1")
    assert after["first_received_at"] is None and after["n_versions"] == 1 and after["days_late"] == 6
    assert received(warehouse, vn(2024, 3, 11)) == before - 1
    assert ct1(warehouse, vn(2024, 3, 11)) == [] and ct1(warehouse, vn(2024, 3, 9)) == [(40, 1)]
    # A look back before the return still sees the report as it stood then.
    assert status(warehouse, vn(2024, 3, 9))["status"] == "on_time"
    # The corrected version arrives after the deadline: counted again, late (the returned one does not count).
    v2 = load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 45, 25, 1)}),
              vn(2024, 3, 12, 14)).files[0]
    assert (v2.outcome, v2.version) == ("new_version", 2)
    now = status(warehouse, vn(2024, 3, 13))
    assert (now["status"], now["is_returned"], now["n_versions"], now["days_late"]) == ("late", False, 2, 7)
    assert ct1(warehouse, vn(2024, 3, 13)) == [(45, 2)]
    audit = fetch(warehouse, "select action, acted_by, submission_id, reason from audit_log order by event_id")
    assert [(a["action"], a["acted_by"]) for a in audit] == [("load", "Lan"), ("return", "Hồng"), ("load", "Lan")]
    assert audit[1]["submission_id"] == v1.submission_id and audit[1]["reason"] == "Thiếu số nữ ở CT1"


def test_a_correction_sent_before_the_deadline_keeps_the_report_on_time(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    return_submission(warehouse, v1.submission_id or 0, "Sai số", "Hồng", now=vn(2024, 3, 2, 8))
    assert status(warehouse, vn(2024, 3, 3))["status"] == "not_yet_due"
    load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 41, 20, 1)}), vn(2024, 3, 4, 9))
    assert status(warehouse, vn(2024, 3, 6))["status"] == "on_time"


@pytest.mark.parametrize(("reason", "by", "key"), [
    ("", "Hồng", "no_reason"), ("   ", "Hồng", "no_reason"), ("x" * 1001, "Hồng", "reason_too_long"),
    ("Sai", " ", "no_actor"),
])
def test_return_needs_a_reason_and_a_name(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                          govap: Plan, tmp_path: Path, reason: str, by: str, key: str) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    before = counts(warehouse)
    with pytest.raises(ReviewError) as err:
        return_submission(warehouse, v1.submission_id or 0, reason, by, now=vn(2024, 3, 2))
    assert err.value.key == key and " / " in str(err.value)
    assert counts(warehouse) == before


def test_only_the_standing_latest_version_can_be_returned(warehouse: duckdb.DuckDBPyConnection,
                                                          all_plans: dict[str, Plan], govap: Plan,
                                                          tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    v2 = load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 41, 20, 1)}),
              vn(2024, 3, 2, 9)).files[0]
    with pytest.raises(ReviewError, match="phiên bản mới nhất"):
        return_submission(warehouse, v1.submission_id or 0, "Sai", "Hồng", now=vn(2024, 3, 3))
    return_submission(warehouse, v2.submission_id or 0, "Sai", "Hồng", now=vn(2024, 3, 3))
    with pytest.raises(ReviewError, match="đã được trả lại"):
        return_submission(warehouse, v2.submission_id or 0, "Sai", "Hồng", now=vn(2024, 3, 4))
    with pytest.raises(ReviewError, match="Không có báo cáo số 999"):
        return_submission(warehouse, 999, "Sai", "Hồng")


def test_withdrawn_return_counts_again_from_then(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                                 govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 1, 9)).files[0]
    sid = v1.submission_id or 0
    with pytest.raises(ReviewError, match="không ở trạng thái trả lại"):
        withdraw_return(warehouse, sid, "Hồng", now=vn(2024, 3, 2))
    return_submission(warehouse, sid, "Nhầm đơn vị", "Hồng", now=vn(2024, 3, 10))
    withdraw_return(warehouse, sid, "Hùng", now=vn(2024, 3, 12))
    assert status(warehouse, vn(2024, 3, 11))["status"] == "missing"
    assert status(warehouse, vn(2024, 3, 13))["status"] == "on_time"
    assert fetch(warehouse, "select withdrawn_by from submission_returns") == [{"withdrawn_by": "Hùng"}]
    # It can be returned again afterwards.
    return_submission(warehouse, sid, "Sai thật", "Hồng", now=vn(2024, 3, 14))
    assert status(warehouse, vn(2024, 3, 15))["returned_reason"] == "Sai thật"


def test_official_receipt_date_decides_timeliness_and_is_audited(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 8, 10)).files[0]
    sid = v1.submission_id or 0
    assert status(warehouse, vn(2024, 3, 9))["status"] == "late"
    official = official_receipt(date(2024, 3, 5), govap.timezone, now=vn(2024, 3, 9, 9))
    assert official == vn(2024, 3, 5, 23, 59, 59)
    set_received_at(warehouse, sid, official, "Hồng", now=vn(2024, 3, 9, 9))
    assert status(warehouse, vn(2024, 3, 9))["status"] == "on_time"
    [audit] = fetch(warehouse, "select * from audit_log where action = 'receipt_date'")
    assert audit["acted_by"] == "Hồng" and audit["submission_id"] == sid
    assert datetime.fromisoformat(audit["old_value"]) == vn(2024, 3, 8, 10)
    assert datetime.fromisoformat(audit["new_value"]) == official
    history = queries.frame(warehouse, "review/history", {"plan_id": PLAN, "unit_code": "P03",
                                                          "period_code": "2024-Q1", "now": vn(2024, 3, 9, 10)})
    assert history["receipt_set_by"].tolist() == ["Hồng"] and history["loaded_by"].tolist() == ["Lan"]


@pytest.mark.parametrize(("day", "key"), [(date(2024, 3, 10), "receipt_future"),
                                          (date(2023, 12, 31), "receipt_before_period")])
def test_impossible_receipt_dates_change_nothing(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                                 govap: Plan, tmp_path: Path, day: date, key: str) -> None:
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 8, 10)).files[0]
    before = counts(warehouse)
    with pytest.raises(ReviewError) as err:
        set_received_at(warehouse, v1.submission_id or 0, official_receipt(day, govap.timezone, vn(2024, 3, 9)),
                        "Hồng", now=vn(2024, 3, 9))
    assert err.value.key == key
    assert counts(warehouse) == before


def test_receipt_date_today_is_now_and_a_same_day_correction_stays_current(
        warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan], govap: Plan, tmp_path: Path) -> None:
    now = vn(2024, 3, 4, 16, 30)
    assert official_receipt(date(2024, 3, 4), govap.timezone, now) == now
    load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 4, 15))
    # The correction, registered the next morning with yesterday's official date, becomes current.
    load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 44, 20, 1)}),
         official_receipt(date(2024, 3, 4), govap.timezone, vn(2024, 3, 5, 8)))
    assert fetch(warehouse, "select version, is_current from submissions order by version") == [
        {"version": 1, "is_current": False}, {"version": 2, "is_current": True}]
    assert ct1(warehouse, vn(2024, 3, 6)) == [(44, 2)]


def test_moving_a_receipt_re_decides_the_current_version(warehouse: duckdb.DuckDBPyConnection,
                                                         all_plans: dict[str, Plan], govap: Plan,
                                                         tmp_path: Path) -> None:
    load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx"), vn(2024, 3, 2, 9))
    v2 = load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (50, 44, 20, 1)}),
              vn(2024, 3, 3, 9)).files[0]
    set_received_at(warehouse, v2.submission_id or 0, vn(2024, 3, 1, 12), "Hồng", now=vn(2024, 3, 4))
    assert fetch(warehouse, "select version, is_current from submissions order by version") == [
        {"version": 1, "is_current": True}, {"version": 2, "is_current": False}]


def test_version_diff_lists_changed_values_and_activities(warehouse: duckdb.DuckDBPyConnection,
                                                          all_plans: dict[str, Plan], govap: Plan,
                                                          tmp_path: Path) -> None:
    kept, dropped = Activity(day=date(2024, 2, 1)), Activity(day=date(2024, 2, 2), topic="Truyền thông")
    v1 = load(warehouse, all_plans, p03(govap, tmp_path, "v1.xlsx", values={"CT1": (50, 40, 20, 1)},
                                        activities=[kept, dropped]), vn(2024, 3, 1)).files[0]
    changed = Activity(day=date(2024, 2, 1), participants=35, men=17)
    added = Activity(day=date(2024, 2, 20), topic="Tọa đàm")
    v2 = load(warehouse, all_plans, p03(govap, tmp_path, "v2.xlsx", values={"CT1": (52, 45, 20, 1)},
                                        activities=[changed, added]), vn(2024, 3, 2)).files[0]
    ids = {"old_id": v1.submission_id, "new_id": v2.submission_id}
    values = queries.rows(warehouse, "review/diff_values", ids)
    assert values == [("CT1", "denominator", 50, 52), ("CT1", "numerator", 40, 45)]
    acts = {(r["change"], str(r["activity_on"]), r["old_participants"], r["new_participants"])
            for r in fetch(warehouse, queries.sql("review/diff_activities"), ids)}
    assert acts == {("changed", "2024-02-01", 30, 35), ("removed", "2024-02-02", 30, None),
                    ("added", "2024-02-20", None, 30)}


def test_consistency_warnings_between_successive_reports(warehouse: duckdb.DuckDBPyConnection,
                                                         all_plans: dict[str, Plan], govap: Plan,
                                                         tmp_path: Path) -> None:
    load(warehouse, all_plans, p03(govap, tmp_path, "q1.xlsx", values={"CT1": (50, 40, 20, 1), "CT3": (20, 10, 5, 0)}),
         vn(2024, 3, 1))
    h1 = load(warehouse, all_plans, p03(govap, tmp_path, "h1.xlsx", "2024-H1",
                                        values={"CT1": (76, 30, 20, 1), "CT3": (29, 12, 5, 0)}),
              vn(2024, 5, 1)).files[0]
    # CT1: numerator fell 40 → 30 and the total grew by 52%; CT3's 45% growth is not flagged.
    assert sorted((w.code, w.indicator_code, w.previous_value, w.value) for w in h1.warnings) == [
        ("denominator_jump", "CT1", 50, 76), ("numerator_fell", "CT1", 40, 30)]
    assert "'Số đạt' lũy kế giảm từ 40 (kỳ 2024-Q1) xuống 30" in h1.warnings[1].message("vi")
    q3 = load(warehouse, all_plans, p03(govap, tmp_path, "q3.xlsx", "2024-Q3", info={"is_nil": "Có"},
                                        values=dict.fromkeys(i.code for i in govap.indicators_for("P03")),
                                        activities=[]), vn(2024, 9, 1)).files[0]
    [nil] = q3.warnings
    assert (nil.code, nil.previous_period_code) == ("nil_after_values", "2024-H1")
    # Returning the H1 report takes its warnings away (the comparison is then Q1 → nine months).
    return_submission(warehouse, h1.submission_id or 0, "Số đạt giảm", "Hồng", now=vn(2024, 9, 2))
    codes = {r[0] for r in warehouse.execute("select warning_code from consistency_warnings_at($t)",
                                             {"t": vn(2024, 9, 3)}).fetchall()}
    assert codes == {"nil_after_values"}
    assert [w["code"] for w in q3.as_dict()["warnings"]] == ["nil_after_values"]  # type: ignore[index]


def test_load_audit_names_who_and_the_note(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                           govap: Plan, tmp_path: Path) -> None:
    load_items(warehouse, all_plans, [Item(p03(govap, tmp_path, "a.xlsx"), vn(2024, 3, 1))], default_plan=PLAN,
               source="upload", loaded_by="Mai", note=Phrase("up.receipt_note", {"day": "2024-03-01"}))
    [row] = fetch(warehouse, "select acted_by, action, new_value, reason, detail from audit_log")
    assert (row["acted_by"], row["action"], row["reason"]) == ("Mai", "load", "Ngày văn bản đến 01/03/2024")
    assert json.loads(row["detail"])["new_value"] == {"key": "audit.load",
                                                      "params": {"files": 1, "accepted": 1, "rejected": 0}}
    assert timedelta(0) <= datetime.now().astimezone() - fetch(warehouse, "select acted_at from audit_log")[0][
        "acted_at"] < timedelta(minutes=5)


def test_warnings_asked_for_one_plan_year_are_those_of_every_year(warehouse: duckdb.DuckDBPyConnection,
                                                                   all_plans: dict[str, Plan], govap: Plan,
                                                                   small_plan: Plan, tmp_path: Path) -> None:
    """The page and the loader leave the other plan years out of the windows; the warnings stay the same."""
    load(warehouse, all_plans, p03(govap, tmp_path, "q1.xlsx", values={"CT1": (50, 40, 20, 1)}), vn(2024, 3, 1))
    load(warehouse, all_plans, p03(govap, tmp_path, "h1.xlsx", "2024-H1", values={"CT1": (50, 30, 20, 1)}),
         vn(2024, 5, 1))
    river = small_plan.plan_id
    for period, counts, at in (("2025-T1", (100, 90, 50, 5), vn(2025, 4, 10)), ("2025-T2", (100, 80, 40, 5),
                                                                                  vn(2025, 7, 10))):
        book = save(filled(small_plan, "XA", period, values={"A1": counts}), tmp_path / f"xa-{period}.xlsx")
        load_items(warehouse, all_plans, [Item(book, at)], default_plan=river, source="test")
    t = vn(2025, 12, 31)
    every = [r[:10] for r in warehouse.execute("select * from consistency_warnings_at($t)", {"t": t}).fetchall()]
    assert {r[0] for r in every} == {PLAN, river}  # warnings in both plan years: the comparison can fail
    for plan_id in (PLAN, river):
        asked = queries.rows(warehouse, "app/consistency_warnings",
                             {"plan_id": plan_id, "as_of": t, "unit_types": [], "units": []})
        assert sorted(r[:10] for r in asked) == sorted(r for r in every if r[0] == plan_id)
    ids = [r[0] for r in warehouse.execute("select submission_id from submissions where plan_id = $p",
                                           {"p": river}).fetchall()]
    for given in (ids, ids[:1], [*ids, *(w[3] for w in every if w[0] == PLAN)]):
        found = queries.rows(warehouse, "review/warnings_for", {"submission_ids": given, "as_of": t})
        assert sorted(found) == sorted(r for r in every if r[3] in given or r[7] in given)
