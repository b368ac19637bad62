"""Legacy TCVN3 / VNI text in a submitted workbook arrives as Unicode, and the file's result says so."""

from __future__ import annotations

from pathlib import Path

from etl.load.one_file import prepare
from etl.load.prepare import Item
from plan.model import Plan
from testkit.workbooks import Activity, filled, save


def test_tcvn3_and_vni_cells_are_converted_and_reported(tmp_path: Path, all_plans: dict[str, Plan],
                                                       govap: Plan) -> None:
    wb = filled(govap, "P01", "2024-Q1", info={"prepared_by": "NguyÔn ThÞ Lan"},
                activities=[Activity(topic="TËp huÊn B×nh ®¼ng giíi"),
                            Activity(topic="Taäp huaán veà bình ñaúng giôùi")])
    result = prepare(Item(save(wb, tmp_path / "legacy.xlsx")), all_plans, "govap-2024")
    assert [str(p) for p in result.problems] == []
    assert result.report is not None
    assert [a.topic for a in result.report.activities] == ["Tập huấn Bình đẳng giới", "Tập huấn về bình đẳng giới"]
    assert result.report.prepared_by == "Nguyễn Thị Lan"
    assert result.notes == [
        "Đã chuyển 2 ô chữ từ mã TCVN3 cũ sang Unicode. / "
        "Converted 2 text cells from the old TCVN3 encoding to Unicode.",
        "Đã chuyển 1 ô chữ từ mã VNI cũ sang Unicode. / Converted 1 text cells from the old VNI encoding to Unicode."]


def test_unicode_workbook_has_no_notes(tmp_path: Path, all_plans: dict[str, Plan], govap: Plan) -> None:
    result = prepare(Item(save(filled(govap, "P01", "2024-Q1"), tmp_path / "u.xlsx")), all_plans, "govap-2024")
    assert result.report is not None and result.notes == []
