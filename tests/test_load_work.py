"""Rows handed to DuckDB as columns land whole; a load does no work it does not need (pandas, a second snapshot
build)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from plan.model import Plan
from testkit.workbooks import write_filled
from warehouse.columns import columns, register

ROOT = Path(__file__).resolve().parents[1]


def test_a_large_number_after_a_thousand_small_ones_lands_whole() -> None:
    """DuckDB samples 1,000 rows to type a column of Python objects; a budget line of billions of dong after
    the sample overflowed the 32-bit type the sample suggested."""
    con = duckdb.connect()
    con.execute("create table t(n int, amount bigint, on_day date, at_ts timestamptz, note varchar, ok boolean)")
    rows: list[dict[str, object]] = [{"n": i, "amount": i % 7 or None, "on_day": date(2024, 1, 1 + i % 28),
                                      "at_ts": datetime(2024, 1, 1, tzinfo=UTC), "note": None, "ok": i % 2 == 0}
                                     for i in range(5000)]
    rows.insert(2503, {"n": 5000, "amount": 40_417_000_000, "note": "0123", "ok": None})  # missing key: NULL
    register(con, {"staged": columns(rows, ["n", "amount", "on_day", "at_ts", "note", "ok"])})
    con.execute("insert into t by name select * from staged")
    assert con.execute("select count(*), max(amount), count(on_day), count(note), count(ok) from t").fetchone() \
        == (5001, 40_417_000_000, 5000, 1, 5000)
    assert con.execute("select note, on_day from t where n = 5000").fetchone() == ("0123", None)


def test_no_rows_insert_nothing() -> None:
    con = duckdb.connect()
    con.execute("create table t(n int, on_day date)")
    register(con, {"staged": columns([], ["n", "on_day"])})
    con.execute("insert into t by name select * from staged")
    assert con.execute("select count(*) from t").fetchone() == (0,)


def test_a_load_never_imports_pandas_nor_pyarrow(tmp_path: Path, govap: Plan) -> None:
    """pyarrow imported pandas (0.9 s) on its first conversion of Python rows; a load needs neither (importing
    pyarrow alone took the command ~0.2 s of CPU, for column names)."""
    write_filled(govap, "P01", "2024-Q1", tmp_path / "in" / "p01.xlsx")
    code = ("import sys; from pathlib import Path; from plan.load import load_plans; "
            "from etl.load.files import load_files; from etl.load.prepare import Item; "
            f"plans = load_plans(Path({str(ROOT / 'data' / 'plans')!r})); "
            f"r = load_files(Path({str(tmp_path / 'w.duckdb')!r}), plans, "
            f"[Item(Path({str(tmp_path / 'in' / 'p01.xlsx')!r}))], default_plan='govap-2024', source='test'); "
            "print(r.count('loaded'), 'pandas' in sys.modules, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False", "False"], out.stderr


def test_a_load_builds_each_stale_snapshot_once_when_it_finishes(tmp_path: Path, all_plans: dict[str, Plan],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a new warehouse leaves every plan year's snapshot stale; the load rebuilds each once, at the end
    (it used to build them on opening too, and again after writing)."""
    import queries
    from etl.load.files import load_files
    from etl.load.prepare import Item
    from warehouse.db import connect
    from warehouse.snapshots import stale

    built: list[object] = []
    run = queries.run

    def counting(con: duckdb.DuckDBPyConnection, name: str, params: queries.Params = None) -> None:
        if name == "write/snapshot_build":
            built.append((params or {})["plan_id"])
        run(con, name, params)

    monkeypatch.setattr(queries, "run", counting)
    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx")
    result = load_files(tmp_path / "w.duckdb", all_plans, [Item(path)], default_plan="govap-2024", source="test")
    assert result.count("loaded") == 1
    assert sorted(map(str, built)) == sorted(all_plans)
    con = connect(tmp_path / "w.duckdb", read_only=True)
    try:
        assert stale(con) == []
        assert con.execute("select count(*) from snapshot_meta").fetchone() == (len(all_plans),)
    finally:
        con.close()


def test_a_load_writes_the_warehouse_file_once_not_at_every_chunk(tmp_path: Path, demo_db: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB judged each chunk's commit large enough to checkpoint the whole warehouse (30-40 ms of CPU a chunk,
    taken from the parse workers): the chunks now stay in the write-ahead log until the warehouse is closed,
    and commits after the load checkpoint at DuckDB's usual size again."""
    import etl.load.write
    from etl.load.prepare import Item
    from plan.load import load_plans
    from warehouse.db import open_for_writing

    files = sorted((demo_db.parent / "demo").rglob("*.xlsx"))
    assert len(files) > 100
    plans = load_plans(ROOT / "data" / "plans")
    db = tmp_path / "w.duckdb"
    con = open_for_writing(db, plans)
    usual = con.execute("select current_setting('checkpoint_threshold')").fetchone()
    logged: list[int] = []

    def after_chunk(done: int, total: int) -> None:
        wal = db.with_name(db.name + ".wal")
        logged.append(wal.stat().st_size if wal.exists() else 0)

    monkeypatch.setattr(etl.load.write, "CHUNK_FILES", 50)
    result = etl.load.write.load_items(con, plans, [Item(f) for f in files], default_plan="govap-2024",
                                       source="test", progress=after_chunk)
    assert len(logged) >= 3 and all(size > 0 for size in logged)  # each chunk committed, none checkpointed
    assert logged == sorted(logged)
    assert con.execute("select current_setting('checkpoint_threshold')").fetchone() == usual
    con.close()
    assert not db.with_name(db.name + ".wal").exists()  # closing wrote it all into the file
    reopened = duckdb.connect(str(db), read_only=True)
    try:
        accepted = len(result.files) - result.count("rejected") - result.count("duplicate")
        assert reopened.execute("select count(*) from submissions").fetchone() == (accepted,)
        assert accepted > 100
    finally:
        reopened.close()


@pytest.mark.parametrize("n", [0, 1, 7, 50, 51, 120, 200, 256, 401, 1056, 3001])
@pytest.mark.parametrize("size", [1, 2, 200])
def test_chunks_keep_every_file_in_order_and_end_small(n: int, size: int) -> None:
    """A chunk is written while the workers prepare the next; the last, written after they are done, is at most a
    quarter of a full chunk (it was the remainder, up to a whole one: 256 files of 1,056 after the workers)."""
    from etl.load.prepare import Item, chunks

    items = [Item(Path(f"{i}.xlsx")) for i in range(n)]
    got = list(chunks(items, size))
    assert [item for chunk in got for item in chunk] == items
    assert all(0 < len(chunk) <= size for chunk in got)
    if n > 2 * size:
        assert len(got[-1]) <= max(2, size // 4)
        assert len(got) <= n // size + 4  # a few more transactions than equal chunks, not many


def test_a_chunk_size_below_one_is_refused_not_looped_on() -> None:
    from etl.load.prepare import Item, chunks

    with pytest.raises(ValueError):
        next(chunks([Item(Path("a.xlsx"))], 0))


def test_rows_given_as_tuples_land_by_column_name() -> None:
    """Staged rows are tuples in the order of their column names; a row of the wrong length is refused, not
    shifted into the wrong columns."""
    from warehouse.columns import transposed

    con = duckdb.connect()
    con.execute("create table t(n int, amount bigint, note varchar, on_day date)")
    rows: list[tuple[object, ...]] = [(1, None, "a", date(2024, 3, 1)), (2, 40_417_000_000, None, None)]
    register(con, {"staged": transposed(rows, ("n", "amount", "note", "on_day"))})
    con.execute("insert into t by name select * from staged")
    assert con.execute("select * from t order by n").fetchall() == [(1, None, "a", date(2024, 3, 1)),
                                                                     (2, 40_417_000_000, None, None)]
    empty = transposed([], ("n", "note"))
    assert list(empty) == ["n", "note"] and all(len(col) == 0 for col in empty.values())
    with pytest.raises(ValueError):
        transposed([(1, "a"), (2,)], ("n", "note"))


def test_a_load_that_cannot_write_the_file_first_checkpoints_as_usual(tmp_path: Path, all_plans: dict[str, Plan],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing what opening the warehouse left in the log can fail (a full disk): the load then neither defers
    nor restores anything, and its own commits report the warehouse's state as before."""
    import queries
    from etl.load.prepare import Item
    from etl.load.write import load_items
    from warehouse.db import open_for_writing

    run = queries.run

    def refusing(con: duckdb.DuckDBPyConnection, name: str, params: queries.Params = None) -> None:
        if name == "write/defer_checkpoints":
            raise duckdb.IOException("No space left on device")
        run(con, name, params)

    path = write_filled(all_plans["govap-2024"], "P01", "2024-Q1", tmp_path / "p01.xlsx")
    con = open_for_writing(tmp_path / "w.duckdb", all_plans)
    usual = con.execute("select current_setting('checkpoint_threshold')").fetchone()
    monkeypatch.setattr(queries, "run", refusing)
    result = load_items(con, all_plans, [Item(path)], default_plan="govap-2024", source="test")
    assert result.count("loaded") == 1
    assert con.execute("select current_setting('checkpoint_threshold')").fetchone() == usual
    assert con.execute("select count(*) from submissions").fetchone() == (1,)
    con.close()
