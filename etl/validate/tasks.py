"""Validate the NhiemVu sheet: the unit's own tasks with status, result, evidence and reason."""

from __future__ import annotations

from functools import lru_cache

from etl.contract import SHEET_TASKS, STATUSES_DONE, STATUSES_NEEDING_REASON, TASK_COLUMNS, TASK_STATUSES
from etl.extract.raw import RawSheet
from etl.report import TaskRow
from etl.text import fold
from etl.validate.info import Info
from etl.validate.resolve import resolver
from etl.validate.sheets import Collector, text_at
from etl.validate.tables import counts, not_above, table_rows, texts
from i18n import t

COUNT_KEYS = ("result", "women", "ethnic_minority", "children")
TEXT_KEYS = ("highlights", "evidence", "difficulties", "proposals", "reason")
FILLED = ("status", *COUNT_KEYS, *TEXT_KEYS)


def status_names() -> list[str]:
    """The drop-down's entries, in order (Vietnamese, as the template shows them)."""
    return [t(f"task.status.{code}") for code in TASK_STATUSES]


def _status(sheet: RawSheet, r: int, col: int, out: Collector) -> str | None:
    typed = text_at(sheet, r, col)
    code = _status_keys().get(fold(typed))
    if code is not None:
        return code
    if typed:
        out.add("task_status_unknown", SHEET_TASKS, r, col, value=typed, allowed="; ".join(status_names()))
    else:
        out.add("task_status_missing", SHEET_TASKS, r, col)
    return None


@lru_cache(maxsize=1)
def _status_keys() -> dict[str, str]:
    """Each status's Vietnamese and English names and its code, folded; the first status named wins."""
    keys: dict[str, str] = {}
    for code in TASK_STATUSES:
        for name in (t(f"task.status.{code}"), t(f"task.status.{code}", "en"), code):
            keys.setdefault(fold(name), code)
    return keys


def _task(info: Info, sheet: RawSheet, r: int, col: int, out: Collector) -> str | None:
    typed = text_at(sheet, r, col)
    res = resolver(info.plan)
    code = res.own_task(info.unit_code, typed)
    if code is None:
        known = any(fold(task.code) == fold(typed) for task in info.plan.tasks)
        out.add("task_not_assigned" if known else "task_unknown", SHEET_TASKS, r, col, value=typed,
                unit=info.unit_code, allowed=", ".join(res.own_tasks(info.unit_code)))
    return code


def _coherent(r: int, cols: dict[str, int], status: str, result: int | None, words: dict[str, str],
              out: Collector) -> bool:
    """A reason when a task is not done or moved, evidence when done, no result before it started."""
    ok = True
    if status in STATUSES_NEEDING_REASON and not words["reason"]:
        out.add("task_reason_missing", SHEET_TASKS, r, cols.get("reason", cols["status"]),
                status=t(f"task.status.{status}"))
        ok = False
    if status in STATUSES_DONE and not words["evidence"]:
        out.add("task_evidence_missing", SHEET_TASKS, r, cols.get("evidence", cols["status"]),
                status=t(f"task.status.{status}"))
        ok = False
    if status == "chua_trien_khai" and result:
        out.add("task_result_not_started", SHEET_TASKS, r, cols["result"], value=result)
        ok = False
    return ok


def _row(info: Info, sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> TaskRow | None:
    code = _task(info, sheet, r, cols["task_code"], out)
    status = _status(sheet, r, cols["status"], out)
    found, usable = counts(sheet, r, cols, COUNT_KEYS, out)
    parts = {k: found[k] for k in COUNT_KEYS[1:]}
    usable = not_above(sheet, r, cols, ("result", found["result"]), parts, out) and usable
    words = texts(sheet, r, cols, TEXT_KEYS, out)
    if code is None or status is None or words is None or not usable:
        return None
    if not _coherent(r, cols, status, found["result"], words, out):
        return None
    return TaskRow(code, status, found["result"], found["women"], found["ethnic_minority"], found["children"],
                   words["highlights"], words["evidence"], words["difficulties"], words["proposals"],
                   words["reason"], r + 1)


def validate_tasks(info: Info, sheet: RawSheet, out: Collector) -> list[TaskRow]:
    """Rows with a status or a result; a pre-filled row left as it was is not reported."""
    rows: list[TaskRow] = []
    seen: dict[str, int] = {}
    for r, cols in table_rows(sheet, TASK_COLUMNS, out, FILLED):
        row = _row(info, sheet, r, cols, out)
        if row is None:
            continue
        if row.task_code in seen:
            out.add("task_duplicate", SHEET_TASKS, r, cols["task_code"], task=row.task_code, first=seen[row.task_code])
            continue
        seen[row.task_code] = r + 1
        rows.append(row)
    return rows
