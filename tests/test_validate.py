"""Validation of submitted workbooks: real-life variations accepted, every fault of DESIGN §3 rejected and located."""

from __future__ import annotations

import re
import string
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.load.one_file import prepare
from etl.load.prepare import FileResult, Item
from etl.problems import Problem
from etl.report import Report
from i18n.catalog import FIXES, PROBLEMS
from plan.model import Plan
from plan.settings import ROOT, settings
from testkit.workbooks import (
    Activity,
    corrupt_member,
    csv_named_xlsx,
    drop_meta,
    encrypted_ole,
    filled,
    rename_sheet,
    reorder_columns,
    replace_sheet,
    rows_of,
    save,
    set_info,
    truncated,
    value_row,
    write_bytes,
    zip_bomb,
)

Where = tuple[str, str | None, int | None, str | None]
P01_CODES = ["CT1", "CT2A", "CT2B", "CT3", "CT4"]


def check(tmp_path: Path, wb: Workbook, plans: dict[str, Plan], name: str = "report.xlsx") -> FileResult:
    return prepare(Item(save(wb, tmp_path / name)), plans, "govap-2024")


def accepted(result: FileResult) -> Report:
    assert [str(p) for p in result.problems] == []
    assert result.report is not None
    return result.report


def where(problems: list[Problem]) -> list[Where]:
    return [(p.code, p.sheet, p.row, p.column) for p in problems]


def values_of(report: Report) -> dict[str, tuple[int, int, int | None, int | None]]:
    return {v.indicator_code: (v.denominator, v.numerator, v.women, v.ethnic_minority) for v in report.values}


def activities_of(report: Report) -> list[tuple[object, ...]]:
    return [(a.activity_on, a.activity_type, a.target_group, a.participants, a.men, a.women, a.ethnic_minority,
             a.materials) for a in report.activities]


def assert_bilingual(problems: list[Problem]) -> None:
    for p in problems:
        vi, en = p.message("vi"), p.message("en")
        assert vi and en and vi != en, p.code
        assert p.fix("vi") and p.fix("en") and p.fix("vi") != p.fix("en"), p.code
        assert "{" not in vi + en + p.fix("vi") + p.fix("en"), p.code


def _nfd(value: object) -> object:
    return unicodedata.normalize("NFD", value) if isinstance(value, str) else value


# ---- accepted --------------------------------------------------------------------------------


def test_filled_template_is_accepted(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    report = accepted(check(tmp_path, filled(all_plans["govap-2024"], "P01", "2024-Q1"), all_plans))
    assert (report.plan_id, report.unit_code, report.period_code) == ("govap-2024", "P01", "2024-Q1")
    assert (report.report_on, report.is_nil, report.template_version) == (date(2024, 3, 5), False, "2024.2")
    assert (report.prepared_by, report.phone) == ("Nguyễn Thị Lan", "028 3894 1234")
    assert values_of(report) == dict.fromkeys(P01_CODES, (40, 30, 18, 2))
    assert [v.source_row for v in report.values] == [5, 6, 7, 8, 9]
    assert activities_of(report) == [(date(2024, 2, 15), "tap_huan", "can_bo", 30, 12, 18, 2, 0)]


def test_title_rows_blank_rows_reordered_and_extra_columns(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (50, 41, 20, 3)},
                activities=[Activity(), Activity(kind="Tuyên truyền", group="Người dân", participants=80, men=30,
                                                 women=50, minority=0, materials=120)])
    values = reorder_columns(rows_of(wb, "ChiTieu"), 3, [3, 2, 0, 6, 5, 4, 1], extra=("Đơn vị tính", "người"))
    replace_sheet(wb, "ChiTieu", [["UBND QUẬN GÒ VẤP"], [], *values[:5], [], [], *values[5:]])
    acts = reorder_columns(rows_of(wb, "HoatDong"), 3, [4, 1, 2, 3, 0, 10, 8, 7, 6, 5, 9],
                           extra=("Địa điểm", "Hội trường"))
    replace_sheet(wb, "HoatDong", [["Tiêu đề"], ["Phụ lục 2"], *acts[:5], [], *acts[5:7]])
    report = accepted(check(tmp_path, wb, all_plans))
    assert values_of(report) == {**dict.fromkeys(P01_CODES, (40, 30, 18, 2)), "CT1": (50, 41, 20, 3)}
    assert [v.source_row for v in report.values] == [7, 10, 11, 12, 13]
    assert activities_of(report) == [(date(2024, 2, 15), "tap_huan", "can_bo", 30, 12, 18, 2, 0),
                                     (date(2024, 2, 15), "truyen_thong", "nguoi_dan", 80, 30, 50, 0, 120)]
    assert [a.source_row for a in report.activities] == [7, 9]


def test_thongtin_with_title_rows_and_blank_rows(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    rows = [r for r in rows_of(wb, "ThongTin")[4:] if r[0]]
    spaced = [["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Độc lập - Tự do - Hạnh phúc"], []]
    for row in rows:
        spaced += [row[:2], []]
    replace_sheet(wb, "ThongTin", spaced)
    report = accepted(check(tmp_path, wb, all_plans))
    assert (report.unit_code, report.period_code, report.report_on) == ("P01", "2024-Q1", date(2024, 3, 5))


def test_nfd_text_everywhere(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1",
                activities=[Activity(kind="Tọa đàm", group="Đồng bào dân tộc thiểu số", participants=20, men=8,
                                     women=12, minority=20)],
                info={"unit_code": "Phường 1", "period": "Quý I năm 2024", "is_nil": "Không"})
    for name in ("ThongTin", "ChiTieu", "HoatDong"):
        replace_sheet(wb, name, [[_nfd(c) for c in row] for row in rows_of(wb, name)])
    assert unicodedata.normalize("NFD", "Mã đơn vị") == rows_of(wb, "ThongTin")[4][0]
    report = accepted(check(tmp_path, wb, all_plans))
    assert (report.unit_code, report.period_code, report.is_nil) == ("P01", "2024-Q1", False)
    assert report.prepared_by == "Nguyễn Thị Lan"  # stored as NFC
    assert activities_of(report) == [(date(2024, 2, 15), "toa_dam", "nguoi_dan_dtts", 20, 8, 12, 20, 0)]


@pytest.mark.parametrize("written", ["Phường 1", "P.1", "P01", "phường 01", "F1"])
def test_ward_written_five_ways(tmp_path: Path, all_plans: dict[str, Plan], written: str) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"unit_code": written, "unit_name": None})
    drop_meta(wb)  # a home-made copy: the unit comes only from what was typed
    report = accepted(check(tmp_path, wb, all_plans))
    assert (report.plan_id, report.unit_code, report.template_version) == ("govap-2024", "P01", "")


def test_numbers_as_text(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1",
                values={"CT1": ("1.234", "1.000 người", "600", 12.0), "CT2A": ("3 người", 3, " 2 ", "0")},
                activities=[Activity(participants="1.200 người", men="500", women="700", minority="12",
                                     materials="2.000 tờ")])
    report = accepted(check(tmp_path, wb, all_plans))
    assert values_of(report)["CT1"] == (1234, 1000, 600, 12)
    assert values_of(report)["CT2A"] == (3, 3, 2, 0)
    assert activities_of(report) == [(date(2024, 2, 15), "tap_huan", "can_bo", 1200, 500, 700, 12, 2000)]


def test_dates_three_ways(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    serial = (date(2024, 3, 1) - date(1899, 12, 30)).days
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"report_on": "04/03/2024"},
                activities=[Activity(day=date(2024, 1, 10)), Activity(day="15/02/2024"), Activity(day=serial)])
    report = accepted(check(tmp_path, wb, all_plans))
    assert report.report_on == date(2024, 3, 4)
    assert [a.activity_on for a in report.activities] == [date(2024, 1, 10), date(2024, 2, 15), date(2024, 3, 1)]
    assert [a.line_no for a in report.activities] == [1, 2, 3]


@pytest.mark.parametrize("names", [("Thông tin", "Chi tiêu", "Hoạt động"), ("thong tin", "chi tieu", "hoat dong"),
                                   ("THÔNG TIN ", "CHI_TIEU", "Hoat-Dong"), ("ThongTin", "ChiTieu", "HOẠT ĐỘNG")])
def test_sheet_names_with_other_case_accents_spacing(tmp_path: Path, all_plans: dict[str, Plan],
                                                     names: tuple[str, str, str]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    for old, new in zip(("ThongTin", "ChiTieu", "HoatDong"), names, strict=True):
        rename_sheet(wb, old, new)
    report = accepted(check(tmp_path, wb, all_plans))
    assert len(report.values) == 5
    assert len(report.activities) == 1


def test_period_written_in_words(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P05", "2024-H1", info={"period": "6 tháng đầu năm 2024"})
    drop_meta(wb)
    assert accepted(check(tmp_path, wb, all_plans)).period_code == "2024-H1"


def test_blank_indicator_row_is_left_out(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT2B": None, "CT4": None})
    assert sorted(values_of(accepted(check(tmp_path, wb, all_plans)))) == ["CT1", "CT2A", "CT3"]


def test_nil_report(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "TCKH", "2024-Q1", values={"CT1": None}, activities=[],
                info={"is_nil": "Có"})
    report = accepted(check(tmp_path, wb, all_plans))
    assert (report.is_nil, report.values, report.activities) == (True, [], [])


def test_small_plan_workbook_without_meta_finds_its_plan(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["riverside-2025"], "XA", "2025-T1", info={"unit_code": "Xã An Bình", "period": "Đợt I"})
    drop_meta(wb)
    report = accepted(check(tmp_path, wb, all_plans))
    assert (report.plan_id, report.unit_code, report.period_code) == ("riverside-2025", "XA", "2025-T1")
    assert sorted(values_of(report)) == ["A1", "B2"]


# ---- rejected: content faults, each located -------------------------------------------------


def rejected(tmp_path: Path, wb: Workbook, plans: dict[str, Plan]) -> list[Problem]:
    result = check(tmp_path, wb, plans)
    assert result.report is None
    assert result.problems
    assert_bilingual(result.problems)
    return result.problems


def test_unknown_unit(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"unit_code": "P02", "unit_name": "Phường 2"})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("unit_unknown", "ThongTin", 5, "B")]
    assert problems[0].message("vi") == "Đơn vị 'P02' không có trong kế hoạch govap-2024."
    assert problems[0].message("en") == "Unit 'P02' is not in plan govap-2024."


def test_unit_code_and_name_disagree(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"unit_code": "P03"})
    assert where(rejected(tmp_path, wb, all_plans)) == [("unit_mismatch", "ThongTin", 5, "B")]


@pytest.mark.parametrize("period", ["Quý V", "Quý I/2023", "2025-Q1"])
def test_unknown_period(tmp_path: Path, all_plans: dict[str, Plan], period: str) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"period": period})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("period_unknown", "ThongTin", 7, "B")]
    assert problems[0].message("en") == f"Reporting period '{period}' is not in plan govap-2024."
    assert problems[0].fix("vi") == "Ghi kỳ báo cáo như trong biểu mẫu (ví dụ 2024-Q1, Quý I/2024)."


def test_missing_unit_and_period(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"unit_code": None, "unit_name": None, "period": None})
    assert where(rejected(tmp_path, wb, all_plans)) == [("value_missing", "ThongTin", 5, "B"),
                                                        ("value_missing", "ThongTin", 7, "B")]


def test_unit_not_expected_to_report_indicator(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    wb = filled(govap, "CA", "2024-Q1")
    ws = wb["ChiTieu"]
    ws["A7"], ws["C7"], ws["D7"] = "GS1", 20, 8
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("indicator_not_assigned", "ChiTieu", 7, "A")]
    assert problems[0].message("en") == "Unit CA is not expected to report indicator GS1."
    assert problems[0].fix("en") == "Delete this row; the unit reports: CT1, CT5."


def test_unknown_indicator(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb["ChiTieu"]["A10"], wb["ChiTieu"]["C10"], wb["ChiTieu"]["D10"] = "CT9", 5, 1
    assert where(rejected(tmp_path, wb, all_plans)) == [("indicator_unknown", "ChiTieu", 10, "A")]


def test_negative_count(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (40, -3, 0, 0)},
                activities=[Activity(materials=-10)])
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("negative", "ChiTieu", 5, "D"), ("negative", "HoatDong", 5, "J")]
    assert problems[0].message("vi") == "Số âm (-3) không hợp lệ."
    assert problems[0].message("en") == "A negative count (-3) is not allowed."


def test_numerator_greater_than_denominator(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT3": (10, 12, 5, 0)})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("numerator_gt_denominator", "ChiTieu", value_row(all_plans["govap-2024"], "P01", "CT3"),
                                "D")]
    assert problems[0].message("vi") == "Số đạt (12) lớn hơn tổng số đối tượng (10)."
    assert problems[0].message("en") == "Achieved (12) is greater than the total (10)."


def test_women_or_minority_greater_than_total_in_values(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (40, 10, 11, 2), "CT2A": (40, 10, 5, 12)})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("women_gt_reached", "ChiTieu", 5, "E"), ("minority_gt_reached", "ChiTieu", 6, "F")]
    # The message names the column the rule is about: "Số đạt" (10), not "Tổng số đối tượng" (40).
    assert problems[0].message("vi") == "“Trong đó nữ” (11) lớn hơn “Số đạt” (10)."
    assert "“Số đạt”, the number reached (10)" in problems[0].message("en")
    assert problems[1].message("vi") == "“Trong đó người DTTS” (12) lớn hơn “Số đạt” (10)."


def test_women_or_minority_greater_than_total_in_activities(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1",
                activities=[Activity(participants=10, men=0, women=12), Activity(participants=10, men=4, women=6,
                                                                                minority=11)])
    assert where(rejected(tmp_path, wb, all_plans)) == [
        ("sex_sum_mismatch", "HoatDong", 5, "F"), ("women_gt_total", "HoatDong", 5, "H"),
        ("minority_gt_total", "HoatDong", 6, "I")]


def test_men_plus_women_not_total(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", activities=[Activity(participants=30, men=12, women=17)])
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("sex_sum_mismatch", "HoatDong", 5, "F")]
    assert problems[0].message("vi") == "Nam (12) + Nữ (17) = 29, khác tổng số người tham gia (30)."
    assert problems[0].message("en") == "Men (12) + women (17) = 29, not the total participants (30)."


def test_dates_outside_the_plan_year(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"report_on": date(2023, 6, 1)},
                activities=[Activity(day=date(2023, 12, 31)), Activity(day="01/01/2025"), Activity(day="32/01/2024")])
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("date_outside_year", "ThongTin", 8, "B"), ("date_outside_year", "HoatDong", 5, "B"),
                               ("date_outside_year", "HoatDong", 6, "B"), ("date_invalid", "HoatDong", 7, "B")]
    assert problems[1].message("vi") == "Ngày 31/12/2023 nằm ngoài năm kế hoạch 2024."
    assert problems[1].message("en") == "Date 31/12/2023 is outside the plan year 2024."


def test_formula_without_cached_value(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (40, "=1+1", 0, 0)},
                activities=[Activity(participants="=G5+H5")])
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("formula_no_value", "ChiTieu", 5, "D"), ("formula_no_value", "HoatDong", 5, "F")]
    assert problems[0].message("en") == "The cell holds a formula without a calculated value."


def test_counts_that_are_not_whole_numbers(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1",
                values={"CT1": ("12,5", "abc", 0, 0), "CT2A": (4, "1e1", 0, 0)})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("not_whole", "ChiTieu", 5, "C"), ("not_a_number", "ChiTieu", 5, "D"),
                               ("not_a_number", "ChiTieu", 6, "D")]
    assert problems[0].message("vi") == "'12,5' phải là số nguyên (số người, số tài liệu)."


def test_women_without_totals_is_not_dropped(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (None, None, 5, None)})
    assert where(rejected(tmp_path, wb, all_plans)) == [("totals_missing", "ChiTieu", 5, "C")]


def test_half_filled_value_rows(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (40, None, 20, None),
                                                                   "CT2A": (None, 3, None, None)})
    assert where(rejected(tmp_path, wb, all_plans)) == [("numerator_missing", "ChiTieu", 5, "D"),
                                                        ("denominator_missing", "ChiTieu", 6, "C")]


def test_row_with_only_the_prefilled_total_is_not_reported(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    """Templates carry last period's totals: a row left otherwise empty is carried forward, not rejected."""
    wb = filled(all_plans["govap-2024"], "P01", "2024-H1", values={"CT1": (40, None, None, None)})
    report = accepted(check(tmp_path, wb, all_plans))
    assert sorted(values_of(report)) == ["CT2A", "CT2B", "CT3", "CT4"]
    nil = filled(all_plans["govap-2024"], "P01", "2024-H1", info={"is_nil": "Có"}, activities=[],
                 values={c: (40, None, None, None) for c in P01_CODES})
    assert accepted(check(tmp_path, nil, all_plans, "nil.xlsx")).is_nil


def test_every_fault_of_a_row_is_listed(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values={"CT1": (100, 120, 130, -1)},
                activities=[Activity(participants=30, men=-2, women=40, minority=50)])
    assert where(rejected(tmp_path, wb, all_plans)) == [
        ("negative", "ChiTieu", 5, "F"), ("numerator_gt_denominator", "ChiTieu", 5, "D"),
        ("women_gt_reached", "ChiTieu", 5, "E"), ("negative", "HoatDong", 5, "G"),
        ("women_gt_total", "HoatDong", 5, "H"), ("minority_gt_total", "HoatDong", 5, "I")]


def test_unknown_list_values(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", activities=[Activity(kind="Hội nghị", group="Ai đó",
                                                                                topic=" ")])
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("activity_type_unknown", "HoatDong", 5, "C"),
                               ("target_group_unknown", "HoatDong", 5, "E"), ("topic_missing", "HoatDong", 5, "D")]
    assert problems[0].fix("vi").startswith("Chọn trong danh sách: Truyền thông/tuyên truyền; Tập huấn;")


def test_nil_report_with_data(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"is_nil": "Có"})
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("nil_with_data", "ThongTin", 11, "B")]
    assert problems[0].message("en") == ("The report says nil ('Không phát sinh') but contains data "
                                         "(ChiTieu, HoatDong).")


def test_empty_report(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", values=dict.fromkeys(P01_CODES), activities=[])
    assert where(rejected(tmp_path, wb, all_plans)) == [("report_empty", "ChiTieu", None, None)]


def test_missing_sheet(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    del wb["HoatDong"]
    assert where(rejected(tmp_path, wb, all_plans)) == [("sheet_missing", "HoatDong", None, None)]


def test_missing_header(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb["ChiTieu"]["D4"] = "Kết quả"
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("header_missing", "ChiTieu", None, None)]
    assert problems[0].message("vi") == "Không tìm thấy dòng tiêu đề có các cột: 'Số đạt'."


def test_several_faults_in_one_file_are_all_listed(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    govap = all_plans["govap-2024"]
    wb = filled(govap, "P01", "2024-Q1", info={"report_on": "01/06/2023", "is_nil": "Có lẽ"},
                values={"CT1": (40, -3, 0, 0), "CT2A": (2, 3, 1, 0), "CT3": (15, 10, 11, 0)},
                activities=[Activity(), Activity(day=date(2023, 5, 1)), Activity(participants=30, men=10, women=10),
                            Activity(kind="Hội nghị", minority=31)])
    wb["ChiTieu"]["A10"], wb["ChiTieu"]["C10"], wb["ChiTieu"]["D10"] = "CT5", 100, 90
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [
        ("date_outside_year", "ThongTin", 8, "B"), ("nil_invalid", "ThongTin", 11, "B"),
        ("negative", "ChiTieu", 5, "D"), ("numerator_gt_denominator", "ChiTieu", 6, "D"),
        ("women_gt_reached", "ChiTieu", 8, "E"), ("indicator_not_assigned", "ChiTieu", 10, "A"),
        ("date_outside_year", "HoatDong", 6, "B"), ("sex_sum_mismatch", "HoatDong", 7, "F"),
        ("activity_type_unknown", "HoatDong", 8, "C"), ("minority_gt_total", "HoatDong", 8, "I"),
    ]


# ---- rejected: unusable files ----------------------------------------------------------------


@pytest.fixture
def small_file_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setenv("GEPM_MAX_FILE_BYTES", "2000")
    settings.cache_clear()
    yield 2000
    monkeypatch.undo()
    settings.cache_clear()


def file_problem(path: Path, plans: dict[str, Plan]) -> Problem:
    result = prepare(Item(path), plans, "govap-2024")
    assert result.report is None
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.sheet, problem.row, problem.column) == (None, None, None)
    assert_bilingual([problem])
    return problem


def test_oversized_file(tmp_path: Path, all_plans: dict[str, Plan], small_file_limit: int) -> None:
    path = save(filled(all_plans["govap-2024"], "P01", "2024-Q1"), tmp_path / "big.xlsx")
    problem = file_problem(path, all_plans)
    assert problem.code == "file_too_large"
    assert problem.params == {"size": path.stat().st_size, "limit": small_file_limit}
    assert problem.message("en") == f"The file is too large ({path.stat().st_size} bytes, at most 2000)."


def test_zip_bomb(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx", megabytes=300)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(path).infolist()) > 300 * 1024 * 1024
    problem = file_problem(path, all_plans)
    assert problem.code == "zip_bomb"
    assert problem.params["size"] > 300 * 1024 * 1024
    assert problem.message("vi").startswith("Tệp nén bất thường: giải nén ra ")


def test_encrypted_file(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    problem = file_problem(encrypted_ole(tmp_path / "matkhau.xlsx"), all_plans)
    assert problem.code == "file_encrypted"
    assert problem.message("vi") == "Tệp được đặt mật khẩu nên không đọc được."
    assert problem.message("en") == "The file is password-protected and cannot be read."


def test_truncated_file(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    problem = file_problem(truncated(filled(all_plans["govap-2024"], "P01", "2024-Q1"), tmp_path / "cut.xlsx"),
                           all_plans)
    assert problem.code == "file_format"
    assert problem.message("en").startswith("Not a valid Excel/ODS workbook (zip:")


def test_zip_that_is_not_a_workbook(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "không phải bảng tính")
    assert file_problem(path, all_plans).code == "file_unreadable"


def test_workbook_with_broken_sheet_xml_is_rejected(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path = corrupt_member(filled(all_plans["govap-2024"], "P01", "2024-Q1"), tmp_path / "hong.xlsx")
    assert file_problem(path, all_plans).code == "file_unreadable"


def test_csv_renamed_xlsx(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    problem = file_problem(csv_named_xlsx(tmp_path / "baocao.xlsx"), all_plans)
    assert problem.code == "file_format"
    assert problem.params == {"detail": ".xlsx content: CSV/text"}
    assert problem.message("vi") == "Không phải tệp bảng tính Excel/ODS hợp lệ (.xlsx content: CSV/text)."


def test_html_renamed_xls(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    path = write_bytes(tmp_path / "export.xls", b"<html><table><tr><td>P01</td></tr></table></html>")
    assert file_problem(path, all_plans).params == {"detail": ".xls content: HTML/XML"}


def test_empty_file(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    problem = file_problem(write_bytes(tmp_path / "rong.xlsx", b""), all_plans)
    assert problem.code == "file_empty"
    assert problem.message("en") == "The file is empty (0 bytes)."


def test_unsupported_extension(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    problem = file_problem(csv_named_xlsx(tmp_path / "baocao.csv"), all_plans)
    assert (problem.code, problem.params) == ("file_extension", {"ext": ".csv"})


def test_set_info_helper_finds_labels(all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    set_info(wb, phone="0909 000 000")
    assert wb["ThongTin"]["B10"].value == "0909 000 000"


def test_missing_sheet_is_named_in_the_message(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    del wb["ChiTieu"]
    problem = rejected(tmp_path, wb, all_plans)[0]
    assert (problem.message("vi"), problem.message("en")) == ("Thiếu sheet 'ChiTieu'.", "Sheet 'ChiTieu' is missing.")


# ---- the problem catalogue -------------------------------------------------------------------

_RAISED = re.compile(r"""(?:out\.add|ExtractError|CellError|Problem)\(\s*f?"([a-z_{}]+)\"""")


def _codes_in_code() -> set[str]:
    found: set[str] = set()
    for path in (p for pkg in ("etl", "documents", "warehouse") for p in (ROOT / pkg).rglob("*.py")):
        found |= set(_RAISED.findall(path.read_text(encoding="utf-8")))
    kinds = {"activity_type", "target_group"}  # validate_activities: f"{kind}_unknown"
    return {c for c in found if "{" not in c} | {f"{k}_unknown" for k in kinds}


def test_every_problem_code_has_both_texts() -> None:
    codes = _codes_in_code()
    assert {"zip_bomb", "file_encrypted", "sex_sum_mismatch", "formula_no_value", "totals_missing"} <= codes
    assert codes <= set(PROBLEMS)
    assert set(PROBLEMS) == set(FIXES)


@pytest.mark.parametrize("code", sorted(PROBLEMS))
def test_both_languages_use_the_same_placeholders(code: str) -> None:
    for vi, en in (PROBLEMS[code], FIXES[code]):
        assert _fields(vi) == _fields(en)
        assert vi != en


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# ---- rejected: less common faults ------------------------------------------------------------


def test_unit_that_no_longer_exists_in_the_period(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["riverside-2025"], "XB", "2025-T2", info={"period": "Đợt 3"})
    del wb["_template"]  # a hand-made workbook: a template would be refused for its own identity first
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("unit_not_valid", "ThongTin", 5, "B")]
    assert problems[0].message("en") == "Unit XB does not exist during period 2025-T3."


def test_template_of_an_unknown_plan(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb["_template"]["B2"] = "govap-2023"
    assert where(rejected(tmp_path, wb, all_plans)) == [("plan_unknown", None, None, None)]


def test_indicator_listed_twice(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb["ChiTieu"]["A10"], wb["ChiTieu"]["C10"], wb["ChiTieu"]["D10"] = "ct1", 40, 31
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("indicator_duplicate", "ChiTieu", 10, "A")]
    assert problems[0].message("en") == "Indicator CT1 appears more than once (also row 5)."


def test_label_removed_from_thongtin(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
    wb["ThongTin"]["A7"] = None
    problems = rejected(tmp_path, wb, all_plans)
    assert where(problems) == [("label_missing", "ThongTin", None, None)]
    assert problems[0].message("vi") == "Thiếu dòng 'Kỳ báo cáo' ở cột A."


def test_sheet_with_too_many_rows(tmp_path: Path, all_plans: dict[str, Plan], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEPM_MAX_SHEET_ROWS", "150")
    settings.cache_clear()
    try:
        wb = filled(all_plans["govap-2024"], "P01", "2024-Q1")
        wb["HoatDong"]["K300"] = "—"  # a stray mark far below the table makes the sheet 300 rows high
        problems = rejected(tmp_path, wb, all_plans)
    finally:
        monkeypatch.undo()
        settings.cache_clear()
    assert where(problems) == [("sheet_too_large", "HoatDong", None, None)]
    assert problems[0].params == {"rows": 300, "limit": 150}


def test_nil_flag_that_is_neither_yes_nor_no(tmp_path: Path, all_plans: dict[str, Plan]) -> None:
    wb = filled(all_plans["govap-2024"], "P01", "2024-Q1", info={"is_nil": "Chưa rõ"})
    assert where(rejected(tmp_path, wb, all_plans)) == [("nil_invalid", "ThongTin", 11, "B")]
