"""target_progress_unit_at / v_target_progress_unit and target_progress_at / v_target_progress on fixed rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb
import pytest
from rows import GOVAP, RIVER, fetch, report, vn

Con = duckdb.DuckDBPyConnection
LATE_AS_OF = vn(2026, 1, 1)  # after every deadline of both plans
T1_ON_TIME = vn(2025, 4, 10, 9, 0)

UNIT_SQL = """
select * from target_progress_unit_at($as_of)
where plan_id = $plan and period_code = $period
"""
PLAN_SQL = """
select * from target_progress_at($as_of)
where plan_id = $plan and period_code = $period and indicator_code = $indicator
"""


def unit_rows(con: Con, period: str, as_of: datetime = LATE_AS_OF, plan: str = RIVER) -> dict[tuple[str, str], Any]:
    rows = fetch(con, UNIT_SQL, {"as_of": as_of, "plan": plan, "period": period})
    return {(r["indicator_code"], r["unit_code"]): r for r in rows}


def plan_row(con: Con, period: str, indicator: str, as_of: datetime = LATE_AS_OF,
             plan: str = RIVER) -> dict[str, Any]:
    rows = fetch(con, PLAN_SQL, {"as_of": as_of, "plan": plan, "period": period, "indicator": indicator})
    assert len(rows) == 1
    return rows[0]


def values(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["numerator"], row["denominator"], row["women"], row["ethnic_minority"]


def measures(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["achieved_pct"], row["is_met"], row["gap_pp"], row["gap_people"]


def origin(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["is_carried_forward"], row["source_period_code"], row["has_report"]


def counts(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["units_reporting"], row["units_expected"], row["units_carried_forward"], row["units_without_data"]


# ---- grain -----------------------------------------------------------------------------------

def test_one_row_per_assigned_valid_unit(warehouse: Con) -> None:
    t1 = sorted(unit_rows(warehouse, "2025-T1"))
    assert t1 == [("A1", "XA"), ("A1", "XB"), ("A1", "YT"), ("B2", "XA"), ("B2", "XB"), ("M3", "YT")]
    assert sorted(unit_rows(warehouse, "2025-T2")) == t1
    # XB is valid until 30/06/2025 only: expected in T1 and T2, not in T3.
    assert sorted(unit_rows(warehouse, "2025-T3")) == [("A1", "XA"), ("A1", "YT"), ("B2", "XA"), ("M3", "YT")]
    assert len(unit_rows(warehouse, "2024-Q1", plan=GOVAP)) == 30 + 17 + 16 + 17 + 17 + 1 + 1


def test_no_report_and_nothing_to_carry(warehouse: Con) -> None:
    xa = unit_rows(warehouse, "2025-T1")[("A1", "XA")]
    assert values(xa) == (None, None, None, None)
    assert measures(xa) == (None, None, None, None)
    assert origin(xa) == (False, None, False)
    assert xa["target_pct"] == 80.0
    whole = plan_row(warehouse, "2025-T1", "A1")
    assert values(whole) == (None, None, None, None)
    assert measures(whole) == (None, None, None, None)
    assert whole["status"] == "no_data"
    assert counts(whole) == (0, 3, 0, 3)
    assert (whole["achieved_pct_low"], whole["achieved_pct_high"]) == (None, None)


# ---- current version, look back --------------------------------------------------------------

def test_values_come_from_current_version_and_look_back_sees_v1(warehouse: Con) -> None:
    v1 = report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (5, 10, 3, 1), "B2": (1, 2)})
    v2 = report(warehouse, RIVER, "XA", "2025-T1", vn(2025, 5, 2, 14, 0), {"A1": (9, 10, 6, 2), "B2": (2, 2)})
    now = unit_rows(warehouse, "2025-T1")
    assert values(now[("A1", "XA")]) == (9, 10, 6, 2)
    assert (now[("A1", "XA")]["submission_id"], now[("A1", "XA")]["version"]) == (v2, 2)
    assert measures(now[("A1", "XA")]) == (90.0, True, 0.0, 0)
    assert values(now[("B2", "XA")]) == (2, 2, None, None)
    assert origin(now[("A1", "XA")]) == (False, "2025-T1", True)
    before_v2 = unit_rows(warehouse, "2025-T1", as_of=vn(2025, 4, 20))
    assert values(before_v2[("A1", "XA")]) == (5, 10, 3, 1)
    assert (before_v2[("A1", "XA")]["submission_id"], before_v2[("A1", "XA")]["version"]) == (v1, 1)
    assert measures(before_v2[("A1", "XA")]) == (50.0, False, 30.0, 3)
    assert values(unit_rows(warehouse, "2025-T1", as_of=vn(2025, 4, 1))[("A1", "XA")]) == (None, None, None, None)
    assert values(plan_row(warehouse, "2025-T1", "A1")) == (9, 10, 6, 2)
    assert values(plan_row(warehouse, "2025-T1", "A1", as_of=vn(2025, 4, 20))) == (5, 10, 3, 1)


# ---- carry-forward ---------------------------------------------------------------------------

def carry_scenario(con: Con) -> None:
    """T1: everyone reports.  T2: XA sends nothing, XB a nil report, YT leaves M3 out."""
    report(con, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (8, 10, 4, 1), "B2": (1, 2, 1, 0)})
    report(con, RIVER, "XB", "2025-T1", T1_ON_TIME, {"A1": (3, 4, 2, 0), "B2": (2, 2, 1, 1)})
    report(con, RIVER, "YT", "2025-T1", T1_ON_TIME, {"A1": (5, 5, 3, 0), "M3": (1, 3, 1, 0)})
    report(con, RIVER, "XB", "2025-T2", vn(2025, 8, 1), is_nil=True)
    report(con, RIVER, "YT", "2025-T2", vn(2025, 8, 1), {"A1": (6, 6, 4, 0)})
    # Another plan's unit with the same code must not leak into this plan (plans of successive years
    # reuse unit and indicator codes, so the row uses this plan's indicator code).
    report(con, GOVAP, "YT", "2024-Q1", vn(2024, 3, 1), {"CT1": (1, 99), "A1": (1, 99), "M3": (1, 99)})


def test_carry_forward_for_not_sent_nil_and_omitted(warehouse: Con) -> None:
    carry_scenario(warehouse)
    t2 = unit_rows(warehouse, "2025-T2")
    assert values(t2[("A1", "XA")]) == (8, 10, 4, 1)
    assert origin(t2[("A1", "XA")]) == (True, "2025-T1", False)
    assert values(t2[("B2", "XA")]) == (1, 2, 1, 0)
    assert origin(t2[("B2", "XA")]) == (True, "2025-T1", False)
    assert values(t2[("A1", "XB")]) == (3, 4, 2, 0)
    assert origin(t2[("A1", "XB")]) == (True, "2025-T1", True)
    assert values(t2[("B2", "XB")]) == (2, 2, 1, 1)
    assert origin(t2[("B2", "XB")]) == (True, "2025-T1", True)
    assert values(t2[("A1", "YT")]) == (6, 6, 4, 0)
    assert origin(t2[("A1", "YT")]) == (False, "2025-T2", True)
    assert values(t2[("M3", "YT")]) == (1, 3, 1, 0)
    assert origin(t2[("M3", "YT")]) == (True, "2025-T1", True)
    assert measures(t2[("A1", "XA")]) == (80.0, True, 0.0, 0)


def test_carry_forward_takes_the_latest_earlier_period(warehouse: Con) -> None:
    carry_scenario(warehouse)
    t3 = unit_rows(warehouse, "2025-T3")
    assert values(t3[("A1", "YT")]) == (6, 6, 4, 0)
    assert origin(t3[("A1", "YT")]) == (True, "2025-T2", False)
    assert values(t3[("M3", "YT")]) == (1, 3, 1, 0)
    assert origin(t3[("M3", "YT")]) == (True, "2025-T1", False)
    assert values(t3[("A1", "XA")]) == (8, 10, 4, 1)
    # Nothing from a later period flows backwards: as of before T2's reports, T2 is all carried from T1.
    early = unit_rows(warehouse, "2025-T2", as_of=vn(2025, 7, 1))
    assert values(early[("A1", "YT")]) == (5, 5, 3, 0)
    assert origin(early[("A1", "YT")]) == (True, "2025-T1", False)
    assert values(unit_rows(warehouse, "2025-T1")[("A1", "YT")]) == (5, 5, 3, 0)


def test_plan_level_sums_include_carried_values(warehouse: Con) -> None:
    carry_scenario(warehouse)
    whole = plan_row(warehouse, "2025-T2", "A1")
    assert values(whole) == (8 + 3 + 6, 10 + 4 + 6, 4 + 2 + 4, 1 + 0 + 0)
    assert whole["achieved_pct"] == pytest.approx(100 * 17 / 20, abs=1e-12)
    assert counts(whole) == (2, 3, 2, 0)
    # XA has not sent T2: bounds at 0% and 100% of its last known denominator (10).
    assert whole["achieved_pct_low"] == pytest.approx(100 * 9 / 20, abs=1e-12)
    assert whole["achieved_pct_high"] == pytest.approx(100 * 19 / 20, abs=1e-12)
    assert whole["status"] == "met"
    assert values(plan_row(warehouse, "2025-T1", "A1")) == (16, 19, 9, 1)


def test_nil_report_values_are_ignored(warehouse: Con) -> None:
    # A nil report may still hold the template's pre-filled rows; it carries earlier values forward.
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (8, 10)})
    report(warehouse, RIVER, "XA", "2025-T2", vn(2025, 8, 1), {"A1": (0, 12)}, is_nil=True)
    xa = unit_rows(warehouse, "2025-T2")[("A1", "XA")]
    assert values(xa)[:2] == (8, 10)
    assert origin(xa) == (True, "2025-T1", True)
    assert values(plan_row(warehouse, "2025-T2", "A1"))[:2] == (8, 10)


# ---- zero denominators -----------------------------------------------------------------------

def test_zero_denominator_everywhere(warehouse: Con) -> None:
    for unit in ("XA", "XB", "YT"):
        report(warehouse, RIVER, unit, "2025-T1", T1_ON_TIME, {"A1": (0, 0)})
    for unit_row in (r for (code, _), r in unit_rows(warehouse, "2025-T1").items() if code == "A1"):
        assert values(unit_row)[:2] == (0, 0)
        assert measures(unit_row) == (None, None, None, 0)
    whole = plan_row(warehouse, "2025-T1", "A1")
    assert values(whole)[:2] == (0, 0)
    assert measures(whole) == (None, None, None, 0)
    assert whole["status"] == "no_data"
    assert counts(whole) == (3, 3, 0, 0)
    assert (whole["achieved_pct_low"], whole["achieved_pct_high"]) == (None, None)


def test_zero_denominator_unit_adds_nothing_to_the_sum(warehouse: Con) -> None:
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (0, 0)})
    report(warehouse, RIVER, "XB", "2025-T1", T1_ON_TIME, {"A1": (3, 5)})
    whole = plan_row(warehouse, "2025-T1", "A1")
    assert values(whole)[:2] == (3, 5)
    assert measures(whole) == (60.0, False, 20.0, 1)
    assert whole["status"] == "off_track"
    assert counts(whole) == (2, 3, 0, 1)
    assert (whole["achieved_pct_low"], whole["achieved_pct_high"]) == (60.0, 60.0)


# ---- formulas --------------------------------------------------------------------------------

def test_achieved_is_ratio_of_sums_not_mean_of_percentages(warehouse: Con) -> None:
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (90, 100, 50, 3)})
    report(warehouse, RIVER, "XB", "2025-T1", T1_ON_TIME, {"A1": (5, 10)})
    report(warehouse, RIVER, "YT", "2025-T1", T1_ON_TIME, {"A1": (45, 50, 20, 0)})
    units = unit_rows(warehouse, "2025-T1")
    assert [units[("A1", u)]["achieved_pct"] for u in ("XA", "XB", "YT")] == [90.0, 50.0, 90.0]
    assert measures(units[("A1", "XB")]) == (50.0, False, 30.0, 3)
    whole = plan_row(warehouse, "2025-T1", "A1")
    # The mean of the unit percentages would be 76.67 (near); the ratio of sums is 140/160.
    assert values(whole) == (140, 160, 70, 3)
    assert measures(whole) == (87.5, True, 0.0, 0)
    assert whole["status"] == "met"
    assert whole["target_pct"] == 80.0
    assert counts(whole) == (3, 3, 0, 0)
    assert (whole["achieved_pct_low"], whole["achieved_pct_high"]) == (87.5, 87.5)


def test_gap_people_rounds_up_exactly_for_a_fractional_target(warehouse: Con) -> None:
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"B2": (1, 2)})
    report(warehouse, RIVER, "XB", "2025-T1", T1_ON_TIME, {"B2": (0, 1)})
    units = unit_rows(warehouse, "2025-T1")
    assert measures(units[("B2", "XA")]) == (50.0, False, pytest.approx(0.5, abs=1e-12), 1)  # ceil(1.01) - 1
    assert measures(units[("B2", "XB")]) == (0.0, False, 50.5, 1)  # ceil(0.505) - 0
    whole = plan_row(warehouse, "2025-T1", "B2")
    assert values(whole)[:2] == (1, 3)
    assert whole["target_pct"] == 50.5
    # ceil(50.5% x 3) = ceil(1.515) = 2 people needed, 1 reached.
    assert measures(whole) == (pytest.approx(100 / 3, abs=1e-12), False, pytest.approx(50.5 - 100 / 3, abs=1e-12), 1)
    assert whole["status"] == "off_track"


@pytest.mark.parametrize(("num", "den", "expected"), [
    (101, 200, (50.5, True, 0.0, 0)),
    (100, 200, (50.0, False, 0.5, 1)),
    (0, 200, (0.0, False, 50.5, 101)),
])
def test_fractional_target_boundary(warehouse: Con, num: int, den: int, expected: tuple[Any, ...]) -> None:
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"B2": (num, den)})
    assert measures(unit_rows(warehouse, "2025-T1")[("B2", "XA")]) == expected
    assert measures(plan_row(warehouse, "2025-T1", "B2")) == expected


@pytest.mark.parametrize(("indicator", "num", "den"), [("CT1", 7, 10), ("CT1", 63, 90), ("CT3", 3, 5)])
def test_exactly_met_target_has_no_float_error(warehouse: Con, indicator: str, num: int, den: int) -> None:
    # 0.01 x 70 x 10 is 7.000000000000001 in floating point: ceil would ask for one more person.
    report(warehouse, GOVAP, "P01", "2024-Q1", vn(2024, 3, 1), {indicator: (num, den)})
    unit = unit_rows(warehouse, "2024-Q1", plan=GOVAP)[(indicator, "P01")]
    target = 70.0 if indicator == "CT1" else 60.0
    assert measures(unit) == (target, True, 0.0, 0)
    whole = plan_row(warehouse, "2024-Q1", indicator, plan=GOVAP)
    assert measures(whole) == (target, True, 0.0, 0)
    assert whole["status"] == "met"


def test_gap_people_over_many_units(warehouse: Con) -> None:
    # 16 wards x 10 staff, 6 reached each: 96 of 160, target 70% needs ceil(112) = 112, gap 16 people.
    for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17):
        report(warehouse, GOVAP, f"P{n:02d}", "2024-Q1", vn(2024, 3, 1), {"CT1": (6, 10)})
    whole = plan_row(warehouse, "2024-Q1", "CT1", plan=GOVAP)
    assert values(whole)[:2] == (96, 160)
    assert measures(whole) == (60.0, False, 10.0, 16)
    assert whole["status"] == "near"  # govap band is 10 points, 70 - 60 = 10
    assert counts(whole) == (16, 30, 0, 14)
    assert sum(r["gap_people"] for (code, _), r in unit_rows(warehouse, "2024-Q1", plan=GOVAP).items()
               if code == "CT1" and r["gap_people"] is not None) == 16


@pytest.mark.parametrize(("num", "den", "status"), [
    (80, 100, "met"),
    (100, 100, "met"),
    (7999, 10000, "near"),
    (75, 100, "near"),
    (7499, 10000, "off_track"),
    (74, 100, "off_track"),
    (0, 100, "off_track"),
])
def test_status_bands(warehouse: Con, num: int, den: int, status: str) -> None:
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (num, den)})
    whole = plan_row(warehouse, "2025-T1", "A1")
    assert whole["status"] == status
    assert whole["is_met"] is (status == "met")


@pytest.mark.parametrize(("num", "status"), [(606, "met"), (605, "near"), (573, "near"), (572, "off_track")])
def test_near_band_boundary_is_exact(warehouse: Con, num: int, status: str) -> None:
    # 60.6 - 57.3 is 3.3000000000000043 in floating point; the band of 3.3 points must still hold.
    warehouse.execute("update indicators set target_pct = 60.6 where plan_id = $plan and indicator_code = 'A1'",
                      {"plan": RIVER})
    warehouse.execute("update plans set near_band_pp = 3.3 where plan_id = $plan", {"plan": RIVER})
    report(warehouse, RIVER, "XA", "2025-T1", T1_ON_TIME, {"A1": (num, 1000)})
    whole = plan_row(warehouse, "2025-T1", "A1")
    assert whole["status"] == status
    assert whole["gap_people"] == max(0, 606 - num)


def test_no_target_indicator(warehouse: Con) -> None:
    report(warehouse, RIVER, "YT", "2025-T1", T1_ON_TIME, {"A1": (1, 2), "M3": (3, 4, 2, 1)})
    unit = unit_rows(warehouse, "2025-T1")[("M3", "YT")]
    assert unit["target_pct"] is None
    assert measures(unit) == (75.0, None, None, None)
    whole = plan_row(warehouse, "2025-T1", "M3")
    assert values(whole) == (3, 4, 2, 1)
    assert measures(whole) == (75.0, None, None, None)
    assert whole["status"] == "no_target"
    assert counts(whole) == (1, 1, 0, 0)
    assert plan_row(warehouse, "2025-T2", "M3")["status"] == "no_target"


# ---- bounds for missing units ----------------------------------------------------------------

def bounds_scenario(con: Con, xb_nil_in_t2: bool) -> None:
    report(con, RIVER, "XB", "2025-T1", T1_ON_TIME, {"A1": (5, 10)})
    report(con, RIVER, "XA", "2025-T2", vn(2025, 8, 1), {"A1": (60, 100)})
    if xb_nil_in_t2:
        report(con, RIVER, "XB", "2025-T2", vn(2025, 8, 1), is_nil=True)


def test_bounds_for_a_still_missing_unit(warehouse: Con) -> None:
    bounds_scenario(warehouse, xb_nil_in_t2=False)
    whole = plan_row(warehouse, "2025-T2", "A1")
    assert values(whole)[:2] == (65, 110)
    assert whole["achieved_pct"] == pytest.approx(100 * 65 / 110, abs=1e-12)
    assert whole["achieved_pct_low"] == pytest.approx(100 * 60 / 110, abs=1e-12)
    assert whole["achieved_pct_high"] == pytest.approx(100 * 70 / 110, abs=1e-12)
    assert counts(whole) == (1, 3, 1, 1)
    assert whole["gap_people"] == 88 - 65
    assert whole["status"] == "off_track"


def test_nil_report_is_not_missing_for_bounds(warehouse: Con) -> None:
    bounds_scenario(warehouse, xb_nil_in_t2=True)
    whole = plan_row(warehouse, "2025-T2", "A1")
    assert values(whole)[:2] == (65, 110)
    assert whole["achieved_pct_low"] == pytest.approx(100 * 65 / 110, abs=1e-12)
    assert whole["achieved_pct_high"] == pytest.approx(100 * 65 / 110, abs=1e-12)
    assert counts(whole) == (2, 3, 1, 1)


# ---- a unit valid for part of the year -------------------------------------------------------

def test_part_year_unit_leaves_no_trace_after_its_validity(warehouse: Con) -> None:
    report(warehouse, RIVER, "XB", "2025-T2", vn(2025, 8, 1), {"A1": (10, 10), "B2": (5, 10)})
    report(warehouse, RIVER, "XA", "2025-T3", vn(2025, 11, 1), {"A1": (1, 2), "B2": (1, 2)})
    assert not [key for key in unit_rows(warehouse, "2025-T3") if key[1] == "XB"]
    a1 = plan_row(warehouse, "2025-T3", "A1")
    assert values(a1)[:2] == (1, 2)
    assert counts(a1) == (1, 2, 0, 1)
    assert counts(plan_row(warehouse, "2025-T3", "B2")) == (1, 1, 0, 0)
    assert values(plan_row(warehouse, "2025-T2", "A1"))[:2] == (10, 10)
    assert counts(plan_row(warehouse, "2025-T2", "B2")) == (1, 2, 0, 1)


# ---- the views (as of now) -------------------------------------------------------------------

def test_views_are_the_macros_as_of_now(warehouse: Con) -> None:
    carry_scenario(warehouse)
    report(warehouse, RIVER, "XA", "2025-T1", vn(2025, 9, 1), {"A1": (9, 10), "B2": (2, 2)})
    order = " order by period_code, indicator_code"
    unit_view = fetch(warehouse, "select * from v_target_progress_unit where plan_id = $plan" + order + ", unit_code",
                      {"plan": RIVER})
    unit_macro = fetch(warehouse, "select * exclude (period_ordinal, indicator_ordinal, target_bp) "
                                  "from target_progress_unit_at($as_of) where plan_id = $plan" + order + ", unit_code",
                       {"plan": RIVER, "as_of": LATE_AS_OF})
    assert len(unit_view) == 16
    assert unit_view == unit_macro
    xa = next(r for r in unit_view
              if (r["period_code"], r["indicator_code"], r["unit_code"]) == ("2025-T2", "A1", "XA"))
    assert (values(xa), xa["version"], origin(xa)) == ((9, 10, None, None), 2, (True, "2025-T1", False))
    plan_view = fetch(warehouse, "select * from v_target_progress where plan_id = $plan" + order, {"plan": RIVER})
    plan_macro = fetch(warehouse, "select * exclude (period_ordinal, indicator_ordinal) "
                                  "from target_progress_at($as_of) where plan_id = $plan" + order,
                       {"plan": RIVER, "as_of": LATE_AS_OF})
    assert len(plan_view) == 9
    assert plan_view == plan_macro
