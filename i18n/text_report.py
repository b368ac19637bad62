"""User-facing text of the official report (documents/official_report*.py) and its place on the Report page:
key -> (Vietnamese, English). Part of the one catalogue (i18n.CATALOG). The Vietnamese is the document an
office files; the English is a working translation of it."""

TEXT: dict[str, tuple[str, str]] = {
    # ---- the page ---------------------------------------------------------------------------------
    "or.section": ("Dự thảo báo cáo chính thức", "Draft of the official report"),
    "or.page_intro": ("Báo cáo kết quả thực hiện Kế hoạch theo thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP), "
                      "dạng Word để chỉnh sửa, ký ban hành. Số liệu của toàn địa bàn cho kỳ đã chọn, tính đến ngày ở "
                      "thanh bên; các phần chưa có số liệu trong hệ thống được ghi rõ để bổ sung.",
                      "The report on the plan's results in the state administrative format (Decree 30/2020/ND-CP), as "
                      "a Word file to edit and sign. Figures for the whole plan area for the chosen period, as of the "
                      "sidebar's date; the parts the system has no figures for yet say so, to be filled in."),
    "or.download": ("Tải dự thảo báo cáo (.docx)", "Download the draft report (.docx)"),
    "or.file": ("du-thao-bao-cao_{plan}", "draft-report_{plan}"),
    # ---- letterhead, title, closing -------------------------------------------------------------
    "or.parent": ("UBND {area}", "PEOPLE'S COMMITTEE OF {area}"),
    "or.issuer": ("BAN VÌ SỰ TIẾN BỘ PHỤ NỮ VÀ BÌNH ĐẲNG GIỚI", "COMMITTEE FOR THE ADVANCEMENT OF WOMEN AND GENDER EQUALITY"),
    "or.symbol": ("BC-BVSTBPN", "BC-BVSTBPN"),
    "or.number": ("Số: …/{symbol}", "No.: …/{symbol}"),
    "or.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "or.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "or.place_date": ("{place}, ngày …  tháng …  năm {year}", "{place}, … … {year}"),
    "or.kind": ("BÁO CÁO", "REPORT"),
    "or.subject": ("Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn {area} {period}",
                   "Results of the gender equality and advancement of women work in {area}, {period}"),
    "or.period": ("{name} năm {year}", "{name} {year}"),
    "or.period_year": ("năm {year}", "year {year}"),
    "or.plan_ref": ("{title} (Kế hoạch số {number} ngày {issued})", "the {title} (plan no. {number} of {issued})"),
    "or.intro": ("Thực hiện {plan}, Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới báo cáo kết quả thực hiện {period} "
                 "(số liệu tổng hợp từ báo cáo của các cơ quan, đơn vị, tính đến ngày {as_of}) như sau:",
                 "Under {plan}, the Committee for the Advancement of Women and Gender Equality reports the results of "
                 "{period} (figures consolidated from the units' reports, as of {as_of}) as follows:"),
    "or.closing": ("Trên đây là báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ {period} "
                   "của Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới./.",
                   "This is the report of the Committee for the Advancement of Women and Gender Equality on the results "
                   "of {period}."),
    "or.recipients_heading": ("Nơi nhận:", "Recipients:"),
    "or.recipients": ("Sở Lao động - Thương binh và Xã hội;\nBan Dân tộc Thành phố;\nUBND quận (CT, PCT/VX);\n"
                      "Thành viên Ban VSTBPN&BĐG;\nLưu: VT, P.LĐTBXH.",
                      "Department of Labour, Invalids and Social Affairs;\nCity Ethnic Committee;\n"
                      "District People's Committee (Chair, Vice-Chair for social affairs);\nCommittee members;\n"
                      "Filed: records, standing office."),
    "or.on_behalf": ("TM. BAN VÌ SỰ TIẾN BỘ PHỤ NỮ VÀ BÌNH ĐẲNG GIỚI",
                     "FOR THE COMMITTEE FOR THE ADVANCEMENT OF WOMEN AND GENDER EQUALITY"),
    "or.head": ("TRƯỞNG BAN", "CHAIR"),
    # ---- parts and headings -----------------------------------------------------------------------
    "or.part.direction": ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "I. LEADERSHIP AND DIRECTION"),
    "or.part.results": ("II. KẾT QUẢ THỰC HIỆN", "II. RESULTS"),
    "or.part.assessment": ("III. ĐÁNH GIÁ CHUNG", "III. OVERALL ASSESSMENT"),
    "or.part.next": ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI", "IV. PRIORITIES FOR THE NEXT PERIOD"),
    "or.part.proposals": ("V. ĐỀ XUẤT, KIẾN NGHỊ", "V. PROPOSALS"),
    "or.h.communication": ("1. Công tác truyền thông, tuyên truyền", "1. Communication and awareness"),
    "or.h.targets": ("2. Kết quả thực hiện các chỉ tiêu", "2. Results against the targets"),
    "or.h.training": ("3. Công tác tập huấn, nâng cao năng lực", "3. Training and capacity building"),
    "or.h.action_month": ("4. Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
                          "4. The Action Month for gender equality and the prevention of gender-based violence"),
    "or.h.support": ("5. Thực hiện các mô hình và hỗ trợ nạn nhân bạo lực trên cơ sở giới",
                     "5. Models and support to victims of gender-based violence"),
    "or.h.empowerment": ("6. Trao quyền kinh tế cho phụ nữ, chăm sóc sức khỏe, trợ giúp pháp lý",
                         "6. Women's economic empowerment, health, legal aid"),
    "or.h.leadership": ("7. Phụ nữ tham gia lãnh đạo, quản lý", "7. Women in leadership and management"),
    "or.h.inspection": ("8. Công tác thanh tra, kiểm tra, giám sát", "8. Inspection and supervision"),
    "or.h.budget": ("9. Kinh phí thực hiện", "9. Budget"),
    "or.h.strengths": ("1. Ưu điểm", "1. Strengths"),
    "or.h.limitations": ("2. Hạn chế", "2. Limitations"),
    "or.h.causes": ("3. Nguyên nhân", "3. Causes"),
    # ---- parts without figures yet ------------------------------------------------------------------
    "or.pending": ("[{what}: chưa có số liệu trong hệ thống — đề nghị bổ sung.]",
                   "[{what}: no figures in the system yet — to be filled in.]"),
    "or.what.direction": ("Kết quả triển khai các nhiệm vụ được giao của các cơ quan, đơn vị",
                          "What the units did of the tasks given to them"),
    "or.what.communication": ("hoạt động truyền thông, tuyên truyền", "communication activities"),
    "or.what.training": ("lớp tập huấn", "training courses"),
    "or.what.action_month": ("Kết quả Tháng hành động", "The Action Month's results"),
    "or.what.cases": ("Số vụ việc bạo lực trên cơ sở giới được phát hiện, hỗ trợ, xử lý",
                      "Cases of gender-based violence found, supported and handled"),
    "or.what.empowerment": ("Kết quả trao quyền kinh tế, chăm sóc sức khỏe, trợ giúp pháp lý cho phụ nữ",
                            "Results in women's economic empowerment, health and legal aid"),
    "or.what.leadership": ("Tỷ lệ nữ giữ vị trí lãnh đạo, quản lý", "The share of women in leadership posts"),
    "or.what.inspection": ("Kết quả thanh tra, kiểm tra, giám sát", "Inspection and supervision results"),
    "or.what.budget": ("Kinh phí dự toán, đã sử dụng và quyết toán theo nguồn", "Budget estimated, spent and settled, by source"),
    "or.what.difficulties": ("Khó khăn, vướng mắc do các cơ quan, đơn vị nêu", "The difficulties the units reported"),
    "or.what.proposals": ("Đề xuất, kiến nghị của các cơ quan, đơn vị", "The units' proposals"),
    "or.what.ethnic_target": ("Chỉ tiêu phát hành tài liệu cho đồng bào dân tộc thiểu số",
                              "The target for outreach material to ethnic minorities"),
    "or.what.ethnic_tasks": ("Các hoạt động văn hóa, hỗ trợ pháp lý trong đồng bào dân tộc thiểu số",
                             "Cultural activities and legal support among ethnic minorities"),
    # ---- part I ----------------------------------------------------------------------------------
    "or.direction": ("Triển khai {plan}, Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới giao {others} cơ quan, đơn vị và "
                     "Ủy ban nhân dân {wards} phường tổ chức thực hiện, báo cáo định kỳ; Cơ quan thường trực theo dõi, "
                     "đôn đốc và tổng hợp kết quả.",
                     "To carry out {plan}, the Committee gave {others} offices and organisations and {wards} ward "
                     "People's Committees their tasks and periodic reports; the standing office follows up and "
                     "consolidates the results."),
    "or.reports": ("Trong kỳ, Ban nhận được {received}/{expected} báo cáo của các cơ quan, đơn vị, trong đó "
                   "{on_time} báo cáo đúng hạn, {late} báo cáo trễ hạn",
                   "In the period the Committee received {received} of {expected} reports, {on_time} on time and "
                   "{late} late"),
    "or.reports_nil": (" (có {nil} báo cáo không phát sinh số liệu)", " ({nil} of them nil reports)"),
    "or.reports_missing": ("; {n} đơn vị chưa gửi báo cáo: {units}", "; {n} units have not reported: {units}"),
    "or.reports_not_due": ("; {n} đơn vị chưa đến hạn gửi báo cáo", "; for {n} units the report is not yet due"),
    # ---- part II ---------------------------------------------------------------------------------
    "or.no_activities": ("Trong kỳ, các cơ quan, đơn vị chưa báo cáo {what}.", "The units reported no {what} in the period."),
    "or.communication": ("Từ đầu năm đến nay, các cơ quan, đơn vị đã tổ chức {n} hoạt động truyền thông, tuyên truyền "
                         "về bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới, thu hút {people} lượt "
                         "người tham gia (trong đó {women} lượt nữ, {minority} lượt người dân tộc thiểu số); phát "
                         "hành {materials} tài liệu tuyên truyền.",
                         "Since the start of the year the units held {n} communication activities on gender equality "
                         "and GBV prevention, with {people} participants ({women} women, {minority} ethnic-minority "
                         "persons), and distributed {materials} copies of material."),
    "or.per_type_lead": ("Cụ thể: {parts}.", "Namely: {parts}."),
    "or.per_type": ("{type} {n} hoạt động ({people} lượt người)", "{type}: {n} activities ({people} participants)"),
    "or.targets_lead": ("Đến thời điểm báo cáo, có {met}/{total} chỉ tiêu đạt kế hoạch năm; kết quả từng chỉ tiêu như sau:",
                        "At the time of the report {met} of {total} targets meet the year's plan; target by target:"),
    "or.target": ("{name} ({code}): kế hoạch {plan}; kết quả {num}/{den}{shares}, đạt tỷ lệ {pct}, {outcome}",
                  "{name} ({code}): plan {plan}; result {num}/{den}{shares}, a rate of {pct}, {outcome}"),
    "or.target.no_data": ("{name} ({code}): chưa có số liệu.", "{name} ({code}): no figures yet."),
    "or.of_whom_women": (" (trong đó nữ {women})", " (women {women})"),
    "or.of_whom_both": (" (trong đó nữ {women}, người dân tộc thiểu số {minority})",
                        " (women {women}, ethnic minority {minority})"),
    "or.outcome.met": ("đạt chỉ tiêu kế hoạch", "the target is met"),
    "or.outcome.not_met": ("chưa đạt chỉ tiêu kế hoạch (còn thiếu {gap} đối tượng)",
                           "the target is not met ({gap} still to reach)"),
    "or.outcome.no_target": ("chỉ tiêu theo dõi, không giao mức kế hoạch", "monitored, without a planned level"),
    "or.outcome.no_data": ("chưa có số liệu", "no figures yet"),
    "or.vs_previous": ("{change} so với kỳ trước ({period}: {pct})", "{change} on the previous period ({period}: {pct})"),
    "or.vs_last_year": ("{change} so với cùng kỳ năm trước ({period}: {pct})",
                        "{change} on the same period last year ({period}: {pct})"),
    "or.up": ("tăng {pp} điểm phần trăm", "up {pp} percentage points"),
    "or.down": ("giảm {pp} điểm phần trăm", "down {pp} percentage points"),
    "or.same": ("không thay đổi", "unchanged"),
    "or.verdict.met": ("Đạt", "Met"),
    "or.verdict.not_met": ("Chưa đạt", "Not met"),
    "or.verdict.no_target": ("Theo dõi", "Monitored"),
    "or.verdict.no_data": ("Chưa có số liệu", "No figures"),
    "or.targets_note": ("Số liệu lũy kế từ đầu năm; đơn vị chưa gửi báo cáo kỳ này được tổng hợp theo số liệu báo cáo "
                        "gần nhất. Tỷ lệ = số đạt / tổng số đối tượng của toàn địa bàn.",
                        "Year-to-date figures; units that have not sent this period are counted with their latest "
                        "report. Rate = reached / all persons concerned over the whole area."),
    "or.training": ("Các cơ quan, đơn vị đã tổ chức {n} lớp tập huấn với {people} lượt người tham gia (trong đó "
                    "{women} lượt nữ, {minority} lượt người dân tộc thiểu số).",
                    "The units held {n} training courses with {people} participants ({women} women, {minority} "
                    "ethnic-minority persons)."),
    "or.trained": ("Đã có {num}/{den} thành viên Ban Vì sự tiến bộ phụ nữ và Bình đẳng giới được tập huấn nâng cao "
                   "năng lực, đạt tỷ lệ {pct} (kế hoạch {plan}).",
                   "{num} of {den} committee members have been trained, a rate of {pct} (plan {plan})."),
    "or.quarter": ("Quý {q}/{year}", "Q{q} {year}"),
    "or.action_month_ahead": ("Tháng hành động được tổ chức từ ngày {start} đến ngày {end}; kết quả sẽ được tổng hợp "
                              "trong báo cáo kỳ sau.",
                              "The Action Month runs from {start} to {end}; its results will be reported in a "
                              "later period."),
    "or.action_month_none": ("Trong {quarter} (có Tháng hành động từ ngày {start} đến ngày {end}), các cơ quan, đơn vị "
                             "chưa báo cáo hoạt động.",
                             "In {quarter} (which holds the Action Month, {start} to {end}) the units reported no "
                             "activities."),
    "or.action_month_figures": ("Trong {quarter} (có Tháng hành động từ ngày {start} đến ngày {end}), các cơ quan, đơn "
                                "vị tổ chức {n} hoạt động với {people} lượt người tham gia (trong đó {women} lượt nữ, "
                                "{minority} lượt người dân tộc thiểu số).",
                                "In {quarter} (which holds the Action Month, {start} to {end}) the units held {n} "
                                "activities with {people} participants ({women} women, {minority} ethnic-minority "
                                "persons)."),
    "or.support": ("Các cơ quan, đơn vị đã thực hiện {n} hoạt động tư vấn, hỗ trợ với {people} lượt người được tư "
                   "vấn, hỗ trợ (trong đó {women} lượt nữ, {minority} lượt người dân tộc thiểu số).",
                   "The units held {n} counselling and support activities for {people} persons ({women} women, "
                   "{minority} ethnic-minority persons)."),
    "or.leadership": ("Toàn địa bàn có {num}/{den} vị trí lãnh đạo, quản lý do nữ đảm nhiệm, chiếm tỷ lệ {pct}",
                      "Women hold {num} of {den} leadership and management posts, a share of {pct}"),
    # ---- part III to V ---------------------------------------------------------------------------
    "or.strength_targets": ("Có {met}/{total} chỉ tiêu đạt kế hoạch: {names}.", "{met} of {total} targets are met: {names}."),
    "or.strength_activities": ("Các cơ quan, đơn vị chủ động tổ chức {n} hoạt động với {people} lượt người tham gia, "
                               "góp phần nâng cao nhận thức về bình đẳng giới.",
                               "The units held {n} activities with {people} participants, raising awareness of "
                               "gender equality."),
    "or.strength_reports": ("Có {on_time}/{expected} cơ quan, đơn vị gửi báo cáo đúng thời hạn quy định.",
                            "{on_time} of {expected} units reported on time."),
    "or.limit_none": ("Các chỉ tiêu có mức kế hoạch đều đã đạt.", "Every target with a planned level is met."),
    "or.limit_target": ("Chỉ tiêu {name} mới đạt {pct}, còn thiếu {gap} đối tượng so với kế hoạch.",
                        "Target {name} stands at {pct}, {gap} short of the plan."),
    "or.limit_reports": ("Còn {late} báo cáo gửi trễ hạn và {missing} đơn vị chưa gửi báo cáo, ảnh hưởng đến việc tổng "
                         "hợp chung.",
                         "{late} reports arrived late and {missing} units have not reported, which delays the "
                         "consolidation."),
    "or.cause_carried": ("Có {n} đơn vị chưa gửi báo cáo kỳ này nên số liệu được tổng hợp theo báo cáo kỳ trước.",
                         "{n} units have not sent this period, so their earlier figures are used."),
    "or.cause_unmet": ("Một số đơn vị chưa bố trí lồng ghép hoạt động truyền thông, tập huấn cho đủ các nhóm đối tượng "
                       "theo chỉ tiêu được giao.",
                       "Some units have not yet reached every group their targets name with communication or "
                       "training."),
    "or.next_plan": ("Tiếp tục triển khai thực hiện các nội dung của Kế hoạch; theo dõi, đôn đốc các cơ quan, đơn vị "
                     "thực hiện đạt các chỉ tiêu được giao.",
                     "Carry on with the plan; follow up the units until their targets are met."),
    "or.next_target": ("Tập trung truyền thông, tập huấn để hoàn thành chỉ tiêu {name}, còn thiếu {gap} đối tượng.",
                       "Focus communication and training on target {name}, {gap} still to reach."),
    "or.next_action_month": ("Chuẩn bị tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực "
                             "trên cơ sở giới từ ngày {start} đến ngày {end}.",
                             "Prepare the Action Month for gender equality and GBV prevention, from {start} to {end}."),
    "or.next_report": ("Đôn đốc các cơ quan, đơn vị gửi báo cáo {period} đúng hạn (trước ngày {due}).",
                       "Remind the units to send the {period} report on time (by {due})."),
    # ---- annexes and the ethnic-minority section ------------------------------------------------
    "or.annex.targets": ("PHỤ LỤC I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "ANNEX I. RESULTS AGAINST THE TARGETS"),
    "or.annex.participation": ("PHỤ LỤC II. HOẠT ĐỘNG THEO LOẠI HÌNH VÀ ĐỐI TƯỢNG",
                               "ANNEX II. ACTIVITIES BY TYPE AND TARGET GROUP"),
    "or.annex.status": ("PHỤ LỤC III. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ", "ANNEX III. REPORTING BY UNIT"),
    "or.total": ("Tổng cộng", "Total"),
    "or.ethnic.title": ("KẾT QUẢ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI TRONG ĐỒNG BÀO DÂN TỘC THIỂU SỐ\n"
                        "(Phần báo cáo gửi Ban Dân tộc Thành phố)",
                        "GENDER EQUALITY WORK AMONG ETHNIC MINORITIES\n(The part reported to the City Ethnic Committee)"),
    "or.ethnic.target": ("1. Phát hành tài liệu tuyên truyền cho đồng bào dân tộc thiểu số",
                         "1. Outreach material for ethnic minorities"),
    "or.ethnic.reached": ("2. Người dân tộc thiểu số trong kết quả các chỉ tiêu", "2. Ethnic-minority persons among those reached"),
    "or.ethnic.activities": ("3. Hoạt động dành cho đồng bào dân tộc thiểu số", "3. Activities for ethnic minorities"),
    "or.ethnic.groups": ("Các cơ quan, đơn vị tổ chức {n} hoạt động dành cho người dân tộc thiểu số, người có uy tín, "
                         "tổ trưởng dân phố và cơ sở tín ngưỡng, với {people} lượt người tham gia (trong đó {women} lượt "
                         "nữ, {minority} lượt người dân tộc thiểu số); phát hành {materials} tài liệu.",
                         "The units held {n} activities for ethnic-minority residents, prestigious persons, "
                         "neighbourhood heads and religious establishments, with {people} participants ({women} "
                         "women, {minority} ethnic-minority persons), and distributed {materials} copies of material."),
    "or.ethnic.all": ("Tính chung các hoạt động, có {minority} lượt người dân tộc thiểu số tham gia.",
                      "Across all activities, {minority} ethnic-minority persons took part."),
    # ---- the plan's tasks, budget and cases (official_report_tasks, official_report_money) ---------------
    "or.what.website": ("Kết quả đăng tải tin, bài trên trang thông tin điện tử", "Items posted on the units' websites"),
    "or.what.one_stop": ("Kết quả thực hiện Mô hình một cửa hỗ trợ phụ nữ và trẻ em", "The one-stop support model's results"),
    "or.tasks_lead": ("Kết quả triển khai các nhiệm vụ của Kế hoạch (mỗi lượt là một nhiệm vụ giao cho một cơ quan, "
                      "đơn vị):",
                      "The plan's tasks (each assignment is one task given to one unit):"),
    "or.tasks_part": ("Mục {part} của Kế hoạch: {tasks} nhiệm vụ, giao {slots} lượt cơ quan, đơn vị thực hiện; "
                      "trong đó {counts}",
                      "Part {part} of the plan: {tasks} tasks in {slots} assignments; {counts}"),
    "or.tasks_done": ("{n} lượt đã hoàn thành", "{n} done"),
    "or.tasks_over": (" (có {n} lượt hoàn thành vượt)", " ({n} beyond the plan)"),
    "or.tasks_started": ("{n} lượt đang triển khai", "{n} in progress"),
    "or.tasks_idle": ("{n} lượt chưa triển khai", "{n} not started"),
    "or.tasks_unreported": ("{n} lượt chưa báo cáo", "{n} not reported on"),
    "or.tasks_dropped": ("{n} lượt không thực hiện hoặc chuyển sang năm sau", "{n} dropped or moved to next year"),
    "or.tasks_behind_lead": ("Các nhiệm vụ còn cơ quan, đơn vị chưa triển khai:", "Tasks some units have not started:"),
    "or.task_behind": ("{text} ({code}): {idle}/{slots} lượt cơ quan, đơn vị chưa triển khai.",
                       "{text} ({code}): {idle} of {slots} assignments not started."),
    "or.task_line": ("{text} ({code}): giao {slots} lượt cơ quan, đơn vị; {counts}",
                     "{text} ({code}): {slots} assignments; {counts}"),
    "or.task_result": ("; kết quả lũy kế {result} {unit}", "; result so far {result} {unit}"),
    "or.raised_item": ("{item} ({units}).", "{item} ({units})."),
    "or.raised_difficulties": ("Khó khăn, vướng mắc do các cơ quan, đơn vị nêu:", "Difficulties the units reported:"),
    "or.raised_difficulties_none": ("Các cơ quan, đơn vị không nêu khó khăn, vướng mắc trong báo cáo.",
                                    "The units reported no difficulties."),
    "or.raised_proposals": ("Các cơ quan, đơn vị đề xuất, kiến nghị:", "The units propose:"),
    "or.raised_proposals_none": ("Các cơ quan, đơn vị không có đề xuất, kiến nghị trong báo cáo.",
                                 "The units made no proposals."),
    "or.dong": ("{amount} đồng", "VND {amount}"),
    "or.budget_total": ("Tổng kinh phí dự toán từ đầu năm đến nay {estimate}, đã sử dụng {spent}, đạt {pct} dự toán",
                        "Budget estimated so far this year {estimate}, spent {spent}, {pct} of the estimate"),
    "or.budget_social": ("; trong đó huy động xã hội hóa {amount}", ", of which social mobilisation {amount}"),
    "or.budget_source": ("{name}: dự toán {estimate}, đã sử dụng {spent}", "{name}: estimate {estimate}, spent {spent}"),
    "or.budget_pct": (", đạt {pct}", ", {pct}"),
    "or.budget_settled": ("; quyết toán {settled}", "; settled {settled}"),
    "or.budget_none": ("Các nguồn chưa phát sinh kinh phí: {names}.", "Sources without any funds so far: {names}."),
    "or.cases_lead": ("Từ đầu năm đến nay, các cơ quan, đơn vị báo cáo:", "Since the start of the year the units report:"),
    "or.case_count": ("{name}: {n} {unit}", "{name}: {n} {unit}"),
    "or.case_count_hidden": (" (chưa kể {units} đơn vị có số liệu dưới {below}, không công bố)",
                             " (not counting {units} units with fewer than {below}, not published)"),
    "or.case_hidden": ("{name}: có phát sinh, số liệu dưới {below} không công bố", "{name}: fewer than {below}, not published"),
    "or.case_none": ("{name}: không phát sinh", "{name}: none"),
    "or.cases_note": ("Để bảo vệ thông tin nạn nhân, số liệu của từng đơn vị dưới {below} trường hợp không được công bố "
                      "và không được cộng vào tổng.",
                      "To protect victims, a unit's figure below {below} is neither published nor added to the totals."),
    "or.ethnic.tasks": ("4. Các nhiệm vụ trong đồng bào dân tộc thiểu số", "4. Tasks among ethnic minorities"),
    # ---- table columns ------------------------------------------------------------------------
    "or.col.no": ("STT", "No."),
    "or.col.indicator": ("Chỉ tiêu", "Target"),
    "or.col.plan": ("Kế hoạch", "Plan"),
    "or.col.result": ("Kết quả (số đạt/tổng số)", "Result (reached/all)"),
    "or.col.rate": ("Tỷ lệ", "Rate"),
    "or.col.verdict": ("Đánh giá", "Assessment"),
    "or.col.previous": ("Kỳ trước ({period})", "Previous ({period})"),
    "or.col.last_year": ("Cùng kỳ năm trước ({period})", "Same period last year ({period})"),
    "or.col.denominator": ("Tổng số đối tượng", "All concerned"),
    "or.col.numerator": ("Số đạt", "Reached"),
    "or.col.women": ("Trong đó nữ", "Of whom women"),
    "or.col.minority": ("Trong đó người DTTS", "Of whom ethnic minority"),
    "or.col.units": ("Đơn vị đã báo cáo", "Units reporting"),
    "or.col.activity_type": ("Loại hoạt động", "Activity type"),
    "or.col.target_group": ("Đối tượng", "Target group"),
    "or.col.n_activities": ("Số hoạt động", "Activities"),
    "or.col.participants": ("Số lượt người", "Participants"),
    "or.col.materials": ("Số tài liệu", "Materials"),
    "or.col.unit": ("Cơ quan, đơn vị", "Unit"),
    "or.col.due_on": ("Hạn gửi", "Due"),
    "or.col.received": ("Ngày nhận", "Received"),
    "or.col.report_status": ("Tình trạng", "Status"),
    "or.col.days_late": ("Số ngày trễ", "Days late"),
}
