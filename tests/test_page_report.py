"""The Consolidated report page through AppTest on the demo warehouse: preview, scope, and the two files."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from conftest import run_page
from docx import Document
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

PLAN = "govap-2024"
AS_OF = date(2024, 9, 30)


def _end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo("Asia/Ho_Chi_Minh")) - timedelta(microseconds=1)


def query(db: Path, sql: str, **params: Any) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).df()


def targets(db: Path, period: str, day: date, units: list[str] | None = None) -> pd.DataFrame:
    return query(db, "select * from target_progress_at($as_of, units := $units) where plan_id = $plan "
                     "and period_code = $period order by indicator_ordinal",
                 as_of=_end_of_day(day), units=units or [], plan=PLAN, period=period)


def statuses(db: Path, period: str, day: date, units: list[str] | None = None) -> pd.DataFrame:
    return query(db, "select * from reporting_status_at($as_of, units := $units) where plan_id = $plan "
                     "and period_code = $period", as_of=_end_of_day(day), units=units or [], plan=PLAN, period=period)


def pairs(db: Path, quarters: list[str], day: date) -> pd.DataFrame:
    return query(db, "select activity_type, target_group, sum(participants) as participants "
                     "from participation_at($as_of) where plan_id = $plan and list_contains($quarters, quarter) "
                     "group by all", as_of=_end_of_day(day), plan=PLAN, quarters=quarters)


def open_page(**state: Any) -> AppTest:
    at = run_page("report", **{"as_of": AS_OF, "period_code": "2024-Q3", **state})
    assert not at.exception, at.exception
    return at


def previews(at: AppTest) -> list[pd.DataFrame]:
    frames = [d.value for d in at.dataframe]
    assert len(frames) == 3
    return frames




def test_preview_of_the_three_tables(app_env: Path) -> None:
    at = open_page()
    assert at.title[0].value == "Báo cáo tổng hợp"
    target, participation, status = previews(at)
    want = targets(app_env, "2024-Q3", AS_OF)
    assert list(target["Mã"]) == list(want["indicator_code"]) == ["CT1", "CT2A", "CT2B", "CT3", "CT4", "CT5", "GS1"]
    ct1 = want.iloc[0]
    assert list(target.iloc[0][["Đạt được", "Đơn vị đã báo cáo", "Số người còn thiếu"]]) == [
        f"{ct1['achieved_pct']:.1f}%".replace(".", ","), f"{ct1['units_reporting']}/{ct1['units_expected']}",
        str(ct1["gap_people"])]
    quarters = ["2024-Q1", "2024-Q2", "2024-Q3"]
    sums = pairs(app_env, quarters, AS_OF)
    assert len(participation) == len(sums) + 1  # and the total row
    assert list(participation.iloc[-1][["Loại hoạt động", "Số người tham gia"]]) == [
        "Tổng cộng", f"{int(sums['participants'].sum()):,}".replace(",", ".")]
    want_status = statuses(app_env, "2024-Q3", AS_OF)
    assert len(status) == len(want_status) == 30
    assert list(status["Mã đơn vị"][:3]) == ["P01", "P03", "P04"]  # the plan's order
    assert set(status["Hạn nộp"]) == {"05/09/2024"}
    late = {"on_time": "Đúng hạn", "late": "Trễ hạn", "missing": "Chưa nộp", "nil_report": "Không phát sinh"}
    assert sorted(status["Tình trạng"]) == sorted(late[s] for s in want_status["status"])
    received = int(want_status["first_received_at"].notna().sum())
    summary = next(m.value for m in at.markdown if "BÁO CÁO TỔNG HỢP" in m.value)
    assert f"Đã nhận {received}/30 báo cáo" in summary
    assert "Kỳ báo cáo: 9 tháng (2024-Q3) · Số liệu tính đến ngày 30/09/2024" in summary


def test_downloads_workbook_and_docx(app_env: Path, deferred: dict[str, Any]) -> None:
    at = open_page()
    assert [b.label for b in at.download_button] == ["Tải dự thảo báo cáo (.docx)", "Tải báo cáo Excel (.xlsx)",
                                                     "Tải báo cáo Word (.docx)"]
    mime, build = deferred["bao-cao-tong-hop_govap-2024_2024-Q3_2024-09-30.xlsx"]
    assert mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = load_workbook(io.BytesIO(build()))
    assert wb.sheetnames == ["Chỉ tiêu", "Hoạt động", "Gửi báo cáo"]
    assert wb["Chỉ tiêu"]["A4"].value == "CT1" and wb["Chỉ tiêu"].max_row == 3 + 7 + 2
    assert wb["Gửi báo cáo"]["A4"].value == "P01"
    assert "Kế hoạch Bình đẳng giới và Vì sự tiến bộ phụ nữ quận Gò Vấp năm 2024" in str(wb["Hoạt động"]["A2"].value)
    docx = deferred["bao-cao-tong-hop_govap-2024_2024-Q3_2024-09-30.docx"][1]()
    doc = Document(io.BytesIO(docx))
    assert [len(t.rows) for t in doc.tables] == [1 + 7, 1 + len(pairs(app_env, ["2024-Q1", "2024-Q2", "2024-Q3"],
                                                                     AS_OF)) + 1, 1 + 30]


def test_units_period_and_as_of_follow_the_filters(app_env: Path) -> None:
    at = open_page(units=["P01", "P03"], period_code="2024-Q1", as_of=date(2024, 3, 5))
    target, _participation, status = previews(at)
    assert list(status["Mã đơn vị"]) == ["P01", "P03"]
    assert set(status["Hạn nộp"]) == {"05/03/2024"}
    want = statuses(app_env, "2024-Q1", date(2024, 3, 5), ["P01", "P03"])
    assert sorted(status["Tình trạng"]) == sorted({"on_time": "Đúng hạn", "not_yet_due": "Chưa đến hạn"}[s]
                                                   for s in want["status"])
    ct1 = targets(app_env, "2024-Q1", date(2024, 3, 5), ["P01", "P03"]).iloc[0]
    assert target.iloc[0]["Đơn vị đã báo cáo"] == f"{ct1['units_reporting']}/{ct1['units_expected']}" == \
        f"{ct1['units_reporting']}/2"
    summary = next(m.value for m in at.markdown if "BÁO CÁO TỔNG HỢP" in m.value)
    assert "Đơn vị: P01, P03" in summary and "05/03/2024" in summary


def test_quarter_mode_lists_that_quarter(app_env: Path) -> None:
    at = open_page(period_mode="quarter", quarter="2024-Q2")
    _target, participation, status = previews(at)
    assert len(participation) == len(pairs(app_env, ["2024-Q2"], AS_OF)) + 1
    assert "Hoạt động tổ chức trong Quý 2/2024; mỗi hoạt động tính một lần." in [c.value for c in at.caption]
    assert set(status["Hạn nộp"]) == {"10/05/2024"}  # the 6-month report stands for Q2


def test_english(app_env: Path, deferred: dict[str, Any]) -> None:
    at = open_page(lang="en")
    target, participation, _status = previews(at)
    assert list(target.columns[:4]) == ["Code", "Target", "Threshold", "Achieved"]
    assert participation.iloc[-1]["Activity type"] == "Total"
    wb = load_workbook(io.BytesIO(deferred["consolidated-report_govap-2024_2024-Q3_2024-09-30.xlsx"][1]()))
    assert wb.sheetnames == ["Targets", "Participation", "Reporting"]


def test_official_draft_for_the_chosen_period(app_env: Path, deferred: dict[str, Any]) -> None:
    at = open_page()
    assert "Dự thảo báo cáo chính thức" in [h.value for h in at.subheader]
    mime, build = deferred["du-thao-bao-cao_govap-2024_2024-Q3_2024-09-30.docx"]
    assert mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    doc = Document(io.BytesIO(build()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "9 tháng năm 2024" in text and "tính đến ngày 30/09/2024" in text
    ct1 = targets(app_env, "2024-Q3", AS_OF).iloc[0]
    assert f"kết quả {ct1['numerator']:,}/{ct1['denominator']:,}".replace(",", ".") in text
