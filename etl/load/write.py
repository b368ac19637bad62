"""Load: validated files into the warehouse. A file is all or nothing; the same file twice is a no-op."""

from __future__ import annotations

import contextlib
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

import queries
from etl.load.prepare import FileResult, Item, Preparer, chunks
from etl.load.staging import stage
from etl.problems import Problem
from plan.model import Plan
from warehouse import snapshots
from warehouse.clock import now_utc
from warehouse.consistency import warnings_for
from warehouse.db import WarehouseUnavailable

CHUNK_FILES = 200
STAGED = ("staged_submissions", "staged_values", "staged_activities", "staged_load_files", "staged_problems")
Progress = Callable[[int, int], None]


@dataclass
class LoadResult:
    load_id: int
    files: list[FileResult]

    def count(self, outcome: str) -> int:
        return sum(f.outcome == outcome for f in self.files)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("rejected") else 0


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


def _keys(files: list[FileResult]) -> pa.Table:
    keys = sorted({(f.report.plan_id, f.report.unit_code, f.report.period_code) for f in files if f.report})
    return pa.table({"plan_id": [k[0] for k in keys], "unit_code": [k[1] for k in keys],
                     "period_code": [k[2] for k in keys]})


def _number(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult]) -> None:
    """Give new files their submission id, version and current flag; all files a file number."""
    next_sub, next_file = queries.rows(con, "write/next_ids", {"load_id": load_id})[0]
    new = sorted((f for f in files if f.outcome == "new"), key=lambda f: f.received_at)
    con.register("staged_keys", _keys(new))
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
    """The load record, written with the first batch (or alone at the end when nothing was written)."""

    params: dict[str, object]
    written: bool = False


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # a failed commit has already ended the transaction
        con.rollback()


def _write(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult], opening: _Opening) -> None:
    """One transaction for the files given: all of each accepted file, or nothing."""
    con.begin()
    try:
        if not opening.written:
            queries.run(con, "write/start_load", opening.params)
        _mark_duplicates(con, files)
        _number(con, load_id, files)
        tables = stage(files, load_id)
        for name, table in tables.items():
            con.register(name, table)
        queries.run(con, "write/insert_batch")
        queries.run(con, "write/refresh_current")
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


def _write_chunk(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult], opening: _Opening) -> None:
    """Write a chunk; if the warehouse refuses a file's rows, isolate that file so the others land.
    A storage failure (disk full, read-only) stops the load instead: no file is to blame."""
    try:
        _write(con, load_id, files, opening)
    except duckdb.Error as exc:
        for f in files:
            f.outcome, f.submission_id, f.version, f.is_current = "rejected", None, None, False
        if len(files) > 1:
            for f in files:
                _write_chunk(con, load_id, [f], opening)
            return
        files[0].report = None
        files[0].problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        _write(con, load_id, files, opening)


def _attach_warnings(con: duckdb.DuckDBPyConnection, files: list[FileResult]) -> None:
    """Each accepted file gets the consistency warnings its report takes part in (either side)."""
    by_id = {f.submission_id: f for f in files
             if f.submission_id is not None and f.outcome in ("loaded", "new_version")}
    for w in warnings_for(con, list(by_id)):
        for sid in {w.submission_id, w.previous_submission_id}:
            if sid in by_id:
                by_id[sid].warnings.append(w)


def _restrict(files: list[FileResult], allowed_units: tuple[str, ...]) -> None:
    """A unit reporter's upload may only hold its own unit's reports; others are refused whole."""
    for f in files:
        if allowed_units and f.report is not None and f.report.unit_code not in allowed_units:
            params = {"unit": f.report.unit_code, "allowed": ", ".join(allowed_units)}
            f.report, f.problems = None, [Problem("unit_not_allowed", params=params)]


def _opening(con: duckdb.DuckDBPyConnection, source: str, loaded_by: str | None) -> _Opening:
    load_id = int(queries.rows(con, "write/next_load_id")[0][0])
    return _Opening({"load_id": load_id, "started_at": now_utc(), "source": source,
                     "loaded_by": loaded_by or getpass.getuser()})


def load_items(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], items: Iterable[Item], *,
               default_plan: str, source: str, loaded_by: str | None = None, note: str | None = None,
               progress: Progress | None = None, preparer: Preparer | None = None,
               allowed_units: tuple[str, ...] = ()) -> LoadResult:
    """Load files in chunks; each chunk is one transaction and never holds part of a file.

    Pass a Preparer made before the connection was opened to use several cores. The load is
    audited with who ran it and the note given (e.g. the official receipt date used). With
    allowed_units, reports of any other unit are rejected (a unit reporter's upload).
    """
    todo = list(items)
    opening = _opening(con, source, loaded_by)
    load_id = int(str(opening.params["load_id"]))
    done: list[FileResult] = []
    with preparer or Preparer(plans, default_plan, 0) as preparer:
        for results in preparer.each(chunks(todo, CHUNK_FILES)):
            _restrict(results, allowed_units)
            _write_chunk(con, load_id, results, opening)
            done += results
            if progress:
                progress(len(done), len(todo))
    if not opening.written:
        queries.run(con, "write/start_load", opening.params)
    _attach_warnings(con, done)
    queries.run(con, "write/finish_load", {"load_id": load_id, "finished_at": now_utc(), "note": note})
    snapshots.refresh(con)
    return LoadResult(load_id, done)
