"""The demo data set: a whole 2024 plan year with late, missing, nil, resubmitted and rejected reports."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from openpyxl import load_workbook

from demo.generate import DemoFile, write_demo
from etl.load.write import Item, LoadResult, load_items
from plan.model import Plan
from plan.settings import ROOT
from warehouse.db import open_for_writing

pytestmark = pytest.mark.slow


class Demo:
    def __init__(self, folder: Path, files: list[DemoFile], result: LoadResult, con: duckdb.DuckDBPyConnection):
        self.folder, self.files, self.result, self.con = folder, files, result, con

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or {}).fetchall()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, govap: Plan) -> Iterator[Demo]:
    root = tmp_path_factory.mktemp("demo")
    files = write_demo(govap, root / "files", seed=2024)
    con = open_for_writing(root / "demo.duckdb", {govap.plan_id: govap})
    result = load_items(con, {govap.plan_id: govap}, [Item(f.path, f.received_at) for f in files],
                        default_plan=govap.plan_id, source="demo")
    yield Demo(root / "files", files, result, con)
    con.close()


def test_120_files_sorted_by_receipt(demo: Demo) -> None:
    assert len(demo.files) == 120
    assert len(list(demo.folder.rglob("*.xlsx"))) == 120
    times = [f.received_at for f in demo.files]
    assert times == sorted(times)
    assert sorted({p.name for p in demo.folder.iterdir()}) == ["2024-H1", "2024-Q1", "2024-Q3", "2024-Y"]


def test_outcomes(demo: Demo) -> None:
    assert Counter(f.outcome for f in demo.result.files) == {"loaded": 118, "new_version": 1, "rejected": 1}
    assert demo.rows("select count(*) from submissions") == [(119,)]


def test_reporting_statuses(demo: Demo) -> None:
    statuses = dict(demo.rows("select status, count(*) from v_reporting_status group by status"))
    assert sum(statuses.values()) == 120
    assert statuses["missing"] == 2
    assert statuses["nil_report"] == 2
    assert statuses["late"] >= 8
    assert set(statuses) == {"on_time", "late", "missing", "nil_report"}
    assert demo.rows("select unit_code, period_code from v_reporting_status where status = 'missing' "
                     "order by unit_code") == [("KT", "2024-Q3"), ("P16", "2024-Y")]
    assert demo.rows("select unit_code, period_code from v_reporting_status where status = 'nil_report' "
                     "order by unit_code") == [("P14", "2024-Y"), ("TCKH", "2024-Q1")]


def test_chronically_late_units(demo: Demo) -> None:
    rows = demo.rows("select unit_code, status, days_late from v_reporting_status where unit_code in ('P12', 'DTN')")
    assert len(rows) == 8
    assert {r[1] for r in rows} == {"late"}
    assert all(1 <= r[2] <= 18 for r in rows)


def _status(demo: Demo, unit: str, period: str) -> tuple[Any, ...]:
    rows = demo.rows("select status, n_versions, current_version, current_file_name from v_reporting_status "
                     "where unit_code = $u and period_code = $p", {"u": unit, "p": period})
    assert len(rows) == 1
    return rows[0]


def test_resubmitted_report_has_two_versions_and_values_from_v2(demo: Demo) -> None:
    assert _status(demo, "LDTBXH", "2024-Y")[1:] == (2, 2, "2024-Y_LDTBXH_bo-sung.xlsx")
    ws = load_workbook(demo.folder / "2024-Y" / "2024-Y_LDTBXH_bo-sung.xlsx")["ChiTieu"]
    in_file = {ws.cell(r, 1).value: (ws.cell(r, 4).value, ws.cell(r, 3).value) for r in range(5, 8)}
    shown = demo.rows("select indicator_code, numerator, denominator, version from v_target_progress_unit "
                      "where unit_code = 'LDTBXH' and period_code = '2024-Y' order by indicator_code")
    assert shown == [(code, *in_file[code], 2) for code in ("CT1", "CT2A", "CT3")]
    versions = demo.rows("select version, is_current from submissions where unit_code = 'LDTBXH' "
                         "and period_code = '2024-Y' order by version")
    assert versions == [(1, False), (2, True)]


def test_resubmitted_report_is_on_time_by_its_first_version(demo: Demo) -> None:
    assert _status(demo, "LDTBXH", "2024-Y")[0] == "on_time"


def test_rejected_file_and_its_correction(demo: Demo) -> None:
    rejected = [f for f in demo.result.files if f.outcome == "rejected"]
    assert [f.file_name for f in rejected] == ["2024-H1_P09_loi.xlsx"]
    assert [(p.code, p.sheet, p.row, p.column) for p in rejected[0].problems] == [
        ("sex_sum_mismatch", "HoatDong", 5, "F")]
    assert demo.rows("select outcome, n_problems from load_files where file_name = '2024-H1_P09_loi.xlsx'") == [
        ("rejected", 1)]
    assert demo.rows("select code, sheet, row_no, column_ref from problems") == [
        ("sex_sum_mismatch", "HoatDong", 5, "F")]
    assert _status(demo, "P09", "2024-H1") == ("on_time", 1, 1, "2024-H1_P09.xlsx")


def test_participation_reaches_ethnic_minorities(demo: Demo) -> None:
    total, minority, materials = demo.rows("select sum(participants), sum(ethnic_minority), sum(materials) "
                                           "from v_participation")[0]
    assert 0 < minority < total
    assert materials > 0
    quarters = {r[0] for r in demo.rows("select distinct quarter from v_participation")}
    assert quarters <= {"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}
    assert {"2024-Q1", "2024-Q2", "2024-Q3"} <= quarters


def test_ct4_values_exist(demo: Demo) -> None:
    rows = demo.rows("select unit_code, numerator, denominator, ethnic_minority from v_target_progress_unit "
                     "where indicator_code = 'CT4' and period_code = '2024-Q1'")
    assert len(rows) == 17
    assert all(r[1] is not None and 0 <= r[1] <= r[2] and r[3] == r[1] for r in rows)
    assert "VP" in {r[0] for r in rows}


def test_demo_command(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "govap-2024.yaml").write_bytes((ROOT / "data" / "plans" / "govap-2024.yaml").read_bytes())
    db, out = tmp_path / "w.duckdb", tmp_path / "demo"
    done = subprocess.run([sys.executable, "-m", "etl", "demo", "--out", str(out), "--db", str(db), "--plans",
                           str(plans)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "120 files: 118 loaded, 1 new versions, 0 duplicates, 1 rejected." in done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from submissions").fetchall() == [(119,)]


def test_demo_covers_tasks_budget_and_cases(demo: Demo) -> None:
    assert not [f for f in demo.result.files if f.outcome == "rejected" and f.problems
                and not any(p.code == "sex_sum_mismatch" for p in f.problems)]
    statuses = {s for (s,) in demo.rows("select distinct status from v_task_status where period_code = '2024-Y'")}
    assert {"da_hoan_thanh", "dang_trien_khai", "khong_thuc_hien", "chuyen_nam_sau"} <= statuses
    assert demo.rows("select status, reason from v_task_status where unit_code = 'P09' and task_code = 'T25' "
                     "and period_code = '2024-Y'") == [("khong_thuc_hien", "Chưa bố trí được nhân sự")]
    behind = demo.rows("select spent_pct from v_budget where unit_code = 'P09' and period_code = '2024-Y' "
                       "and source_code = 'giao_dau_nam'")
    ahead = demo.rows("select avg(spent_pct) from v_budget where period_code = '2024-Y' and source_code = "
                      "'giao_dau_nam' and unit_code not in ('P09', 'LDLD', 'GDDT')")
    assert behind[0][0] < 30 < ahead[0][0]
    suppressed = demo.rows("select count(*) filter (where is_suppressed), count(*) filter (where n_cases >= 5) "
                           "from v_cases")
    assert suppressed[0][0] > 0 and suppressed[0][1] > 0
    assert demo.rows("select count(*) from v_cases where n_cases between 1 and 4") == [(0,)]
    assert demo.rows("select distinct d.gender_officer is null, d.is_mainstreamed from submission_details as d "
                     "join submissions as s using (submission_id) where s.unit_code = 'P09' and not s.is_nil"
                     ) == [(True, False)]
