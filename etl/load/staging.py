"""The staged tables of a batch of accepted and rejected files: their columns (their types: etl.load.staged_arrow),
and the rows as columns DuckDB scans (warehouse.columns)."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from warehouse.columns import Columns, transposed

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

# The report's rows, each staged with its file's submission id first: (staged table, its columns, the report's
# list holding its rows). A row is a named tuple whose fields are the table's other columns, in order
# (tests/test_staging.py holds them equal).
PARTS = (("staged_values", VALUES, "values"), ("staged_activities", ACTIVITIES, "activities"),
         ("staged_tasks", TASKS, "tasks"), ("staged_budget", BUDGET, "budget"), ("staged_cases", CASES, "cases"))
_DETAILS = attrgetter(*DETAILS[1:])


def _submission(f: FileResult, load_id: int) -> tuple[object, ...]:
    r = f.report
    assert r is not None
    return (f.submission_id, r.plan_id, r.unit_code, r.period_code, f.version, f.is_current, f.sha256, f.file_name,
            f.received_at, r.report_on, r.is_nil, r.prepared_by or None, r.phone or None,
            r.template_version or None, load_id)


def _load_file(f: FileResult, load_id: int) -> tuple[object, ...]:
    return (load_id, f.file_no, f.file_name, f.sha256, f.outcome, f.submission_id, f.unit_code, f.period_code,
            len(f.problems))


def _problems(f: FileResult, load_id: int) -> list[tuple[object, ...]]:
    return [(load_id, f.file_no, n, p.sheet, p.row, p.column, p.code, p.message("vi"), p.message("en"),
             p.fix("vi"), p.fix("en")) for n, p in enumerate(f.problems, 1)]


def stage(files: list[FileResult], load_id: int) -> dict[str, Columns]:
    """The staged_* tables that write/insert_batch.sql reads."""
    new = [f for f in files if f.outcome in ("loaded", "new_version")]
    reports = [(f.submission_id, f.report) for f in new if f.report is not None]
    staged = {
        "staged_submissions": transposed([_submission(f, load_id) for f in new], SUBMISSIONS),
        "staged_load_files": transposed([_load_file(f, load_id) for f in files], LOAD_FILES),
        "staged_problems": transposed([p for f in files for p in _problems(f, load_id)], PROBLEMS),
        "staged_details": transposed([(sid, *_DETAILS(r.details)) for sid, r in reports], DETAILS),
    }
    for name, names, attr in PARTS:
        staged[name] = transposed([(sid, *row) for sid, r in reports for row in getattr(r, attr)], names)
    return staged
