"""A finished load ends at once (etl.__main__.leave): every line of its output is out first, and its exit code
is the command's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import filled

LEAVE = "import sys; from etl.__main__ import leave\n"
# Output to a pipe is buffered, as where the command line's output is read by a program (unless Python is told not to)
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def test_output_left_in_the_buffers_is_written_before_the_process_ends() -> None:
    code = LEAVE + "sys.stdout.write('x' * 200_000); sys.stderr.write('é' * 50_000); leave(3)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60,
                          env=BUFFERED)
    assert done.returncode == 3
    assert done.stdout == b"x" * 200_000
    assert done.stderr.decode("utf-8") == "é" * 50_000


def test_output_that_cannot_be_written_leaves_the_exit_to_python_as_before() -> None:
    code = LEAVE + "sys.stdout.write('x' * 100); leave(0); sys.stderr.write('after'); sys.exit(4)"
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the flush fails with a broken pipe
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=writer, stderr=subprocess.PIPE,
                              timeout=60, env=BUFFERED)
    finally:
        os.close(writer)
    assert b"after" in done.stderr and b"BrokenPipeError" in done.stderr, done.stderr
    assert done.returncode == 120, done.returncode  # Python's own code for output it could not flush at exit


def test_a_command_started_without_stdout_or_stderr_ends_with_its_own_code() -> None:
    for closed in (1, 2):
        done = subprocess.run([sys.executable, "-c", LEAVE + "print('x'); leave(3)"], cwd=ROOT,
                              capture_output=True, timeout=60, env=BUFFERED, preexec_fn=lambda fd=closed: os.close(fd))
        assert done.returncode == 3, (closed, done.stderr)


def test_a_warehouse_connection_draws_no_progress_bar(tmp_path: Path) -> None:
    """DuckDB draws it on stdout for a statement past 2 s: it would land inside a command's --json output."""
    from warehouse.db import connect

    con = connect(tmp_path / "w.duckdb")
    try:
        assert con.execute("select current_setting('enable_progress_bar')").fetchone() == (False,)
    finally:
        con.close()


def test_a_load_s_whole_json_summary_and_every_stderr_line_reach_a_pipe(tmp_path: Path, govap: Plan) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    units = [u.code for u in govap.units][:12]
    for unit in units:
        filled(govap, unit, "2024-Q1").save(inbox / f"{unit}.xlsx")
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(inbox), "--db", str(tmp_path / "w.duckdb"),
                           "--plans", str(ROOT / "data" / "plans"), "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env=BUFFERED)
    summary = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert summary["counts"]["loaded"] == len(units) and len(summary["files"]) == len(units)
    assert done.stderr.rstrip().splitlines()[-1].endswith(f"{len(units)} files: {len(units)} loaded, 0 new versions, "
                                                          "0 duplicates, 0 rejected."), done.stderr
