"""User-facing text of the review workflow: key -> (Vietnamese, English). Part of the one catalogue."""

TEXT: dict[str, tuple[str, str]] = {
    "review.err.unknown_submission": ("Không có báo cáo số {submission_id} trong kho dữ liệu.",
                                      "There is no submission {submission_id} in the warehouse."),
    "review.err.no_actor": ("Cần ghi họ tên người thực hiện (để lưu vết).",
                            "Enter the name of the person doing this (it is recorded)."),
    "review.err.no_reason": ("Cần ghi lý do trả lại để đơn vị biết phải sửa gì.",
                             "Enter the reason for returning it, so the unit knows what to correct."),
    "review.err.reason_too_long": ("Lý do quá dài (tối đa {limit} ký tự).", "The reason is too long (at most {limit} characters)."),
    "review.err.not_current": ("Chỉ trả lại được phiên bản mới nhất; phiên bản {version} đã có bản thay thế.",
                               "Only the latest version can be returned; version {version} has been superseded."),
    "review.err.already_returned": ("Phiên bản {version} đã được trả lại để sửa.", "Version {version} is already returned for correction."),
    "review.err.not_returned": ("Phiên bản {version} không ở trạng thái trả lại.", "Version {version} is not returned."),
    "review.err.receipt_future": ("Ngày văn bản đến {day} nằm trong tương lai.", "The official receipt date {day} is in the future."),
    "review.err.receipt_before_period": ("Ngày văn bản đến {day} trước ngày bắt đầu kỳ {period} ({start}).",
                                         "The official receipt date {day} is before period {period} starts ({start})."),
    "warning.numerator_fell": ("Chỉ tiêu {indicator}: 'Số đạt' lũy kế giảm từ {previous} (kỳ {previous_period}) xuống {value}.",
                               "Indicator {indicator}: the year-to-date 'Số đạt' fell from {previous} ({previous_period}) to {value}."),
    "warning.denominator_jump": ("Chỉ tiêu {indicator}: 'Tổng số đối tượng' thay đổi hơn 50%, từ {previous} (kỳ {previous_period}) thành {value}.",
                                 "Indicator {indicator}: 'Tổng số đối tượng' changed by more than 50%, from {previous} ({previous_period}) to {value}."),
    "warning.nil_after_values": ("Báo cáo 'Không phát sinh' sau khi kỳ {previous_period} đã có số liệu.",
                                 "A nil report after period {previous_period} already had figures."),
}
