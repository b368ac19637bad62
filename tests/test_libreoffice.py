"""Files saved by a real spreadsheet application: .xls and .ods load with the same values as the .xlsx."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from conftest import soffice
from openpyxl import Workbook

from etl.load.one_file import prepare
from etl.load.prepare import FileResult
from etl.load.write import Item, load_items
from plan.model import Plan
from testkit.workbooks import Activity, filled, save

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def convert(src: Path, fmt: str, tmp_path: Path) -> Path:
    """soffice --convert-to with a profile of its own (parallel runs must not share one)."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice/libreoffice) is not on PATH")
    out = tmp_path / f"converted-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir",
                    str(out), str(src)], check=True, capture_output=True, timeout=180)
    converted = out / f"{src.stem}.{fmt}"
    assert converted.exists()
    return converted


def contents(result: FileResult) -> tuple[object, ...]:
    assert [str(p) for p in result.problems] == []
    r = result.report
    assert r is not None
    return (r.plan_id, r.unit_code, r.period_code, r.report_on, r.is_nil, r.template_version,
            [(v.indicator_code, v.denominator, v.numerator, v.women, v.ethnic_minority) for v in r.values],
            [(a.activity_on, a.activity_type, a.target_group, a.topic, a.participants, a.men, a.women,
              a.ethnic_minority, a.materials) for a in r.activities])


def _workbook(govap: Plan) -> Workbook:
    return filled(govap, "P01", "2024-H1", values={"CT1": ("1.234", 1000, 600, 12), "CT4": (9, 9, 4, 9)},
                  activities=[Activity(day=date(2024, 4, 12)),
                              Activity(day="06/05/2024", kind="Phát hành tài liệu", topic="Phát tờ gấp song ngữ",
                                       group="Người có uy tín", participants=14, men=9, women=5, minority=14,
                                       materials=300)])


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_converted_file_loads_with_same_values(tmp_path: Path, all_plans: dict[str, Plan], fmt: str) -> None:
    src = save(_workbook(all_plans["govap-2024"]), tmp_path / "p01.xlsx")
    original = contents(prepare(Item(src), all_plans, "govap-2024"))
    converted = convert(src, fmt, tmp_path)
    assert contents(prepare(Item(converted), all_plans, "govap-2024")) == original
    assert original[6][0] == ("CT1", 1234, 1000, 600, 12)


def test_converted_files_load_into_warehouse(tmp_path: Path, warehouse: duckdb.DuckDBPyConnection,
                                             all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    xls = convert(save(filled(govap, "P03", "2024-Q1", values={"CT1": (50, 40, 20, 1)}), tmp_path / "p03.xlsx"),
                  "xls", tmp_path)
    ods = convert(save(filled(govap, "P04", "2024-Q1", values={"CT1": (60, 30, 20, 1)}), tmp_path / "p04.xlsx"),
                  "ods", tmp_path)
    received = datetime(2024, 3, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    result = load_items(warehouse, all_plans, [Item(xls, received), Item(ods, received)], default_plan="govap-2024",
                        source="tests")
    assert [(f.file_name, f.outcome) for f in result.files] == [("p03.xls", "loaded"), ("p04.ods", "loaded")]
    assert warehouse.execute("select unit_code, numerator, denominator from v_target_progress_unit "
                             "where period_code = '2024-Q1' and indicator_code = 'CT1' "
                             "and unit_code in ('P03', 'P04') order by unit_code").fetchall() == [
        ("P03", 40, 50), ("P04", 30, 60)]


def test_formulas_computed_by_a_spreadsheet_app_are_accepted(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (55, "=50-10", 20, 3)},
                activities=[Activity(participants="=G5+H5")])
    src = save(wb, tmp_path / "congthuc.xlsx")
    assert [p.code for p in prepare(Item(src), all_plans, "govap-2024").problems] == ["formula_no_value"] * 2
    resaved = convert(src, "xlsx", tmp_path)  # as if opened and saved in a spreadsheet application
    values = contents(prepare(Item(resaved), all_plans, "govap-2024"))
    assert values[6][0] == ("CT1", 55, 40, 20, 3)
    assert values[7][0][4:7] == (30, 12, 18)
