"""Backup and restore: a round trip gives identical view results; a damaged backup changes nothing."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from testkit import cli
from testkit.served import copy_db
from warehouse import snapshots
from warehouse.backup import TABLES, BackupError, backup, restore

MOMENTS = (datetime.fromisoformat("2024-06-01T00:00:00+07:00"), datetime.fromisoformat("2030-01-01T00:00:00+07:00"))
MACROS = ("target_progress_unit_at", "target_progress_at", "participation_at", "reporting_status_at",
          "reporting_rates_at", "consistency_warnings_at")


def etl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args)


def snapshot(db: Path) -> dict[str, pd.DataFrame]:
    """Every documented view (at two moments) and every table, sorted so order does not matter."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {f"{m}@{t:%Y}": con.execute(f"select * from {m}($t)", {"t": t}).df() for m in MACROS for t in MOMENTS}
        out |= {t: con.table(t).df() for t in TABLES if t != "warehouse_info"}
    finally:
        con.close()
    return {k: v.sort_values(list(v.columns)).reset_index(drop=True) for k, v in out.items()}


def test_round_trip_gives_identical_views(demo_db: Path, tmp_path: Path) -> None:
    source = copy_db(demo_db, tmp_path / "source.duckdb")
    done = etl("backup", tmp_path / "backup", "--db", source)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))
    assert set(manifest["tables"]) == set(TABLES) and manifest["tables"]["submissions"]["rows"] == 119
    target = tmp_path / "restored.duckdb"
    done = etl("restore", tmp_path / "backup", "--db", target)
    assert done.returncode == 0, done.stderr
    before, after = snapshot(source), snapshot(target)
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)
    assert len(before["reporting_status_at@2030"]) == 120


def test_restore_keeps_the_old_file_and_refuses_a_damaged_backup(demo_db: Path, tmp_path: Path) -> None:
    source = copy_db(demo_db, tmp_path / "w.duckdb")
    backup(source, tmp_path / "b")
    with pytest.raises(BackupError, match="not empty"):
        backup(source, tmp_path / "b")
    restore(tmp_path / "b", source)
    assert len(list(tmp_path.glob("w.duckdb.before-restore-*"))) == 1
    (tmp_path / "b" / "submissions.parquet").write_bytes(b"tampered")
    mtime = source.stat().st_mtime_ns
    with pytest.raises(BackupError, match="altered"):
        restore(tmp_path / "b", source)
    assert source.stat().st_mtime_ns == mtime
    assert etl("restore", tmp_path / "nowhere", "--db", source).returncode == 1


def test_every_table_of_the_schema_is_backed_up(warehouse: duckdb.DuckDBPyConnection) -> None:
    """Every table is backed up, except the snapshots, which a restore rebuilds from them."""
    tables = {r[0] for r in warehouse.execute("select table_name from duckdb_tables()").fetchall()}
    assert tables == set(TABLES) | set(snapshots.TABLES)
    assert not set(TABLES) & set(snapshots.TABLES)
