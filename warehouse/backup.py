"""Backups: every table to Parquet with a manifest of row counts and checksums; restore into a new file.

A restore never writes into the warehouse in use: it builds a new file next to it, checks it
against the manifest, and only then swaps it in (the old file is kept beside it). It refuses while
a load, upgrade, review write or backup of any process holds the warehouse (warehouse.lock), and a
manifest that leaves out any table of the schema, since that table would come back empty.
Everything written here is its owner's only (0600 files, 0700 folders).
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

import queries
from i18n.errors import GepmError
from queries import write_staged
from warehouse import snapshots
from warehouse.clock import now_utc
from warehouse.db import LOCK_WAIT_S, connect, ensure_schema, private_folder, schema_sha, tighten
from warehouse.lock import hold, private

# Parents before children: the order restore.sql inserts in.
TABLES = ("warehouse_info", "plans", "units", "indicators", "periods", "unit_deadlines", "assignments", "loads",
          "submissions", "indicator_values", "activities", "load_files", "problems", "submission_returns",
          "submission_voids", "audit_log", "plan_documents", "tasks", "task_assignments", "indicator_measures",
          "indicator_milestones", "funding_sources", "case_measures", "submission_details", "task_reports",
          "budget_lines", "case_counts")
# Tables added after backups were first made: an older backup without them restores them empty.
LATER_TABLES = ("submission_voids", "plan_documents", "tasks", "task_assignments", "indicator_measures",
                "indicator_milestones", "funding_sources", "case_measures", "submission_details", "task_reports",
                "budget_lines", "case_counts")
MANIFEST = "manifest.json"


class BackupError(GepmError):
    """A backup or restore that cannot be done; the message says why (vi / en); nothing was changed."""


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(db: Path, folder: Path) -> dict[str, int]:
    """Write every table of the warehouse as Parquet into folder (new or empty), then the manifest;
    waits (bounded) for a running load so the copy is of whole loads."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError("backup.err.not_empty", path=folder)
    if not db.exists():
        raise BackupError("backup.err.no_warehouse", path=db)
    with hold(db, "backup", LOCK_WAIT_S), private():
        private_folder(folder)
        folder.chmod(0o700)
        return _backup(db, folder)


def _backup(db: Path, folder: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        present = {r[0] for r in queries.rows(con, "backup/tables")}
        files = {}
        for table in (t for t in TABLES if t in present):
            path = folder / f"{table}.parquet"
            pq.write_table(con.table(table).arrow().read_all(), path)
            files[table] = {"rows": pq.read_metadata(path).num_rows, "sha256": _sha(path)}
    finally:
        con.close()
    manifest = {"created_at": now_utc().isoformat(), "schema_sha": schema_sha(), "source": str(db), "tables": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return {t: int(f["rows"]) for t, f in files.items()}


def _manifest(folder: Path) -> dict[str, dict[str, object]]:
    try:
        tables: dict[str, dict[str, object]] = json.loads((folder / MANIFEST).read_text("utf-8"))["tables"]
        checks = {t: (str(m["sha256"]), int(str(m["rows"]))) for t, m in tables.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError("backup.err.invalid", path=folder, detail=exc) from exc
    missing = [t for t in TABLES if t not in checks and t not in LATER_TABLES]
    if missing:  # a table left out would be restored empty
        raise BackupError("backup.err.tables_missing", path=folder, tables=", ".join(missing))
    for table, (sha, _) in checks.items():
        path = folder / f"{table}.parquet"
        if table not in TABLES or not path.is_file() or _sha(path) != sha:
            raise BackupError("backup.err.altered", name=path.name)
    return tables


def _fill(con: duckdb.DuckDBPyConnection, folder: Path, tables: dict[str, dict[str, object]]) -> None:
    staged = {t: pq.read_table(folder / f"{t}.parquet") for t in tables}
    empty = {t: con.table(t).limit(0).arrow().read_all() for t in TABLES}
    write_staged(con, {f"staged_{t}": staged.get(t, empty[t]) for t in TABLES}, [("backup/restore", {})])


def _counts(con: duckdb.DuckDBPyConnection, tables: dict[str, dict[str, object]]) -> dict[str, int]:
    return {t: len(con.table(t).arrow().read_all()) for t in tables}


def restore(folder: Path, db: Path) -> dict[str, int]:
    """Build a new warehouse from the backup, check it, then put it in place of db (kept as db.before-restore-…).

    Refuses at once (WriterBusy) while any process loads, upgrades, reviews or backs up."""
    tables = _manifest(folder)
    with hold(db, "restore", 0, exclusive=True), private():
        return _restore(folder, db, tables)


def _restore(folder: Path, db: Path, tables: dict[str, dict[str, object]]) -> dict[str, int]:
    fresh = db.with_name(f"{db.name}.restoring")
    for stale in (fresh, fresh.with_name(fresh.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = connect(fresh)
    try:
        ensure_schema(con)
        _fill(con, folder, tables)
        ensure_schema(con)  # an older backup gets today's views
        snapshots.refresh(con)
        counts = _counts(con, tables)
    finally:
        con.close()
    if counts != {t: int(str(m["rows"])) for t, m in tables.items()}:
        fresh.unlink(missing_ok=True)
        raise BackupError("backup.err.row_counts")
    _swap(fresh, db)
    return counts


def _swap(fresh: Path, db: Path) -> None:
    if db.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db.with_name(f"{db.name}.before-restore-{stamp}")
        os.replace(db, kept)
        tighten(kept)
        db.with_name(db.name + ".wal").unlink(missing_ok=True)
    os.replace(fresh, db)
    tighten(db)
