"""The scale path: `export-parquet` writes hive-partitioned Parquet with a manifest; the eight portable queries give
the warehouse's own views — the five documented ones (v_reporting_status, v_target_progress_unit,
v_target_progress, v_participation, v_reporting_rates) and those of the plan's sections III, IV and VI
(v_task_status, v_budget, v_cases) — on DuckDB over those files and on Apache Spark (local mode)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

import queries
from cli.main import main
from documents.extracts import SECTION_VIEWS, view_params, view_query
from documents.extracts import VIEWS as EXTRACT_VIEWS
from plan.model import Plan
from testkit import cli
from testkit.served import copy_db
from warehouse import db as warehouse
from warehouse.parquet import (
    MANIFEST,
    PERIOD_TABLES,
    PLAN_TABLES,
    PORTABLE_QUERIES,
    TABLES,
    portable_sql,
    read_manifest,
    register_parquet,
)

VN = timezone(timedelta(hours=7))
# Mid-year (a period not yet due, late, missing and nil reports, carried-forward units) and after the
# year's deadline and the demo's return for correction.
AS_OF = [datetime(2024, 9, 20, 12, 0, 0, 123456, tzinfo=VN), datetime(2024, 11, 20, 12, 0, tzinfo=VN)]
# The warehouse's own answers: the documented views' query files (as the Data page and export run them).
VIEWS = {name: f"v_{name}" for name in PORTABLE_QUERIES}
Rows = list[tuple[Any, ...]]


def etl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args)


def ordered(rows: Rows) -> Rows:
    """Rows in a fixed order, values untouched (the views themselves have no order)."""
    return sorted(rows, key=repr)


def normal_value(v: Any) -> Any:
    """A float rounded to 9 decimals (engines may differ in the last bits); an instant as aware UTC (PySpark
    hands timestamps over as naive local times, DuckDB as aware ones)."""
    if isinstance(v, float):
        return round(v, 9)
    return v.astimezone(UTC) if isinstance(v, datetime) else v


def normal(rows: Rows) -> Rows:
    """Rows in a fixed order, values made comparable across engines."""
    return sorted((tuple(normal_value(v) for v in row) for row in rows), key=repr)


def view_rows(db: Path, name: str, as_of: datetime) -> tuple[list[str], Rows]:
    con = warehouse.connect(db, read_only=True)
    try:
        result = con.execute(queries.sql(view_query(VIEWS[name])), view_params(VIEWS[name], as_of))
        return [d[0] for d in result.description], result.fetchall()
    finally:
        con.close()


def portable_rows(con: duckdb.DuckDBPyConnection, name: str, as_of: datetime) -> tuple[list[str], Rows]:
    result = con.execute(portable_sql(name), {"as_of": as_of})
    return [d[0] for d in result.description], result.fetchall()


def parquet_con(folder: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config=warehouse.CONFIG)
    register_parquet(con, folder)
    return con


def table_counts(db: Path) -> dict[str, int]:
    con = warehouse.connect(db, read_only=True)
    try:
        return {table: len(con.table(table).fetchall()) for table in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def exported(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(warehouse, export folder): a private copy of the demo year, exported through the command line."""
    tmp = tmp_path_factory.mktemp("parquet")
    db = copy_db(demo_db, tmp / "warehouse.duckdb")
    done = etl("export-parquet", tmp / "export", "--db", db)
    assert done.returncode == 0, done.stderr
    n = len(TABLES)
    assert f"Exported {n} tables" in done.stderr and f"Đã xuất {n} bảng" in done.stderr
    return db, tmp / "export"


def test_layout_is_hive_partitioned_by_year_and_period(exported: tuple[Path, Path]) -> None:
    _, out = exported
    assert (out / "submissions" / "year=2024" / "period_code=2024-Q1" / "part-0.parquet").is_file()
    assert (out / "plans" / "year=2024" / "part-0.parquet").is_file()
    for table in PLAN_TABLES:
        assert {p.relative_to(out / table).parts[:1] for p in (out / table).rglob("*.parquet")} == {("year=2024",)}
        assert all(len(p.relative_to(out / table).parts) == 2 for p in (out / table).rglob("*.parquet"))
    for table in PERIOD_TABLES:
        periods = {p.parent.name for p in (out / table).rglob("*.parquet")}
        # A table without rows (the demo voids nothing) is one file at its top: DIR/<table>/part-0.parquet.
        assert periods <= {"period_code=2024-Q1", "period_code=2024-H1", "period_code=2024-Q3", "period_code=2024-Y",
                           table}
        assert periods, table
    values = next((out / "indicator_values").rglob("*.parquet"))
    assert not {"year", "period_code"} & set(pq.read_schema(values).names)  # in the folder names, not the file


def test_manifest_counts_every_row(exported: tuple[Path, Path]) -> None:
    db, out = exported
    manifest = read_manifest(out)
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    assert {t: m["rows"] for t, m in tables.items()} == table_counts(db)
    assert tables["indicator_values"]["partitioned_by"] == ["year", "period_code"]
    assert tables["units"]["partitioned_by"] == ["year"]
    assert {"year", "period_code"} <= set(tables["activities"]["columns"])
    assert tables["submission_returns"]["rows"] >= 1  # the demo returns a report for correction
    assert manifest["queries"] == [f"_queries/{q}.sql" for q in PORTABLE_QUERIES]
    assert (out / "_queries" / "target_progress.sql").read_text("utf-8") == queries.sql("portable/target_progress")


def test_parquet_read_back_with_duckdb_gives_the_same_rows(exported: tuple[Path, Path]) -> None:
    db, out = exported
    con = parquet_con(out)
    assert {table: len(con.table(table).fetchall()) for table in TABLES} == table_counts(db)
    for name in PORTABLE_QUERIES:
        for as_of in AS_OF:
            columns, rows = view_rows(db, name, as_of)
            got_columns, got = portable_rows(con, name, as_of)
            assert (got_columns, ordered(got)) == (columns, ordered(rows)), (name, as_of)  # the very same numbers


@pytest.mark.parametrize("as_of", [datetime(2024, 3, 1, tzinfo=VN), datetime(2024, 5, 11, 0, 0, 1, tzinfo=VN),
                                   datetime(2024, 11, 5, 10, 15, tzinfo=VN), datetime(2026, 1, 1, tzinfo=VN)])
def test_portable_queries_equal_the_views_on_the_warehouse(exported: tuple[Path, Path], as_of: datetime) -> None:
    db, _ = exported
    con = warehouse.connect(db, read_only=True)
    try:
        for name in PORTABLE_QUERIES:
            columns, got = portable_rows(con, name, as_of)
            expected_columns, expected = view_rows(db, name, as_of)
            assert (columns, ordered(got)) == (expected_columns, ordered(expected)), name
    finally:
        con.close()


def test_a_warehouse_without_reports_exports_empty_tables(db_path: Path, all_plans: dict[str, Plan],
                                                          tmp_path: Path) -> None:
    warehouse.open_for_writing(db_path, all_plans).close()
    assert etl("export-parquet", tmp_path / "out", "--db", db_path).returncode == 0
    assert sorted(p.name for p in (tmp_path / "out" / "plans").iterdir()) == ["year=2024", "year=2025"]
    empty = tmp_path / "out" / "submissions" / "part-0.parquet"
    assert {"year", "period_code", "received_at"} <= set(pq.read_schema(empty).names)
    con = parquet_con(tmp_path / "out")
    for name in PORTABLE_QUERIES:
        columns, got = portable_rows(con, name, AS_OF[0])
        expected_columns, expected = view_rows(db_path, name, AS_OF[0])
        assert (columns, ordered(got)) == (expected_columns, ordered(expected)), name
        # every expected unit is listed, with its tasks; no activity is, and no unit reports budget or cases
        # until a file of it has had a KinhPhi or VuViec sheet
        assert bool(got) == (name not in ("participation", "budget", "cases")), name


def test_every_view_has_a_portable_form() -> None:
    assert {f"v_{name}" for name in PORTABLE_QUERIES} == set(EXTRACT_VIEWS) | set(SECTION_VIEWS)
    assert {p.stem for p in (queries.QUERY_DIR / "portable").glob("*.sql")} == set(PORTABLE_QUERIES)


def test_the_demo_exercises_the_section_views(exported: tuple[Path, Path]) -> None:
    """The comparisons above and on Spark are not empty: at the later moment the demo year has tasks carried
    forward, budget lines with a spending rate and without one, case counts shown and suppressed."""
    con = parquet_con(exported[1])
    rows = {name: con.execute(portable_sql(name), {"as_of": AS_OF[1]}).df() for name in ("task_status", "budget",
                                                                                           "cases")}
    assert rows["task_status"]["is_carried_forward"].any() and (rows["task_status"]["status"] == "not_reported").any()
    assert rows["budget"]["spent_pct"].notna().any() and rows["budget"]["spent_pct"].isna().any()
    assert rows["cases"]["is_suppressed"].fillna(False).astype(bool).any() and rows["cases"]["n_cases"].gt(0).any()
    assert all(frame["is_carried_forward"].any() for frame in rows.values())


def test_refuses_a_folder_that_is_not_empty(exported: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = exported
    (tmp_path / "notes.txt").write_text("keep me", "utf-8")
    done = etl("export-parquet", tmp_path, "--db", db)
    assert done.returncode == 2
    assert "is not empty" in done.stderr and "đã có dữ liệu" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_missing_warehouse_exits_1_in_both_languages(tmp_path: Path) -> None:
    done = etl("export-parquet", tmp_path / "out", "--db", tmp_path / "none.duckdb")
    assert done.returncode == 1
    assert "Không có kho dữ liệu" in done.stderr and "There is no warehouse" in done.stderr
    assert not (tmp_path / "out").exists()


def test_locked_warehouse_exits_1_and_writes_nothing(exported: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_db(exported[0], tmp_path / "locked.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(warehouse, "LOCK_WAIT_S", 0.2)
        assert main(["export-parquet", str(tmp_path / "out"), "--db", str(db)]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "Không đọc được kho dữ liệu" in err and "cannot be read (locked" in err
    assert not (tmp_path / "out").exists()


# --- Apache Spark, local mode -------------------------------------------------------------------------------


def java_major() -> int:
    """The major version of the java on PATH (0 when there is none)."""
    if shutil.which("java") is None:
        return 0
    shown = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=60).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    if not found:
        return 0
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


@pytest.fixture(scope="module")
def spark(exported: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A small local Spark session with every exported table registered as a view of its name."""
    if java_major() < 17:
        pytest.skip("needs Java 17 or later (apt-get install openjdk-17-jre-headless)")
    sql = pytest.importorskip("pyspark.sql")
    scratch = tmp_path_factory.mktemp("spark")
    session = (sql.SparkSession.builder.master("local[2]").appName("gepm-test")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2").config("spark.default.parallelism", "2")
               .config("spark.driver.memory", "1g").config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.local.dir", str(scratch)).config("spark.sql.warehouse.dir", str(scratch / "wh"))
               # period codes stay strings even when one looks like a number (e.g. "2025")
               .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
               # tiny data: compiling generated code costs more than it saves
               .config("spark.sql.codegen.wholeStage", "false").config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
               .config("spark.sql.adaptive.enabled", "false")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    for table in TABLES:
        session.read.parquet(str(exported[1] / table)).createOrReplaceTempView(table)
    yield session
    session.stop()


@pytest.mark.spark
def test_spark_gives_the_warehouse_views(spark: Any, exported: tuple[Path, Path]) -> None:
    # One test for every query and moment: under pytest-xdist a second test could start a second JVM.
    for name in PORTABLE_QUERIES:
        text = portable_sql(name, "spark")
        for as_of in AS_OF:
            frame = spark.sql(text, args={"as_of": as_of})
            columns, expected = view_rows(exported[0], name, as_of)
            assert frame.columns == columns, name
            assert normal([tuple(row) for row in frame.collect()]) == normal(expected), (name, as_of)


def test_manifest_is_json_written_last(exported: tuple[Path, Path]) -> None:
    out = exported[1]
    newest_data = max(p.stat().st_mtime_ns for p in out.rglob("*.parquet"))
    assert (out / MANIFEST).stat().st_mtime_ns >= newest_data
    assert json.loads((out / MANIFEST).read_text("utf-8"))["layout"] == "hive"
