"""Load: validated files into the warehouse. A file is all or nothing; the same file twice is a no-op."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

import queries
from etl.clock import now_utc
from etl.consistency import warnings_for
from etl.prepare import FileResult, Item, Preparer, chunks
from etl.problems import Problem
from etl.staging import stage
from plan.model import Plan

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


def _write(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult]) -> None:
    """One transaction for the files given: all of each accepted file, or nothing."""
    con.begin()
    try:
        _mark_duplicates(con, files)
        _number(con, load_id, files)
        tables = stage(files, load_id)
        for name, table in tables.items():
            con.register(name, table)
        queries.run(con, "write/insert_batch")
        queries.run(con, "write/refresh_current")
        con.commit()
    except Exception:
        con.rollback()
        raise
    finally:
        for name in STAGED:
            con.unregister(name)


def _write_chunk(con: duckdb.DuckDBPyConnection, load_id: int, files: list[FileResult]) -> None:
    """Write a chunk; if the warehouse refuses it, isolate the refused file so the others land."""
    try:
        _write(con, load_id, files)
    except duckdb.Error as exc:
        for f in files:
            f.outcome, f.submission_id, f.version, f.is_current = "rejected", None, None, False
        if len(files) > 1:
            for f in files:
                _write_chunk(con, load_id, [f])
            return
        files[0].report = None
        files[0].problems = [Problem("file_unreadable", params={"detail": str(exc)[:200]})]
        _write(con, load_id, files)


def _attach_warnings(con: duckdb.DuckDBPyConnection, files: list[FileResult]) -> None:
    """Each accepted file gets the consistency warnings its report takes part in (either side)."""
    by_id = {f.submission_id: f for f in files
             if f.submission_id is not None and f.outcome in ("loaded", "new_version")}
    for w in warnings_for(con, list(by_id)):
        for sid in {w.submission_id, w.previous_submission_id}:
            if sid in by_id:
                by_id[sid].warnings.append(w)


def start_load(con: duckdb.DuckDBPyConnection, source: str, loaded_by: str | None = None) -> int:
    params = {"started_at": now_utc(), "source": source, "loaded_by": loaded_by or getpass.getuser()}
    return int(queries.rows(con, "write/start_load", params)[0][0])


def load_items(con: duckdb.DuckDBPyConnection, plans: dict[str, Plan], items: Iterable[Item], *,
               default_plan: str, source: str, loaded_by: str | None = None, note: str | None = None,
               progress: Progress | None = None, preparer: Preparer | None = None) -> LoadResult:
    """Load files in chunks; each chunk is one transaction and never holds part of a file.

    Pass a Preparer made before the connection was opened to use several cores. The load is
    audited with who ran it and the note given (e.g. the official receipt date used).
    """
    todo = list(items)
    load_id = start_load(con, source, loaded_by)
    done: list[FileResult] = []
    with preparer or Preparer(plans, default_plan, 0) as preparer:
        for chunk in chunks(todo, CHUNK_FILES):
            results = preparer.run(chunk)
            _write_chunk(con, load_id, results)
            done += results
            if progress:
                progress(len(done), len(todo))
    _attach_warnings(con, done)
    queries.run(con, "write/finish_load", {"load_id": load_id, "finished_at": now_utc(), "note": note})
    return LoadResult(load_id, done)
