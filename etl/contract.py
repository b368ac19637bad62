"""The workbook contract with the reporting units: sheet names and labels (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_VERSION = "2024.2"
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

# ---- Growing with the plan (DESIGN §3): sections III, IV and VI -----------------------------------
SHEET_TASKS = "NhiemVu"
SHEET_BUDGET = "KinhPhi"
SHEET_CASES = "VuViec"

# ThongTin rows below the first seven; all optional (an older workbook has none of them).
INFO_MORE_LABELS = (
    Label("doc_number", "Số văn bản báo cáo", ("Số báo cáo", "Số văn bản"), required=False),
    Label("doc_on", "Ngày văn bản", ("Ngày ban hành văn bản", "Ngày ký"), required=False),
    Label("figures_as_of", "Số liệu tính đến ngày", ("Số liệu đến ngày",), required=False),
    Label("head_of_unit", "Thủ trưởng đơn vị", ("Lãnh đạo đơn vị", "Người ký"), required=False),
    Label("own_plan_number", "Số kế hoạch của đơn vị", ("Số kế hoạch",), required=False),
    Label("own_plan_on", "Ngày ban hành kế hoạch", ("Ngày kế hoạch",), required=False),
    Label("mainstreamed", "Lồng ghép giới trong kế hoạch của đơn vị", ("Lồng ghép giới",), required=False),
    Label("gender_officer", "Cán bộ chuyên trách bình đẳng giới", ("Cán bộ phụ trách bình đẳng giới",),
          required=False),
)

# Status codes of a task, in the order of the drop-down (Vietnamese names in the catalogue: task.status.*).
TASK_STATUSES = ("chua_trien_khai", "dang_trien_khai", "da_hoan_thanh", "hoan_thanh_vuot", "khong_thuc_hien",
                 "chuyen_nam_sau")
STATUSES_NEEDING_REASON = ("khong_thuc_hien", "chuyen_nam_sau")
STATUSES_DONE = ("da_hoan_thanh", "hoan_thanh_vuot")

TASK_COLUMNS = (
    Label("task_code", "Mã nhiệm vụ", ("Mã NV",)),
    Label("text", "Nội dung nhiệm vụ", ("Nhiệm vụ",), required=False),
    Label("role", "Vai trò", required=False),
    Label("status", "Tình trạng", ("Tiến độ", "Trạng thái")),
    Label("result", "Kết quả (số lượng)", ("Kết quả", "Số lượng")),
    Label("measure", "Đơn vị tính", ("ĐVT",), required=False),
    Label("women", "Trong đó nữ", ("Nữ",), required=False),
    Label("ethnic_minority", "Trong đó người DTTS", ("Người DTTS", "DTTS"), required=False),
    Label("children", "Trong đó trẻ em", ("Trẻ em",), required=False),
    Label("highlights", "Kết quả nổi bật", ("Nổi bật",), required=False),
    Label("evidence", "Minh chứng (số văn bản hoặc đường dẫn)", ("Minh chứng",), required=False),
    Label("difficulties", "Khó khăn, vướng mắc", ("Khó khăn",), required=False),
    Label("proposals", "Đề xuất, kiến nghị", ("Đề xuất", "Kiến nghị"), required=False),
    Label("reason", "Lý do không thực hiện hoặc chuyển năm sau", ("Lý do",), required=False),
)

BUDGET_COLUMNS = (
    Label("source_code", "Mã nguồn", ("Mã nguồn kinh phí",)),
    Label("source_name", "Nguồn kinh phí", required=False),
    Label("estimate", "Dự toán (đồng)", ("Dự toán",)),
    Label("spent", "Đã chi đến nay (đồng)", ("Đã chi", "Thực chi")),
    Label("expected", "Dự kiến cả năm (đồng)", ("Dự kiến cả năm", "Ước thực hiện cả năm"), required=False),
    Label("settlement", "Quyết toán (báo cáo năm, đồng)", ("Quyết toán",), required=False),
    Label("note", "Ghi chú", required=False),
)

CASE_COLUMNS = (
    Label("measure_code", "Mã", ("Mã vụ việc", "Mã nội dung")),
    Label("name", "Nội dung", required=False),
    Label("measure", "Đơn vị tính", ("ĐVT",), required=False),
    Label("count", "Số lượng (lũy kế từ đầu năm)", ("Số lượng", "Số vụ", "Số trường hợp")),
    Label("women", "Trong đó nữ", ("Nữ",), required=False),
    Label("children", "Trong đó trẻ em", ("Trẻ em",), required=False),
    Label("note", "Ghi chú", required=False),
)

# HoatDong's optional columns after 'Ghi chú': which task an activity serves, its cost and source.
ACTIVITY_MORE_COLUMNS = (
    Label("task_code", "Mã nhiệm vụ", ("Nhiệm vụ",), required=False),
    Label("cost", "Kinh phí (đồng)", ("Kinh phí",), required=False),
    Label("funding_source", "Nguồn kinh phí", required=False),
)
