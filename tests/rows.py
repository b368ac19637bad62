"""Direct inserts of warehouse facts for the view tests (bound parameters, no workbook involved)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

VN = ZoneInfo("Asia/Ho_Chi_Minh")
GOVAP = "govap-2024"
RIVER = "riverside-2025"

# A value row: (numerator, denominator) or (numerator, denominator, women, ethnic_minority).
Value = tuple[int, int] | tuple[int, int, int | None, int | None]


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A Vietnam-time instant."""
    return datetime(year, month, day, hour, minute, second, tzinfo=VN)


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows of a query as dicts keyed by column name."""
    cur = con.execute(sql, dict(params or {}))
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def add_load(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        "insert into loads (load_id, started_at, source, loaded_by) "
        "select coalesce(max(load_id), 0) + 1, $at, 'tests', 'pytest' from loads returning load_id",
        {"at": vn(2024, 1, 1)},
    ).fetchone()
    assert row is not None
    return int(row[0])


def _next(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any] | None = None) -> int:
    row = con.execute(sql, dict(params or {})).fetchone()
    assert row is not None
    return int(row[0])


def add_submission(con: duckdb.DuckDBPyConnection, plan_id: str, unit_code: str, period_code: str,
                   received_at: datetime, *, is_nil: bool = False, load_id: int | None = None) -> int:
    """A new version of the unit × period report; it becomes current and older versions stop being."""
    key = {"plan": plan_id, "unit": unit_code, "period": period_code}
    version = _next(con, "select coalesce(max(version), 0) + 1 from submissions "
                         "where plan_id = $plan and unit_code = $unit and period_code = $period", key)
    sid = _next(con, "select coalesce(max(submission_id), 0) + 1 from submissions")
    con.execute("update submissions set is_current = false "
                "where plan_id = $plan and unit_code = $unit and period_code = $period", key)
    sha = hashlib.sha256(f"{plan_id}|{unit_code}|{period_code}|{version}|{sid}".encode()).hexdigest()
    con.execute(
        "insert into submissions (submission_id, plan_id, unit_code, period_code, version, is_current, sha256, "
        "file_name, received_at, report_on, is_nil, load_id) "
        "values ($sid, $plan, $unit, $period, $version, true, $sha, $file, $at, $on, $nil, $load)",
        {**key, "sid": sid, "version": version, "sha": sha, "file": f"{unit_code}_{period_code}_v{version}.xlsx",
         "at": received_at, "on": received_at.astimezone(VN).date(), "nil": is_nil,
         "load": load_id if load_id is not None else add_load(con)},
    )
    return sid


def add_values(con: duckdb.DuckDBPyConnection, submission_id: int, values: Mapping[str, Value]) -> None:
    for row_no, (code, value) in enumerate(values.items(), start=2):
        num, den = value[0], value[1]
        women, minority = (value[2], value[3]) if len(value) == 4 else (None, None)
        con.execute(
            "insert into indicator_values (submission_id, indicator_code, numerator, denominator, women, "
            "ethnic_minority, source_row) values ($sid, $code, $num, $den, $women, $minority, $row)",
            {"sid": submission_id, "code": code, "num": num, "den": den, "women": women,
             "minority": minority, "row": row_no},
        )


def report(con: duckdb.DuckDBPyConnection, plan_id: str, unit_code: str, period_code: str,
           received_at: datetime, values: Mapping[str, Value] | None = None, *, is_nil: bool = False) -> int:
    """A submission with its indicator value rows."""
    sid = add_submission(con, plan_id, unit_code, period_code, received_at, is_nil=is_nil)
    add_values(con, sid, values or {})
    return sid


def add_activity(con: duckdb.DuckDBPyConnection, submission_id: int, line_no: int, activity_on: date,
                 activity_type: str, target_group: str, men: int, women: int, *, ethnic_minority: int = 0,
                 materials: int = 0, topic: str = "hoi nghi", occurrence: int = 1) -> None:
    """An activity line; its key follows the loader's: date|type|group|folded topic|occurrence."""
    key = f"{activity_on.isoformat()}|{activity_type}|{target_group}|{topic}|{occurrence}"
    con.execute(
        "insert into activities (submission_id, line_no, activity_on, activity_type, topic, target_group, "
        "participants, men, women, ethnic_minority, materials, activity_key, source_row) "
        "values ($sid, $line, $on, $type, $topic, $group, $total, $men, $women, $minority, $materials, $key, $row)",
        {"sid": submission_id, "line": line_no, "on": activity_on, "type": activity_type, "topic": topic,
         "group": target_group, "total": men + women, "men": men, "women": women, "minority": ethnic_minority,
         "materials": materials, "key": key, "row": line_no + 1},
    )
