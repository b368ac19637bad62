"""Prepare: extract and validate files, in fenced worker processes (no database here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from etl.extract.raw import ExtractError, RawWorkbook
from etl.extract.workbook import extract
from etl.load.fence import Limits, Pool, Unsafe, cores
from etl.problems import Problem
from etl.report import Report
from etl.validate.info import declared
from etl.validate.workbook import validate
from i18n import t
from plan.model import Plan
from plan.settings import settings
from warehouse.clock import now_utc

if TYPE_CHECKING:  # the parse workers never import the warehouse's query code
    from warehouse.consistency import ConsistencyWarning


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
        if isinstance(exc.__cause__, MemoryError):
            raise exc.__cause__ from None  # the fence names it: the file could not be read safely
        result.problems = [Problem(exc.code, exc.sheet, params=exc.params)]
        return result
    except OSError as exc:
        result.problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        return result
    result.sha256 = book.sha256
    try:
        result.report, result.problems = validate(book, plans, default_plan)
    except MemoryError:
        raise
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


def init_worker(plans: dict[str, Plan], default_plan: str) -> None:
    """Run once in each fenced worker: the plans stay there for every file it prepares."""
    _WORKER["plans"], _WORKER["default"] = plans, default_plan


def prepare_in_worker(item: Item) -> FileResult:
    plans, default = _WORKER["plans"], _WORKER["default"]
    assert isinstance(plans, dict) and isinstance(default, str)
    return prepare(item, plans, default)


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

    def __init__(self, plans: dict[str, Plan], default_plan: str, n_files: int) -> None:
        size = min(workers(), n_files) if n_files > 0 else workers()
        self.pool = Pool(size, Limits.from_settings(), ("etl.load.prepare:init_worker", (plans, default_plan)))
        self.started: tuple[list[Item], Iterator[object]] | None = None

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
    return "etl.load.prepare:prepare_in_worker", (item,)


def _result(item: Item, value: object) -> FileResult:
    if isinstance(value, Unsafe):
        return unsafe_result(item, value)
    assert isinstance(value, FileResult)
    return value


def chunks(items: list[Item], size: int) -> Iterator[list[Item]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
