"""The official report on the demo warehouse: every number in the Word draft equals the documented views, and
LibreOffice renders it as A4 portrait pages with the administrative format's margins."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest
from conftest import soffice
from docx import Document
from docx.shared import Cm

import queries
from documents.official_report import build
from documents.official_report_docx import to_docx
from documents.official_report_figures import Compared, Figures
from plan.model import Plan

PERIOD, PREVIOUS, DAY = "2024-Q3", "2024-H1", date(2024, 12, 31)
QUARTERS = ("2024-Q1", "2024-Q2", "2024-Q3")
DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}(?: \d{2}:\d{2})?|ngày \d{2}/\d{2}(?!/)")
NUMBER = re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?%?")


def _as_of(plan: Plan) -> datetime:
    return datetime.combine(DAY + timedelta(days=1), time(0), ZoneInfo(plan.timezone)) - timedelta(microseconds=1)


def _figures(con: duckdb.DuckDBPyConnection, plan: Plan) -> Figures:
    area = {"plan_id": plan.plan_id, "as_of": _as_of(plan), "unit_types": [], "units": []}
    targets = queries.frame(con, "app/report_official_targets", {**area, "period": PERIOD})
    previous = queries.frame(con, "app/report_official_targets", {**area, "period": PREVIOUS})
    return Figures(PERIOD, DAY, QUARTERS, targets,
                   queries.frame(con, "app/report_participation", {**area, "quarters": list(QUARTERS)}),
                   queries.frame(con, "app/report_status", {**area, "period": PERIOD}),
                   queries.frame(con, "app/report_official_quarters", {**area, "quarters": list(QUARTERS)}),
                   Compared("6 tháng", previous))


@pytest.fixture(scope="module")
def draft(demo_db: Path, govap: Plan) -> bytes:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        return to_docx(build(govap, "vi", _figures(con, govap), date(2024, 10, 1)))


def _text(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _int(n: object) -> str:
    return f"{int(n):,}".replace(",", ".")  # type: ignore[call-overload]


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _view_numbers(db: Path, as_of: datetime) -> set[str]:
    """Every figure the draft may show, read straight from the documented views (not through the query files);
    reporting status as of the report's day (v_reporting_status is the same macro as of now)."""
    with duckdb.connect(str(db), read_only=True) as con:
        tp = con.execute("select * from v_target_progress where period_code in ($a, $b)",
                         {"a": PERIOD, "b": PREVIOUS}).df()
        pa = con.execute("select * from v_participation where list_contains($q, quarter)", {"q": list(QUARTERS)}).df()
        rs = con.execute("select * from reporting_status_at($t) where period_code = $p and plan_id = 'govap-2024'",
                         {"p": PERIOD, "t": as_of}).df()
    out: set[str] = set()
    for col in ("numerator", "denominator", "women", "ethnic_minority", "gap_people", "units_reporting",
                "units_expected", "units_carried_forward"):
        out |= {_int(v) for v in tp[col].dropna()}
    out |= {_pct(v) + "%" for v in tp["achieved_pct"].dropna()} | {f"{v:g}%" for v in tp["target_pct"].dropna()}
    now, before = (tp[tp["period_code"] == p].set_index("indicator_code")["achieved_pct"] for p in (PERIOD, PREVIOUS))
    out |= {_pct(abs(round(now[c] - before[c], 1))) for c in now.index}
    measures = ["n_activities", "participants", "women", "ethnic_minority", "materials"]
    for keys in (["activity_type", "target_group"], ["activity_type"], ["target_group"], ["quarter"]):
        out |= {_int(v) for v in pa.groupby(keys)[measures].sum().to_numpy().ravel()}
    groups = ["nguoi_dan_dtts", "nguoi_uy_tin", "to_truong", "co_so_tin_nguong"]
    comm = ["truyen_thong", "toa_dam", "hoi_thi", "su_kien", "phat_hanh_tai_lieu"]
    for rows in (pa, pa[pa["target_group"].isin(groups)], pa[pa["activity_type"].isin(comm)]):
        out |= {_int(v) for v in rows[measures].sum()}
    received = int(rs["first_received_at"].notna().sum())
    on_time = int((rs["is_on_time"] == True).sum())  # noqa: E712
    out |= {_int(v) for v in (len(rs), received, on_time, received - on_time, (rs["status"] == "missing").sum(),
                              (rs["status"] == "nil_report").sum(), (rs["unit_type"] == "ward").sum(),
                              (rs["unit_type"] != "ward").sum(), *rs["days_late"].dropna())}
    return out


def test_every_number_in_the_draft_equals_the_views(draft: bytes, demo_db: Path, govap: Plan) -> None:
    text = _text(draft)
    dates = {m.group() for m in DATE.finditer(text)}
    with duckdb.connect(str(demo_db), read_only=True) as con:
        received = con.execute("select first_received_at from v_reporting_status where period_code = $p",
                               {"p": PERIOD}).df()["first_received_at"].dropna()
    known = {d.strftime("%d/%m/%Y") for p in govap.periods for d in (p.due_on,)} | {"ngày 15/11", "15/12/2024",
                                                                                  "31/12/2024"}
    known |= {pd.Timestamp(r).tz_convert(govap.timezone).strftime("%d/%m/%Y %H:%M") for r in received}
    assert dates <= known, dates - known
    allowed = _view_numbers(demo_db, _as_of(govap)) | {str(n) for n in range(1, 31)} | {"2024"}
    found = [m.group() for m in NUMBER.finditer(DATE.sub(" ", text))]
    assert len(found) > 200
    assert sorted(set(found) - allowed) == []


def test_targets_table_rows_are_the_view_rows(draft: bytes, demo_db: Path) -> None:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        tp = con.execute("select * from v_target_progress where period_code = $p", {"p": PERIOD}).df()
    table = Document(io.BytesIO(draft)).tables[2]  # letterhead, subject rule, then the targets table
    assert [c.text for c in table.rows[0].cells][-1] == "Kỳ trước (6 tháng)"
    for row, want in zip(table.rows[1:], tp.sort_values("indicator_code").to_dict("records"), strict=True):
        cells = [c.text for c in row.cells]
        assert cells[3] == f"{_int(want['numerator'])}/{_int(want['denominator'])}"
        assert cells[4] == _pct(want["achieved_pct"]) + "%"
        assert cells[5] == {"met": "Đạt", "no_target": "Theo dõi"}.get(want["status"], "Chưa đạt")


def test_parts_without_figures_say_so(draft: bytes) -> None:
    text = _text(draft)
    for what in ("Kinh phí dự toán", "Số vụ việc bạo lực", "Kết quả thanh tra"):
        assert f"[{what}" in text and "chưa có số liệu trong hệ thống" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số: …/BC-BVSTBPN" in text
    assert "Nơi nhận:" in text and "TM. BAN VÌ SỰ TIẾN BỘ PHỤ NỮ VÀ BÌNH ĐẲNG GIỚI" in text
    assert "Phần báo cáo gửi Ban Dân tộc Thành phố" in text


def test_page_format_in_the_docx(draft: bytes) -> None:
    doc = Document(io.BytesIO(draft))
    s = doc.sections[0]
    mm = {k: round(getattr(s, k) / Cm(0.1)) for k in ("page_width", "page_height", "top_margin", "bottom_margin",
                                                       "left_margin", "right_margin")}
    assert (mm["page_width"], mm["page_height"]) == (210, 297)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs if r.font.size} <= {12.0, 14.0}


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_renders_a4_portrait(draft: bytes, tmp_path: Path) -> None:
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice (soffice/libreoffice) is not on PATH")
    src = tmp_path / "draft.docx"
    src.write_bytes(draft)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=240)
    pdf = tmp_path / "draft.pdf"
    if not pdf.exists() and b"could not be loaded" in done.stderr:
        pytest.skip("LibreOffice Writer is not installed (libreoffice-writer-nogui)")
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf.read_bytes())
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages >= 4 and len(boxes) >= pages
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        assert (round(x1 - x0), round(y1 - y0)) == (595, 842)  # A4 portrait in points
