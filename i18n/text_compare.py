"""User-facing text of the same-period comparison with an earlier plan year (Overview, Target, Participation,
official report): key -> (Vietnamese, English). Part of the one catalogue (i18n.CATALOG)."""

TEXT: dict[str, tuple[str, str]] = {
    "sp.title": ("So sánh với cùng kỳ {period}", "Compared with the same period of {period}"),
    "sp.caption.targets": (
        "Số liệu {period} được tính lại trên các đơn vị hiện nay: số đạt và tổng số đối tượng của các đơn vị cũ "
        "hợp thành mỗi đơn vị được cộng lại rồi mới tính tỷ lệ; đơn vị bị chia tách được phân bổ theo tỷ lệ của "
        "bảng chuyển đổi và ghi là ước tính.",
        "The figures of {period} are recomputed on today's units: the people reached and the totals of the former "
        "units that make up each unit are added up before the rate is taken; a divided unit is shared by the "
        "crosswalk's ratio and marked as an estimate."),
    "sp.caption.participation": (
        "Hoạt động và lượt người tham gia {period} (cùng các quý) được cộng theo các đơn vị hiện nay; đơn vị bị "
        "chia tách được phân bổ theo tỷ lệ của bảng chuyển đổi và ghi là ước tính.",
        "Activities and participants of {period} (the same quarters) are added up on today's units; a divided "
        "unit is shared by the crosswalk's ratio and marked as an estimate."),
    "sp.total": ("Tất cả đơn vị đã chọn", "All chosen units"),
    "sp.no_unit": ("không có đơn vị này năm {year}", "unit did not exist in {year}"),
    "sp.no_data": ("không có số liệu năm {year}", "no figures in {year}"),
    "sp.no_indicator": ("không có chỉ tiêu này năm {year}", "no such target in {year}"),
    "sp.estimate": ("ước tính (có phần chia tách của {units})", "estimate (includes a share of {units})"),
    "sp.missing": ("thiếu số liệu của {units}", "no figures from {units}"),
    "sp.absent": ("không tính {units}: không có đơn vị này năm {year}",
                  "{units} not counted: the unit did not exist in {year}"),
    "sp.col.indicator": ("Chỉ tiêu", "Target"),
    "sp.col.unit": ("Đơn vị", "Unit"),
    "sp.col.achieved_pct": ("Kỳ này (%)", "This period (%)"),
    "sp.col.before_pct": ("Cùng kỳ {year} (%)", "Same period {year} (%)"),
    "sp.col.diff_pp": ("Chênh lệch (điểm %)", "Change (points)"),
    "sp.col.before_numerator": ("Số đạt cùng kỳ {year}", "Reached, same period {year}"),
    "sp.col.before_denominator": ("Tổng số đối tượng cùng kỳ {year}", "Total, same period {year}"),
    "sp.col.participants": ("Lượt người tham gia kỳ này", "Participants this period"),
    "sp.col.before_participants": ("Lượt người tham gia cùng kỳ {year}", "Participants, same period {year}"),
    "sp.col.diff_people": ("Chênh lệch (lượt người)", "Change (participants)"),
    "sp.col.n_activities": ("Số hoạt động kỳ này", "Activities this period"),
    "sp.col.before_n_activities": ("Số hoạt động cùng kỳ {year}", "Activities, same period {year}"),
    "sp.col.women_pct": ("Tỷ lệ nữ kỳ này (%)", "Women this period (%)"),
    "sp.col.before_women_pct": ("Tỷ lệ nữ cùng kỳ {year} (%)", "Women, same period {year} (%)"),
    "sp.col.note": ("Ghi chú", "Note"),
    "sp.mapping": ("Cách quy đổi đơn vị năm {year} sang đơn vị hiện nay", "How {year}'s units map onto today's"),
    "sp.map.col.unit": ("Đơn vị hiện nay", "Unit today"),
    "sp.map.col.made_of": ("Gồm các đơn vị năm {year}", "Made of these units of {year}"),
    "sp.map.col.basis": ("Căn cứ", "Legal basis"),
    "sp.map.col.note": ("Ghi chú", "Note"),
    "sp.map.estimate": ("ước tính: chia theo tỷ lệ", "estimate: shared by ratio"),
    "sp.map.unchanged": ("{n} đơn vị còn lại giữ nguyên như năm {year}.",
                         "The other {n} units are the same as in {year}."),
    "sp.download": ("Số liệu so sánh cùng kỳ", "Data of the same-period comparison"),
    "sp.download_mapping": ("Bảng quy đổi đơn vị", "The unit mapping"),
    # The official report.
    "or.estimate_mark": ("{pct} (ước tính)", "{pct} (estimate)"),
    "or.same_period.mapping": (
        "Số liệu cùng kỳ {period} được quy đổi sang các đơn vị hiện nay theo {sources}: {parts}.",
        "The figures of the same period of {period} are mapped onto today's units under {sources}: {parts}."),
    "or.same_period.part": ("{unit} gồm {old}", "{unit} is made of {old}"),
    "or.same_period.estimate": (
        "Số liệu có phần chia tách của {units} là số ước tính (phân bổ theo tỷ lệ của bảng chuyển đổi).",
        "Figures that include a share of {units} are estimates (shared by the crosswalk's ratio)."),
    "or.same_period.absent": ("{units} không có trong năm {year} nên không tính vào số liệu cùng kỳ.",
                              "{units} did not exist in {year} and are left out of the same-period figures."),
    "or.same_period.sources": ("bảng chuyển đổi đơn vị hành chính", "the administrative unit crosswalk"),
}
