"""One writer: simultaneous uploads both land, loads and restores exclude each other across processes,
a killed loader's record is closed, and a load stopped part-way names the files it committed."""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest

import etl.load.files
import etl.load.write
import queries
from cli.main import main
from etl.load.files import load_files
from etl.load.prepare import Item
from etl.load.write import LoadResult, LoadStopped
from plan.load import load_plans
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import write_filled
from warehouse.backup import backup
from warehouse.db import open_for_writing, reading
from warehouse.lock import WriterBusy

AT = datetime(2024, 3, 1, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
# A loader in its own process that stops after each committed chunk until told to go on (a line on stdin).
PAUSED_LOADER = """
import sys
from pathlib import Path
import etl.load.write
from etl.load.files import load_files
from etl.load.prepare import Item
from plan.load import load_plans
etl.load.write.CHUNK_FILES = 1
db, plans, *files = sys.argv[1:]
def pause(done, total):
    print("committed", done, flush=True)
    sys.stdin.readline()
load_files(Path(db), load_plans(Path(plans)), [Item(Path(f), None) for f in files], default_plan="govap-2024",
           source="test", progress=pause)
print("finished", flush=True)
"""
# Holds the warehouse as a restore does, in its own process, until told to let go.
RESTORING = """
import sys
from pathlib import Path
from warehouse.lock import hold
with hold(Path(sys.argv[1]), "restore", 0, exclusive=True):
    print("holding", flush=True)
    sys.stdin.readline()
"""


def workbooks(plan: Plan, folder: Path, units: list[str], period: str = "2024-Q1") -> list[Path]:
    return [write_filled(plan, u, period, folder / f"{period}_{u}.xlsx") for u in units]


def rows(db: Path, name: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(name).fetchall()
    finally:
        con.close()


@contextmanager
def python(code: str, *args: object) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)


def etl_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_two_uploads_at_the_same_moment_both_land(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch, fresh_warehouse_file: Path) -> None:
    """Two sessions of the app are two threads of one process calling load_files on one file. Each
    waits, inside its write, for the other to get there too (or gives up after a while): with no
    single writer both write at once and took the same load number."""
    plans, db = load_plans(plans_dir), tmp_path / "w.duckdb"
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    units = [u.code for u in govap.expected_units("2024-Q1")]
    batches = {"a": workbooks(govap, tmp_path / "a", units[:8]), "b": workbooks(govap, tmp_path / "b", units[8:16])}
    arrived = {name: threading.Event() for name in batches}
    staged = etl.load.write.stage

    def meet(*args: Any) -> Any:
        me = threading.current_thread().name
        arrived[me].set()
        arrived["b" if me == "a" else "a"].wait(5)
        return staged(*args)

    monkeypatch.setattr(etl.load.write, "stage", meet)
    results: dict[str, LoadResult | BaseException] = {}

    def upload(name: str) -> None:
        try:
            results[name] = load_files(db, plans, [Item(p, AT) for p in batches[name]], default_plan="govap-2024",
                                       source="upload", loaded_by=name)
        except BaseException as exc:  # the test reports it below
            results[name] = exc

    threads = [threading.Thread(target=upload, args=(n,), name=n) for n in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, LoadResult) for r in results.values()), results
    done = [r for r in results.values() if isinstance(r, LoadResult)]
    assert sorted(r.load_id for r in done) == [1, 2]
    assert {f.outcome for r in done for f in r.files} == {"loaded"}
    assert rows(db, "select count(*), count(distinct load_id) from submissions") == [(16, 2)]
    assert rows(db, "select count(*) from loads where finished_at is null") == [(0,)]


def test_restore_refuses_while_a_load_of_another_process_runs(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                              fresh_warehouse_file: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    backup(db, tmp_path / "backup")  # an empty warehouse: restoring it would discard the load
    files = workbooks(govap, tmp_path / "in", ["P01", "P03"])
    with python(PAUSED_LOADER, db, plans_dir, *files) as loader:
        assert loader.stdout is not None and loader.stdin is not None
        assert loader.stdout.readline().strip() == "committed 1"
        refused = etl_cli("restore", tmp_path / "backup", "--db", db)
        assert refused.returncode == 1
        assert "a load is running" in refused.stderr and "đang nạp báo cáo" in refused.stderr
        assert "Traceback" not in refused.stderr
        for _ in files:
            loader.stdin.write("\n")
            loader.stdin.flush()
        assert loader.stdout.read().split()[-1] == "finished", loader.stderr
    assert not list(tmp_path.glob("w.duckdb.before-restore-*"))
    assert rows(db, "select count(*) from submissions") == [(2,)]  # the load was kept, not discarded


def test_a_load_refuses_while_another_process_restores(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       fresh_warehouse_file: Path) -> None:
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    files = workbooks(govap, tmp_path / "in", ["P01"])
    monkeypatch.setattr(etl.load.files, "LOCK_WAIT_S", 0.5)  # the bounded wait, shortened
    with python(RESTORING, db) as restoring:
        assert restoring.stdout is not None
        assert restoring.stdout.readline().strip() == "holding"
        with pytest.raises(WriterBusy) as busy:
            load_files(db, plans, [Item(p, AT) for p in files], default_plan="govap-2024", source="test")
    assert "a restore is running" in str(busy.value) and "đang khôi phục" in busy.value.message("vi")
    assert rows(db, "select count(*) from loads") == [(0,)]


def test_a_killed_loaders_record_is_closed_as_interrupted(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                          fresh_warehouse_file: Path) -> None:
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    files = workbooks(govap, tmp_path / "in", ["P01", "P03", "P04"])
    with python(PAUSED_LOADER, db, plans_dir, *files) as loader:
        assert loader.stdout is not None
        assert loader.stdout.readline().strip() == "committed 1"
        loader.send_signal(signal.SIGKILL)
        loader.wait(timeout=60)
    assert rows(db, "select count(*) from loads where finished_at is null") == [(1,)]
    open_for_writing(db, plans).close()  # the next start
    assert rows(db, "select n_files, finished_at is not null from loads") == [(1, True)]
    assert rows(db, "select action, load_id, reason from audit_log") == [("load", 1, "interrupted")]


def _disk_full_on_second_chunk(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setattr(etl.load.write, "CHUNK_FILES", 2)
    real, calls = queries.run, {"n": 0}

    def run(con: duckdb.DuckDBPyConnection, name: str, params: queries.Params = None) -> None:
        if name == "write/insert_batch":
            calls["n"] += 1
            if calls["n"] == 2:
                raise duckdb.IOException("Could not write file: No space left on device")
        real(con, name, params)

    monkeypatch.setattr(etl.load.write.queries, "run", run)
    return calls


def test_a_load_stopped_part_way_names_the_files_committed(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           fresh_warehouse_file: Path) -> None:
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    files = workbooks(govap, tmp_path / "in", ["P01", "P03", "P04", "P05"])
    calls = _disk_full_on_second_chunk(monkeypatch)
    with pytest.raises(LoadStopped) as stopped:
        load_files(db, plans, [Item(p, AT) for p in files], default_plan="govap-2024", source="test")
    assert stopped.value.committed == ["2024-Q1_P01.xlsx", "2024-Q1_P03.xlsx"] and stopped.value.load_id == 1
    assert rows(db, "select file_name from submissions order by 1") == [("2024-Q1_P01.xlsx",), ("2024-Q1_P03.xlsx",)]
    err, calls["n"] = io.StringIO(), 0
    with redirect_stderr(err), pytest.raises(SystemExit):
        main(["load", str(tmp_path / "in"), "--db", str(db), "--plans", str(plans_dir)])
    text = err.getvalue()  # the rerun finds P01 and P03 there already, then the disk is full again
    assert "Nothing was written" not in text and "files were committed before the failure" in text, text


def _load_in_thread(db: Path, plans: dict[str, Plan], files: list[Path],
                    progress: Any = None) -> tuple[threading.Thread, dict[str, LoadResult | BaseException]]:
    result: dict[str, LoadResult | BaseException] = {}

    def run() -> None:
        try:
            result["load"] = load_files(db, plans, [Item(p, AT) for p in files], default_plan="govap-2024",
                                        source="upload", progress=progress)
        except BaseException as exc:  # the test reports it
            result["load"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_a_page_reads_while_an_upload_of_its_own_process_writes(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                fresh_warehouse_file: Path) -> None:
    """The upload page writes from the server's process: DuckDB refused a read-only connection there while the
    write one was open ("different configuration"), so every page failed for every reader during an upload."""
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    monkeypatch.setattr(etl.load.write, "CHUNK_FILES", 1)
    committed, go_on = threading.Event(), threading.Event()

    def pause(done: int, total: int) -> None:
        committed.set()
        go_on.wait(30)

    thread, result = _load_in_thread(db, plans, workbooks(govap, tmp_path / "in", ["P01", "P03"]), pause)
    assert committed.wait(60)
    try:
        with reading(db, wait_s=2) as page:
            assert page.execute("select file_name from submissions").fetchall() == [("2024-Q1_P01.xlsx",)]
    finally:
        go_on.set()
        thread.join(60)
    assert isinstance(result["load"], LoadResult), result
    assert rows(db, "select count(*) from submissions") == [(2,)]
    duckdb.connect(str(db), read_only=True).close()  # nothing of the upload's is left open in this process


def test_an_upload_waits_for_page_reads_of_its_own_process_then_lands(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                                      fresh_warehouse_file: Path) -> None:
    """The other way round: an upload started while a page reads waited for nothing and failed outright; a page
    read that comes while it waits reads through the upload's connection once it is open."""
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    later: list[object] = []

    def read_later() -> None:
        with reading(db, wait_s=30) as page:
            later.append(page.execute("select count(*) from units").fetchall())

    with reading(db) as first:
        units = first.execute("select count(*) from units").fetchall()
        thread, result = _load_in_thread(db, plans, workbooks(govap, tmp_path / "in", ["P01"]))
        thread.join(0.5)
        second = threading.Thread(target=read_later)
        second.start()
        second.join(0.5)
        assert thread.is_alive() and second.is_alive()  # the upload waits for this read; the next read for it
    thread.join(60)
    second.join(60)
    assert isinstance(result["load"], LoadResult) and result["load"].files[0].outcome == "loaded", result
    assert later == [units]


def test_a_steady_stream_of_page_reads_does_not_keep_an_upload_out(tmp_path: Path, govap: Plan, plans_dir: Path,
                                                                   fresh_warehouse_file: Path) -> None:
    """Overlapping reads kept the process's read-only instance open for ever, and the upload was refused."""
    db, plans = tmp_path / "w.duckdb", load_plans(plans_dir)
    shutil.copyfile(fresh_warehouse_file, db)  # an empty warehouse, both plans
    done, reads, failures = threading.Event(), [0], list[BaseException]()

    def page() -> None:
        while not done.is_set():
            try:
                with reading(db, wait_s=30) as con:
                    con.execute("select count(*) from units, range(2000)").fetchall()
                    reads[0] += 1
            except BaseException as exc:  # the test reports it
                failures.append(exc)

    readers = [threading.Thread(target=page) for _ in range(4)]
    for reader in readers:
        reader.start()
    time.sleep(0.5)
    thread, result = _load_in_thread(db, plans, workbooks(govap, tmp_path / "in", ["P01", "P03"]))
    thread.join(120)
    done.set()
    for reader in readers:
        reader.join(60)
    assert isinstance(result["load"], LoadResult), result
    assert {f.outcome for f in result["load"].files} == {"loaded"}
    assert not failures and reads[0] > 4
