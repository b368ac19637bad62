"""A workbook must be what it says it is: template identity against ThongTin, activity dates against the period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from etl.contract import META_SHEET
from etl.load.files import load_files
from etl.load.one_file import prepare
from etl.load.prepare import Item
from etl.problems import Problem
from plan.model import Plan
from testkit.workbooks import Activity, filled, save, set_info

PLAN = "govap-2024"


def _problems(tmp_path: Path, wb: object, plans: dict[str, Plan], name: str = "report.xlsx") -> list[Problem]:
    result = prepare(Item(save(wb, tmp_path / name)), plans, PLAN)  # type: ignore[arg-type]
    assert result.report is None
    return result.problems


def _where(problems: list[Problem]) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(p.code, p.sheet, p.row, p.column) for p in problems]


def _nine_months(plan: Plan) -> list[Activity]:
    return [Activity(day=date(2024, 7, 20)), Activity(day=date(2024, 8, 14), kind="Tọa đàm")]


def test_a_relabelled_template_is_refused_with_the_cell_named(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    wb = filled(plan, "P05", "2024-Q3", activities=_nine_months(plan), info={"period": "2024-H1"})
    problems = _problems(tmp_path, wb, all_plans)
    assert _where(problems) == [("identity_mismatch", "ThongTin", 7, "B")]
    assert problems[0].message("vi") == ("Ô “Kỳ báo cáo” ghi “2024-H1”, nhưng biểu mẫu này được lập cho “2024-Q3” "
                                         "(9 tháng/2024).")
    assert "2024-Q3" in problems[0].fix("en") and "2024-H1" in problems[0].fix("vi")


def test_a_template_for_another_unit_is_refused(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans[PLAN], "P01", "2024-Q1", info={"unit_code": "P03", "unit_name": "Phường 3"})
    problems = _problems(tmp_path, wb, all_plans)
    assert [p.code for p in problems] == ["identity_mismatch"]
    assert problems[0].params["template"] == "P01" and problems[0].params["typed"] == "P03"
    assert problems[0].params["name"] == "Phường 1"


def test_the_same_template_with_its_own_identity_is_accepted(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    wb = filled(plan, "P05", "2024-Q3", activities=_nine_months(plan), info={"period": "9 tháng"})
    result = prepare(Item(save(wb, tmp_path / "ok.xlsx")), all_plans, PLAN)
    assert result.problems == [] and result.report is not None and result.report.period_code == "2024-Q3"


def test_a_hand_made_workbook_is_judged_by_its_activity_dates(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    wb = filled(plan, "P05", "2024-Q3", activities=_nine_months(plan), info={"period": "2024-H1"})
    del wb[META_SHEET]  # no template identity: a workbook made by hand
    problems = _problems(tmp_path, wb, all_plans)
    assert [(p.code, p.sheet, p.column) for p in problems] == [("activity_after_period", "HoatDong", "B")] * 2
    assert problems[0].params["ends"] == "30/06/2024"
    assert "30/06/2024" in problems[0].message("vi") and "6 tháng/2024" in problems[0].message("vi")


def test_an_activity_after_the_report_date_is_refused(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    acts = [Activity(day=date(2024, 3, 1)), Activity(day=date(2024, 3, 20))]
    wb = filled(plan, "P01", "2024-Q1", activities=acts)
    set_info(wb, report_on=date(2024, 3, 5))
    problems = _problems(tmp_path, wb, all_plans)
    assert [(p.code, p.row) for p in problems] == [("activity_after_report", 6)]
    assert problems[0].params == {"value": "20/03/2024", "report_on": "05/03/2024"}


def test_earlier_activities_of_the_year_may_be_listed_again(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    acts = [Activity(day=date(2024, 1, 10)), Activity(day=date(2024, 7, 2))]
    wb = filled(plan, "P01", "2024-Q3", activities=acts)
    result = prepare(Item(save(wb, tmp_path / "ytd.xlsx")), all_plans, PLAN)
    assert result.problems == [] and result.report is not None and len(result.report.activities) == 2


def test_rejected_files_keep_the_unit_and_period_they_declare(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    plan = all_plans[PLAN]
    bad = filled(plan, "P05", "2024-Q3", activities=_nine_months(plan), info={"period": "2024-H1"})
    typo = filled(plan, "P07", "2024-Q1", info={"unit_code": "P99", "unit_name": None})
    good = filled(plan, "P01", "2024-Q1")
    items = [Item(save(wb, tmp_path / f"{n}.xlsx")) for n, wb in enumerate((bad, typo, good))]
    db = tmp_path / "w.duckdb"
    result = load_files(db, all_plans, items, default_plan=PLAN, source="test")
    assert [(f.outcome, f.unit_code, f.period_code) for f in result.files] == [
        ("rejected", "P05", "2024-H1"), ("rejected", "P99", "2024-Q1"), ("loaded", "P01", "2024-Q1")]
    assert [f.as_dict()["unit_code"] for f in result.files] == ["P05", "P99", "P01"]
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("select unit_code, period_code, outcome from load_files order by file_no").fetchall()
    assert stored == [("P05", "2024-H1", "rejected"), ("P99", "2024-Q1", "rejected"), ("P01", "2024-Q1", "loaded")]
