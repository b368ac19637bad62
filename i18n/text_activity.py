"""User-facing text of the activity pages: key -> (Vietnamese, English). Part of the one catalogue (i18n.CATALOG)."""

TEXT: dict[str, tuple[str, str]] = {
    # ---- Participation page ------------------------------------------------------------------
    "pa.empty": ("Chưa có hoạt động nào được báo cáo trong phạm vi đã chọn.",
                 "No activities have been reported for this selection."),
    "pa.kpi.n_activities": ("Số hoạt động", "Activities"),
    "pa.kpi.participants": ("Lượt người tham gia", "Participants"),
    "pa.kpi.women_pct": ("Tỷ lệ nữ tham gia", "Women among participants"),
    "pa.kpi.ethnic_minority": ("Lượt người DTTS tham gia", "Ethnic-minority participants"),
    "pa.kpi.materials": ("Tài liệu đã phát hành", "Materials distributed"),
    "pa.tab.activity_type": ("Theo loại hoạt động", "By activity type"),
    "pa.tab.target_group": ("Theo đối tượng", "By target group"),
    "pa.tab.unit_code": ("Theo đơn vị", "By unit"),
    "pa.tab.quarter": ("Theo quý", "By quarter"),
    "pa.tab.outreach": ("Tiếp cận đồng bào DTTS", "Ethnic-minority outreach"),
    "pa.col.activity_type": ("Loại hoạt động", "Activity type"),
    "pa.col.target_group": ("Đối tượng", "Target group"),
    "pa.col.unit_code": ("Mã đơn vị", "Unit code"),
    "pa.col.unit_name": ("Đơn vị", "Unit"),
    "pa.col.quarter": ("Quý", "Quarter"),
    "pa.col.n_activities": ("Số hoạt động", "Activities"),
    "pa.col.participants": ("Tổng số người tham gia", "Participants"),
    "pa.col.men": ("Nam", "Men"),
    "pa.col.women": ("Nữ", "Women"),
    "pa.col.women_pct": ("Tỷ lệ nữ", "Women (%)"),
    "pa.col.ethnic_minority": ("Người DTTS", "Ethnic minority"),
    "pa.col.minority_pct": ("Tỷ lệ người DTTS", "Ethnic minority (%)"),
    "pa.col.materials": ("Số tài liệu phát hành", "Materials distributed"),
    "pa.col.numerator": ("{code}: số đạt", "{code}: reached"),
    "pa.col.denominator": ("{code}: theo kế hoạch", "{code}: planned"),
    "pa.col.achieved_pct": ("{code}: tỷ lệ đạt", "{code}: achieved"),
    "pa.col.is_met": ("{code}: đạt chỉ tiêu", "{code}: target met"),
    "pa.col.is_carried_forward": ("{code}: lấy từ kỳ trước", "{code}: carried forward"),
    "pa.yes": ("Có", "Yes"),
    "pa.no": ("Không", "No"),
    "pa.quarter": ("Quý {q}/{year}", "Q{q} {year}"),
    "pa.chart.title": ("Người tham gia {by}", "Participants {by}"),
    "pa.chart.by.activity_type": ("theo loại hoạt động", "by activity type"),
    "pa.chart.by.target_group": ("theo đối tượng", "by target group"),
    "pa.chart.by.unit_code": ("theo đơn vị", "by unit"),
    "pa.chart.by.quarter": ("theo quý", "by quarter"),
    "pa.chart.people": ("Số người", "People"),
    "pa.chart.minority_note": ("Người DTTS là một phần của tổng số (nam + nữ).",
                               "Ethnic-minority participants are part of the total (men + women)."),
    "pa.outreach.caption": (
        "{code} ({name}) là số lũy kế từ đầu năm đến kỳ {period}; số người DTTS tham gia hoạt động "
        "tính theo các quý đã chọn ({quarters}).",
        "{code} ({name}) is year-to-date up to {period}; ethnic-minority participants are counted over "
        "the quarters chosen ({quarters})."),
    "pa.outreach.no_indicator": ("Kế hoạch này không có chỉ tiêu {code}; chỉ hiển thị số người DTTS tham gia.",
                                 "This plan has no target {code}; only ethnic-minority participants are shown."),
    "pa.outreach.pct_title": ("{code}: tỷ lệ đã nhận tài liệu (%)", "{code}: share reached (%)"),
    "pa.outreach.people_title": ("Người DTTS tham gia hoạt động", "Ethnic-minority participants"),
    "pa.outreach.target": ("Chỉ tiêu {target}%", "Target {target}%"),
    # ---- Reporting page ----------------------------------------------------------------------
    "rp.empty": ("Không có đơn vị nào phải báo cáo trong phạm vi đã chọn.",
                 "No unit is expected to report in this selection."),
    "rp.kpi.expected": ("Đơn vị phải báo cáo", "Units expected"),
    "rp.kpi.received": ("Đã nhận báo cáo", "Reports received"),
    "rp.kpi.reporting_rate_pct": ("Tỷ lệ báo cáo", "Reporting rate"),
    "rp.kpi.on_time_rate_pct": ("Tỷ lệ đúng hạn", "On-time rate"),
    "rp.kpi.punctuality_pct": ("Đúng hạn/đã nộp", "Punctuality"),
    "rp.kpi.overdue": ("Chưa nộp", "Missing"),
    "rp.kpi.help": ("Kỳ {period}, tính đến {as_of}.", "Period {period}, as of {as_of}."),
    "rp.matrix.title": ("Tình trạng nộp báo cáo theo đơn vị và kỳ", "Report status by unit and period"),
    "rp.matrix.caption": ("Số trong ô: số ngày trễ hạn (báo cáo nộp trễ) hoặc số ngày quá hạn (chưa nộp). "
                          "Khung đậm: kỳ đang chọn.",
                          "Number in a cell: days late (late report) or days overdue (missing report). "
                          "Bold frame: the period chosen."),
    "rp.matrix.table": ("Bảng chi tiết theo đơn vị và kỳ", "Detail table by unit and period"),
    "rp.hover.received": ("Nhận lần đầu", "First received"),
    "rp.hover.days_late": ("Số ngày trễ", "Days late"),
    "rp.rates.title": ("Tỷ lệ báo cáo theo kỳ và loại đơn vị", "Reporting rates by period and unit type"),
    "rp.rates.all": ("Chung các đơn vị đã chọn", "All units chosen"),
    "rp.late.title": ("Số ngày trễ hạn theo đơn vị – kỳ {period}", "Days late by unit – {period}"),
    "rp.late.none": ("Không có đơn vị nào trễ hạn hoặc quá hạn kỳ {period} (tính đến {as_of}).",
                     "No unit is late or overdue for {period} (as of {as_of})."),
    "rp.late.axis": ("Số ngày", "Days"),
    "rp.reminders.title": ("Danh sách nhắc nộp báo cáo – kỳ {period}", "Reminder list – {period}"),
    "rp.reminders.upcoming": ("Gồm cả đơn vị chưa đến hạn", "Include units not yet due"),
    "rp.reminders.none": ("Không có đơn vị nào cần nhắc cho kỳ {period} (tính đến {as_of}).",
                          "No unit needs a reminder for {period} (as of {as_of})."),
    "rp.reminders.pick": ("Nội dung nhắc sẵn sàng để gửi: chọn đơn vị ({n} đơn vị)",
                          "Ready-to-send message: choose a unit ({n} units)"),
    "rp.reminders.message": ("Nội dung nhắc (sửa được trước khi gửi; sao chép: Ctrl+A rồi Ctrl+C)",
                             "Message (you may edit it before sending; to copy: Ctrl+A, then Ctrl+C)"),
    "rp.reminders.txt": ("Tải nội dung nhắc (.txt)", "Download messages (.txt)"),
    "rp.reminders.contact": ("Liên hệ lần trước: {who}, {phone} ({when})", "Last contact: {who}, {phone} ({when})"),
    "rp.reminders.no_contact": ("Chưa có báo cáo nào để lấy thông tin liên hệ",
                                "No earlier report to take a contact from"),
    "rp.col.unit_code": ("Mã đơn vị", "Unit code"),
    "rp.col.unit_name": ("Đơn vị", "Unit"),
    "rp.col.unit_type": ("Loại đơn vị", "Unit type"),
    "rp.col.period": ("Kỳ báo cáo", "Period"),
    "rp.col.due_on": ("Hạn nộp", "Due"),
    "rp.col.status": ("Tình trạng", "Status"),
    "rp.col.first_received_at": ("Nhận lần đầu", "First received"),
    "rp.col.last_received_at": ("Nhận gần nhất", "Last received"),
    "rp.col.n_versions": ("Số phiên bản", "Versions"),
    "rp.col.days_late": ("Số ngày trễ", "Days late"),
    "rp.col.returned_reason": ("Lý do trả lại", "Reason returned"),
    "rp.col.return_kind": ("Loại trả lại", "Kind of return"),
    "rp.col.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "rp.col.prepared_by": ("Người lập (báo cáo gần nhất)", "Prepared by (latest report)"),
    "rp.col.phone": ("Số điện thoại", "Phone"),
    "rp.col.contact_received_at": ("Nhận báo cáo gần nhất lúc", "Latest report received"),
    "rp.col.contact_period": ("Kỳ của báo cáo gần nhất", "Latest report's period"),
    "rp.col.message": ("Nội dung nhắc", "Message"),
    "rp.col.expected": ("Phải báo cáo", "Expected"),
    "rp.col.received": ("Đã nhận", "Received"),
    "rp.col.on_time": ("Đúng hạn", "On time"),
    "rp.col.late": ("Trễ hạn", "Late"),
    "rp.col.missing": ("Chưa nộp", "Missing"),
    "rp.col.not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "rp.col.nil_report": ("Không phát sinh", "Nil reports"),
    "rp.col.reporting_rate_pct": ("Tỷ lệ báo cáo", "Reporting rate"),
    "rp.col.on_time_rate_pct": ("Tỷ lệ đúng hạn", "On-time rate"),
    "rp.col.punctuality_pct": ("Đúng hạn trong số đã nộp", "Punctuality"),
    "rp.col.mean_days_late": ("Số ngày trễ bình quân", "Mean days late"),
    # ---- Reminder messages (polite administrative style) ---------------------------------------
    "rp.msg.overdue": (
        "Kính gửi: {unit}.\n\n"
        "Thực hiện {plan}, Cơ quan Thường trực Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới {area} "
        "đề nghị {unit} gửi báo cáo kết quả thực hiện kỳ {period} (hạn {due}). "
        "Tính đến ngày {as_of}, báo cáo của đơn vị đã quá hạn {days}.{returned}\n\n"
        "Kính đề nghị quý đơn vị khẩn trương hoàn thành và gửi báo cáo theo biểu mẫu đã được cung cấp.\n"
        "Trân trọng cảm ơn sự phối hợp của quý đơn vị./.",
        "To: {unit}.\n\n"
        "Under the {plan}, the standing office of the {area} Committee for the Advancement of Women "
        "and Gender Equality asks {unit} to send its progress report for {period} (due {due}). "
        "As of {as_of}, the report is {days} overdue.{returned}\n\n"
        "Please complete the report in the template provided and send it as soon as possible.\n"
        "Thank you for your cooperation."),
    "rp.msg.upcoming": (
        "Kính gửi: {unit}.\n\n"
        "Thực hiện {plan}, Cơ quan Thường trực Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới {area} "
        "đề nghị {unit} gửi báo cáo kết quả thực hiện kỳ {period} đúng hạn, chậm nhất ngày {due} "
        "({left}).{returned}\n\n"
        "Kính đề nghị quý đơn vị hoàn thành và gửi báo cáo theo biểu mẫu đã được cung cấp.\n"
        "Trân trọng cảm ơn sự phối hợp của quý đơn vị./.",
        "To: {unit}.\n\n"
        "Under the {plan}, the standing office of the {area} Committee for the Advancement of Women "
        "and Gender Equality reminds {unit} that its progress report for {period} is due on {due} "
        "({left}).{returned}\n\n"
        "Please complete the report in the template provided and send it on time.\n"
        "Thank you for your cooperation."),
    "rp.msg.returned": (" Báo cáo đơn vị đã gửi được trả lại để chỉnh sửa với lý do: {reason}",
                        " The report the unit sent was returned for correction: {reason}"),
    "rp.msg.day": ("{n} ngày", "{n} day"),
    "rp.msg.days": ("{n} ngày", "{n} days"),
    "rp.msg.period": ("{name} năm {year}", "{name} {year}"),
    "rp.msg.period_year": ("năm {year}", "the year {year}"),
    "rp.msg.year_word": ("năm", "year"),
    "rp.msg.left": ("còn {days}", "{days} left"),
    "rp.msg.today": ("hôm nay là hạn cuối", "today is the last day"),
}
