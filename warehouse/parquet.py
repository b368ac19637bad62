"""Parquet export for a distributed engine: the warehouse's analytical tables, hive-partitioned by plan year
(and period for period-grained tables), with a manifest; plus the portable queries that read them.

Layout: DIR/<table>/year=2024[/period_code=2024-Q1]/part-0.parquet. Child tables (indicator values,
activities, returns, voids) carry their submission's year and period_code, so an engine can prune them like
submissions. A table without rows is one empty file, DIR/<table>/part-0.parquet, holding every column.
_manifest.json is written last: a folder without it is an unfinished export.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

import queries
from i18n.errors import GepmError
from warehouse import db as warehouse
from warehouse.clock import now_utc

PLAN_TABLES = ("plans", "units", "indicators", "periods", "unit_deadlines", "assignments", "plan_documents", "tasks",
               "task_assignments", "indicator_measures", "indicator_milestones", "funding_sources", "case_measures")
PERIOD_TABLES = ("submissions", "indicator_values", "activities", "submission_returns", "submission_voids",
                 "submission_details", "task_reports", "budget_lines", "case_counts")
TABLES = PLAN_TABLES + PERIOD_TABLES
PLAN_KEYS = pa.schema([("year", pa.int32())])
PERIOD_KEYS = pa.schema([("year", pa.int32()), ("period_code", pa.string())])
# The portable form of each documented view and of the views of the plan's sections III, IV and VI
# (queries/portable/<name>.sql answers v_<name>).
PORTABLE_QUERIES = ("reporting_status", "target_progress_unit", "target_progress", "participation",
                    "reporting_rates", "task_status", "budget", "cases")
MANIFEST = "_manifest.json"
QUERY_FOLDER = "_queries"


class FolderNotEmpty(GepmError):
    """The target folder already holds files: nothing is overwritten (a usage error on the command line)."""


class ExportUnavailable(GepmError):
    """The warehouse cannot be read, or the folder written; the message says why (vi / en)."""


def partition_keys(table: str) -> pa.Schema:
    """The hive partition columns of an exported table."""
    return PERIOD_KEYS if table in PERIOD_TABLES else PLAN_KEYS


def _source(table: str) -> str:
    return f"parquet/{table}"


def _portable(name: str) -> str:
    return f"portable/{name}"


def _write_table(con: duckdb.DuckDBPyConnection, table: str, target: Path) -> dict[str, object]:
    """Stream one table into target as hive partitions; returns its rows, files and partition columns."""
    reader = con.sql(queries.sql(_source(table))).to_arrow_reader()
    written: list[int] = []
    keys = partition_keys(table)
    ds.write_dataset(reader, target, format="parquet", partitioning=ds.partitioning(keys, flavor="hive"),
                     basename_template="part-{i}.parquet", existing_data_behavior="error",
                     file_visitor=lambda f: written.append(f.metadata.num_rows))
    if not written:  # no partition to put it in: one empty file keeps the columns readable
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(reader.schema.empty_table(), target / "part-0.parquet")
    columns = {field.name: str(field.type) for field in reader.schema}
    return {"rows": sum(written), "files": max(len(written), 1), "partitioned_by": keys.names, "columns": columns}


def _check_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FolderNotEmpty("cli.parquet_not_empty", path=folder)


def _open(db: Path) -> duckdb.DuckDBPyConnection:
    if not db.exists():
        raise ExportUnavailable("cli.parquet_no_warehouse", path=db)
    try:  # the module's wait, read at call time
        return warehouse.connect(db, read_only=True, wait_s=warehouse.LOCK_WAIT_S)
    except (warehouse.WarehouseBusy, warehouse.WarehouseUnavailable) as exc:
        raise ExportUnavailable("cli.parquet_unavailable", path=db, detail=exc.detail[:300]) from exc


def _copy_queries(folder: Path) -> list[str]:
    """The portable queries beside the data, so the export can go to a cluster on its own."""
    (folder / QUERY_FOLDER).mkdir()
    names = []
    for name in PORTABLE_QUERIES:
        path = folder / QUERY_FOLDER / f"{name}.sql"
        path.write_text(queries.sql(_portable(name)), encoding="utf-8")
        names.append(path.relative_to(folder).as_posix())
    return names


def _write_manifest(folder: Path, db: Path, tables: dict[str, dict[str, object]], query_files: list[str]) -> None:
    manifest = {"created_at": now_utc().isoformat(), "source": str(db), "schema_sha": warehouse.schema_sha(),
                "layout": "hive", "queries": query_files, "tables": tables}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


def export_parquet(db: Path, folder: Path) -> dict[str, int]:
    """Write the warehouse's analytical tables into folder (new or empty); returns rows per table."""
    _check_folder(folder)
    con = _open(db)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tables = {table: _write_table(con, table, folder / table) for table in TABLES}
        _write_manifest(folder, db, tables, _copy_queries(folder))
    except OSError as exc:
        raise ExportUnavailable("cli.parquet_write_failed", path=folder, detail=str(exc)[:300]) from exc
    finally:
        con.close()
    return {table: int(str(meta["rows"])) for table, meta in tables.items()}


def read_manifest(folder: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return manifest


def dataset(folder: Path, table: str) -> ds.Dataset:
    """One exported table as an Arrow dataset, partition columns typed as written."""
    root = folder / table
    partitioned = any(p.is_dir() and "=" in p.name for p in root.iterdir())
    partitioning = ds.partitioning(partition_keys(table), flavor="hive") if partitioned else None
    return ds.dataset(root, format="parquet", partitioning=partitioning)


def register_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Make each exported table of folder a view of that name in con, for the portable queries."""
    for table in TABLES:
        con.register(table, dataset(folder, table))


def portable_sql(name: str, dialect: str = "duckdb") -> str:
    """A portable query as DuckDB runs it, or transpiled by sqlglot for Spark SQL (dialect="spark", the one
    other engine the tests run it on). The one parameter stays a placeholder, :as_of for Spark (bound with
    spark.sql(..., args=)). sqlglot is a development requirement, imported only here.
    """
    text = queries.sql(_portable(name))
    if dialect == "duckdb":
        return text
    import sqlglot

    return sqlglot.parse_one(text, read="duckdb").sql(dialect=dialect, pretty=True)
