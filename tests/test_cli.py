"""The command line as people and scripts run it: python -m etl template | load | export."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from conftest import GOVAP_FILE, SMALL_FILE
from openpyxl import load_workbook

from plan.model import Plan
from plan.settings import ROOT
from testkit import cli
from testkit.served import copy_db
from testkit.workbooks import Activity, write_bytes, write_filled

Run = subprocess.CompletedProcess[str]


def etl(*args: str | Path, db: Path, plans: Path) -> Run:
    """The command run in this process (testkit.cli); a few tests below run the real interpreter."""
    return cli.etl(*args, "--db", db, "--plans", plans)


def etl_bytes(*args: str | Path, db: Path, plans: Path) -> subprocess.CompletedProcess[bytes]:
    return cli.etl_bytes(*args, "--db", db, "--plans", plans)


def etl_process(*args: str | Path, db: Path, plans: Path, cwd: Path = ROOT) -> Run:
    """python -m etl as a separate process: its exit status is the real one."""
    cmd = [sys.executable, "-m", "etl", *map(str, args), "--db", str(db), "--plans", str(plans)]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_template_one_unit(tmp_path: Path, plans_dir: Path, db_path: Path) -> None:
    out = tmp_path / "out" / "P01.xlsx"
    done = etl("template", "--unit", "P01", "--period", "2024-Q1", "-o", out, db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    wb = load_workbook(out)
    assert (wb["ThongTin"]["B5"].value, wb["ThongTin"]["B7"].value) == ("P01", "2024-Q1")
    assert "Wrote 1 templates to" in done.stderr
    assert not db_path.exists()  # writing a template never creates a warehouse


def test_template_all_units(tmp_path: Path, plans_dir: Path, db_path: Path) -> None:
    folder = tmp_path / "templates"
    done = etl("template", "--all", folder, "--period", "2024-Q1", db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 30
    assert names[:3] == ["2024-Q1_CA.xlsx", "2024-Q1_DTN.xlsx", "2024-Q1_GDDT.xlsx"]
    assert "2024-Q1_P17.xlsx" in names
    assert load_workbook(folder / "2024-Q1_NV.xlsx")["ChiTieu"]["A6"].value == "GS1"


def test_template_all_periods_of_small_plan(tmp_path: Path, plans_dir: Path, db_path: Path) -> None:
    folder = tmp_path / "rs"
    done = etl("template", "--all", folder, "--plan", "riverside-2025", db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    # XB existed only until 30/06/2025: no template for the third round; RS reports nothing.
    assert sorted(p.name for p in folder.iterdir()) == [
        "2025-T1_XA.xlsx", "2025-T1_XB.xlsx", "2025-T1_YT.xlsx", "2025-T2_XA.xlsx", "2025-T2_XB.xlsx",
        "2025-T2_YT.xlsx", "2025-T3_XA.xlsx", "2025-T3_YT.xlsx"]


@pytest.mark.parametrize("args", [["--unit", "P01"], ["--unit", "P02", "--period", "2024-Q1"]])
def test_template_usage_errors(tmp_path: Path, plans_dir: Path, db_path: Path, args: list[str]) -> None:
    done = etl("template", *args, "-o", tmp_path / "x.xlsx", db=db_path, plans=plans_dir)
    assert done.returncode == 2
    assert not (tmp_path / "x.xlsx").exists()


def write_inbox(folder: Path, govap: Plan) -> Path:
    """A folder with two good reports (one in a sub-folder) and a lock file that is not a report."""
    write_filled(govap, "P01", "2024-Q1", folder / "p01.xlsx")
    write_filled(govap, "CA", "2024-Q1", folder / "sub" / "ca.xlsx")
    write_bytes(folder / "~$p01.xlsx", b"lock")
    return folder


@pytest.fixture
def inbox(tmp_path: Path, govap: Plan) -> Path:
    return write_inbox(tmp_path / "inbox", govap)


def test_load_all_accepted_exit_0(inbox: Path, plans_dir: Path, db_path: Path) -> None:
    done = etl("load", inbox, "--received-at", "2024-03-04T09:00:00+07:00", db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    assert "2 files: 2 loaded, 0 new versions, 0 duplicates, 0 rejected." in done.stderr
    assert query(db_path, "select unit_code, status from v_reporting_status where period_code = '2024-Q1' "
                          "and status = 'on_time' order by unit_code") == [("CA", "on_time"), ("P01", "on_time")]


def test_load_any_rejected_exit_1(tmp_path: Path, inbox: Path, plans_dir: Path, db_path: Path,
                                  all_plans: dict[str, Plan]) -> None:
    write_filled(all_plans["govap-2024"], "P03", "2024-Q1", inbox / "p03.xlsx", activities=[Activity(men=13)])
    done = etl_process("load", inbox, db=db_path, plans=plans_dir)
    assert done.returncode == 1
    assert "3 files: 2 loaded, 0 new versions, 0 duplicates, 1 rejected." in done.stderr
    assert "[HoatDong, F5] Nam (13) + Nữ (18) = 31" in done.stderr
    assert query(db_path, "select count(*) from submissions") == [(2,)]


def test_load_json_summary(tmp_path: Path, inbox: Path, plans_dir: Path, db_path: Path,
                           all_plans: dict[str, Plan]) -> None:
    bad = write_filled(all_plans["govap-2024"], "P03", "2024-Q1", tmp_path / "p03.xlsx",
                       values={"CT1": (10, 12, 5, 0)})
    done = etl("load", inbox / "p01.xlsx", bad, "--json", db=db_path, plans=plans_dir)
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["exit_code"] == 1
    assert summary["counts"] == {"loaded": 1, "new_version": 0, "duplicate": 0, "rejected": 1}
    files = {Path(f["file"]).name: f for f in summary["files"]}
    assert (files["p01.xlsx"]["outcome"], files["p01.xlsx"]["unit_code"], files["p01.xlsx"]["version"]) == \
        ("loaded", "P01", 1)
    assert files["p01.xlsx"]["problems"] == []
    assert files["p03.xlsx"]["outcome"] == "rejected"
    assert files["p03.xlsx"]["problems"] == [{
        "sheet": "ChiTieu", "row": 5, "column": "D", "code": "numerator_gt_denominator",
        "message_vi": "Số đạt (12) lớn hơn tổng số đối tượng (10).",
        "message_en": "Achieved (12) is greater than the total (10).",
        "fix_vi": "Số đạt không được lớn hơn tổng số; kiểm tra lại hai cột.",
        "fix_en": "Achieved cannot exceed the total; check both columns."}]


def test_load_again_is_duplicate(inbox: Path, plans_dir: Path, db_path: Path) -> None:
    assert etl("load", inbox, db=db_path, plans=plans_dir).returncode == 0
    again = etl("load", inbox, "--json", db=db_path, plans=plans_dir)
    assert again.returncode == 0
    assert json.loads(again.stdout)["counts"] == {"loaded": 0, "new_version": 0, "duplicate": 2, "rejected": 0}


@pytest.mark.parametrize(("moment", "status"), [("2024-03-05T16:59:59Z", "on_time"), ("2024-03-05T17:00:00Z", "late")])
def test_received_at_in_utc(inbox: Path, plans_dir: Path, db_path: Path, moment: str, status: str) -> None:
    done = etl("load", inbox / "p01.xlsx", "--received-at", moment, db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    stored = query(db_path, "select received_at from submissions")[0][0]
    assert isinstance(stored, datetime)
    assert stored.astimezone(UTC) == datetime.fromisoformat(moment)
    assert query(db_path, "select status from v_reporting_status where unit_code = 'P01' "
                          "and period_code = '2024-Q1'") == [(status,)]


def test_received_at_without_zone_is_vietnam_time(inbox: Path, plans_dir: Path, db_path: Path) -> None:
    assert etl("load", inbox / "p01.xlsx", "--received-at", "2024-03-05T23:30", db=db_path,
               plans=plans_dir).returncode == 0
    stored = query(db_path, "select received_at from submissions")[0][0]
    assert isinstance(stored, datetime)
    assert stored.astimezone(UTC) == datetime(2024, 3, 5, 16, 30, tzinfo=UTC)


@pytest.mark.parametrize("args", [
    ["load", "does-not-exist.xlsx"],
    ["load", "INBOX", "--received-at", "hôm qua"],
    ["load", "INBOX", "--received-at", "2024-13-01"],
    ["load"],
    ["frobnicate"],
])
def test_load_usage_errors_exit_2(inbox: Path, plans_dir: Path, db_path: Path, args: list[str]) -> None:
    done = etl(*[str(inbox) if a == "INBOX" else a for a in args], db=db_path, plans=plans_dir)
    assert done.returncode == 2
    assert not db_path.exists() or query(db_path, "select count(*) from submissions") == [(0,)]


def test_missing_path_message(tmp_path: Path, plans_dir: Path, db_path: Path) -> None:
    done = etl("load", tmp_path / "nowhere.xlsx", db=db_path, plans=plans_dir)
    assert done.returncode == 2
    assert f"Not found: {tmp_path / 'nowhere.xlsx'}" in done.stderr


def test_bad_received_at_message(inbox: Path, plans_dir: Path, db_path: Path) -> None:
    done = etl("load", inbox, "--received-at", "05/03/2024", db=db_path, plans=plans_dir)
    assert done.returncode == 2
    assert "Invalid receipt time: '05/03/2024'" in done.stderr


@pytest.fixture(scope="module")
def loaded_once(tmp_path_factory: pytest.TempPathFactory, govap: Plan) -> Path:
    """The inbox loaded by the command line once for the module's export tests; each test gets a copy."""
    tmp = tmp_path_factory.mktemp("loaded")
    plans = tmp / "plans"
    plans.mkdir()
    for plan_file in (GOVAP_FILE, SMALL_FILE):
        shutil.copy(plan_file, plans)
    done = etl("load", write_inbox(tmp / "inbox", govap), "--received-at", "2024-03-04T09:00:00+07:00",
               db=tmp / "w.duckdb", plans=plans)
    assert done.returncode == 0, done.stderr
    return tmp / "w.duckdb"


@pytest.fixture
def loaded_db(loaded_once: Path, db_path: Path) -> Path:
    return copy_db(loaded_once, db_path)


def test_export_csv_has_bom(loaded_db: Path, plans_dir: Path) -> None:
    done = etl_bytes("export", "v_target_progress_unit", "--format", "csv", "--period", "2024-Q1", db=loaded_db,
                     plans=plans_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    text = done.stdout.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[:5] == ["plan_id", "period_code", "indicator_code", "unit_code", "unit_type"]
    lines = text.splitlines()[1:]
    assert len(lines) == 30 + 17 + 16 + 17 + 17 + 1 + 1  # every assignment of 2024-Q1
    assert any(line.startswith("govap-2024,2024-Q1,CT5,CA,department,30,40,") for line in lines)


def test_export_xlsx_opens(tmp_path: Path, loaded_db: Path, plans_dir: Path) -> None:
    out = tmp_path / "status.xlsx"
    done = etl("export", "v_reporting_status", "--format", "xlsx", "-o", out, db=loaded_db, plans=plans_dir)
    assert done.returncode == 0, done.stderr
    ws = load_workbook(io.BytesIO(out.read_bytes())).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header[:3] == ["plan_id", "period_code", "unit_code"]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    p01 = next(r for r in rows if (r["period_code"], r["unit_code"]) == ("2024-Q1", "P01"))
    assert p01["status"] == "on_time"
    assert len([r for r in rows if r["plan_id"] == "govap-2024"]) == 4 * 30


def test_export_unknown_view_exit_2(loaded_db: Path, plans_dir: Path) -> None:
    done = etl("export", "submissions", db=loaded_db, plans=plans_dir)
    assert done.returncode == 2
    assert "No view 'submissions'. Available: v_target_progress_unit," in done.stderr


def test_export_xlsx_without_output_gets_a_dated_name(loaded_db: Path, plans_dir: Path, tmp_path: Path) -> None:
    done = etl_process("export", "v_participation", "--format", "xlsx", db=loaded_db, plans=plans_dir, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = list(tmp_path.glob("v_participation_all_*.xlsx"))
    assert len(written) == 1
    assert load_workbook(written[0]).active["A1"].value == "plan_id"


def test_the_dated_name_is_todays_date_where_the_plan_is_reported(loaded_db: Path, tmp_path: Path) -> None:
    """A server clock 12 hours behind UTC, a plan 14 hours ahead: their dates always differ; the name takes the
    plan's, as the office calls today."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = GOVAP_FILE.read_text(encoding="utf-8")
    (plans / "govap-2024.yaml").write_text(text.replace("timezone: Asia/Ho_Chi_Minh", "timezone: Pacific/Kiritimati"),
                                           encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    cmd = [sys.executable, "-m", "etl", "export", "v_participation", "--format", "xlsx", "--db", str(loaded_db),
           "--plans", str(plans)]
    before = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    done = subprocess.run(cmd, cwd=out, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TZ": "Etc/GMT+12"})
    after = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir()] in ([f"v_participation_all_{d:%Y-%m-%d}.xlsx"] for d in (before, after))
    assert datetime.now(ZoneInfo("Etc/GMT+12")).date() not in (before, after)  # the server's day is another


def test_load_prints_consistency_warnings_and_audits_who(tmp_path: Path, plans_dir: Path, db_path: Path,
                                                         all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    q1 = write_filled(govap, "P01", "2024-Q1", tmp_path / "q1.xlsx", values={"CT1": (40, 30, 18, 2)})
    h1 = write_filled(govap, "P01", "2024-H1", tmp_path / "h1.xlsx", values={"CT1": (40, 25, 18, 2)})
    assert etl("load", q1, "--received-at", "2024-03-01T09:00+07:00", "--by", "Lan", db=db_path,
               plans=plans_dir).returncode == 0
    done = etl("load", h1, "--json", "--by", "Lan", db=db_path, plans=plans_dir)
    assert done.returncode == 0, done.stderr  # a warning is not a rejection
    assert "! P01 2024-H1: Chỉ tiêu CT1: 'Số đạt' lũy kế giảm từ 30 (kỳ 2024-Q1) xuống 25." in done.stderr
    [warning] = json.loads(done.stdout)["files"][0]["warnings"]
    assert (warning["code"], warning["previous_value"], warning["value"]) == ("numerator_fell", 30, 25)
    assert query(db_path, "select acted_by, reason from audit_log order by event_id") == [
        ("Lan", "Thời điểm nhận ghi khi nạp bằng dòng lệnh: 01/03/2024 09:00"), ("Lan", None)]
