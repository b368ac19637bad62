"""Edges of the command-line and warehouse contract met by people and scripts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from etl.validate.cells import parse_count
from plan.model import Plan
from testkit import cli
from testkit.workbooks import filled, save


def _etl(*args: str) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args)


def test_json_summary_even_when_nothing_is_loaded(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    missing = _etl("load", str(tmp_path / "nope"), "--db", db, "--json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["counts"] == {"loaded": 0, "new_version": 0, "duplicate": 0, "rejected": 0}
    (tmp_path / "empty").mkdir()
    empty = _etl("load", str(tmp_path / "empty"), "--db", db, "--json")
    assert empty.returncode == 0
    assert json.loads(empty.stdout)["files"] == []


def test_the_version_received_last_is_current(tmp_path: Path, govap: Plan) -> None:
    db = str(tmp_path / "w.duckdb")
    later = save(filled(govap, "P03", "2024-Q1", values={"CT1": (50, 40, 20, 1)}), tmp_path / "a" / "later.xlsx")
    earlier = save(filled(govap, "P03", "2024-Q1", values={"CT1": (50, 10, 5, 0)}), tmp_path / "b" / "earlier.xlsx")
    assert _etl("load", str(later), "--db", db, "--received-at", "2024-03-04T10:00:00+07:00").returncode == 0
    assert _etl("load", str(earlier), "--db", db, "--received-at", "2024-03-01T10:00:00+07:00").returncode == 0
    con = duckdb.connect(db, read_only=True)
    versions = con.execute("select file_name, version, is_current from submissions order by version").fetchall()
    shown = con.execute("select numerator, file_name from v_target_progress_unit where unit_code = 'P03' "
                        "and period_code = '2024-Q1' and indicator_code = 'CT1'").fetchone()
    first = con.execute("select first_received_at from v_reporting_status where unit_code = 'P03' "
                        "and period_code = '2024-Q1'").fetchone()
    con.close()
    assert versions == [("later.xlsx", 1, True), ("earlier.xlsx", 2, False)]
    assert shown == (40, "later.xlsx")
    assert first is not None and first[0].isoformat().startswith("2024-03-01T03:00:00")


def test_other_minus_signs_are_negative() -> None:
    assert [parse_count(v) for v in ("−3", "–3", "(3)", "3")] == [-3, -3, -3, 3]


def test_module_runs_from_any_folder(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "etl", "template", "--unit", "CA", "--period", "2024-Q3", "-o",
                           "ca.xlsx", "--db", str(tmp_path / "none.duckdb")], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "ca.xlsx").stat().st_size > 0
