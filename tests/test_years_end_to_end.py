"""A new ward's 2026 plan, end to end: made from the 2024 plan in one command, checked, its report loaded beside
the 2024 reports of the wards it was made of, and its first half compared with the first half of 2024 on the
merged area, with the mapping on the page.

Hạnh Thông (1 Jul 2025) = Phường 1 + 3 of 2025 = Phường 1 + 4 + 7 and Phường 3 of 2024. Phường 5 went elsewhere
and must not count. Hand sums for CT1, 2024-H1: reached 30 + 8 + 10 + 12 of 40 + 20 + 25 + 30.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from conftest import UseSettings, run_page
from rows import vn

from etl.load.files import load_files
from etl.load.prepare import Item
from plan.load import load_plans
from plan.settings import ROOT
from testkit import cli
from testkit.workbooks import Counts, write_filled

NEW = "hanhthong-2026"
FILES_2024: list[tuple[str, Counts, datetime]] = [
    ("P01", (40, 30, 18, 2), vn(2024, 5, 8)), ("P03", (20, 8, 4, 0), vn(2024, 5, 8)),
    ("P04", (25, 10, 6, 1), vn(2024, 5, 9)), ("P07", (30, 12, 7, 0), vn(2024, 5, 9)),
    ("P05", (99, 99, 50, 5), vn(2024, 5, 9)),  # became part of An Nhơn: never in Hạnh Thông's figures
]
EARLIER = (30 + 8 + 10 + 12, 40 + 20 + 25 + 30)
NOW: Counts = (120, 96, 50, 4)
NOW_PCT = 100 * 96 / 120


def etl(*args: str | Path, plans: Path) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args, "--plans", plans)


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The plans folder (2024 and the new ward's 2026 plan) and a warehouse holding both years' reports."""
    root = tmp_path_factory.mktemp("hanh-thong")
    plans_dir = root / "plans"
    plans_dir.mkdir()
    shutil.copy(ROOT / "data" / "plans" / "govap-2024.yaml", plans_dir)
    made = etl("plan", "new", "--from", "govap-2024", "--year", "2026", "--only", "HANH_THONG", "--id", NEW,
               "--area", "Phường Hạnh Thông", "-o", plans_dir / f"{NEW}.yaml", plans=plans_dir)
    assert made.returncode == 0, made.stderr
    assert etl("plan", "check", plans_dir / f"{NEW}.yaml", plans=plans_dir).returncode == 0
    plans = load_plans(plans_dir)
    old, new = plans["govap-2024"], plans[NEW]
    assert [u.code for u in new.units if u.type == "ward"] == ["HANH_THONG"]
    items = [Item(write_filled(old, unit, "2024-H1", root / f"{unit}.xlsx",
                               values={i.code: counts for i in old.indicators_for(unit)}), at)
             for unit, counts, at in FILES_2024]
    items.append(Item(write_filled(new, "HANH_THONG", "2026-H1", root / "ht.xlsx",
                                   values={i.code: NOW for i in new.indicators_for("HANH_THONG")}), vn(2026, 5, 8)))
    db = root / "w.duckdb"
    result = load_files(db, plans, items, default_plan=NEW, source="tests")
    assert result.count("rejected") == 0, [f.problems for f in result.files]
    return plans_dir, db


def test_the_new_ward_sees_its_first_half_against_2024_on_the_merged_area(ward: tuple[Path, Path],
                                                                          use_settings: UseSettings) -> None:
    plans_dir, db = ward
    use_settings(GEPM_DB=db, GEPM_PLANS_DIR=plans_dir)
    at = run_page("overview", plan_id=NEW, period_code="2026-H1", as_of=date(2026, 12, 31))
    assert not at.exception, at.exception
    [table] = [d.value for d in at.dataframe if "Cùng kỳ 2024 (%)" in d.value.columns]
    ct1 = table.set_index("Chỉ tiêu").filter(like="CT1 —", axis=0).iloc[0]
    then, now = 100 * EARLIER[0] / EARLIER[1], NOW_PCT
    assert ct1["Số đạt cùng kỳ 2024"] == str(EARLIER[0])
    assert ct1["Tổng số đối tượng cùng kỳ 2024"] == str(EARLIER[1])
    assert ct1["Cùng kỳ 2024 (%)"] == f"{then:.1f}%".replace(".", ",")
    assert ct1["Kỳ này (%)"] == f"{now:.1f}%".replace(".", ",")
    [mapping] = [d.value for d in at.dataframe if "Gồm các đơn vị năm 2024" in d.value.columns]
    made_of = mapping.set_index("Đơn vị hiện nay").loc["Phường Hạnh Thông"]
    assert isinstance(made_of, pd.Series)
    assert set(str(made_of["Gồm các đơn vị năm 2024"]).split(" + ")) == {"Phường 1", "Phường 3", "Phường 4",
                                                                        "Phường 7"}
    assert "1685/NQ-UBTVQH15" in str(made_of["Căn cứ"]) and "1278/NQ-UBTVQH15" in str(made_of["Căn cứ"])
