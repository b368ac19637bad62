"""The DuckDB warehouse: connections, schema, views and plan synchronisation."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

import queries
from plan.model import Plan
from warehouse.clock import now_utc
from warehouse.columns import Columns, analyse_every_row, columns
from warehouse.lock import LOCK_WAIT_S as LOCK_WAIT
from warehouse.lock import WarehouseBusy, WarehouseUnavailable, alone, hold, private, turn
from warehouse.migrate import apply_schema
from warehouse.plan_rows import plan_rows
from warehouse.snapshots import refresh

CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False, "autoload_known_extensions": True,
    # Never trade the carry-forward ASOF join for a nested loop: with a plan id bound as a parameter,
    # DuckDB guessed the slots to be few and a 10,000-file snapshot rebuild took 8 s instead of 0.07 s.
    "asof_loop_join_threshold": 0}
LOCK_WAIT_S = LOCK_WAIT  # patched by tests; read at call time
# Which file each write connection opened, so a later write can tell it was swapped by a restore.
_OPENED: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, tuple[Path, int]] = weakref.WeakKeyDictionary()
__all__ = ["WarehouseBusy", "WarehouseUnavailable", "connect", "holding", "open_for_writing", "private", "reading",
           "writing"]



def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


def _other_mode(exc: Exception) -> bool:
    """DuckDB keeps one database instance per file and process, and refuses a connection in the other mode
    (read-only beside read-write) while it is open."""
    return isinstance(exc, duckdb.ConnectionException) and "different configuration" in str(exc)


def connect(path: Path, read_only: bool = False, wait_s: float = LOCK_WAIT_S) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process holds the lock (DuckDB does not wait), or while this
    process holds it in the other mode (its page reads, read-only, keep a writer waiting until they close)."""
    if not read_only:
        try:
            private_folder(path.parent)
        except OSError as exc:
            raise WarehouseUnavailable(detail=str(exc)[:300]) from exc
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            with private():
                return _quiet(duckdb.connect(str(path), read_only=read_only, config=CONFIG))
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not (_other_mode(exc) or (isinstance(exc, duckdb.IOException) and _is_lock_error(exc))):
                raise WarehouseUnavailable(detail=str(exc)[:300]) from exc
            if time.monotonic() >= deadline:
                raise WarehouseBusy(detail=str(exc)) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """No progress bar: DuckDB draws one on stdout for a statement running past 2 s, which would land inside a
    command's --json output (a setting of each connection, not of the database)."""
    queries.run(con, "quiet")
    return con


# How reads and writes of this process share the file. An upload writes from the dashboard's own process, and
# DuckDB refused every page's read-only connection while the upload's read-write one was open. So a write
# connection opened through writing() is shared: a read meanwhile runs on a cursor of it (never a read-write
# connection of its own, which could outlive the upload), and the writer closes only once those reads are done
# (its checkpoint then runs while it still holds the warehouse). A writer about to open makes new reads wait for
# it instead of opening read-only: a steady stream of page reads cannot keep it out.
@dataclass
class _Shared:
    con: duckdb.DuckDBPyConnection
    readers: int = 0


_SHARED: dict[str, list[_Shared]] = {}  # write connections open through writing(), per file
_WANTING: dict[str, int] = {}  # writers of this process opening the file
_FILES = threading.Condition()
SHARED_READS_WAIT_S = 30.0  # how long a writer that is done waits for the reads sharing its connection


def _key(path: Path) -> str:
    return str(path.resolve())


@contextmanager
def reading(path: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to read the warehouse with: a cursor of the write connection this process has open on it,
    if any (waiting, up to wait_s, for one that is opening); else a read-only connection of its own."""
    key, deadline = _key(path), time.monotonic() + wait_s
    with _FILES:
        while not _SHARED.get(key) and _WANTING.get(key):
            if not _FILES.wait(deadline - time.monotonic()) and time.monotonic() >= deadline:
                raise WarehouseBusy(detail="a write of this process is opening the warehouse")
        shared = _SHARED[key][-1] if _SHARED.get(key) else None
        if shared is not None:
            shared.readers += 1
    if shared is None:
        con = connect(path, read_only=True, wait_s=max(0.0, deadline - time.monotonic()))
        try:
            yield con
        finally:
            con.close()
        return
    try:
        cursor = shared.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
    finally:
        with _FILES:
            shared.readers -= 1
            _FILES.notify_all()


@contextmanager
def _opening(key: str) -> Iterator[None]:
    with _FILES:
        _WANTING[key] = _WANTING.get(key, 0) + 1
    try:
        yield
    finally:
        with _FILES:
            _WANTING[key] -= 1
            if not _WANTING[key]:
                del _WANTING[key]
            _FILES.notify_all()


def _unshare(key: str, shared: _Shared) -> None:
    """No new read joins shared; those that did are waited for (they are short)."""
    with _FILES:
        _SHARED[key].remove(shared)
        if not _SHARED[key]:
            del _SHARED[key]
        _FILES.wait_for(lambda: shared.readers == 0, SHARED_READS_WAIT_S)


def schema_sha() -> str:
    """Changes with the schema, the views or how snapshots are built: each change rebuilds the snapshots."""
    texts = [queries.sql("schema"), *queries.view_scripts(), queries.sql("write/snapshot_build")]
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables if absent and (re)define the documented views, unless they are already these."""
    wanted = schema_sha()
    try:
        if queries.rows(con, "write/schema_sha") == [(wanted,)]:
            return
    except duckdb.CatalogException:
        pass  # a new warehouse
    apply_schema(con)
    for script in queries.view_scripts():
        con.execute(script)
    queries.run(con, "write/set_schema_sha", {"sha": wanted})


def plan_sha(plan: Plan) -> str:
    return hashlib.sha256(plan.model_dump_json().encode()).hexdigest()


def _plan_tables(plan: Plan) -> dict[str, Columns]:
    return {name: columns(rows, names) for name, (rows, names) in plan_rows(plan, plan_sha(plan)).items()}


def sync_plan(con: duckdb.DuckDBPyConnection, plan: Plan) -> bool:
    """Write the plan's units, indicators, calendar and assignments when they changed."""
    current = queries.rows(con, "write/plan_sha", {"plan_id": plan.plan_id})
    if current and current[0][0] == plan_sha(plan):
        return False
    tables = _plan_tables(plan)
    analyse_every_row(con)
    queries.write_staged(con, {f"staged_{n}": t for n, t in tables.items()},
                 [("write/delete_plan", {"plan_id": plan.plan_id}), ("write/insert_plan", {})])
    return True


def private_folder(folder: Path) -> None:
    """Create folder (and parents) readable by the owner only; an existing folder is left as it is."""
    with private():
        folder.mkdir(parents=True, exist_ok=True)


def tighten(path: Path) -> None:
    """Make a file written before files were kept private (0644) its owner's only."""
    for file in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(OSError):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)


def close_interrupted(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A load record a killed loader left open is closed as interrupted (audited), when no load runs."""
    if alone(path) and queries.rows(con, "write/open_loads"):
        queries.write_staged(con, {}, [("write/close_interrupted", {"finished_at": now_utc(),
                                                                    "detail_key": "audit.interrupted"})])


def open_for_writing(path: Path, plans: dict[str, Plan], snapshots: bool = True) -> duckdb.DuckDBPyConnection:
    """A write connection with the schema, views, every plan and (unless snapshots is False: the caller rebuilds
    them when its write is done, as a load does) the snapshots up to date.

    Refuses (WriterBusy) while a restore runs. Writes through it take turn() and holding(con)."""
    with hold(path, "write", LOCK_WAIT_S), turn():
        con = connect(path)
        try:
            ensure_schema(con)
            for plan in plans.values():
                sync_plan(con, plan)
            close_interrupted(con, path)
            if snapshots:
                refresh(con)
        except BaseException:
            con.close()
            raise
        tighten(path)
        _OPENED[con] = (path.resolve(), os.stat(path).st_ino)
        return con


@contextmanager
def writing(path: Path, plans: dict[str, Plan], purpose: str, wait_s: float = LOCK_WAIT_S,
            snapshots: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection (open_for_writing) held against restores and other processes for as long as it is
    open; reads of this process meanwhile share it (reading())."""
    key = _key(path)
    with hold(path, purpose, wait_s):
        with _opening(key):
            con = open_for_writing(path, plans, snapshots)
            shared = _Shared(con)
            with _FILES:
                _SHARED.setdefault(key, []).append(shared)
        try:
            yield con
        finally:
            _unshare(key, shared)
            con.close()


@contextmanager
def holding(con: duckdb.DuckDBPyConnection, purpose: str) -> Iterator[None]:
    """Hold the warehouse con writes to; refuses when a restore has put another file in its place."""
    opened = _OPENED.get(con)
    if opened is None:  # a connection made elsewhere (tests): nothing to check against
        yield
        return
    path, inode = opened
    with hold(path, purpose, LOCK_WAIT_S):
        if not path.exists() or os.stat(path).st_ino != inode:
            raise WarehouseBusy("lock.replaced", path=path)
        yield
