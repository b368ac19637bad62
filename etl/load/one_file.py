"""One file, read and checked against the plans: the work a fenced parse worker does (no database here).

The zygote of etl.load.fence imports this module for its workers; the command that loads imports only
etl.load.prepare, which hands the files to them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from etl.extract.raw import ExtractError, RawWorkbook
from etl.extract.workbook import extract
from etl.load.fence import awaited_setup, setup_owed
from etl.load.prepare import FileResult, Item
from etl.problems import Problem
from etl.validate.info import declared
from etl.validate.workbook import validate
from i18n import t
from plan.settings import settings
from warehouse.clock import now_utc

if TYPE_CHECKING:
    from plan.model import Plan


def prepare(item: Item, plans: dict[str, Plan], default_plan: str) -> FileResult:
    """Extract and validate one file (no database access)."""
    result, book = _extracted(item)
    return result if book is None else _validated(result, book, plans, default_plan)


def _extracted(item: Item) -> tuple[FileResult, RawWorkbook | None]:
    """The file read (no plan needed yet), or its result already rejected when it cannot be read."""
    result = FileResult(str(item.path), item.file_name or item.path.name, item.received_at or now_utc())
    try:
        book = extract(item.path, settings(), result.file_name)
    except ExtractError as exc:
        if isinstance(exc.__cause__, MemoryError):
            raise exc.__cause__ from None  # the fence names it: the file could not be read safely
        result.problems = [Problem(exc.code, exc.sheet, params=exc.params)]
        return result, None
    except OSError as exc:
        result.problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        return result, None
    result.sha256 = book.sha256
    return result, book


def _validated(result: FileResult, book: RawWorkbook, plans: dict[str, Plan], default_plan: str) -> FileResult:
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
    """prepare() in a fenced worker: the file is read before the plans are asked for, so a worker whose plans
    are still being read by the command (Preparer.plans_known) is already on its first file, and then imports
    the plans' model while it waits for them instead of after they came (the command line's zygote leaves it
    out so that its workers start sooner; measured: 0.36-0.60 s of waiting, 0.2-0.3 s of importing)."""
    result, book = _extracted(item)
    if book is None:
        return result
    if setup_owed():  # the plans are still being read: import their model (pydantic) while waiting for them
        importlib.import_module("plan.model")
    awaited_setup()
    plans, default = _WORKER["plans"], _WORKER["default"]
    assert isinstance(plans, dict) and isinstance(default, str)
    return _validated(result, book, plans, default)
