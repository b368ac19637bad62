"""The official report on the demo warehouse: every number in the Word draft equals the documented views, and
LibreOffice renders it as A4 portrait pages with the administrative format's margins."""

from __future__ import annotations

import io
import re
import shutil
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


def _extra(con: duckdb.DuckDBPyConnection, plan: Plan) -> dict[str, pd.DataFrame]:
    params = {"plan_id": plan.plan_id, "period": PERIOD, "as_of": _as_of(plan)}
    return {name: queries.frame(con, f"app/report_official_{name}", params) for name in ("tasks", "budget", "cases")}


def _figures(con: duckdb.DuckDBPyConnection, plan: Plan) -> Figures:
    area = {"plan_id": plan.plan_id, "as_of": _as_of(plan), "unit_types": [], "units": []}
    targets = queries.frame(con, "app/report_official_targets", {**area, "period": PERIOD})
    previous = queries.frame(con, "app/report_official_targets", {**area, "period": PREVIOUS})
    return Figures(PERIOD, DAY, QUARTERS, targets,
                   queries.frame(con, "app/report_participation", {**area, "quarters": list(QUARTERS)}),
                   queries.frame(con, "app/report_status", {**area, "period": PERIOD}),
                   queries.frame(con, "app/report_official_quarters", {**area, "quarters": list(QUARTERS)}),
                   Compared("6 tháng", previous), extra=_extra(con, plan))


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
    return out | _plan_view_numbers(db, as_of)


def _counts(rows: pd.DataFrame) -> set[str]:
    done = rows["status"].isin(["da_hoan_thanh", "hoan_thanh_vuot"])
    parts = (done, rows["status"] == "hoan_thanh_vuot", rows["status"] == "dang_trien_khai",
             rows["status"] == "chua_trien_khai", rows["status"].isin(["chua_trien_khai", "not_reported"]),
             rows["status"] == "not_reported", rows["status"].isin(["khong_thuc_hien", "chuyen_nam_sau"]))
    return {_int(len(rows)), _int(rows["task_code"].nunique()), *(_int(p.sum()) for p in parts)}


def _plan_view_numbers(db: Path, as_of: datetime) -> set[str]:
    """The task, budget and case figures, from v_task_status / v_budget / v_cases' macros as of the report's day:
    status counts per part of the plan and per task, results per task, budget sums and rates per source and in
    all, the case counts the view shows summed per measure and the number of units it hides."""
    with duckdb.connect(str(db), read_only=True) as con:
        ts, bu, ca = (con.execute(f"select * from {m}($t) where period_code = $p and plan_id = 'govap-2024'",
                                  {"p": PERIOD, "t": as_of}).df()
                      for m in ("task_status_at", "budget_at", "cases_at"))
    out: set[str] = set()
    ts["part"] = ts["section"].str.split(",").str[0].str.split(".").str[0]
    for _, rows in [*ts.groupby("part"), *ts.groupby("task_code")]:
        out |= _counts(rows)
    out |= {_int(v) for v in ts.groupby("task_code")["result"].sum(min_count=1).dropna()}
    sums = bu.groupby("source_code")[["estimate", "spent", "settlement"]].sum(min_count=1)
    out |= {_int(v) for v in sums.to_numpy().ravel() if pd.notna(v)}
    rates = (100 * sums["spent"] / sums["estimate"].where(sums["estimate"] > 0)).dropna()
    out |= {_pct(v) + "%" for v in rates}
    est, spent = bu["estimate"].sum(), bu["spent"].sum()
    out |= {_int(est), _int(spent), _pct(100 * spent / est) + "%"}
    shown = ca.groupby("measure_code").agg(n=("n_cases", "sum"), hidden=("is_suppressed", "sum"))
    return out | {_int(v) for v in shown.to_numpy().ravel()}


def _plan_texts(plan: Plan) -> list[str]:
    """The plan's own wording the draft quotes (task texts carry decree and plan numbers, not figures)."""
    return [x.text_vi.rstrip(".") for x in plan.tasks]


def test_every_number_in_the_draft_equals_the_views(draft: bytes, demo_db: Path, govap: Plan) -> None:
    text = _text(draft)
    for quoted in [*_plan_texts(govap), *(f"({x.code})" for x in govap.tasks)]:
        text = text.replace(quoted, " ")
    dates = {m.group() for m in DATE.finditer(text)}
    with duckdb.connect(str(demo_db), read_only=True) as con:
        received = con.execute("select first_received_at from v_reporting_status where period_code = $p",
                               {"p": PERIOD}).df()["first_received_at"].dropna()
    known = {d.strftime("%d/%m/%Y") for p in govap.periods for d in (p.due_on,)} | {"ngày 15/11", "15/12/2024",
                                                                                  "31/12/2024"}
    known |= {govap.document.issued_on.strftime("%d/%m/%Y")} if govap.document else set()
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


def test_parts_with_figures_in_the_views_have_no_placeholder(draft: bytes, govap: Plan) -> None:
    text = _text(draft)
    assert "chưa có số liệu trong hệ thống" not in text
    assert govap.document is not None and govap.document.number is None
    assert "(Kế hoạch số … ngày 19/03/2024)" in text
    assert "Mục III của Kế hoạch:" in text and "Mục IV của Kế hoạch:" in text
    assert "(T18):" in text and "(T20):" in text and "(T13):" in text and "(T10):" in text
    assert "Xã hội hóa: dự toán" in text and "Nạn nhân được hỗ trợ y tế:" in text
    assert "- Chưa bố trí được cán bộ chuyên trách (Phường 9)." in text
    assert text.count("Đề nghị quận hỗ trợ tập huấn") == 1  # nine task rows, one proposal
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


def test_a_count_the_view_hides_never_appears(demo_db: Path, govap: Plan, tmp_path: Path) -> None:
    """One unit alone reports 3 victims sheltered (below suppress_below = 5): v_cases hides it, and so does the draft,
    both the unit's count and the measure's total."""
    db = tmp_path / "hidden.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("update case_counts set n_total = 0, women = 0, children = 0 where measure_code = $m",
                    {"m": "nan_nhan_tam_lanh"})
        con.execute("update case_counts set n_total = 3, women = 2, children = 0 where measure_code = $m and "
                    "submission_id in (select submission_id from submissions where unit_code = $u)",
                    {"m": "nan_nhan_tam_lanh", "u": "LDTBXH"})
        hidden = con.execute("select * from cases_at($t) where measure_code = $m and period_code = $p",
                             {"m": "nan_nhan_tam_lanh", "p": PERIOD, "t": _as_of(govap)}).df()
        fig = _figures(con, govap)
    assert hidden["is_suppressed"].sum() == 1 and hidden["n_cases"].fillna(0).sum() == 0
    text = _text(to_docx(build(govap, "vi", fig, date(2024, 10, 1))))
    line = next(p for p in text.split("\n") if p.startswith("- Nạn nhân được bố trí nơi tạm lánh"))
    assert line == "- Nạn nhân được bố trí nơi tạm lánh: có phát sinh, số liệu dưới 5 không công bố."
    assert not re.search(r"\b[1-4]\b", line.replace("dưới 5", ""))
