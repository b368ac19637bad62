"""The same period of 2024 on the Overview, Target and Participation pages and in the official report, through the
real app (AppTest) on a warehouse holding 2024 and a 2025 first half side by side (tests/years_data.py).

Hand sums (CT1, 2024-H1, every unit's rows carry the workbook's counts): Phường 1 of 2025 = Phường 1 + 4 + 7 of
2024 = 30 + 10 + 12 reached of 40 + 25 + 30; Phường 14 = Phường 14 + half of Phường 13 (odd counts: the extra
person to Phường 14) = 45 + 5 of 50 + 11; Phường 15 = the other half = 4 of 10; the police = 81 of 90. The health
centre did not exist in 2024.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest
from conftest import UseSettings, run_page
from docx import Document
from streamlit.testing.v1 import AppTest
from years_data import AS_OF, PLAN_2024, PLAN_2025, Years, build

STATE = {"plan_id": PLAN_2025, "period_code": "2025-H1", "as_of": AS_OF}
BEFORE = "Cùng kỳ 2024 (%)"
ABSENT = "không có đơn vị này năm 2024"
CENTRE = "Trung tâm Y tế quận"
EARLIER_CT1 = (52 + 50 + 4 + 81, 95 + 61 + 10 + 90)


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Years:
    return build(tmp_path_factory.mktemp("same-period-pages"))


@pytest.fixture
def env(years: Years, use_settings: UseSettings) -> Years:
    use_settings(GEPM_DB=years.db, GEPM_PLANS_DIR=years.plans_dir)
    return years


def vi_pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def vi_points(value: float) -> str:
    text = f"{abs(value):.1f}".replace(".", ",")
    return text if text == "0,0" else ("+" if value > 0 else "−") + text


def progress(db: Path, plan: str, period: str) -> dict[str, dict[str, Any]]:
    """v_target_progress as of the sidebar's day, per indicator, read straight from the views."""
    end = datetime.combine(AS_OF + timedelta(days=1), time(0), ZoneInfo("Asia/Ho_Chi_Minh"))
    end -= timedelta(microseconds=1)
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute("select * from target_progress_at($t) where plan_id = $p and period_code = $period",
                         {"t": end, "p": plan, "period": period}).df()
    return {str(r["indicator_code"]): {str(k): v for k, v in r.items()} for r in df.to_dict("records")}


def opened(page: str, **state: Any) -> AppTest:
    at = run_page(page, **{**STATE, **state})
    assert not at.exception, at.exception
    return at


def compared(at: AppTest, column: str = BEFORE) -> pd.DataFrame:
    [table] = [d.value for d in at.dataframe if column in d.value.columns]
    return table


def mapping(at: AppTest) -> pd.DataFrame:
    [table] = [d.value for d in at.dataframe if "Gồm các đơn vị năm 2024" in d.value.columns]
    return table.set_index("Đơn vị hiện nay")


def captions(at: AppTest) -> str:
    return "\n".join(c.value.replace("\\", "") for c in at.caption)


def test_overview_compares_each_target_with_2024_on_todays_units(env: Years) -> None:
    at = opened("overview")
    assert "So sánh với cùng kỳ 6 tháng 2024" in [h.value for h in at.subheader]
    ct1 = compared(at).set_index("Chỉ tiêu").filter(like="CT1 —", axis=0).iloc[0]
    then = 100 * EARLIER_CT1[0] / EARLIER_CT1[1]
    now = float(progress(env.db, PLAN_2025, "2025-H1")["CT1"]["achieved_pct"])
    assert list(ct1[["Kỳ này (%)", BEFORE, "Chênh lệch (điểm %)", "Số đạt cùng kỳ 2024",
                     "Tổng số đối tượng cùng kỳ 2024"]]) == [vi_pct(now), vi_pct(then), vi_points(now - then),
                                                            str(EARLIER_CT1[0]), str(EARLIER_CT1[1])]
    assert "ước tính (có phần chia tách của Phường 13)" in str(ct1["Ghi chú"])
    assert f"không tính {CENTRE}: {ABSENT}" in captions(at)
    table = mapping(at)
    assert table.loc["Phường 1", "Gồm các đơn vị năm 2024"] == "Phường 1 + Phường 4 + Phường 7"
    assert table.loc["Phường 14", "Gồm các đơn vị năm 2024"] == "Phường 13 (50%) + Phường 14"
    assert "NQ 1278/NQ-UBTVQH15" in str(table.loc["Phường 8", "Căn cứ"])
    assert str(table.loc["Phường 14", "Ghi chú"]).startswith("ước tính")
    assert table.loc[CENTRE, "Ghi chú"] == ABSENT


def test_overview_cards_keep_each_years_own_figures(env: Years) -> None:
    for plan, period in ((PLAN_2025, "2025-H1"), (PLAN_2024, "2024-H1")):
        at = opened("overview", plan_id=plan, period_code=period)
        view = progress(env.db, plan, period)
        shown = {m.label.split(" · ")[0]: m.value for m in at.metric}
        assert shown["CT1"] == vi_pct(float(view["CT1"]["achieved_pct"]))
    # the last page drawn is 2024's: no earlier plan year in this warehouse, so no comparison section
    assert not [h for h in at.subheader if h.value.startswith("So sánh với cùng kỳ")]


def test_target_page_per_unit_split_flagged_and_new_unit_shown_as_new(env: Years) -> None:
    at = opened("target")
    table = compared(at).set_index("Đơn vị")
    assert list(table.loc["Phường 1", [BEFORE, "Số đạt cùng kỳ 2024", "Tổng số đối tượng cùng kỳ 2024"]]) == [
        vi_pct(100 * 52 / 95), "52", "95"]
    assert list(table.loc["Phường 14", [BEFORE, "Số đạt cùng kỳ 2024"]]) == [vi_pct(100 * 50 / 61), "50"]
    assert table.loc["Phường 14", "Ghi chú"] == "ước tính (có phần chia tách của Phường 13)"
    assert table.loc["Phường 15", BEFORE] == vi_pct(40)
    assert table.loc["Phường 15", "Ghi chú"] == ("ước tính (có phần chia tách của Phường 13); "
                                                 "thiếu số liệu của Phường 15")
    assert table.loc["Công an quận", BEFORE] == vi_pct(90)
    assert table.loc[CENTRE, BEFORE] == ABSENT
    assert "0" not in list(table.loc[CENTRE, ["Số đạt cùng kỳ 2024", "Tổng số đối tượng cùng kỳ 2024"]])
    assert table.loc["Phường 3", BEFORE] == "không có số liệu năm 2024"
    assert table.loc["Tất cả đơn vị đã chọn", BEFORE] == vi_pct(100 * EARLIER_CT1[0] / EARLIER_CT1[1])


def test_target_page_follows_the_unit_filter(env: Years) -> None:
    at = opened("target", units=["P01", "TTYT"])
    table = compared(at).set_index("Đơn vị")
    assert list(table.index) == ["Tất cả đơn vị đã chọn", "Phường 1", CENTRE]
    assert table.loc["Tất cả đơn vị đã chọn", "Số đạt cùng kỳ 2024"] == "52"
    assert list(mapping(at).index) == ["Phường 1", CENTRE]


def test_participation_page_sums_the_same_quarters_of_2024(env: Years) -> None:
    """Every workbook lists one training of 30 people (18 women) on 15 February of its year."""
    at = opened("participation")
    table = compared(at, "Lượt người tham gia cùng kỳ 2024").set_index("Đơn vị")
    before, change = "Lượt người tham gia cùng kỳ 2024", "Chênh lệch (lượt người)"
    assert list(table.loc["Phường 1", ["Lượt người tham gia kỳ này", before, change]]) == ["30", "90", "−60"]
    assert list(table.loc["Phường 14", [before, "Số hoạt động cùng kỳ 2024"]]) == ["45", "2"]
    assert table.loc["Phường 14", "Ghi chú"] == "ước tính (có phần chia tách của Phường 13)"
    assert table.loc["Phường 15", before] == "15"
    assert table.loc[CENTRE, before] == ABSENT
    assert list(table.loc["Tất cả đơn vị đã chọn", ["Lượt người tham gia kỳ này", before]]) == ["150", "180"]


def test_participation_in_quarter_mode_compares_the_same_quarter(env: Years) -> None:
    at = opened("participation", period_mode="quarter", quarter="2025-Q1")
    assert "So sánh với cùng kỳ Quý 1/2024" in [h.value for h in at.subheader]
    table = compared(at, "Lượt người tham gia cùng kỳ 2024").set_index("Đơn vị")
    assert table.loc["Phường 1", "Lượt người tham gia cùng kỳ 2024"] == "90"


def test_official_report_compares_with_the_same_period_of_2024(env: Years, deferred: dict[str, Any]) -> None:
    opened("report")
    name = next(n for n in deferred if n.startswith(f"du-thao-bao-cao_{PLAN_2025}_2025-H1") and n.endswith(".docx"))
    doc = Document(io.BytesIO(deferred[name][1]()))
    text = "\n".join(p.text for p in doc.paragraphs)
    then = vi_pct(100 * EARLIER_CT1[0] / EARLIER_CT1[1])
    assert f"so với cùng kỳ năm trước (6 tháng 2024: {then} (ước tính))" in text
    assert "Phường 1 gồm Phường 1, Phường 4, Phường 7" in text and "Nghị quyết 1278/NQ-UBTVQH15" in text
    assert "Số liệu có phần chia tách của Phường 13 là số ước tính" in text
    assert f"{CENTRE} không có trong năm 2024" in text
    [targets] = [t for t in doc.tables if t.rows[0].cells[-1].text == "Cùng kỳ năm trước (6 tháng 2024)"]
    assert targets.rows[1].cells[-1].text == f"{then} (ước tính)"
