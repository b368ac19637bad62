"""User-facing text of the scale path (Parquet export for Spark or Trino): key -> (Vietnamese, English).
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
}
