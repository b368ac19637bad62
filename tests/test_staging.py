"""A report's rows reach the staged tables column by column, and travel between processes as compact tuples."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime

import pytest

from etl.load.prepare import FileResult
from etl.load.staging import PARTS, stage
from etl.report import ActivityRow, BudgetRow, CaseRow, Details, Report, TaskRow, ValueRow

ROW_OF = {"values": ValueRow, "activities": ActivityRow, "tasks": TaskRow, "budget": BudgetRow, "cases": CaseRow}


@pytest.mark.parametrize(("table", "columns", "attr"), PARTS, ids=[p[0] for p in PARTS])
def test_each_row_s_fields_are_its_staged_table_s_columns_in_order(table: str, columns: tuple[str, ...],
                                                                   attr: str) -> None:
    assert columns[0] == "submission_id"
    assert ROW_OF[attr]._fields == columns[1:], table


def _accepted() -> FileResult:
    report = Report("govap-2024", "P01", "2024-Q1", date(2024, 3, 20), False, "Lan", "0909", "2024.3",
                    values=[ValueRow("CT1", 40, 50, 21, 3, "ghi chú", 6)],
                    activities=[ActivityRow(1, date(2024, 2, 1), "truyen_thong", "Bình đẳng giới", "can_bo", 30,
                                            12, 18, 2, 40, "", "k|1", 5, "NV1", 1_500_000, "ngan_sach")],
                    details=Details(doc_number="12/BC", has_tasks=True),
                    tasks=[TaskRow("NV1", "done", 3, 2, None, 1, "nổi bật", "", "", "", "", 7)],
                    budget=[BudgetRow("ngan_sach", 10, 8, None, 8, "", 4)],
                    cases=[CaseRow("tu_van", 5, 3, 1, "", 6)])
    result = FileResult("/in/p01.xlsx", "p01.xlsx", datetime(2024, 3, 21, 8, 0, tzinfo=UTC), "ab" * 32, report)
    result.outcome, result.submission_id, result.version, result.is_current, result.file_no = "loaded", 41, 1, True, 3
    return result


def test_every_value_of_a_row_lands_in_its_own_column() -> None:
    staged = stage([_accepted()], load_id=9)
    activities = staged["staged_activities"]
    assert {name: col.tolist() for name, col in activities.items()} == {
        "submission_id": [41], "line_no": [1], "activity_on": [date(2024, 2, 1)], "activity_type": ["truyen_thong"],
        "topic": ["Bình đẳng giới"], "target_group": ["can_bo"], "participants": [30], "men": [12], "women": [18],
        "ethnic_minority": [2], "materials": [40], "note": [""], "activity_key": ["k|1"], "source_row": [5],
        "task_code": ["NV1"], "cost": [1_500_000], "funding_source": ["ngan_sach"]}
    assert staged["staged_values"]["denominator"].tolist() == [50]
    assert staged["staged_tasks"]["children"].tolist() == [1] and staged["staged_tasks"]["result"].tolist() == [3]
    assert staged["staged_budget"]["settlement"].tolist() == [8]
    assert staged["staged_cases"]["n_total"].tolist() == [5]
    assert staged["staged_details"]["doc_number"].tolist() == ["12/BC"]


def test_a_result_sent_by_a_worker_comes_back_equal_with_its_rows_named() -> None:
    sent = _accepted()
    back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sent and back.report is not None
    assert type(back.report.activities[0]) is ActivityRow and back.report.activities[0].cost == 1_500_000
    assert stage([back], 9).keys() == stage([sent], 9).keys()
