"""Prepare: files handed to fenced worker processes that extract and validate them (etl.load.one_file), and
what comes back. Light on purpose: the command that loads imports this, not the parse modules, so its
workers are on the first file while it is still starting."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from etl.load.fence import Limits, Pool, Task, Unsafe, cores
from etl.problems import Problem
from warehouse.clock import now_utc

if TYPE_CHECKING:  # the parse workers never import the warehouse's query code
    from etl.report import Report
    from plan.model import Plan
    from warehouse.consistency import ConsistencyWarning

WORK = "etl.load.one_file"  # the module whose functions the workers run (etl.load.fence.PRELOAD)


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


def unsafe_result(item: Item, unsafe: Unsafe) -> FileResult:
    """A file whose reading crashed, ran out of memory or time: rejected with its own reason."""
    result = FileResult(str(item.path), item.file_name or item.path.name, item.received_at or now_utc())
    result.problems = [Problem(f"file_unsafe_{unsafe.reason}", params={"detail": unsafe.detail})]
    return result


def workers() -> int:
    return cores()


class Preparer:
    """Prepares files in fenced worker processes (etl.load.fence): this process never parses a file.

    Workers start on the first file and are kept for the rest; one that fails is replaced, and the
    file it held is rejected with the reason (memory, time or crash).
    """

    def __init__(self, plans: dict[str, Plan] | None, default_plan: str, n_files: int) -> None:
        """plans None: they are still being read; the workers begin reading files meanwhile, and each waits for
        plans_known() only where it validates."""
        size = min(workers(), n_files) if n_files > 0 else workers()
        self.setup: Future[Task] = Future()
        if plans is not None:
            self.plans_known(plans, default_plan)
        self.pool = Pool(size, Limits.from_settings(), self.setup)
        self.started: tuple[list[Item], Iterator[object]] | None = None

    def plans_known(self, plans: dict[str, Plan], default_plan: str) -> None:
        self.setup.set_result((f"{WORK}:init_worker", (plans, default_plan)))

    def start(self, items: list[Item]) -> None:
        """Begin on these files now (the workers start and read ahead), before the warehouse is opened;
        each() then hands back their results, when it is given the same files."""
        self.started = (items, self.pool.map(_task(item) for item in items))

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.close()

    def each(self, chunks: Iterable[list[Item]]) -> Iterator[list[FileResult]]:
        """Each chunk's results in order; the workers read ahead while the caller writes a chunk."""
        groups = list(chunks)
        items = [item for chunk in groups for item in chunk]
        if self.started is not None and self.started[0] == items:
            results = self.started[1]
        else:
            results = self.pool.map(_task(item) for item in items)
        self.started = None
        for chunk in groups:
            yield [_result(item, next(results)) for item in chunk]


def _task(item: Item) -> tuple[str, tuple[object, ...]]:
    return f"{WORK}:prepare_in_worker", (item,)


def _result(item: Item, value: object) -> FileResult:
    if isinstance(value, Unsafe):
        return unsafe_result(item, value)
    assert isinstance(value, FileResult)
    return value


def chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive chunks of at most size files, halving over the last 2 x size: each chunk is written while the
    workers prepare the next, so the last one, written after the workers are done, should be small (measured
    over 1,056 files, from the last moment both cores were busy to the exit: 0.49 s with equal chunks, 0.42 s
    with these). Never below an eighth of size, nor a remainder left alone under that."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    least, start = max(1, size // 8), 0
    while start < len(items):
        left = len(items) - start
        take = min(size, left if left <= 2 * least else max(least, -(-left // 2)))
        yield items[start:start + take]
        start += take
