"""The staged tables of a batch of accepted and rejected files: their columns and types (the Arrow schemas, also
used to build tables directly), and the rows as columns DuckDB scans (warehouse.columns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from warehouse.columns import Columns, columns

if TYPE_CHECKING:
    from etl.load.prepare import FileResult

S, D, I32, I64, B = pa.string(), pa.date32(), pa.int32(), pa.int64(), pa.bool_()
TS = pa.timestamp("us", tz="UTC")

SUBMISSIONS = pa.schema([
    ("submission_id", I32), ("plan_id", S), ("unit_code", S), ("period_code", S), ("version", I32),
    ("is_current", B), ("sha256", S), ("file_name", S), ("received_at", TS), ("report_on", D), ("is_nil", B),
    ("prepared_by", S), ("phone", S), ("template_version", S), ("load_id", I32)])
VALUES = pa.schema([
    ("submission_id", I32), ("indicator_code", S), ("numerator", I64), ("denominator", I64), ("women", I64),
    ("ethnic_minority", I64), ("note", S), ("source_row", I32)])
ACTIVITIES = pa.schema([
    ("submission_id", I32), ("line_no", I32), ("activity_on", D), ("activity_type", S), ("topic", S),
    ("target_group", S), ("participants", I64), ("men", I64), ("women", I64), ("ethnic_minority", I64),
    ("materials", I64), ("note", S), ("activity_key", S), ("source_row", I32), ("task_code", S), ("cost", I64),
    ("funding_source", S)])
DETAILS = pa.schema([
    ("submission_id", I32), ("doc_number", S), ("doc_on", D), ("figures_as_of", D), ("head_of_unit", S),
    ("own_plan_number", S), ("own_plan_on", D), ("is_mainstreamed", B), ("gender_officer", S), ("has_tasks", B),
    ("has_budget", B), ("has_cases", B)])
TASKS = pa.schema([
    ("submission_id", I32), ("task_code", S), ("status", S), ("result", I64), ("women", I64),
    ("ethnic_minority", I64), ("children", I64), ("highlights", S), ("evidence", S), ("difficulties", S),
    ("proposals", S), ("reason", S), ("source_row", I32)])
BUDGET = pa.schema([
    ("submission_id", I32), ("source_code", S), ("estimate", I64), ("spent", I64), ("expected", I64),
    ("settlement", I64), ("note", S), ("source_row", I32)])
CASES = pa.schema([
    ("submission_id", I32), ("measure_code", S), ("n_total", I64), ("women", I64), ("children", I64), ("note", S),
    ("source_row", I32)])
LOAD_FILES = pa.schema([
    ("load_id", I32), ("file_no", I32), ("file_name", S), ("sha256", S), ("outcome", S), ("submission_id", I32),
    ("unit_code", S), ("period_code", S), ("n_problems", I32)])
PROBLEMS = pa.schema([
    ("load_id", I32), ("file_no", I32), ("problem_no", I32), ("sheet", S), ("row_no", I32), ("column_ref", S),
    ("code", S), ("message_vi", S), ("message_en", S), ("fix_vi", S), ("fix_en", S)])


def _submission(f: FileResult, load_id: int) -> dict[str, object]:
    r = f.report
    assert r is not None
    return {"submission_id": f.submission_id, "plan_id": r.plan_id, "unit_code": r.unit_code,
            "period_code": r.period_code, "version": f.version, "is_current": f.is_current, "sha256": f.sha256,
            "file_name": f.file_name, "received_at": f.received_at, "report_on": r.report_on, "is_nil": r.is_nil,
            "prepared_by": r.prepared_by or None, "phone": r.phone or None,
            "template_version": r.template_version or None,
            "load_id": load_id}


def _values(f: FileResult) -> list[dict[str, object]]:
    assert f.report is not None
    return [{"submission_id": f.submission_id, **vars(v)} for v in f.report.values]


def _activities(f: FileResult) -> list[dict[str, object]]:
    assert f.report is not None
    return [{"submission_id": f.submission_id, **vars(a)} for a in f.report.activities]


def _parts(f: FileResult) -> dict[str, list[dict[str, object]]]:
    """ThongTin's later rows and the NhiemVu, KinhPhi and VuViec rows of one accepted file."""
    r = f.report
    assert r is not None
    key = {"submission_id": f.submission_id}
    return {"staged_details": [{**key, **vars(r.details)}],
            "staged_tasks": [{**key, **vars(x)} for x in r.tasks],
            "staged_budget": [{**key, **vars(x)} for x in r.budget],
            "staged_cases": [{**key, **vars(x)} for x in r.cases]}


def _load_file(f: FileResult, load_id: int) -> dict[str, object]:
    return {"load_id": load_id, "file_no": f.file_no, "file_name": f.file_name, "sha256": f.sha256,
            "outcome": f.outcome, "submission_id": f.submission_id, "unit_code": f.unit_code,
            "period_code": f.period_code, "n_problems": len(f.problems)}


def _problems(f: FileResult, load_id: int) -> list[dict[str, object]]:
    return [{"load_id": load_id, "file_no": f.file_no, "problem_no": n, "sheet": p.sheet, "row_no": p.row,
             "column_ref": p.column, "code": p.code, "message_vi": p.message("vi"), "message_en": p.message("en"),
             "fix_vi": p.fix("vi"), "fix_en": p.fix("en")} for n, p in enumerate(f.problems, 1)]


def stage(files: list[FileResult], load_id: int) -> dict[str, Columns]:
    """The staged_* tables that write/insert_batch.sql reads."""
    new = [f for f in files if f.outcome in ("loaded", "new_version")]
    parts = [_parts(f) for f in new]
    return {
        "staged_submissions": columns([_submission(f, load_id) for f in new], SUBMISSIONS.names),
        "staged_values": columns([v for f in new for v in _values(f)], VALUES.names),
        "staged_activities": columns([a for f in new for a in _activities(f)], ACTIVITIES.names),
        "staged_load_files": columns([_load_file(f, load_id) for f in files], LOAD_FILES.names),
        "staged_problems": columns([p for f in files for p in _problems(f, load_id)], PROBLEMS.names),
        **{name: columns([row for p in parts for row in p[name]], schema.names)
           for name, schema in (("staged_details", DETAILS), ("staged_tasks", TASKS), ("staged_budget", BUDGET),
                                ("staged_cases", CASES))},
    }
