"""Prepare: extract and validate files, in this process or in worker processes (no database here)."""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from etl.extract.raw import ExtractError, RawWorkbook
from etl.extract.workbook import extract
from etl.problems import Problem
from etl.report import Report
from etl.validate.info import declared
from etl.validate.workbook import validate
from i18n import t
from plan.model import Plan
from plan.settings import settings
from warehouse.clock import now_utc
from warehouse.consistency import ConsistencyWarning

PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies
PARALLEL_FROM = 64  # below this the fork and the result transfer cost more than they save
BATCH = 16


@dataclass
class FileResult:
    path: str
    file_name: str
    received_at: datetime
    sha256: str | None = None
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)
    outcome: str = "rejected"
    file_no: int = 0
    submission_id: int | None = None
    version: int | None = None
    is_current: bool = False
    notes: list[str] = field(default_factory=list)
    warnings: list[ConsistencyWarning] = field(default_factory=list)
    declared: tuple[str | None, str | None] = (None, None)  # unit and period a rejected file names, if readable

    @property
    def unit_code(self) -> str | None:
        return self.report.unit_code if self.report else self.declared[0]

    @property
    def period_code(self) -> str | None:
        return self.report.period_code if self.report else self.declared[1]

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "file_name": self.file_name, "sha256": self.sha256, "outcome": self.outcome,
                "plan_id": self.report.plan_id if self.report else None, "unit_code": self.unit_code,
                "period_code": self.period_code, "version": self.version, "submission_id": self.submission_id,
                "received_at": self.received_at.isoformat(), "notes": self.notes,
                "warnings": [w.as_dict() for w in self.warnings],
                "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True)
class Item:
    """One file to load: where it is, what to call it, and when it was received."""

    path: Path
    received_at: datetime | None = None
    file_name: str | None = None


def prepare(item: Item, plans: dict[str, Plan], default_plan: str) -> FileResult:
    """Extract and validate one file (no database access)."""
    result = FileResult(str(item.path), item.file_name or item.path.name, item.received_at or now_utc())
    try:
        book = extract(item.path, settings(), result.file_name)
    except ExtractError as exc:
        result.problems = [Problem(exc.code, exc.sheet, params=exc.params)]
        return result
    except OSError as exc:
        result.problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        return result
    result.sha256 = book.sha256
    try:
        result.report, result.problems = validate(book, plans, default_plan)
    except Exception as exc:  # one odd file must never stop a batch; say so and keep the file out
        result.report, result.problems = None, [Problem("internal_error", params={"detail": repr(exc)[:200]})]
    if result.report is None:
        result.declared = _declared(book, plans, default_plan)
    result.notes = legacy_notes(book)
    return result


def _declared(book: RawWorkbook, plans: dict[str, Plan], default_plan: str) -> tuple[str | None, str | None]:
    try:
        return declared(book, plans, default_plan)
    except Exception:  # best effort: a file too broken to say its unit keeps the blank
        return None, None


def legacy_notes(book: RawWorkbook) -> list[str]:
    """What was repaired on the way in, said in both languages."""
    counts: dict[str, int] = {}
    for sheet in book.sheets.values():
        for encoding, n in sheet.legacy.items():
            counts[encoding] = counts.get(encoding, 0) + n
    return [" / ".join(t("note.legacy_text", lang, n=n, encoding=e.upper()) for lang in ("vi", "en"))
            for e, n in sorted(counts.items())]


_WORKER: dict[str, object] = {}


def _die_with_parent(parent: int) -> None:
    """A worker ends with the loader, even a killed one, instead of lingering as an orphan (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown ends the workers of a loader that exits normally
    if os.getppid() != parent:  # the loader died before the request took effect
        os._exit(1)


def _init(plans: dict[str, Plan], default_plan: str, parent: int) -> None:
    _die_with_parent(parent)
    _WORKER["plans"], _WORKER["default"] = plans, default_plan


def _prepare_batch(items: list[Item]) -> list[FileResult]:
    plans, default = _WORKER["plans"], _WORKER["default"]
    assert isinstance(plans, dict) and isinstance(default, str)
    return [prepare(item, plans, default) for item in items]


def _ready() -> bool:
    return True


def workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(2, cores))


def _forkable() -> bool:
    """Forking is safe only from a single-threaded process (no DuckDB or web-server threads yet)."""
    return threading.active_count() == 1 and "fork" in get_all_start_methods()


class Preparer:
    """Prepares files; for large batches from a single-threaded process, on both cores.

    Create it before opening the warehouse: the worker processes are forked at once, while the
    process has no other threads, so nothing they inherit can be half-locked.
    """

    def __init__(self, plans: dict[str, Plan], default_plan: str, n_files: int) -> None:
        self.plans, self.default_plan = plans, default_plan
        self.pool: ProcessPoolExecutor | None = None
        if n_files >= PARALLEL_FROM and workers() > 1 and _forkable():
            self.pool = ProcessPoolExecutor(workers(), mp_context=get_context("fork"),
                                            initializer=_init, initargs=(plans, default_plan, os.getpid()))
            self.pool.submit(_ready).result()  # with fork, every worker starts on the first task

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def each(self, chunks: Iterable[list[Item]]) -> Iterator[list[FileResult]]:
        """Each chunk's results in order; with workers, the next chunk is prepared while the caller
        writes this one (profiled: the workers stood idle through every chunk's write)."""
        if self.pool is None:
            yield from ([prepare(item, self.plans, self.default_plan) for item in chunk] for chunk in chunks)
            return
        pending: list[Future[list[FileResult]]] | None = None
        for chunk in chunks:
            ahead = [self.pool.submit(_prepare_batch, chunk[i:i + BATCH]) for i in range(0, len(chunk), BATCH)]
            if pending is not None:
                yield [r for f in pending for r in f.result()]
            pending = ahead
        if pending is not None:
            yield [r for f in pending for r in f.result()]


def chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
