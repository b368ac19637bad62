"""Text of the one-writer rules: a warehouse busy with a load or a restore, a load stopped part-way."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "lock.busy": ("Kho dữ liệu đang bận ({doing}); vui lòng thử lại sau ít phút.",
                  "The warehouse is busy ({doing}); please try again in a few minutes."),
    "lock.busy_restore": ("Không khôi phục được lúc này: kho dữ liệu đang bận ({doing}). Không có gì bị thay đổi; "
                          "chờ việc đó xong rồi chạy lại lệnh khôi phục.",
                          "Cannot restore now: the warehouse is busy ({doing}). Nothing was changed; wait until it "
                          "finishes, then run the restore again."),
    "lock.doing.load": ("đang nạp báo cáo", "a load is running"),
    "lock.doing.restore": ("đang khôi phục từ bản sao lưu", "a restore is running"),
    "lock.doing.backup": ("đang sao lưu", "a backup is running"),
    "lock.doing.upgrade": ("đang cập nhật cấu trúc", "an upgrade is running"),
    "lock.doing.review": ("đang ghi thao tác duyệt", "a review change is being written"),
    "lock.doing.write": ("đang ghi dữ liệu", "a write is running"),
    "cli.write_stopped": ("Không ghi được vào kho dữ liệu (ổ đĩa đầy, chỉ đọc hoặc lỗi ghi): {detail}. Đã ghi xong "
                          "{n} tệp trước khi lỗi (lần nạp {load_id}): {files}. Các tệp còn lại chưa được ghi; giải "
                          "phóng chỗ trống rồi chạy lại lệnh: các tệp đã ghi sẽ được nhận ra và bỏ qua.",
                          "The warehouse cannot be written (disk full, read-only or a write error): {detail}. {n} "
                          "files were committed before the failure (load {load_id}): {files}. The other files were "
                          "not written; free some space and run the command again: the committed files are "
                          "recognised and skipped."),
    "cli.receipt_future": ("Thời điểm nhận {value} ở tương lai; không thể nhận báo cáo trước khi nó đến.",
                           "The receipt time {value} is in the future; a report cannot be received before it arrives."),
    "cli.os_error": ("Không đọc hoặc ghi được tệp: {detail}", "A file cannot be read or written: {detail}"),
    "review.err.busy": ("Kho dữ liệu đang bận (đang nạp, sao lưu hoặc khôi phục); thao tác chưa được ghi, vui lòng "
                        "thử lại.", "The warehouse is busy (a load, backup or restore is running); nothing was "
                        "written, please try again."),
    "lock.replaced": ("Kho dữ liệu {path} đã được thay bằng bản khôi phục sau khi mở; hãy mở lại rồi làm lại.",
                      "The warehouse {path} was replaced by a restore after it was opened; open it again and retry."),
    "load.stopped": ("{detail} — {n} tệp đã được ghi trước khi gặp lỗi (lần nạp {load_id}): {files}",
                     "{detail} — {n} file(s) were committed before the failure (load {load_id}): {files}"),
}
