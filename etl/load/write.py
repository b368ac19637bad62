"""Load: validated files into the warehouse. A file is all or nothing; the same file twice is a no-op."""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import duckdb

import queries
from etl.load.prepare import FileResult, Item, Preparer, chunks
from etl.load.result import LoadResult as LoadResult  # re-exported: callers name them from here
from etl.load.result import LoadStopped as LoadStopped
from etl.load.staging import stage
from etl.problems import Problem
from i18n.phrases import Phrase, detail_json
from plan.model import Plan
from warehouse import snapshots
from warehouse.clock import now_utc
from warehouse.columns import Columns, columns, register
from warehouse.consistency import warnings_for
from warehouse.db import WarehouseUnavailable, holding
from warehouse.lock import turn
from warehouse.names import clean_name

CHUNK_FILES = 200
STAGED = ("staged_submissions", "staged_values", "staged_activities", "staged_load_files", "staged_problems",
          "staged_details", "staged_tasks", "staged_budget", "staged_cases")
Progress = Callable[[int, int], None]


def _mark_duplicates(con: duckdb.DuckDBPyConnection, files: list[FileResult]) -> None:
    shas = [f.sha256 for f in files if f.report is not None]
    known = {r[0]: r for r in queries.rows(con, "write/known_sha", {"shas": shas})} if shas else {}
    seen: dict[str, FileResult] = {}
    for f in files:
        if f.report is None or f.sha256 is None:
            continue
        if f.sha256 in known:
            f.outcome, f.submission_id, f.version = "duplicate", known[f.sha256][1], known[f.sha256][4]
        elif f.sha256 in seen:
            f.outcome = "duplicate"
        else:
            seen[f.sha256] = f
            f.outcome = "new"


def _keys(files: list[FileResult]) -> Columns:
    keys = sorted({(f.report.plan_id, f.report.unit_code, f.report.period_code) for f in files if f.report})
    return columns([{"plan_id": p, "unit_code": u, "period_code": c} for p, u, c in keys],
                   ("plan_id", "unit_code", "period_code"))


def _number(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult]) -> None:
    """Give new files their submission id, version and current flag; all files a file number."""
    next_sub, next_file = queries.rows(con, "write/next_ids", {"load_id": load_id})[0]
    new = sorted((f for f in files if f.outcome == "new"), key=lambda f: f.received_at)
    register(con, {"staged_keys": _keys(new)})
    latest = {(r[0], r[1], r[2]): r[3] for r in queries.rows(con, "write/latest_versions")}
    con.unregister("staged_keys")
    last: dict[tuple[str, str, str], FileResult] = {}
    for n, f in enumerate(new):
        assert f.report is not None
        key = (f.report.plan_id, f.report.unit_code, f.report.period_code)
        latest[key] = f.version = latest.get(key, 0) + 1
        f.submission_id, f.outcome, last[key] = next_sub + n, "loaded" if f.version == 1 else "new_version", f
    for f in last.values():
        f.is_current = True
    for n, f in enumerate(files):
        f.file_no = next_file + n


def _is_storage_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.IOException | duckdb.FatalException) or any(
        s in text for s in ("could not write", "no space", "file too large", "read-only", "disk", "invalidated"))


@dataclass
class _Opening:
    """The load record, written with the first batch (or alone at the end when nothing was written);
    its number is taken inside that transaction, so two loads never take the same one."""

    params: dict[str, object]
    written: bool = False

    @property
    def load_id(self) -> int:
        return int(str(self.params["load_id"]))

    def open(self, con: duckdb.DuckDBPyConnection) -> None:
        if not self.written:
            self.params["load_id"] = int(queries.rows(con, "write/next_load_id")[0][0])
            queries.run(con, "write/start_load", self.params)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # a failed commit has already ended the transaction
        con.rollback()


def _write(con: duckdb.DuckDBPyConnection, files: list[FileResult], opening: _Opening) -> None:
    """One transaction for the files given: all of each accepted file, or nothing."""
    with turn():
        con.begin()
        try:
            _insert(con, files, opening)
            con.commit()
            opening.written = True
        except Exception as exc:
            _rollback(con)
            if _is_storage_error(exc):
                raise WarehouseUnavailable(detail=str(exc)[:300]) from exc
            raise
        finally:
            for name in STAGED:
                con.unregister(name)


def _insert(con: duckdb.DuckDBPyConnection, files: list[FileResult], opening: _Opening) -> None:
    opening.open(con)
    _mark_duplicates(con, files)
    _number(con, opening.load_id, files)
    register(con, stage(files, opening.load_id))
    queries.run(con, "write/insert_batch")
    queries.run(con, "write/refresh_current")


def _write_chunk(con: duckdb.DuckDBPyConnection, files: list[FileResult], opening: _Opening) -> None:
    """Write a chunk; if the warehouse refuses a file's rows, isolate that file so the others land.
    A storage failure (disk full, read-only) stops the load instead: no file is to blame."""
    try:
        _write(con, files, opening)
    except duckdb.Error as exc:
        for f in files:
            f.outcome, f.submission_id, f.version, f.is_current = "rejected", None, None, False
        if len(files) > 1:
            for f in files:
                _write_chunk(con, [f], opening)
            return
        files[0].report = None
        files[0].problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        _write(con, files, opening)


def _stopped(exc: WarehouseUnavailable, opening: _Opening, done: list[FileResult]) -> LoadStopped:
    """What a storage failure part-way means: which files are in the warehouse, which are not."""
    committed = [f.file_name for f in done if f.outcome != "rejected"] if opening.written else []
    return LoadStopped(str(exc)[:300], opening.load_id if opening.written else None, committed)


def _attach_warnings(con: duckdb.DuckDBPyConnection, files: list[FileResult]) -> None:
    """Each accepted file gets the consistency warnings its report takes part in (either side)."""
    by_id = {f.submission_id: f for f in files
             if f.submission_id is not None and f.outcome in ("loaded", "new_version")}
    for w in warnings_for(con, list(by_id)):
        for sid in {w.submission_id, w.previous_submission_id}:
            if sid in by_id:
                by_id[sid].warnings.append(w)


def _clean_names(files: list[FileResult]) -> None:
    """Control and bidi characters never reach the warehouse (nor the result shown for the file)."""
    for f in files:
        f.file_name = clean_name(f.file_name) or "?"
        if f.report is not None and f.report.prepared_by:
            f.report.prepared_by = clean_name(f.report.prepared_by)


def _restrict(files: list[FileResult], allowed_units: tuple[str, ...]) -> None:
    """A unit reporter's upload may only hold its own unit's reports; others are refused whole."""
    for f in files:
        if allowed_units and f.report is not None and f.report.unit_code not in allowed_units:
            params = {"unit": f.report.unit_code, "allowed": ", ".join(allowed_units)}
            f.declared = (f.report.unit_code, f.report.period_code)
            f.report, f.problems = None, [Problem("unit_not_allowed", params=params)]


def _opening(source: str, loaded_by: str | None) -> _Opening:
    return _Opening({"load_id": None, "started_at": now_utc(), "source": source,
                     "loaded_by": clean_name(loaded_by or "") or getpass.getuser()})


def _audit(done: list[FileResult], note: Phrase | None, tz: str) -> dict[str, object]:
    """The load's audit detail (the counts, the note), kept as catalogue keys and parameters so the review page
    says it in the reader's language; the note's Vietnamese text also goes in `reason`, as before."""
    rejected = sum(f.outcome == "rejected" for f in done)
    counts = Phrase("audit.load", {"files": len(done), "accepted": len(done) - rejected, "rejected": rejected})
    return {"note": note.text("vi", tz) if note else None, "detail": detail_json(new_value=counts, reason=note)}


def _finish(con: duckdb.DuckDBPyConnection, opening: _Opening, done: list[FileResult], audit: dict[str, object]
            ) -> None:
    with turn():
        if not opening.written:
            con.begin()
            opening.open(con)
            con.commit()
            opening.written = True
        _attach_warnings(con, done)
        queries.run(con, "write/finish_load", {"load_id": opening.load_id, "finished_at": now_utc(), **audit})
        snapshots.refresh(con)


@contextlib.contextmanager
def _checkpoint_once(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The load's chunks go to the write-ahead log; the warehouse file is written once, when it is closed
    (or at the next commit DuckDB judges large enough), instead of at every chunk's commit."""
    try:
        queries.run(con, "write/defer_checkpoints")
    except duckdb.Error:  # the file cannot be written now (a full disk): the load's commits say so, as before
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):  # a closed or failed connection has nothing left to write
            queries.run(con, "write/resume_checkpoints")


def load_items(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], items: Iterable[Item], *,
               default_plan: str, source: str, loaded_by: str | None = None, note: Phrase | None = None,
               progress: Progress | None = None, preparer: Preparer | None = None,
               allowed_units: tuple[str, ...] = ()) -> LoadResult:
    """Load files in chunks; each chunk is one transaction and never holds part of a file.

    Pass a Preparer made before the connection was opened to use several cores. The load is
    audited with who ran it and the note given (e.g. the official receipt date used). With
    allowed_units, reports of any other unit are rejected (a unit reporter's upload).
    """
    todo, opening = list(items), _opening(source, loaded_by)
    done: list[FileResult] = []
    with holding(con, "load"), preparer or Preparer(plans, default_plan, 0) as preparer, _checkpoint_once(con):
        try:
            for results in preparer.each(chunks(todo, CHUNK_FILES)):
                _restrict(results, allowed_units)
                _clean_names(results)
                _write_chunk(con, results, opening)
                done += results
                if progress:
                    progress(len(done), len(todo))
        except WarehouseUnavailable as exc:
            raise _stopped(exc, opening, done) from exc
        zone = (plans.get(default_plan) or next(iter(plans.values()))).timezone  # the default may be absent
        _finish(con, opening, done, _audit(done, note, zone))
    return LoadResult(opening.load_id, done)
