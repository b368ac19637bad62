"""The workbook contract with the reporting units: sheet names and labels (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_VERSION = "2024.1"
META_SHEET = "_template"
LISTS_SHEET = "_lists"
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")

SHEET_INFO = "ThongTin"
SHEET_VALUES = "ChiTieu"
SHEET_ACTIVITIES = "HoatDong"


@dataclass(frozen=True)
class Label:
    """A label people see; aliases are other spellings met in returned files."""

    key: str
    text: str
    aliases: tuple[str, ...] = ()
    required: bool = True


INFO_LABELS = (
    Label("unit_code", "Mã đơn vị"),
    Label("unit_name", "Tên đơn vị", required=False),
    Label("period", "Kỳ báo cáo"),
    Label("report_on", "Ngày báo cáo", required=False),
    Label("prepared_by", "Người lập", ("Người lập biểu", "Người báo cáo"), required=False),
    Label("phone", "Số điện thoại", ("Điện thoại", "SĐT"), required=False),
    Label("is_nil", "Không phát sinh", ("Báo cáo không phát sinh",), required=False),
)

VALUE_COLUMNS = (
    Label("indicator_code", "Mã chỉ tiêu", ("Mã CT", "Chỉ tiêu")),
    Label("name", "Nội dung", ("Tên chỉ tiêu",), required=False),
    Label("denominator", "Tổng số đối tượng", ("Tổng số",)),
    Label("numerator", "Số đạt", ("Số người đạt", "Số đối tượng đạt", "Số lượng đạt")),
    Label("women", "Trong đó nữ", ("Nữ", "Số nữ"), required=False),
    Label("ethnic_minority", "Trong đó người DTTS", ("Người DTTS", "DTTS", "Trong đó DTTS", "Dân tộc thiểu số"),
          required=False),
    Label("note", "Ghi chú", required=False),
)

ACTIVITY_COLUMNS = (
    Label("line", "STT", ("Số thứ tự",), required=False),
    Label("activity_on", "Ngày", ("Ngày tổ chức", "Thời gian", "Ngày thực hiện")),
    Label("activity_type", "Loại hoạt động", ("Hình thức", "Loại")),
    Label("topic", "Nội dung", ("Nội dung hoạt động", "Chủ đề")),
    Label("target_group", "Đối tượng", ("Đối tượng tham gia", "Nhóm đối tượng")),
    Label("participants", "Tổng số người tham gia", ("Tổng số", "Số người tham gia", "Tổng số người")),
    Label("men", "Nam"),
    Label("women", "Nữ"),
    Label("ethnic_minority", "Người DTTS", ("DTTS", "Trong đó người DTTS", "Dân tộc thiểu số"), required=False),
    Label("materials", "Số tài liệu phát hành", ("Số tài liệu", "Tài liệu phát hành"), required=False),
    Label("note", "Ghi chú", required=False),
)
