"""The staged tables of a batch of accepted and rejected files: their columns (their types: etl.load.staged_arrow),
and the rows as columns DuckDB scans (warehouse.columns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warehouse.columns import Columns, columns

if TYPE_CHECKING:
    from etl.load.prepare import FileResult

SUBMISSIONS = ("submission_id", "plan_id", "unit_code", "period_code", "version", "is_current", "sha256", "file_name",
               "received_at", "report_on", "is_nil", "prepared_by", "phone", "template_version", "load_id")
VALUES = ("submission_id", "indicator_code", "numerator", "denominator", "women", "ethnic_minority", "note",
          "source_row")
ACTIVITIES = ("submission_id", "line_no", "activity_on", "activity_type", "topic", "target_group", "participants",
              "men", "women", "ethnic_minority", "materials", "note", "activity_key", "source_row", "task_code",
              "cost", "funding_source")
DETAILS = ("submission_id", "doc_number", "doc_on", "figures_as_of", "head_of_unit", "own_plan_number", "own_plan_on",
           "is_mainstreamed", "gender_officer", "has_tasks", "has_budget", "has_cases")
TASKS = ("submission_id", "task_code", "status", "result", "women", "ethnic_minority", "children", "highlights",
         "evidence", "difficulties", "proposals", "reason", "source_row")
BUDGET = ("submission_id", "source_code", "estimate", "spent", "expected", "settlement", "note", "source_row")
CASES = ("submission_id", "measure_code", "n_total", "women", "children", "note", "source_row")
LOAD_FILES = ("load_id", "file_no", "file_name", "sha256", "outcome", "submission_id", "unit_code", "period_code",
              "n_problems")
PROBLEMS = ("load_id", "file_no", "problem_no", "sheet", "row_no", "column_ref", "code", "message_vi", "message_en",
            "fix_vi", "fix_en")


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
        "staged_submissions": columns([_submission(f, load_id) for f in new], SUBMISSIONS),
        "staged_values": columns([v for f in new for v in _values(f)], VALUES),
        "staged_activities": columns([a for f in new for a in _activities(f)], ACTIVITIES),
        "staged_load_files": columns([_load_file(f, load_id) for f in files], LOAD_FILES),
        "staged_problems": columns([p for f in files for p in _problems(f, load_id)], PROBLEMS),
        **{name: columns([row for p in parts for row in p[name]], schema)
           for name, schema in (("staged_details", DETAILS), ("staged_tasks", TASKS), ("staged_budget", BUDGET),
                                ("staged_cases", CASES))},
    }
