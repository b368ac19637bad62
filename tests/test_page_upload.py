"""The upload page through AppTest: templates out, real workbooks in, every problem shown."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import MANAGER, run_page
from openpyxl import load_workbook

from i18n import t
from plan.model import Plan
from testkit.workbooks import Activity, filled, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(at: Any, files: list[tuple[str, bytes]]) -> Any:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])
    at.button[0].click()  # the form's submit button
    return at.run()


def test_good_bad_duplicate_and_new_version(writable_env: Path, govap: Plan) -> None:
    good = xlsx_bytes(filled(govap, "P01", "2024-Y", values={"CT1": (60, 55, 30, 1)}))
    bad = xlsx_bytes(filled(govap, "P03", "2024-Y", activities=[Activity(participants=30, men=10, women=10)]))
    at = run_page("upload", **MANAGER)
    assert not at.exception
    at = _upload(at, [("../../etc/bao-cao P01.xlsx", good), ("P03.xlsx", bad)])
    assert not at.exception
    results = at.dataframe[0].value
    assert list(results["Tệp"]) == ["bao-cao P01.xlsx", "P03.xlsx"]  # never a path
    assert list(results["Kết quả"]) == ["Phiên bản mới", "Bị từ chối"]
    # The rejected file keeps the unit and period it declares, and has no version: blank, not "None".
    assert list(results.iloc[1][["Đơn vị", "Kỳ", "Phiên bản"]]) == ["P03", "2024-Y", ""]
    assert "None" not in results.astype(str).to_string()
    problems = next(d.value for d in at.dataframe if "Dòng" in d.value.columns)
    assert list(problems["Dòng"]) == [5] and list(problems["Cột"]) == ["F"]
    assert problems["Nội dung lỗi"].iloc[0] == "Nam (10) + Nữ (10) = 20, khác tổng số người tham gia (30)."
    at = _upload(at, [("again.xlsx", good)])
    assert list(at.dataframe[0].value["Kết quả"]) == ["Đã nạp trước đó"]
    con = duckdb.connect(str(writable_env), read_only=True)
    row = con.execute("select numerator, version from v_target_progress_unit where unit_code = 'P01' "
                      "and period_code = '2024-Y' and indicator_code = 'CT1'").fetchone()
    con.close()
    assert row == (55, 2)


def test_templates_for_one_unit_and_all_units(writable_env: Path, govap: Plan, deferred: dict[str, Any]) -> None:
    at = run_page("upload", period_code="2024-Y", **MANAGER)
    assert not at.exception
    one = deferred["2024-Y_P01.xlsx"][1]()
    wb = load_workbook(io.BytesIO(one))
    assert wb["ThongTin"]["B5"].value == "P01"
    assert wb["ChiTieu"]["C5"].value is not None  # last report's total is pre-filled
    names = zipfile.ZipFile(io.BytesIO(deferred["bieu-mau_2024-Y.zip"][1]())).namelist()
    assert len(names) == 30 and "2024-Y_LDTBXH.xlsx" in names


RED = "FFFFC7CE"


def test_rejected_file_comes_back_marked_on_its_cells(writable_env: Path, govap: Plan,
                                                       deferred: dict[str, Any]) -> None:
    bad = xlsx_bytes(filled(govap, "P04", "2024-Y", values={"CT1": (10, 12, 5, 0)},
                            activities=[Activity(participants=30, men=10, women=10)]))
    at = _upload(run_page("upload", **MANAGER), [("P04 nam.xlsx", bad)])
    assert not at.exception
    marked = load_workbook(io.BytesIO(deferred["P04 nam_loi.xlsx"][1]()))
    red = {(ws.title, c.row, c.column_letter) for ws in marked.worksheets for row in ws.iter_rows() for c in row
           if c.fill is not None and c.fill.fgColor is not None and str(c.fill.fgColor.rgb).endswith(RED[-6:])}
    assert red == {("ChiTieu", 5, "D"), ("HoatDong", 5, "F")}
    assert marked.worksheets[0].title == "Lỗi"
    assert "Số đạt (12) lớn hơn tổng số đối tượng (10)." in marked["ChiTieu"]["D5"].comment.text


def test_annotated_copies_keep_their_kind(writable_env: Path, govap: Plan, deferred: dict[str, Any]) -> None:
    """A refused .xlsm comes back as a macro-enabled workbook, a refused .xlsx as a plain one."""
    bad = xlsx_bytes(filled(govap, "P05", "2024-Y", activities=[Activity(participants=30, men=10, women=10)]))
    at = _upload(run_page("upload", **MANAGER), [("P05.xlsm", bad), ("P05 copy.xlsx", bad)])
    assert not at.exception
    assert deferred["P05_loi.xlsm"][0] == "application/vnd.ms-excel.sheet.macroEnabled.12"
    assert deferred["P05 copy_loi.xlsx"][0] == XLSX
    assert load_workbook(io.BytesIO(deferred["P05 copy_loi.xlsx"][1]())).worksheets[0].title == "Lỗi"


@pytest.mark.parametrize(("today", "period"), [
    (date(2024, 1, 2), "2024-Q1"), (date(2024, 3, 5), "2024-Q1"), (date(2024, 3, 6), "2024-H1"),
    (date(2024, 9, 5), "2024-Q3"), (date(2024, 11, 10), "2024-Y"), (date(2025, 6, 1), "2024-Y")])
def test_the_reporting_period_by_the_calendar(govap: Plan, today: date, period: str) -> None:
    assert govap.reporting_period(today).code == period


def test_templates_take_their_own_period_not_the_sidebars(writable_env: Path, govap: Plan,
                                                          deferred: dict[str, Any]) -> None:
    """The sidebar's period says what the pages show; the template section defaults to the report units are
    working on now, and says so with its own choice."""
    now = govap.reporting_period(date.today()).code
    sidebar = next(p.code for p in govap.periods if p.code != now)
    at = run_page("upload", period_code=sidebar, **MANAGER)
    assert not at.exception
    chooser = at.selectbox(key="template_period")
    assert chooser.label == t("up.template_period") and chooser.value == now
    assert chooser.options == [p.name_vi for p in govap.periods]
    assert f"{now}_P01.xlsx" in deferred and f"{sidebar}_P01.xlsx" not in deferred
    chooser.set_value("2024-H1").run()
    assert not at.exception
    wb = load_workbook(io.BytesIO(deferred["2024-H1_P01.xlsx"][1]()))
    assert "2024-H1" in [c.value for c in wb["ThongTin"]["B"]]
    names = zipfile.ZipFile(io.BytesIO(deferred["bieu-mau_2024-H1.zip"][1]())).namelist()
    assert "2024-H1_P01.xlsx" in names


def test_template_period_in_english(writable_env: Path, govap: Plan) -> None:
    at = run_page("upload", lang="en", **MANAGER)
    chooser = at.selectbox(key="template_period")
    assert chooser.label == t("up.template_period", "en")
    assert chooser.options == [p.name_en for p in govap.periods]
