"""Hostile workbooks in one batch with good ones: the loading process survives, each bad file gets its own
rejection, the good files land and the load record is finished."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import soffice

from etl.load.fence import Limits, Unsafe, fenced
from etl.load.files import load_files
from etl.load.prepare import Item
from plan.model import Plan
from plan.settings import settings
from testkit.hostile import dimension, late_doctype, shared_strings_count, slow_sheet, utf16_doctype, write
from testkit.workbooks import filled, xlsx_bytes


@pytest.fixture
def good(govap: Plan) -> bytes:
    return xlsx_bytes(filled(govap, "P01", "2024-Q1"))


@pytest.fixture
def short_cpu(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One second of CPU per file: the slow file needs several, a good one a few hundredths."""
    monkeypatch.setenv("GEPM_PARSE_CPU_SECONDS", "1")
    settings.cache_clear()
    yield
    settings.cache_clear()


def far_xls(folder: Path) -> Path | None:
    """A 6 kB .xls whose used range reaches IV65536 (the reader lays out all 16.7 million cells at once)."""
    office = soffice()
    if office is None:
        return None
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title, ws["A1"], ws["IV65536"] = "ChiTieu", "x", 1
    wb.save(folder / "far.xlsx")
    subprocess.run([office, "--headless", "--convert-to", "xls", "--outdir", str(folder), str(folder / "far.xlsx")],
                   capture_output=True, timeout=180, check=False)
    return folder / "far.xls" if (folder / "far.xls").exists() else None


def _codes(db: Path) -> tuple[dict[str, list[str]], list[str], bool]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rejected: dict[str, list[str]] = {}
        for name, code in con.execute("select f.file_name, p.code from problems p join load_files f "
                                      "using (load_id, file_no) order by all").fetchall():
            rejected.setdefault(name, []).append(code)
        loaded = [r[0] for r in con.execute("select file_name from submissions order by all").fetchall()]
        finished = con.execute("select bool_and(finished_at is not null) from loads").fetchone()
        return rejected, loaded, bool(finished and finished[0])
    finally:
        con.close()


def test_hostile_files_are_each_refused_and_the_batch_goes_on(tmp_path: Path, govap: Plan, good: bytes,
                                                               short_cpu: None) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    other = xlsx_bytes(filled(govap, "P03", "2024-Q1"))
    bad = {
        "sst-4e9.xlsx": (shared_strings_count(good, 4_000_000_000), "shared_strings_count"),
        "sst-2p63.xlsx": (shared_strings_count(good, 2**63 - 1), "shared_strings_count"),
        "late-doctype.xlsx": (late_doctype(good), "xml_entities"),
        "utf16-doctype.xlsx": (utf16_doctype(good), "xml_entities"),
        "slow.xlsx": (slow_sheet(good, tags=5_000_000), "file_unsafe_time"),  # far below the memory limit
    }
    paths = [write(folder / "a-good.xlsx", good)]
    paths += [write(folder / name, data) for name, (data, _) in bad.items()]
    paths += [write(folder / "z-good.xlsx", other)]
    xls = far_xls(tmp_path)
    if xls is not None:
        paths.insert(3, xls)
    db = tmp_path / "w.duckdb"
    result = load_files(db, {govap.plan_id: govap}, [Item(p) for p in paths], default_plan=govap.plan_id,
                        source="test")
    rejected, loaded, finished = _codes(db)
    assert finished
    assert loaded == ["a-good.xlsx", "z-good.xlsx"]
    assert {name: codes for name, codes in rejected.items()} == {
        **{name: [code] for name, (_, code) in bad.items()},
        **({"far.xls": ["file_unsafe_memory"]} if xls is not None else {})}
    assert [f.outcome for f in result.files].count("loaded") == 2


def test_a_declared_dimension_is_not_trusted(tmp_path: Path, govap: Plan, good: bytes) -> None:
    """A used range declared as the whole sheet, cells unchanged: the reader lays out only the cells."""
    path = write(tmp_path / "dim.xlsx", dimension(good, "A1:XFD1048576"))
    result = load_files(tmp_path / "w.duckdb", {govap.plan_id: govap}, [Item(path)], default_plan=govap.plan_id,
                        source="test")
    assert [f.outcome for f in result.files] == ["loaded"]


def test_the_fence_turns_an_abort_and_a_panic_into_reasons(good: bytes) -> None:
    """Past the pre-checks, the reader itself: 96 GB asked for aborts the worker, 2**63-1 panics in it."""
    limits = Limits(1 << 30, 30, 120)
    aborted = fenced(("etl.extract.workbook:_open", (shared_strings_count(good, 4_000_000_000),)), limits)
    panicked = fenced(("etl.extract.workbook:_open", (shared_strings_count(good, 2**63 - 1),)), limits)
    assert aborted == Unsafe("memory", "> 1024 MiB")
    assert isinstance(panicked, Unsafe) and panicked.reason == "crash" and "capacity overflow" in panicked.detail


def test_a_worker_that_dies_is_a_crash() -> None:
    assert fenced(("os:_exit", (3,)), Limits(1 << 30, 30, 120)) == Unsafe("crash", "exit 3")
