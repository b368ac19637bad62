"""Hierarchy roll-up: units under a parent picked together, figures summed at a parent level."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import GOVAP_FILE, SMALL_FILE, UseSettings, run_page
from rows import vn

from etl.load.prepare import Item
from etl.load.write import load_items
from plan.load import PlanError, load_plan
from plan.model import Plan
from testkit.workbooks import Activity, filled, save

RIVER = "riverside-2025"
ACT = [Activity(day=date(2025, 2, 3), kind="Tập huấn", group="Cán bộ")]


def test_plan_knows_its_hierarchy(small_plan: Plan, govap: Plan, tmp_path: Path) -> None:
    assert small_plan.children == {"RS": ("XA", "XB", "YT")}
    assert small_plan.descendants("RS") == ["XA", "XB", "YT"] and small_plan.parent_types == ["district"]
    assert govap.parent_types == [] and govap.descendants("P01") == []
    text = (Path(__file__).parent / "plans" / "riverside-2025.yaml").read_text("utf-8")
    looped = text.replace("type: district, valid_from", "type: district, parent: XA, valid_from")
    (tmp_path / "loop.yaml").write_text(looped, "utf-8")
    with pytest.raises(PlanError, match="loop"):
        load_plan(tmp_path / "loop.yaml")


@pytest.fixture(scope="module")
def river_built(tmp_path_factory: pytest.TempPathFactory, govap: Plan, small_plan: Plan) -> tuple[Path, Path]:
    """The plans folder and a warehouse holding three riverside units' reports, built once: the tests only read."""
    from warehouse.db import open_for_writing

    folder = tmp_path_factory.mktemp("river")
    plans_dir = folder / "plans"
    plans_dir.mkdir()
    for plan_file in (GOVAP_FILE, SMALL_FILE):
        shutil.copy(plan_file, plans_dir)
    all_plans = {govap.plan_id: govap, small_plan.plan_id: small_plan}
    db_path = folder / "warehouse.duckdb"
    con = open_for_writing(db_path, all_plans)
    values = {"XA": {"A1": (100, 90, 50, 5), "B2": (40, 10, 5, 0)}, "XB": {"A1": (50, 20, 10, 0),
              "B2": (20, 15, 8, 1)}, "YT": {"A1": (30, 30, 20, 0), "M3": (10, 5, 2, 0)}}
    items = [Item(save(filled(small_plan, u, "2025-T1", values=v, activities=ACT), folder / f"{u}.xlsx"),
                  vn(2025, 4, 10)) for u, v in values.items()]
    result = load_items(con, all_plans, items, default_plan=RIVER, source="test")
    assert [f.outcome for f in result.files] == ["loaded"] * 3, [str(p) for f in result.files for p in f.problems]
    con.close()
    return plans_dir, db_path


@pytest.fixture
def river_db(river_built: tuple[Path, Path], use_settings: UseSettings) -> Path:
    plans_dir, db_path = river_built
    use_settings(GEPM_DB=db_path, GEPM_PLANS_DIR=plans_dir)
    return db_path


def test_rollup_sums_every_unit_below(river_db: Path) -> None:
    con = duckdb.connect(str(river_db), read_only=True)
    rolled = con.execute("select indicator_code, unit_code, numerator, denominator, achieved_pct, is_met, "
                         "gap_people, units_expected from target_progress_rollup_at(now(), 'district') "
                         "where period_code = '2025-T1' order by indicator_code").fetchall()
    whole = con.execute("select indicator_code, numerator, denominator from target_progress_at(now()) where "
                        "plan_id = $p and period_code = '2025-T1' order by indicator_code", {"p": RIVER}).fetchall()
    con.close()
    assert rolled[0] == ("A1", "RS", 140, 180, pytest.approx(100 * 140 / 180), False, 4, 3)
    assert [(r[0], r[2], r[3]) for r in rolled] == whole  # RS is the whole area here


def test_pick_by_parent_and_roll_up_on_the_target_page(river_db: Path) -> None:
    at = run_page("target", plan_id=RIVER, parents=["RS"], rollup_level="district", period_code="2025-T1")
    assert not at.exception
    assert at.multiselect(key="parents").value == ["RS"]
    table = next(d.value for d in at.dataframe if "Đơn vị phải báo cáo" in d.value.columns)
    assert table.iloc[0]["Mã đơn vị"] == "RS" and table.iloc[0]["Tỷ lệ đạt"] == "77,8%"
    assert any("Tổng hợp theo Quận/huyện" in h.value for h in at.subheader)


def test_reporting_rolls_up_too(river_db: Path) -> None:
    con = duckdb.connect(str(river_db), read_only=True)
    [row] = con.execute("select unit_code, expected, received, on_time from reporting_rates_rollup_at($t, 'district') "
                        "where period_code = '2025-T1'", {"t": vn(2025, 5, 1)}).fetchall()
    con.close()
    assert row == ("RS", 3, 3, 3)
    at = run_page("reporting", plan_id=RIVER, rollup_level="district", period_code="2025-T1", as_of=date(2025, 5, 1))
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Phải báo cáo" in d.value.columns and "Mã đơn vị" in d.value.columns
                 and len(d.value) == 1)
    assert table.iloc[0]["Mã đơn vị"] == "RS" and table.iloc[0]["Tỷ lệ báo cáo"] == "100,0%"


def test_participation_rolls_up_too(river_db: Path) -> None:
    con = duckdb.connect(str(river_db), read_only=True)
    rolled = con.execute("select unit_code, quarter, n_activities, participants, women from "
                         "participation_rollup_at(now(), 'district')").fetchall()
    whole = con.execute("select quarter, sum(n_activities), sum(participants), sum(women) from v_participation "
                        "where plan_id = $p group by quarter", {"p": RIVER}).fetchall()
    con.close()
    assert [r[1:] for r in rolled] == whole and {r[0] for r in rolled} == {"RS"}
    assert rolled[0][2] == 3  # one activity from each of the three units below RS
    at = run_page("participation", plan_id=RIVER, rollup_level="district", period_code="2025-T1")
    assert not at.exception
    assert any("theo Quận/huyện" in h.value for h in at.subheader)
    table = next(d.value for d in at.dataframe if "Mã đơn vị" in d.value.columns and len(d.value) == 1)
    assert table.iloc[0]["Mã đơn vị"] == "RS" and table.iloc[0]["Số hoạt động"] == "3"
