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
from conftest import UseSettings, run_page
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


@pytest.fixture(scope="module")
def demo_command(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """python -m etl demo into a fresh warehouse: the 2024 year and the example plan's first half of 2025."""
    root = tmp_path_factory.mktemp("demo-command")
    plans = root / "plans"
    plans.mkdir()
    (plans / "govap-2024.yaml").write_bytes((ROOT / "data" / "plans" / "govap-2024.yaml").read_bytes())
    db, out = root / "w.duckdb", root / "demo"
    done = subprocess.run([sys.executable, "-m", "etl", "demo", "--out", str(out), "--db", str(db), "--plans",
                           str(plans)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return db, done.stderr


def test_demo_command(demo_command: tuple[Path, str]) -> None:
    db, stderr = demo_command
    assert "172 files: 170 loaded, 1 new versions, 0 duplicates, 1 rejected." in stderr
    with duckdb.connect(str(db), read_only=True) as con:
        counts = con.execute("select plan_id, period_code, count(*) from submissions group by all order by all")
        assert counts.fetchall() == [("example-govap-2025h1", "2025-H1", 26), ("example-govap-2025h1", "2025-Q1", 26),
                                     ("govap-2024", "2024-H1", 30), ("govap-2024", "2024-Q1", 30),
                                     ("govap-2024", "2024-Q3", 29), ("govap-2024", "2024-Y", 30)]


def test_demo_2025_units_carry_their_2024_wards_head_counts(demo_command: tuple[Path, str]) -> None:
    """New Phường 1 counts the people of old Phường 1, 4 and 7; Phường 14 its own and half of Phường 13's (an odd
    count's extra person to Phường 14, as the crosswalk's largest-remainder rule gives); departments stay the same."""
    db, _ = demo_command
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select plan_id, unit_code, denominator from v_target_progress_unit "
                           "where indicator_code = 'CT1' and period_code in ('2024-Q1', '2025-Q1')").fetchall()
    old = {u: d for p, u, d in rows if p == "govap-2024"}
    new = {u: d for p, u, d in rows if p == "example-govap-2025h1"}
    assert new["P01"] == old["P01"] + old["P04"] + old["P07"]
    assert new["P14"] == old["P14"] + (old["P13"] + 1) // 2
    assert new["P15"] == old["P15"] + old["P13"] // 2
    assert new["LDTBXH"] == old["LDTBXH"]


def test_demo_lists_2025_in_the_sidebar_with_its_comparison(demo_command: tuple[Path, str],
                                                           use_settings: UseSettings) -> None:
    db, _ = demo_command
    use_settings(GEPM_DB=db)
    at = run_page("overview", plan_id="example-govap-2025h1")
    assert not at.exception, at.exception
    assert at.selectbox(key="plan_id").options == [
        "Kế hoạch Bình đẳng giới và Vì sự tiến bộ phụ nữ quận Gò Vấp năm 2024",
        "Kế hoạch Bình đẳng giới và Vì sự tiến bộ phụ nữ Quận Gò Vấp (12 phường) năm 2025"]
    assert at.selectbox(key="period_code").value == "2025-H1"
    assert "So sánh với cùng kỳ 6 tháng 2024" in [h.value for h in at.subheader]


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
