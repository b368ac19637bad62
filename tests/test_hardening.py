"""Hardening: private files, complete restore manifests, no future receipt dates, clean stored names,
a server on 127.0.0.1 that shows users no traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from etl.load.files import load_files
from etl.load.prepare import Item
from plan.load import load_plans
from plan.model import Plan
from plan.settings import ROOT
from testkit import cli
from testkit.served import copy_db
from testkit.workbooks import write_filled
from warehouse.backup import TABLES, BackupError, backup, restore
from warehouse.db import open_for_writing
from warehouse.names import clean_name
from warehouse.review import return_submission

AT = datetime(2024, 3, 1, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
BIDI = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200E, 0xFEFF, 0x07, 0x1B]))


def etl(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, input=stdin)


def etl_here(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The command run in this process (testkit.cli)."""
    return cli.etl(*args, input=stdin)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_what_the_product_writes_is_its_owners_only(tmp_path: Path, demo_db: Path, plans_dir: Path) -> None:
    """A real process with the usual umask (022) makes a private warehouse and folder; the other commands run in
    this process under that umask too, so a command that forgot to keep its files private would be seen."""
    before = os.umask(0o022)
    try:
        db = tmp_path / "new" / "w.duckdb"
        assert etl("upgrade", "--db", db, "--plans", plans_dir).returncode == 0
        assert (mode(db), mode(db.parent)) == (0o600, 0o700)
        source = copy_db(demo_db, tmp_path / "demo.duckdb")
        source.chmod(0o644)  # a warehouse written before files were kept private
        assert etl_here("backup", tmp_path / "backup", "--db", source).returncode == 0
        assert mode(tmp_path / "backup") == 0o700
        assert {mode(p) for p in (tmp_path / "backup").iterdir()} == {0o600}
        done = etl_here("restore", tmp_path / "backup", "--db", source)
        assert done.returncode == 0, done.stderr
        kept = next(tmp_path.glob("demo.duckdb.before-restore-*"))
        assert (mode(source), mode(kept)) == (0o600, 0o600)
        out = tmp_path / "status.csv"
        assert etl_here("export", "v_reporting_status", "-o", out, "--db", source).returncode == 0
        assert mode(out) == 0o600
        users = tmp_path / "users.yaml"
        assert etl_here("user", "add", "mai", "--role", "viewer", "--users", users, "--password-stdin",
                        stdin="mot-mat-khau-dai\n").returncode == 0
        assert mode(users) == 0o600
        assert os.umask(0o022) == 0o022  # and the commands put this process's umask back
    finally:
        os.umask(before)


@pytest.mark.parametrize("drop", [["submissions", "indicator_values"], list(TABLES)])
def test_restore_requires_every_table_in_the_manifest(tmp_path: Path, demo_db: Path, drop: list[str]) -> None:
    db = copy_db(demo_db, tmp_path / "w.duckdb")
    folder = tmp_path / "backup"
    backup(db, folder)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    manifest["tables"] = {t: m for t, m in manifest["tables"].items() if t not in drop}  # all: {"tables": {}}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    before = db.stat().st_mtime_ns
    with pytest.raises(BackupError, match="lacks tables: " + drop[0]):
        restore(folder, db)
    done = etl_here("restore", folder, "--db", db)
    assert done.returncode == 1 and "lacks tables" in done.stderr and "Traceback" not in done.stderr
    assert db.stat().st_mtime_ns == before and not list(tmp_path.glob("w.duckdb.before-restore-*"))


def test_the_command_line_refuses_a_future_receipt_date(tmp_path: Path, govap: Plan, plans_dir: Path) -> None:
    path = write_filled(govap, "P01", "2024-Q1", tmp_path / "in" / "p01.xlsx")
    db = tmp_path / "w.duckdb"
    done = etl_here("load", path, "--received-at", "2099-03-04T09:00:00+07:00", "--db", db, "--plans", plans_dir)
    assert done.returncode == 2 and "in the future" in done.stderr and "ở tương lai" in done.stderr
    assert not db.exists()


def test_control_and_bidi_characters_never_reach_the_warehouse(tmp_path: Path, govap: Plan, plans_dir: Path) -> None:
    plans, db = load_plans(plans_dir), tmp_path / "w.duckdb"
    path = write_filled(govap, "P01", "2024-Q1", tmp_path / "p01.xlsx")
    hostile = f"bao_cao{BIDI}xslx.exe\u202e.xlsx"
    result = load_files(db, plans, [Item(path, AT, file_name=hostile)], default_plan="govap-2024", source="test",
                        loaded_by=f"Mai{BIDI}")
    assert result.files[0].outcome == "loaded" and result.files[0].file_name == "bao_caoxslx.exe.xlsx"
    con = open_for_writing(db, plans)
    try:
        return_submission(con, result.files[0].submission_id or 0, f"Sai số\u202e liệu{BIDI}\nxem lại", f"Lan{BIDI}")
        stored = [con.execute(q).fetchall() for q in (
            "select file_name from submissions union all select file_name from load_files",
            "select loaded_by from loads",
            "select acted_by || '|' || coalesce(reason, '') from audit_log where action = 'return'")]
    finally:
        con.close()
    assert stored == [[("bao_caoxslx.exe.xlsx",)] * 2, [("Mai",)], [("Lan|Sai số liệu\nxem lại",)]]
    assert clean_name(f" {BIDI}Phường 1 ") == "Phường 1"


def test_the_server_listens_locally_and_shows_no_traceback() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert "--server.address $(ADDRESS)" in (ROOT / "Makefile").read_text("utf-8")


def test_a_warehouse_file_is_private_even_when_the_app_creates_it(tmp_path: Path, plans_dir: Path) -> None:
    db = tmp_path / "app" / "w.duckdb"
    open_for_writing(db, load_plans(plans_dir)).close()
    assert (mode(db), mode(db.parent)) == (0o600, 0o700)
    assert not [p for p in db.parent.iterdir() if mode(p) & 0o077]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from loads").fetchone() == (0,)
