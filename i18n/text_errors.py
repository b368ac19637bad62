"""Why something cannot be done, for the project's own errors (i18n.errors.GepmError): key -> (Vietnamese, English).
Part of the one catalogue. A {detail} is the cause's own text (from a driver or the file system), not translated."""

TEXT: dict[str, tuple[str, str]] = {
    "error.generic": ("Không thực hiện được thao tác.", "The action could not be done."),
    # ---- plan files -------------------------------------------------------------------------------
    "plan.err.unreadable": ("{path}: không đọc được tệp: {detail}", "{path}: cannot read file: {detail}"),
    "plan.err.yaml": ("{path}: lỗi cú pháp YAML: {detail}", "{path}: YAML syntax error: {detail}"),
    "plan.err.not_mapping": ("{path}: (top level): phải là một bảng khoá–giá trị", "{path}: (top level): must be a mapping"),
    "plan.err.none": ("{path}: không có tệp kế hoạch nào", "{path}: no plan files found"),
    "plan.err.duplicate_id": ("{path}: plan_id: {plan_id!r} đã có trong tệp khác",
                              "{path}: plan_id: {plan_id!r} already used by another file"),
    "plan.err.invalid": ("Tệp kế hoạch không hợp lệ", "Invalid plan file:"),  # the findings follow on the next lines
    # ---- the users file and accounts ----------------------------------------------------------------
    "users.err.file": ("Tệp tài khoản {path} không hợp lệ: {detail}", "The users file {path} is invalid: {detail}"),
    "users.err.username": ("Tên đăng nhập '{username}' không hợp lệ (chữ thường, số, . _ -)",
                           "Invalid username '{username}' (lower-case letters, digits, . _ -)"),
    "users.err.password_short": ("Mật khẩu cần ít nhất 10 ký tự", "The password needs at least 10 characters"),
    "users.err.account": ("Tài khoản không hợp lệ: {detail}", "Invalid account: {detail}"),
    # ---- templates ------------------------------------------------------------------------------------
    "tpl.err.unit_unknown": ("Đơn vị '{unit}' không có trong kế hoạch {plan}", "Unit '{unit}' is not in plan {plan}"),
    "tpl.err.period_unknown": ("Kỳ '{period}' không có trong kế hoạch {plan}", "Period '{period}' is not in plan {plan}"),
    "tpl.err.not_reporting": ("Đơn vị {unit} không báo cáo kỳ {period}", "{unit} does not report for {period}"),
    # ---- backup and restore -----------------------------------------------------------------------------
    "backup.err.not_empty": ("Thư mục {path} đã có dữ liệu; chọn thư mục trống", "{path} is not empty; choose an empty folder"),
    "backup.err.no_warehouse": ("Không có kho dữ liệu {path}", "There is no warehouse at {path}"),
    "backup.err.invalid": ("{path} không phải bản sao lưu hợp lệ: {detail}", "{path} is not a valid backup: {detail}"),
    "backup.err.altered": ("Tệp {name} của bản sao lưu bị thiếu hoặc đã bị thay đổi",
                           "{name} is missing from the backup or was altered"),
    "backup.err.tables_missing": ("Bản sao lưu {path} thiếu bảng: {tables}; không có gì bị thay đổi",
                                  "The backup {path} lacks tables: {tables}; nothing was changed"),
    "backup.err.row_counts": ("Số dòng sau khi khôi phục không khớp bản sao lưu", "Row counts differ from the backup"),
    # ---- command line -----------------------------------------------------------------------------------
    "cli.need_unit_period": ("Cần --unit và --period, hoặc --all DIR", "Give --unit and --period, or --all DIR"),
    "cli.no_warehouse": ("Không có kho dữ liệu: {path}", "No warehouse: {path}"),
}
