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
from pathlib import Path

import duckdb
import pyarrow as pa

import queries
from plan.model import Plan
from warehouse.clock import now_utc
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
__all__ = ["WarehouseBusy", "WarehouseUnavailable", "connect", "holding", "open_for_writing", "private", "writing"]



def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


# Writers of this process waiting for its read-only connections to close (path -> how many).
_WANTING: dict[str, int] = {}
_WANTING_GUARD = threading.Lock()


def _wanting(key: str, step: int) -> None:
    with _WANTING_GUARD:
        _WANTING[key] = _WANTING.get(key, 0) + step
        if not _WANTING[key]:
            del _WANTING[key]


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection of this process's one database instance for path, in whichever mode it is open.

    DuckDB keeps one instance per file and process and refuses a second in the other mode ("different
    configuration"): a page read while an upload writes, or an upload while a page reads, failed. So a
    read joins an open read-write instance (it only reads through it), and a writer waits until the
    read-only connections close; meanwhile new reads open read-write, so a steady stream of readers
    cannot keep the writer out."""
    key = str(path.resolve())
    modes = (False,) if not read_only else ((False, True) if key in _WANTING else (True, False))
    for n, ro in enumerate(modes):
        try:
            with private():
                return duckdb.connect(str(path), read_only=ro, config=CONFIG)
        except duckdb.ConnectionException as exc:
            if "different configuration" not in str(exc) or n == len(modes) - 1:
                raise
    raise AssertionError("unreachable")


def connect(path: Path, read_only: bool = False, wait_s: float = LOCK_WAIT_S) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process holds the lock (DuckDB does not wait), or while
    read-only connections of this process keep a writer out."""
    if not read_only:
        try:
            private_folder(path.parent)
        except OSError as exc:
            raise WarehouseUnavailable(detail=str(exc)[:300]) from exc
    deadline = time.monotonic() + wait_s
    delay = 0.05
    key = str(path.resolve())
    if not read_only:
        _wanting(key, 1)
    try:
        while True:
            try:
                return _open(path, read_only)
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                busy = isinstance(exc, duckdb.ConnectionException) or _is_lock_error(exc)
                if not busy:
                    raise WarehouseUnavailable(detail=str(exc)[:300]) from exc
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(detail=str(exc)) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
    finally:
        if not read_only:
            _wanting(key, -1)


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


def _table(rows: list[dict[str, object]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def _plan_tables(plan: Plan) -> dict[str, pa.Table]:
    return {name: _table(rows, schema) for name, (rows, schema) in plan_rows(plan, plan_sha(plan)).items()}


def sync_plan(con: duckdb.DuckDBPyConnection, plan: Plan) -> bool:
    """Write the plan's units, indicators, calendar and assignments when they changed."""
    current = queries.rows(con, "write/plan_sha", {"plan_id": plan.plan_id})
    if current and current[0][0] == plan_sha(plan):
        return False
    queries.write_staged(con, {f"staged_{n}": t for n, t in _plan_tables(plan).items()},
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


def open_for_writing(path: Path, plans: dict[str, Plan]) -> duckdb.DuckDBPyConnection:
    """A write connection with the schema, views, every plan and the snapshots up to date.

    Refuses (WriterBusy) while a restore runs. Writes through it take turn() and holding(con)."""
    with hold(path, "write", LOCK_WAIT_S), turn():
        con = connect(path)
        try:
            ensure_schema(con)
            for plan in plans.values():
                sync_plan(con, plan)
            close_interrupted(con, path)
            refresh(con)
        except BaseException:
            con.close()
            raise
        tighten(path)
        _OPENED[con] = (path.resolve(), os.stat(path).st_ino)
        return con


@contextmanager
def writing(path: Path, plans: dict[str, Plan], purpose: str,
            wait_s: float = LOCK_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection held against restores and other processes for as long as it is open."""
    with hold(path, purpose, wait_s):
        con = open_for_writing(path, plans)
        try:
            yield con
        finally:
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
