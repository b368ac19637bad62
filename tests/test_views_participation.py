"""participation_at / v_participation on fixed activity rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb
from rows import GOVAP, RIVER, add_activity, fetch, report, vn

Con = duckdb.DuckDBPyConnection
LATE_AS_OF = vn(2026, 1, 1)
COLUMNS = ("quarter", "unit_code", "unit_type", "activity_type", "target_group", "n_activities", "participants",
           "men", "women", "ethnic_minority", "materials")
ORDER = " order by quarter, unit_code, activity_type, target_group"


def participation(con: Con, as_of: datetime | None = LATE_AS_OF, plan: str = RIVER) -> list[tuple[Any, ...]]:
    """Rows of the macro as of a date, or of the view (as of now) when as_of is None."""
    if as_of is None:
        rows = fetch(con, "select * from v_participation where plan_id = $plan" + ORDER, {"plan": plan})
    else:
        rows = fetch(con, "select * from participation_at($as_of) where plan_id = $plan" + ORDER,
                     {"as_of": as_of, "plan": plan})
    return [tuple(r[c] for c in COLUMNS) for r in rows]


def scenario(con: Con) -> None:
    """XA's T1 and T2 reports (T2 lists a T1 training again, corrected) and XB's T1 report."""
    t1 = report(con, RIVER, "XA", "2025-T1", vn(2025, 4, 10))
    add_activity(con, t1, 1, date(2025, 2, 10), "truyen_thong", "nguoi_dan", 15, 25, ethnic_minority=3,
                 materials=100, topic="hop dan")
    add_activity(con, t1, 2, date(2025, 3, 20), "tap_huan", "can_bo", 4, 6, materials=10, topic="tap huan bdg")
    # Two identical lines in one report: two activities (keys end |1 and |2).
    add_activity(con, t1, 3, date(2025, 3, 25), "truyen_thong", "nguoi_dan", 10, 10, ethnic_minority=1,
                 materials=5, topic="loa phat thanh", occurrence=1)
    add_activity(con, t1, 4, date(2025, 3, 25), "truyen_thong", "nguoi_dan", 10, 10, ethnic_minority=1,
                 materials=5, topic="loa phat thanh", occurrence=2)
    # Period T1 runs to 30/04: an April activity belongs to calendar quarter Q2.
    add_activity(con, t1, 5, date(2025, 4, 10), "tap_huan", "nguoi_dan", 2, 4, topic="lop hoc")
    t2 = report(con, RIVER, "XA", "2025-T2", vn(2025, 8, 15))
    add_activity(con, t2, 1, date(2025, 3, 20), "tap_huan", "can_bo", 5, 7, ethnic_minority=1, materials=12,
                 topic="tap huan bdg")
    add_activity(con, t2, 2, date(2025, 7, 5), "truyen_thong", "nguoi_dan", 10, 20, ethnic_minority=2,
                 topic="hop dan")
    xb = report(con, RIVER, "XB", "2025-T1", vn(2025, 4, 12))
    add_activity(con, xb, 1, date(2025, 1, 15), "tap_huan", "can_bo", 3, 5, materials=8)


FINAL = [
    ("2025-Q1", "XA", "commune", "tap_huan", "can_bo", 1, 12, 5, 7, 1, 12),
    ("2025-Q1", "XA", "commune", "truyen_thong", "nguoi_dan", 3, 80, 35, 45, 5, 110),
    ("2025-Q1", "XB", "commune", "tap_huan", "can_bo", 1, 8, 3, 5, 0, 8),
    ("2025-Q2", "XA", "commune", "tap_huan", "nguoi_dan", 1, 6, 2, 4, 0, 0),
    ("2025-Q3", "XA", "commune", "truyen_thong", "nguoi_dan", 1, 30, 10, 20, 2, 0),
]


def test_quarters_repeats_and_identical_lines(warehouse: Con) -> None:
    scenario(warehouse)
    assert participation(warehouse) == FINAL


def test_look_back_uses_the_figures_known_then(warehouse: Con) -> None:
    scenario(warehouse)
    assert participation(warehouse, vn(2025, 5, 1)) == [
        ("2025-Q1", "XA", "commune", "tap_huan", "can_bo", 1, 10, 4, 6, 0, 10),
        ("2025-Q1", "XA", "commune", "truyen_thong", "nguoi_dan", 3, 80, 35, 45, 5, 110),
        ("2025-Q1", "XB", "commune", "tap_huan", "can_bo", 1, 8, 3, 5, 0, 8),
        ("2025-Q2", "XA", "commune", "tap_huan", "nguoi_dan", 1, 6, 2, 4, 0, 0),
    ]
    assert participation(warehouse, vn(2025, 4, 11)) == [
        ("2025-Q1", "XA", "commune", "tap_huan", "can_bo", 1, 10, 4, 6, 0, 10),
        ("2025-Q1", "XA", "commune", "truyen_thong", "nguoi_dan", 3, 80, 35, 45, 5, 110),
        ("2025-Q2", "XA", "commune", "tap_huan", "nguoi_dan", 1, 6, 2, 4, 0, 0),
    ]
    assert participation(warehouse, vn(2025, 4, 1)) == []


def test_new_version_replaces_the_activities_of_the_old(warehouse: Con) -> None:
    v1 = report(warehouse, RIVER, "YT", "2025-T1", vn(2025, 4, 10))
    add_activity(warehouse, v1, 1, date(2025, 2, 1), "truyen_thong", "can_bo", 10, 10, materials=20)
    add_activity(warehouse, v1, 2, date(2025, 2, 2), "tap_huan", "can_bo", 1, 1)
    v2 = report(warehouse, RIVER, "YT", "2025-T1", vn(2025, 5, 10))
    add_activity(warehouse, v2, 1, date(2025, 2, 1), "truyen_thong", "can_bo", 12, 13, materials=25)
    assert participation(warehouse) == [("2025-Q1", "YT", "department", "truyen_thong", "can_bo", 1, 25, 12, 13, 0, 25)]
    assert participation(warehouse, vn(2025, 5, 1)) == [
        ("2025-Q1", "YT", "department", "tap_huan", "can_bo", 1, 2, 1, 1, 0, 0),
        ("2025-Q1", "YT", "department", "truyen_thong", "can_bo", 1, 20, 10, 10, 0, 20),
    ]


def test_same_activity_of_two_units_counts_for_each(warehouse: Con) -> None:
    for unit in ("XA", "XB"):
        sid = report(warehouse, RIVER, unit, "2025-T1", vn(2025, 4, 10))
        add_activity(warehouse, sid, 1, date(2025, 3, 8), "truyen_thong", "nguoi_dan", 1, 2, materials=3)
    assert participation(warehouse) == [
        ("2025-Q1", "XA", "commune", "truyen_thong", "nguoi_dan", 1, 3, 1, 2, 0, 3),
        ("2025-Q1", "XB", "commune", "truyen_thong", "nguoi_dan", 1, 3, 1, 2, 0, 3),
    ]


def test_plans_sharing_a_unit_code_stay_apart(warehouse: Con) -> None:
    g = report(warehouse, GOVAP, "YT", "2024-Y", vn(2024, 11, 8))
    add_activity(warehouse, g, 1, date(2024, 11, 20), "su_kien", "phu_nu", 0, 50, materials=50)
    r = report(warehouse, RIVER, "YT", "2025-T1", vn(2025, 4, 10))
    add_activity(warehouse, r, 1, date(2025, 1, 20), "tap_huan", "can_bo", 2, 3)
    assert participation(warehouse, plan=GOVAP) == [
        ("2024-Q4", "YT", "department", "su_kien", "phu_nu", 1, 50, 0, 50, 0, 50)]
    assert participation(warehouse) == [("2025-Q1", "YT", "department", "tap_huan", "can_bo", 1, 5, 2, 3, 0, 0)]


def test_view_is_the_macro_as_of_now(warehouse: Con) -> None:
    scenario(warehouse)
    assert participation(warehouse, None) == FINAL
