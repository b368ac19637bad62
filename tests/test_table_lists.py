"""The table lists written in Python (backup, Parquet export, snapshots) agree with a real warehouse.

A table added to the schema and forgotten in a list would be silently left out of backups or
exports; these tests make the warehouse itself (duckdb_tables()) the reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
import sqlglot
from sqlglot import exp

import queries
from plan.settings import ROOT
from warehouse import backup, parquet, snapshots
from warehouse.db import ensure_schema

# Operational records, not facts a distributed engine analyses: the schema version, who loaded what
# and when, each file's outcome, the problems found in rejected files (names and phone numbers
# among them) and the audit trail. They stay in backups; the Parquet export leaves them out.
NOT_EXPORTED = {"warehouse_info", "loads", "load_files", "problems", "audit_log"}


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in queries.rows(con, "backup/tables")}


@pytest.fixture(scope="module")
def foreign_keys() -> list[tuple[str, str]]:
    con = duckdb.connect()
    con.execute(queries.sql("schema"))
    return [(str(child), str(parent)) for child, parent in queries.rows(con, "backup/foreign_keys")]


@pytest.fixture(scope="module")
def schema_tables() -> set[str]:
    """The tables the schema file alone creates."""
    con = duckdb.connect()
    con.execute(queries.sql("schema"))
    return _tables(con)


@pytest.fixture(scope="module")
def warehouse_tables(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every table of a real warehouse file: the schema, then the views' scripts."""
    con = duckdb.connect(str(tmp_path_factory.mktemp("lists") / "w.duckdb"))
    ensure_schema(con)
    tables = _tables(con)
    con.close()
    return tables


def test_the_lists_cover_the_warehouse_once(warehouse_tables: set[str]) -> None:
    backed_up, derived = set(backup.TABLES), set(snapshots.TABLES)
    assert len(backup.TABLES) == len(backed_up) and len(snapshots.TABLES) == len(derived)
    assert not backed_up & derived
    assert backed_up | derived == warehouse_tables


def test_backup_holds_every_table_of_the_schema_file(schema_tables: set[str]) -> None:
    assert set(backup.TABLES) == schema_tables


def test_snapshots_are_every_table_the_view_scripts_create(warehouse_tables: set[str],
                                                           schema_tables: set[str]) -> None:
    assert set(snapshots.TABLES) == warehouse_tables - schema_tables
    assert all(t.startswith("snapshot_") for t in snapshots.TABLES)


def test_parquet_exports_the_analytical_tables(warehouse_tables: set[str]) -> None:
    exported = set(parquet.TABLES)
    assert len(parquet.TABLES) == len(exported) and exported <= warehouse_tables
    assert exported == set(backup.TABLES) - NOT_EXPORTED
    assert not set(parquet.PLAN_TABLES) & set(parquet.PERIOD_TABLES)


def _read_by(name: str) -> set[str]:
    """The tables a portable query reads (its own common table expressions left out)."""
    tree = sqlglot.parse_one(parquet.portable_sql(name), read="duckdb")
    return {t.name for t in tree.find_all(exp.Table)} - {c.alias for c in tree.find_all(exp.CTE)}


@pytest.mark.parametrize("name", parquet.PORTABLE_QUERIES)
def test_parquet_exports_every_table_a_portable_query_reads(name: str) -> None:
    read = _read_by(name)
    assert {"submissions", "submission_voids", "submission_returns"} <= read  # the parse finds the tables
    assert read <= set(parquet.TABLES), name


def test_the_spark_instructions_register_every_exported_table() -> None:
    """docs/scaling.md's spark-submit script and spark-sql loop name the tables to read: all of the export."""
    text = (ROOT / "docs" / "scaling.md").read_text("utf-8")
    script = re.search(r"^TABLES = \(([^)]*)\)", text, re.MULTILINE)
    loop = re.search(r"for t in ([^;]*); do", text)
    assert script and loop
    assert tuple(re.findall(r'"(\w+)"', script.group(1))) == parquet.TABLES
    assert tuple(loop.group(1).replace("\\", " ").split()) == parquet.TABLES


def test_backup_lists_parents_before_children(foreign_keys: list[tuple[str, str]]) -> None:
    order = {table: n for n, table in enumerate(backup.TABLES)}
    assert foreign_keys and all(order[parent] < order[child] for child, parent in foreign_keys)


def test_restore_inserts_every_backed_up_table_in_that_order() -> None:
    text = Path(queries.QUERY_DIR / "backup" / "restore.sql").read_text(encoding="utf-8")
    inserted = re.findall(r"^insert into (\w+) by name select \* from staged_(\w+);", text, re.MULTILINE)
    assert all(table == staged for table, staged in inserted)
    assert tuple(table for table, _ in inserted) == backup.TABLES
