"""User-facing text of sign-in, roles and demo mode: key -> (Vietnamese, English). Part of the one catalogue."""

TEXT: dict[str, tuple[str, str]] = {
    "page.signin": ("Đăng nhập", "Sign in"),
    "auth.title": ("Đăng nhập", "Sign in"),
    "auth.username": ("Tên đăng nhập", "Username"),
    "auth.password": ("Mật khẩu", "Password"),
    "auth.sign_in": ("Đăng nhập", "Sign in"),
    "auth.sign_out": ("Đăng xuất", "Sign out"),
    "auth.failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "auth.locked": ("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {seconds} giây.",
                    "Too many failed sign-ins; please try again in {seconds} seconds."),
    "auth.oidc": ("Đăng nhập bằng tài khoản của cơ quan", "Sign in with your organisation account"),
    "auth.or_password": ("hoặc dùng tên đăng nhập và mật khẩu được cấp:", "or use the username and password you were given:"),
    "auth.no_role": ("Tài khoản này chưa được cấp quyền sử dụng hệ thống; vui lòng liên hệ Văn phòng.",
                     "This account has not been given access; please contact the standing office."),
    "auth.help": ("Tài khoản do Văn phòng cấp (python -m etl user add). Đăng nhập được giữ khi tải lại trang hay mở "
                  "liên kết đã lưu, tới khi đăng xuất hoặc hết hạn.",
                  "Accounts are created by the standing office (python -m etl user add). A sign-in lasts through "
                  "reloads and bookmarks until you sign out or it expires."),
    "auth.not_configured_title": ("Hệ thống chưa được cấu hình", "Not configured"),
    "auth.not_configured": ("Hệ thống chưa sẵn sàng để sử dụng. Vui lòng liên hệ quản trị viên.",
                            "This system is not ready for use yet. Please contact the administrator."),
    "auth.signed_in": ("Đăng nhập: {name} — {role}", "Signed in: {name} — {role}"),
    "auth.demo_sidebar": ("Chế độ trình diễn: chỉ xem, không ghi.", "Demo mode: read only, nothing can be written."),
    "auth.demo_banner": (
        "**CHẾ ĐỘ TRÌNH DIỄN** — dữ liệu mẫu, không phải số liệu thật. Ai cũng xem được; không ai nạp, trả lại "
        "hay sửa được gì. Để dùng thật: tạo tài khoản bằng `python -m etl user add` rồi khởi động lại.",
        "**DEMO MODE** — sample data, not real figures. Anyone may look; nobody can upload, return or change "
        "anything. For real use, create accounts with `python -m etl user add` and restart."),
    "auth.page_refused": ("Tài khoản này không được mở trang này. Vui lòng chọn một trang trong danh mục bên trái.",
                          "This account may not open this page. Please choose a page from the menu on the left."),
    "auth.forbidden": ("Tài khoản này không có quyền thực hiện thao tác này.", "This account may not do this."),
    "role.viewer": ("Thành viên Ban (xem)", "Committee member (view)"),
    "role.analyst": ("Chuyên viên phân tích", "Analyst"),
    "role.data_manager": ("Cán bộ quản lý dữ liệu", "Data manager"),
    "role.unit_reporter": ("Cán bộ báo cáo của đơn vị", "Unit reporter"),
    "filter.parents": ("Thuộc đơn vị cấp trên", "Under parent unit"),
    "filter.level": ("Tổng hợp theo cấp", "Roll up to"),
    "filter.level.unit": ("Từng đơn vị", "Each unit"),
    "td.rollup": ("Tổng hợp theo {level}", "Rolled up by {level}"),
    "td.rollup_caption": ("Cộng tử số và mẫu số của mọi đơn vị trực thuộc (kể cả số liệu kỳ trước ↻), không lấy trung bình tỷ lệ.",
                          "Numerators and denominators of every unit below are summed (carried-forward ↻ included), never percentages averaged."),
    "ru.col.unit_code": ("Mã đơn vị", "Unit code"),
    "ru.col.unit_name": ("Đơn vị", "Unit"),
    "ru.col.achieved_pct": ("Tỷ lệ đạt", "Achieved"),
    "ru.col.numerator": ("Số đạt", "Reached"),
    "ru.col.denominator": ("Tổng số đối tượng", "Total"),
    "ru.col.is_met": ("Đạt chỉ tiêu", "Met"),
    "ru.col.gap_people": ("Còn thiếu (người)", "People still to reach"),
    "ru.col.units_reporting": ("Đơn vị đã báo cáo", "Units reported"),
    "ru.col.units_expected": ("Đơn vị phải báo cáo", "Units expected"),
    "filter.own_unit": ("Đơn vị: {units}", "Unit: {units}"),
    "cli.user_added": ("Đã lưu tài khoản '{username}' ({role}) vào {path}", "Saved account '{username}' ({role}) in {path}"),
    "cli.weak_cost": ("Cảnh báo: mật khẩu được băm với GEPM_BCRYPT_COST={cost}, thấp hơn {floor}: kẻ lấy được tệp tài "
                      "khoản dò mật khẩu nhanh hơn {times} lần. Bỏ biến này (mặc định {floor}) rồi đặt lại mật khẩu.",
                      "Warning: the password was hashed with GEPM_BCRYPT_COST={cost}, below {floor}: whoever gets the "
                      "accounts file can guess passwords {times} times faster. Unset it (the default is {floor}) and "
                      "set the password again."),
    "cli.password": ("Mật khẩu (ít nhất 10 ký tự): ", "Password (at least 10 characters): "),
    "cli.password_again": ("Nhập lại mật khẩu: ", "Repeat the password: "),
    "cli.password_missing": ("Không nhận được mật khẩu. Nhập tại bàn phím, hoặc chuyển vào một dòng: "
                             "echo \"$MAT_KHAU\" | python -m etl user add TÊN --role VAI_TRÒ --password-stdin",
                             "No password was given. Type it at a terminal, or pipe one line in: "
                             "echo \"$PASSWORD\" | python -m etl user add NAME --role ROLE --password-stdin"),
    "cli.password_mismatch": ("Hai lần nhập mật khẩu không khớp.", "The passwords do not match."),
    "cli.write_failed": ("Không ghi được vào kho dữ liệu (ổ đĩa đầy, chỉ đọc hoặc lỗi ghi): {detail}. Chưa có gì được "
                         "ghi; giải phóng chỗ trống hoặc cấp quyền ghi rồi chạy lại lệnh.",
                         "The warehouse cannot be written (disk full, read-only or a write error): {detail}. Nothing "
                         "was written; free some space or grant write access, then run the command again."),
    "app.warehouse_unavailable": ("Không mở hoặc ghi được kho dữ liệu {path} ({detail}). Không có gì bị thay đổi; "
                                  "vui lòng báo quản trị viên (ổ đĩa đầy hoặc chỉ đọc?).",
                                  "The warehouse {path} cannot be opened or written ({detail}). Nothing was changed; "
                                  "please tell the administrator (disk full or read-only?)."),
    "cli.backup_done": ("Đã sao lưu {tables} bảng ({rows} dòng) vào {path}", "Backed up {tables} tables ({rows} rows) to {path}"),
    "cli.restore_done": ("Đã khôi phục {tables} bảng ({rows} dòng) vào {path}", "Restored {tables} tables ({rows} rows) into {path}"),
}
