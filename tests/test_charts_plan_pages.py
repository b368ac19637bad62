"""Chart builders and shaping of the Tasks, Budget and Cases pages on small frames (no streamlit run), and the
target page's milestone line."""

from __future__ import annotations

import pandas as pd
import pytest

from plan.model import Plan
from ui import budget, cases, tasks
from ui.charts import targets as target_charts
from ui.charts.budget import estimate_spent_bars
from ui.charts.cases import measure_bars
from ui.charts.tasks import TASK_ORDER, status_bars, status_matrix


def assignments() -> pd.DataFrame:
    return pd.DataFrame({
        "unit_code": ["P01", "P01", "VP", "VP"], "unit": ["Phường 1", "Phường 1", "Văn phòng", "Văn phòng"],
        "task_code": ["T01", "T02", "T01", "T03"], "section": ["III.1", "III.2, IV.1", "III.1", "IV.10"],
        "status": ["da_hoan_thanh", "chua_trien_khai", "hoan_thanh_vuot", "not_reported"],
        "role": ["chu_tri", "phoi_hop", "phoi_hop", "chu_tri"],
        "task_text": ["Tuyên truyền", "Tập huấn", "Tuyên truyền", "Kiểm tra"],
        "result": [12.0, None, 3.0, None], "is_carried_forward": [False, False, True, False],
        "difficulties": ["Thiếu kinh phí", " Thiếu kinh phí ", "Thiếu cán bộ", ""]})


def test_status_matrix_colours_each_assignment_and_marks_the_lead() -> None:
    fig = status_matrix(assignments(), ["Phường 1", "Văn phòng"], ["T01", "T02", "T03"], "vi")
    heat = fig.data[0]
    order = list(TASK_ORDER)
    assert [list(r) for r in heat.z] == [[order.index("da_hoan_thanh"), order.index("chua_trien_khai"), None],
                                         [order.index("hoan_thanh_vuot"), None, order.index("not_reported")]]
    assert [list(r) for r in heat.text] == [["●", "", ""], ["", "", "●"]]
    assert "Không giao cho đơn vị này" in heat.customdata[0][2]
    assert "Kết quả: 12" in heat.customdata[0][0]
    assert {tr.name for tr in fig.data[1:]} == {"Đã hoàn thành", "Chưa triển khai", "Hoàn thành vượt", "Chưa báo cáo"}


def test_completion_counts_by_unit_and_by_section(govap: Plan) -> None:
    rows = assignments()
    units = tasks.by_unit(rows, govap)
    assert list(units["unit_code"]) == ["P01", "VP"]  # the plan's order
    assert list(units["n_tasks"]) == [2, 2] and list(units["done_pct"]) == [50.0, 50.0]
    sections = tasks.by_section(rows)
    assert list(sections["section"]) == ["III.1", "III.2", "IV.1", "IV.10"]  # IV.10 after IV.1, split sections
    assert list(sections["n_tasks"]) == [2, 1, 1, 1]
    fig = status_bars(units, "unit_name", "x", "en")
    assert [tr.name for tr in fig.data] == ["Done, beyond plan", "Done", "Not started", "Not reported"]
    assert fig.layout.barmode == "stack" and fig.layout.legend.traceorder == "normal"


def test_remarks_group_identical_texts_and_skip_carried_forward() -> None:
    out = tasks.remarks(assignments(), "difficulties")
    expected = {"text": "Thiếu kinh phí", "n_units": 1, "units": "Phường 1", "tasks": "T01, T02"}
    assert out.to_dict("records") == [expected]
    assert tasks.not_started(assignments(), "vi")["task_code"].tolist() == ["T02"]


def test_nine_months_is_the_third_quarter_report(govap: Plan) -> None:
    assert tasks.nine_months(govap) == "2024-Q3"


def test_budget_sums_and_bars_in_millions() -> None:
    rows = pd.DataFrame({"unit_code": ["P01", "P01", "P03"], "source_code": ["giao_dau_nam", "xa_hoi_hoa", "khac"],
                         "source_ordinal": [1, 4, 5], "source_name_vi": ["Giao đầu năm", "Xã hội hóa", "Khác"],
                         "source_name_en": ["Allocated", "Mobilised", "Other"],
                         "estimate": [8_000_000, 2_000_000, None], "spent": [6_000_000, 2_000_000, None]})
    total = budget.totals(rows)
    assert (total["spent_pct"], total["mobilised_pct"], total["n_units"]) == (80.0, 25.0, 1)
    sources = budget.by_source(rows, "en")
    assert list(sources["source"]) == ["Allocated", "Mobilised", "Other"]
    assert sources["share_pct"].tolist()[:2] == [75.0, 25.0] and pd.isna(sources["share_pct"].tolist()[2])
    fig = estimate_spent_bars(sources, "source", "t", "vi")
    assert list(fig.data[0].x[:2]) == [8.0, 2.0] and list(fig.data[1].text[:2]) == ["75,0%", "100,0%"]
    assert fig.layout.separators == ",."


def test_cases_show_small_counts_as_under_the_threshold(govap: Plan) -> None:
    rows = pd.DataFrame({"period_code": ["2024-Q1"] * 3 + ["2024-H1"] * 3, "unit_code": ["P01", "P03", "P04"] * 2,
                         "measure_code": ["bao_luc_gia_dinh"] * 6, "measure_name_vi": ["Bạo lực gia đình"] * 6,
                         "measure_name_en": ["Domestic violence"] * 6,
                         "n_cases": pd.array([None, 7, None, 6, 9, 0], dtype="Int64"),
                         "is_suppressed": pd.array([True, False, None, False, False, False], dtype="boolean")})
    units = cases.by_unit(rows, govap, "2024-Q1", 5, "vi")
    assert units["bao_luc_gia_dinh"].tolist() == ["<5", 7, None]
    table = cases.series(rows, ["2024-Q1", "2024-H1"], "2024-Q1", {"bao_luc_gia_dinh": "vụ"}, "vi")
    assert table[["2024-Q1", "2024-H1", "n_small"]].to_numpy().tolist() == [[7, 15, 1]]
    fig = measure_bars(table.assign(measure="Vụ bạo lực gia đình được phát hiện trên địa bàn các phường của quận"),
                       [("2024-Q1", "Quý I"), ("2024-H1", "6 tháng")], "vi")
    assert [tr.name for tr in fig.data] == ["Quý I", "6 tháng"] and "<br>" in fig.data[0].y[0]


@pytest.mark.parametrize("milestone", [None, ("9 tháng", 60.0)])
def test_target_bars_draw_the_period_milestone(govap: Plan, milestone: tuple[str, float] | None) -> None:
    from test_ui_targets import sample_units

    fig = target_charts.unit_bars_figure(sample_units(govap), govap.indicator_by_code["CT1"], "vi", milestone)
    lines = [(s.x0, s.line.dash) for s in fig.layout.shapes]
    notes = [a.text for a in fig.layout.annotations]
    if milestone is None:
        assert lines == [(70.0, "dash")] and notes == ["Chỉ tiêu ≥ 70%"]
    else:
        assert lines == [(70.0, "dash"), (60.0, "dot")] and notes == ["Chỉ tiêu ≥ 70%", "Mốc 9 tháng: ≥ 60%"]
