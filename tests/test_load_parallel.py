"""A large batch through the command line (two fenced workers) lands exactly like an in-process load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from demo.generate import write_demo
from etl.load.prepare import Item
from etl.load.write import load_items
from plan.model import Plan
from plan.settings import ROOT
from warehouse.db import open_for_writing

SNAPSHOT = """
select s.unit_code, s.period_code, s.version, s.is_current, s.file_name,
       (select count(*) from indicator_values v where v.submission_id = s.submission_id),
       (select coalesce(sum(numerator), 0) from indicator_values v where v.submission_id = s.submission_id),
       (select count(*) from activities a where a.submission_id = s.submission_id)
from submissions s order by all
"""


def _snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(SNAPSHOT).fetchall()
        rejected = con.execute("select file_name, code from problems join load_files using (load_id, file_no) "
                               "order by all").fetchall()
        return rows, rejected
    finally:
        con.close()


@pytest.mark.slow  # left out of make test-fast; make test runs it
def test_cli_batch_on_two_cores_equals_serial_load(tmp_path: Path, govap: Plan) -> None:
    files = write_demo(govap, tmp_path / "demo")
    assert len(files) >= 64  # enough for both workers to take turns many times
    serial_db, cli_db = tmp_path / "serial.duckdb", tmp_path / "cli.duckdb"
    received = "2024-12-01T09:00:00+07:00"
    from datetime import datetime

    at = datetime.fromisoformat(received)
    con = open_for_writing(serial_db, {govap.plan_id: govap})
    load_items(con, {govap.plan_id: govap}, [Item(f.path, at) for f in sorted(files, key=lambda f: str(f.path))],
               default_plan=govap.plan_id, source="test")
    con.close()
    proc = subprocess.run([sys.executable, "-m", "etl", "load", str(tmp_path / "demo"), "--db", str(cli_db),
                           "--received-at", received], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the demo holds one faulty file, rejected on purpose
    serial, cli = _snapshot(serial_db), _snapshot(cli_db)
    assert len(serial[0]) == len(files) - 1
    assert cli == serial
