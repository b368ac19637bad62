"""reporting_status_at / v_reporting_status and reporting_rates_at / v_reporting_rates on fixed rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb
import pytest
from rows import GOVAP, RIVER, fetch, report, vn

Con = duckdb.DuckDBPyConnection
LATE_AS_OF = vn(2026, 1, 1)  # after every deadline of both plans

STATUS_SQL = """
select * from reporting_status_at($as_of)
where plan_id = $plan and period_code = $period and unit_code = $unit
"""


def status(con: Con, as_of: datetime, plan: str, period: str, unit: str) -> dict[str, Any]:
    rows = fetch(con, STATUS_SQL, {"as_of": as_of, "plan": plan, "period": period, "unit": unit})
    assert len(rows) == 1
    return rows[0]


def brief(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["status"], row["days_late"], row["n_versions"]


# ---- timeliness on the due day, Vietnam time -------------------------------------------------

def test_deadline_is_midnight_after_due_day_in_vietnam(warehouse: Con) -> None:
    row = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P01")
    assert row["due_on"].isoformat() == "2024-03-05"
    assert row["deadline_at"] == datetime(2024, 3, 5, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(("received_at", "expected"), [
    (vn(2024, 3, 5, 23, 59), ("on_time", 0, 1)),
    (vn(2024, 3, 5, 23, 59, 59), ("on_time", 0, 1)),
    (vn(2024, 3, 1, 8, 0), ("on_time", 0, 1)),
    (vn(2024, 3, 6, 0, 0, 0), ("late", 1, 1)),
    (vn(2024, 3, 6, 0, 1), ("late", 1, 1)),
    (vn(2024, 3, 6, 23, 59), ("late", 1, 1)),
    (vn(2024, 3, 7, 0, 1), ("late", 2, 1)),
    (vn(2024, 3, 15, 9, 0), ("late", 10, 1)),
    (datetime(2024, 3, 5, 16, 59, tzinfo=UTC), ("on_time", 0, 1)),
    (datetime(2024, 3, 5, 17, 1, tzinfo=UTC), ("late", 1, 1)),
])
def test_timeliness_on_vietnam_due_day(warehouse: Con, received_at: datetime, expected: tuple[Any, ...]) -> None:
    report(warehouse, GOVAP, "P01", "2024-Q1", received_at, {"CT1": (5, 10)})
    row = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P01")
    assert brief(row) == expected
    assert row["first_received_at"] == received_at
    assert row["last_received_at"] == received_at
    assert row["is_on_time"] is (expected[0] == "on_time")


def test_extension_moves_deadline_for_that_unit_only(warehouse: Con) -> None:
    received = vn(2025, 4, 20, 10, 0)  # after the general due day (15/04), before YT's (25/04)
    report(warehouse, RIVER, "YT", "2025-T1", received, {"A1": (1, 2)})
    report(warehouse, RIVER, "XA", "2025-T1", received, {"A1": (1, 2)})
    yt = status(warehouse, LATE_AS_OF, RIVER, "2025-T1", "YT")
    assert yt["due_on"].isoformat() == "2025-04-25"
    assert yt["deadline_at"] == datetime(2025, 4, 25, 17, 0, tzinfo=UTC)
    assert brief(yt) == ("on_time", 0, 1)
    assert brief(status(warehouse, LATE_AS_OF, RIVER, "2025-T1", "XA")) == ("late", 5, 1)


def test_extension_boundary(warehouse: Con) -> None:
    report(warehouse, RIVER, "YT", "2025-T1", vn(2025, 4, 26, 0, 1), {"A1": (1, 2)})
    assert brief(status(warehouse, LATE_AS_OF, RIVER, "2025-T1", "YT")) == ("late", 1, 1)


def test_extension_applies_to_its_period_only(warehouse: Con) -> None:
    row = status(warehouse, LATE_AS_OF, RIVER, "2025-T2", "YT")
    assert row["due_on"].isoformat() == "2025-08-20"


# ---- missing and not yet due -----------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "expected"), [
    (vn(2024, 3, 1, 12, 0), ("not_yet_due", None, 0)),
    (vn(2024, 3, 5, 23, 59, 59), ("not_yet_due", None, 0)),
    (vn(2024, 3, 6, 0, 0, 0), ("missing", 1, 0)),
    (vn(2024, 3, 6, 12, 0), ("missing", 1, 0)),
    (vn(2024, 3, 8, 12, 0), ("missing", 3, 0)),
    (datetime(2024, 3, 5, 16, 59, tzinfo=UTC), ("not_yet_due", None, 0)),
    (datetime(2024, 3, 5, 17, 1, tzinfo=UTC), ("missing", 1, 0)),
])
def test_missing_report_by_as_of(warehouse: Con, as_of: datetime, expected: tuple[Any, ...]) -> None:
    row = status(warehouse, as_of, GOVAP, "2024-Q1", "P03")
    assert brief(row) == expected
    assert row["first_received_at"] is None
    assert row["last_received_at"] is None
    assert row["submission_id"] is None


def test_missing_uses_extended_deadline(warehouse: Con) -> None:
    as_of = vn(2025, 4, 20, 12, 0)
    assert brief(status(warehouse, as_of, RIVER, "2025-T1", "YT")) == ("not_yet_due", None, 0)
    assert brief(status(warehouse, as_of, RIVER, "2025-T1", "XA")) == ("missing", 5, 0)


def test_version_received_after_as_of_is_invisible(warehouse: Con) -> None:
    received = vn(2024, 3, 10, 9, 0)
    sid = report(warehouse, GOVAP, "P04", "2024-Q1", received, {"CT1": (5, 10)})
    assert brief(status(warehouse, vn(2024, 3, 4), GOVAP, "2024-Q1", "P04")) == ("not_yet_due", None, 0)
    assert brief(status(warehouse, vn(2024, 3, 8, 12, 0), GOVAP, "2024-Q1", "P04")) == ("missing", 3, 0)
    just_before = status(warehouse, received - timedelta(microseconds=1), GOVAP, "2024-Q1", "P04")
    assert brief(just_before) == ("missing", 5, 0)
    at_receipt = status(warehouse, received, GOVAP, "2024-Q1", "P04")
    assert brief(at_receipt) == ("late", 5, 1)
    assert at_receipt["submission_id"] == sid


# ---- nil reports and resubmissions -----------------------------------------------------------

def test_nil_report_status(warehouse: Con) -> None:
    report(warehouse, GOVAP, "P05", "2024-Q1", vn(2024, 3, 4, 9, 0), is_nil=True)
    report(warehouse, GOVAP, "P06", "2024-Q1", vn(2024, 3, 9, 9, 0), is_nil=True)
    on_time_nil = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P05")
    late_nil = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P06")
    assert (brief(on_time_nil), on_time_nil["is_nil"], on_time_nil["is_on_time"]) == (("nil_report", 0, 1), True, True)
    assert (brief(late_nil), late_nil["is_nil"], late_nil["is_on_time"]) == (("nil_report", 4, 1), True, False)


def test_resubmission_after_deadline_keeps_first_version_timeliness(warehouse: Con) -> None:
    v1_at, v2_at = vn(2024, 3, 4, 9, 0), vn(2024, 3, 20, 15, 30)
    v1 = report(warehouse, GOVAP, "P07", "2024-Q1", v1_at, {"CT1": (3, 10)})
    v2 = report(warehouse, GOVAP, "P07", "2024-Q1", v2_at, {"CT1": (8, 10)})
    row = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P07")
    assert brief(row) == ("on_time", 0, 2)
    assert (row["first_received_at"], row["last_received_at"]) == (v1_at, v2_at)
    assert (row["submission_id"], row["current_version"]) == (v2, 2)
    before_v2 = status(warehouse, vn(2024, 3, 10), GOVAP, "2024-Q1", "P07")
    assert brief(before_v2) == ("on_time", 0, 1)
    assert (before_v2["submission_id"], before_v2["current_version"]) == (v1, 1)
    assert before_v2["last_received_at"] == v1_at


def test_late_report_stays_late_after_correction(warehouse: Con) -> None:
    report(warehouse, GOVAP, "P08", "2024-Q1", vn(2024, 3, 7, 9, 0), {"CT1": (3, 10)})
    report(warehouse, GOVAP, "P08", "2024-Q1", vn(2024, 3, 9, 9, 0), {"CT1": (4, 10)})
    assert brief(status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P08")) == ("late", 2, 2)


def test_nil_then_data_version_is_no_longer_nil(warehouse: Con) -> None:
    report(warehouse, GOVAP, "P09", "2024-Q1", vn(2024, 3, 3), is_nil=True)
    report(warehouse, GOVAP, "P09", "2024-Q1", vn(2024, 3, 12), {"CT1": (1, 2)})
    row = status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "P09")
    assert (brief(row), row["is_nil"]) == (("on_time", 0, 2), False)
    assert status(warehouse, vn(2024, 3, 10), GOVAP, "2024-Q1", "P09")["status"] == "nil_report"


# ---- who is expected -------------------------------------------------------------------------

def expected_units(con: Con, plan: str, period: str) -> list[tuple[str, str]]:
    rows = fetch(con, "select unit_code, unit_type from reporting_status_at($as_of) "
                      "where plan_id = $plan and period_code = $period order by unit_code",
                 {"as_of": LATE_AS_OF, "plan": plan, "period": period})
    return [(r["unit_code"], r["unit_type"]) for r in rows]


def test_expected_units_follow_validity_and_assignments(warehouse: Con) -> None:
    both = [("XA", "commune"), ("XB", "commune"), ("YT", "department")]
    assert expected_units(warehouse, RIVER, "2025-T1") == both
    assert expected_units(warehouse, RIVER, "2025-T2") == both
    assert expected_units(warehouse, RIVER, "2025-T3") == [("XA", "commune"), ("YT", "department")]
    assert len(expected_units(warehouse, GOVAP, "2024-Q1")) == 30


def test_unit_outside_validity_has_no_status_row_even_with_a_report(warehouse: Con) -> None:
    report(warehouse, RIVER, "XB", "2025-T3", vn(2025, 11, 20), {"A1": (1, 1)})
    assert expected_units(warehouse, RIVER, "2025-T3") == [("XA", "commune"), ("YT", "department")]
    rates = fetch(warehouse, "select unit_type, expected, received from reporting_rates_at($as_of) "
                             "where plan_id = $plan and period_code = '2025-T3' order by unit_type",
                  {"as_of": LATE_AS_OF, "plan": RIVER})
    assert rates == [{"unit_type": "commune", "expected": 1, "received": 0},
                     {"unit_type": "department", "expected": 1, "received": 0}]


def test_plans_sharing_a_unit_code_stay_apart(warehouse: Con) -> None:
    report(warehouse, GOVAP, "YT", "2024-Q1", vn(2024, 3, 1), {"CT1": (1, 2)})
    assert brief(status(warehouse, LATE_AS_OF, GOVAP, "2024-Q1", "YT")) == ("on_time", 0, 1)
    assert brief(status(warehouse, vn(2025, 5, 1), RIVER, "2025-T1", "YT")) == ("missing", 6, 0)


# ---- the view (as of now) --------------------------------------------------------------------

def days_overdue(deadline: datetime, now: datetime) -> int:
    return (now - deadline) // timedelta(days=1) + 1


def test_view_is_the_macro_as_of_now(warehouse: Con) -> None:
    report(warehouse, GOVAP, "P10", "2024-Q1", vn(2024, 3, 5, 23, 59), {"CT1": (1, 2)})
    report(warehouse, GOVAP, "P11", "2024-Q1", vn(2024, 3, 6, 0, 1), {"CT1": (1, 2)})
    report(warehouse, GOVAP, "P12", "2024-Q1", vn(2024, 3, 2), is_nil=True)
    before = datetime.now(UTC)
    rows = {r["unit_code"]: r for r in fetch(
        warehouse, "select * from v_reporting_status where plan_id = $plan and period_code = '2024-Q1'",
        {"plan": GOVAP})}
    after = datetime.now(UTC)
    assert len(rows) == 30
    assert "period_ordinal" not in rows["P10"]
    assert brief(rows["P10"]) == ("on_time", 0, 1)
    assert brief(rows["P11"]) == ("late", 1, 1)
    assert brief(rows["P12"]) == ("nil_report", 0, 1)
    deadline = datetime(2024, 3, 5, 17, 0, tzinfo=UTC)
    assert rows["P13"]["status"] == "missing"
    assert rows["P13"]["days_late"] in {days_overdue(deadline, before), days_overdue(deadline, after)}
    assert sum(r["status"] == "missing" for r in rows.values()) == 27


# ---- reporting rates -------------------------------------------------------------------------

RATES_SQL = """
select period_code, unit_type, expected, received, on_time, late, missing, not_yet_due, nil_report,
    reporting_rate_pct, on_time_rate_pct, punctuality_pct
from reporting_rates_at($as_of) where plan_id = $plan order by period_code, unit_type
"""
RATE_COLUMNS = ("period_code", "unit_type", "expected", "received", "on_time", "late", "missing", "not_yet_due",
                "nil_report", "reporting_rate_pct", "on_time_rate_pct", "punctuality_pct")


def rates(con: Con, as_of: datetime | None) -> list[tuple[Any, ...]]:
    """Rates as of a date, or from the view (as of now) when as_of is None."""
    if as_of is None:
        rows = fetch(con, RATES_SQL.replace("reporting_rates_at($as_of)", "v_reporting_rates"), {"plan": RIVER})
    else:
        rows = fetch(con, RATES_SQL, {"as_of": as_of, "plan": RIVER})
    return [tuple(r[c] for c in RATE_COLUMNS) for r in rows]


def river_calendar(con: Con) -> None:
    """T1: XA on time, XB 2 days late, YT on time thanks to its extension.
    T2: XA nil on time, XB missing, YT late.  T3: XA nil 3 days late, YT missing (XB no longer exists)."""
    report(con, RIVER, "XA", "2025-T1", vn(2025, 4, 14), {"A1": (1, 2), "B2": (1, 2)})
    report(con, RIVER, "XB", "2025-T1", vn(2025, 4, 17, 9, 0), {"A1": (1, 2), "B2": (1, 2)})
    report(con, RIVER, "YT", "2025-T1", vn(2025, 4, 24), {"A1": (1, 2), "M3": (1, 2)})
    report(con, RIVER, "XA", "2025-T2", vn(2025, 8, 20, 23, 0), is_nil=True)
    report(con, RIVER, "YT", "2025-T2", vn(2025, 8, 22), {"A1": (2, 2), "M3": (2, 2)})
    report(con, RIVER, "XA", "2025-T3", vn(2025, 12, 4, 8, 0), is_nil=True)


def test_reporting_rates_by_period_and_unit_type(warehouse: Con) -> None:
    river_calendar(warehouse)
    assert rates(warehouse, LATE_AS_OF) == [
        ("2025-T1", "commune", 2, 2, 1, 1, 0, 0, 0, 100.0, 50.0, 50.0),
        ("2025-T1", "department", 1, 1, 1, 0, 0, 0, 0, 100.0, 100.0, 100.0),
        ("2025-T2", "commune", 2, 1, 1, 0, 1, 0, 1, 50.0, 50.0, 100.0),
        ("2025-T2", "department", 1, 1, 0, 1, 0, 0, 0, 100.0, 0.0, 0.0),
        ("2025-T3", "commune", 1, 1, 0, 1, 0, 0, 1, 100.0, 0.0, 0.0),
        ("2025-T3", "department", 1, 0, 0, 0, 1, 0, 0, 0.0, 0.0, None),
    ]


def test_reporting_rates_look_back(warehouse: Con) -> None:
    river_calendar(warehouse)
    # 16/04 noon: XA on time, XB missing (its report arrives on 17/04), YT not yet due (extension
    # to 25/04); T2 and T3 not yet due for anyone.
    assert rates(warehouse, vn(2025, 4, 16, 12, 0)) == [
        ("2025-T1", "commune", 2, 1, 1, 0, 1, 0, 0, 50.0, 50.0, 100.0),
        ("2025-T1", "department", 1, 0, 0, 0, 0, 1, 0, 0.0, 0.0, None),
        ("2025-T2", "commune", 2, 0, 0, 0, 0, 2, 0, 0.0, 0.0, None),
        ("2025-T2", "department", 1, 0, 0, 0, 0, 1, 0, 0.0, 0.0, None),
        ("2025-T3", "commune", 1, 0, 0, 0, 0, 1, 0, 0.0, 0.0, None),
        ("2025-T3", "department", 1, 0, 0, 0, 0, 1, 0, 0.0, 0.0, None),
    ]


def test_reporting_rates_fractions(warehouse: Con) -> None:
    # 30 units in 2024-Q1: 16 wards, 10 departments, 4 organisations.
    report(warehouse, GOVAP, "P01", "2024-Q1", vn(2024, 3, 5, 10), {"CT1": (1, 2)})
    report(warehouse, GOVAP, "P03", "2024-Q1", vn(2024, 3, 7, 10), {"CT1": (1, 2)})
    report(warehouse, GOVAP, "P04", "2024-Q1", vn(2024, 3, 8, 10), {"CT1": (1, 2)})
    report(warehouse, GOVAP, "MTTQ", "2024-Q1", vn(2024, 3, 1, 10), is_nil=True)
    rows = fetch(warehouse, "select * from reporting_rates_at($as_of) where plan_id = $plan "
                            "and period_code = '2024-Q1' order by unit_type",
                 {"as_of": LATE_AS_OF, "plan": GOVAP})
    by_type = {r["unit_type"]: r for r in rows}
    assert sorted(by_type) == ["department", "organisation", "ward"]
    ward = by_type["ward"]
    assert (ward["expected"], ward["received"], ward["on_time"], ward["late"], ward["missing"]) == (16, 3, 1, 2, 13)
    assert ward["reporting_rate_pct"] == pytest.approx(18.75, abs=1e-12)
    assert ward["on_time_rate_pct"] == pytest.approx(6.25, abs=1e-12)
    assert ward["punctuality_pct"] == pytest.approx(100 / 3, abs=1e-12)
    assert ward["mean_days_late"] == pytest.approx(2.5, abs=1e-12)
    org = by_type["organisation"]
    assert (org["expected"], org["received"], org["on_time"], org["nil_report"], org["missing"]) == (4, 1, 1, 1, 3)
    assert (org["reporting_rate_pct"], org["on_time_rate_pct"], org["punctuality_pct"]) == (25.0, 25.0, 100.0)
    dept = by_type["department"]
    assert (dept["expected"], dept["received"], dept["missing"], dept["reporting_rate_pct"]) == (10, 0, 10, 0.0)
    assert dept["punctuality_pct"] is None


def test_reporting_rates_view_is_the_macro_as_of_now(warehouse: Con) -> None:
    river_calendar(warehouse)
    assert len(rates(warehouse, None)) == 6
    assert rates(warehouse, None) == rates(warehouse, LATE_AS_OF)
    assert "period_ordinal" not in fetch(warehouse, "select * from v_reporting_rates limit 1")[0]
