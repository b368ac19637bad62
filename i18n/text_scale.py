"""User-facing text of the scale path (Parquet export for Spark): key -> (Vietnamese, English).
Part of the one catalogue."""

TEXT: dict[str, tuple[str, str]] = {
    "cli.parquet_done": ("Đã xuất {tables} bảng ({rows} dòng) dạng Parquet, phân vùng theo năm và kỳ, vào {path}",
                         "Exported {tables} tables ({rows} rows) as Parquet partitioned by year and period to {path}"),
    "cli.parquet_not_empty": ("Thư mục {path} đã có dữ liệu; chọn một thư mục mới hoặc trống.",
                              "{path} is not empty; choose a new or empty folder."),
    "cli.parquet_no_warehouse": ("Không có kho dữ liệu {path}; chưa có gì được xuất.",
                                 "There is no warehouse at {path}; nothing was exported."),
    "cli.parquet_unavailable": ("Không đọc được kho dữ liệu {path} (đang bị khóa để ghi hoặc không mở được: {detail}). "
                                "Chưa có gì được xuất; chạy lại lệnh khi việc nạp dữ liệu đã xong.",
                                "The warehouse {path} cannot be read (locked for writing or unavailable: {detail}). "
                                "Nothing was exported; run the command again once the load has finished."),
    "cli.parquet_write_failed": ("Không ghi được vào {path} ({detail}). Bản xuất chưa hoàn tất (không có _manifest.json); "
                                 "giải phóng chỗ trống hoặc cấp quyền ghi rồi xuất lại vào một thư mục trống.",
                                 "Cannot write to {path} ({detail}). The export is unfinished (no _manifest.json); "
                                 "free some space or grant write access, then export again into an empty folder."),
    "rp.capped": ("Biểu đồ chỉ vẽ {shown} đơn vị cần theo dõi nhất (nhiều báo cáo chưa nộp hoặc trễ nhất) trong {total} đơn vị; "
                  "bảng và tệp tải về có đủ mọi đơn vị. Chọn đơn vị cấp trên để xem từng nhóm.",
                  "The charts draw the {shown} units most in need of follow-up (most reports missing or late) of {total}; "
                  "the tables and downloads hold every unit. Pick a parent unit to see one group."),
    "td.capped": ("Biểu đồ chỉ vẽ {shown} đơn vị còn thiếu nhiều người nhất trong {total} đơn vị; bảng xếp hạng và tệp tải "
                  "về có đủ mọi đơn vị. Chọn đơn vị cấp trên hoặc tổng hợp theo cấp để xem toàn cảnh.",
                  "The charts draw the {shown} units with the most people still to reach of {total}; the ranking and "
                  "downloads hold every unit. Pick a parent unit or roll up to a level for the whole picture."),
    "td.rows_shown": ("Hiển thị {shown} dòng đầu trong {total}; tải về để có đủ.", "Showing the first {shown} of {total} rows; download for all."),
    "pa.capped": ("Biểu đồ chỉ vẽ {shown} đơn vị có ít người tham gia nhất (hoặc tỷ lệ thấp nhất) trong {total} đơn vị; "
                  "bảng và tệp tải về có đủ mọi đơn vị.",
                  "The charts draw the {shown} units with the fewest participants (or the lowest share) of {total}; "
                  "the tables and downloads hold every unit."),
    "pa.rollup": ("Hoạt động và người tham gia theo {level}", "Activities and participants by {level}"),
    "rp.rollup": ("Tình hình báo cáo theo {level} – kỳ {period}", "Reporting by {level} – {period}"),
    "rr.col.unit_code": ("Mã đơn vị", "Unit code"),
    "rr.col.unit_name": ("Đơn vị", "Unit"),
    "rr.col.expected": ("Phải báo cáo", "Expected"),
    "rr.col.received": ("Đã nhận", "Received"),
    "rr.col.on_time": ("Đúng hạn", "On time"),
    "rr.col.late": ("Trễ hạn", "Late"),
    "rr.col.missing": ("Chưa nộp", "Missing"),
    "rr.col.not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "rr.col.reporting_rate_pct": ("Tỷ lệ báo cáo", "Reporting rate"),
    "rr.col.on_time_rate_pct": ("Tỷ lệ đúng hạn", "On-time rate"),
}
