"""The submission workflow through the real app (AppTest): upload with a name and receipt date, return for
correction and resubmission, version history and diff, consistency warnings, legacy text, hostile files."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from conftest import MANAGER, plan_today, reminder_messages, run_page, signed_in
from streamlit.testing.v1 import AppTest

from i18n import t
from plan.model import Plan
from testkit.workbooks import Activity, filled, truncated, xlsx_bytes, zip_bomb

HONG = signed_in(username="hong", name="Trần Thị Hồng")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(at: AppTest, files: list[tuple[str, bytes]], day: date | None = None) -> AppTest:
    at.date_input(key="upload_receipt_day").set_value(day)
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])
    next(b for b in at.button if b.label == "Kiểm tra và nạp").click()
    return at.run()


def button(at: AppTest, starts: str) -> Any:
    return next(b for b in at.button if b.label.startswith(starts))


def table(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def query(db: Path, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def status(db: Path, unit: str, period: str = "2024-Y") -> tuple[Any, ...]:
    [row] = query(db, "select status, is_returned, returned_reason, n_versions from v_reporting_status "
                      "where unit_code = $u and period_code = $p", {"u": unit, "p": period})
    return row


def test_demo_visitor_cannot_upload_or_review(app_env: Path) -> None:
    at = run_page("overview")
    assert any("CHẾ ĐỘ TRÌNH DIỄN" in w.value for w in at.warning)
    for page in ("upload", "review"):  # not in the demo visitor's menu; a link to it is refused
        refused = run_page(page)
        assert [e.value for e in refused.error] == [t("auth.page_refused", "vi")]
        assert not refused.get("file_uploader") and not refused.dataframe


def test_official_receipt_date_makes_a_missing_report_on_time_and_is_audited(writable_env: Path,
                                                                             govap: Plan) -> None:
    assert status(writable_env, "P16")[0] == "missing"
    at = upload(run_page("upload", period_code="2024-Y", **MANAGER),
                [("P16 nam.xlsx", xlsx_bytes(filled(govap, "P16", "2024-Y")))], day=date(2024, 11, 8))
    assert not at.exception
    assert list(at.dataframe[0].value["Kết quả"]) == ["Đã nạp"]
    assert status(writable_env, "P16")[0] == "on_time"
    [(received,)] = query(writable_env, "select received_at from submissions where unit_code = 'P16' "
                                        "and period_code = '2024-Y'")
    assert received.astimezone(ZoneInfo(govap.timezone)).isoformat() == "2024-11-08T23:59:59+07:00"
    [audit] = query(writable_env, "select acted_by, reason from audit_log where action = 'load' "
                                  "order by event_id desc limit 1")
    assert audit == ("Võ Thị Mai (mai)", "Ngày văn bản đến 08/11/2024")


def test_a_future_receipt_date_is_refused(writable_env: Path, govap: Plan) -> None:
    before = query(writable_env, "select count(*) from submissions")
    at = upload(run_page("upload", **MANAGER), [("p16.xlsx", xlsx_bytes(filled(govap, "P16", "2024-Y")))],
                day=date.today().replace(year=date.today().year + 1))
    assert any("nằm trong tương lai" in w.value for w in at.warning)
    assert query(writable_env, "select count(*) from submissions") == before


def test_returned_then_resubmitted(writable_env: Path, govap: Plan) -> None:
    assert status(writable_env, "P01")[0] in ("on_time", "late")
    at = run_page("review", period_code="2024-Y", review_unit="P01", **HONG)
    assert not at.exception and at.title[0].value == "Xét duyệt báo cáo"
    history = table(at, "Trạng thái")
    assert list(history["Trạng thái"]) == ["Đang dùng"]
    at.text_area(key="review_reason").set_value("CT1 chưa ghi số nữ")
    button(at, "Trả lại phiên bản 1").click()
    at = at.run()
    assert not at.exception
    assert any("Đã trả lại báo cáo" in s.value for s in at.success)
    assert status(writable_env, "P01") == ("missing", True, "CT1 chưa ghi số nữ", 1)
    assert list(table(at, "Trạng thái")["Trạng thái"]) == ["Trả lại để sửa"]
    # The reporting page marks it returned, with the reason, and reminds the unit why.
    rp = run_page("reporting", period_code="2024-Y", as_of=plan_today())  # today's writes: as of today
    reasons = table(rp, "Lý do trả lại").set_index(["Mã đơn vị", "Kỳ báo cáo"])
    assert reasons.loc[("P01", "Năm"), "Tình trạng"] == "Trả lại để sửa"
    assert any("Phường 1." in m and "CT1 chưa ghi số nữ" in m for m in reminder_messages(rp))
    # The unit sends a corrected workbook: a new version, counted again.
    fixed = xlsx_bytes(filled(govap, "P01", "2024-Y", values={"CT1": (999, 1, 1, 0)}))
    up = upload(run_page("upload", period_code="2024-Y", **MANAGER), [("P01 sửa.xlsx", fixed)])
    assert list(up.dataframe[0].value["Kết quả"]) == ["Phiên bản mới"]
    assert status(writable_env, "P01")[:3] == ("late", False, None)
    at = run_page("review", period_code="2024-Y", review_unit="P01", **MANAGER)
    assert list(table(at, "Trạng thái")["Trạng thái"]) == ["Trả lại để sửa", "Đang dùng"]
    diff = table(at, "Giá trị mới").set_index(["Mã chỉ tiêu", "Cột"])
    assert diff.loc[("CT1", "Số đạt"), "Giá trị mới"] == "1"
    assert diff.loc[("CT1", "Tổng số đối tượng"), "Giá trị mới"] == "999"
    audit = table(at, "Thao tác")
    assert list(audit["Thao tác"])[:3] == ["Nạp tệp", "Trả lại để sửa", "Nạp tệp"]
    assert list(audit["Người thực hiện"])[:2] == ["Võ Thị Mai (mai)", "Trần Thị Hồng (hong)"]


def test_withdraw_and_receipt_date_on_the_review_page(writable_env: Path) -> None:
    at = run_page("review", period_code="2024-Y", review_unit="P12", **HONG)
    at.text_area(key="review_reason").set_value("Nhầm")
    button(at, "Trả lại phiên bản").click()
    at = at.run()
    button(at, "Huỷ trả lại").click()
    at = at.run()
    assert any("Đã huỷ trả lại" in s.value for s in at.success)
    assert status(writable_env, "P12")[:2] == ("late", False)
    # P12 is chronically late; the register shows its year report arrived on the due day.
    at.date_input(key="review_day").set_value(date(2024, 11, 10))
    button(at, "Ghi ngày văn bản đến").click()
    at = at.run()
    assert not at.exception and any("Đã ghi ngày văn bản đến" in s.value for s in at.success)
    assert status(writable_env, "P12")[0] == "on_time"
    actions = [r[0] for r in query(writable_env, "select action from audit_log where acted_by = 'Trần Thị Hồng (hong)' "
                                                 "order by event_id")]
    assert actions == ["return", "withdraw_return", "receipt_date"]


def test_review_needs_a_reason_and_a_data_manager(writable_env: Path) -> None:
    at = run_page("review", period_code="2024-Y", review_unit="P04", **HONG)
    button(at, "Trả lại phiên bản").click()
    at = at.run()
    assert any("Cần ghi lý do trả lại" in e.value for e in at.error)
    # An analyst sees the history and the audit log but no review form.
    analyst = run_page("review", period_code="2024-Y", review_unit="P04", **signed_in("analyst", username="an"))
    assert [e.value for e in analyst.error] == [t("auth.page_refused", "vi")]  # not an analyst's page
    viewer = run_page("review", period_code="2024-Y", review_unit="P04", **signed_in("unit_reporter", "P04"))
    assert viewer.title[0].value == "Xét duyệt báo cáo" and not viewer.text_area
    assert query(writable_env, "select count(*) from submission_returns") == [(1,)]  # the demo's P05 only


def test_consistency_warnings_on_upload_and_on_the_reporting_page(writable_env: Path, govap: Plan) -> None:
    [(q3,)] = query(writable_env, "select numerator from v_target_progress_unit where unit_code = 'P04' "
                                  "and period_code = '2024-Q3' and indicator_code = 'CT1'")
    low = xlsx_bytes(filled(govap, "P04", "2024-Y", values={"CT1": (60, q3 - 1, 0, 0)}))
    at = upload(run_page("upload", period_code="2024-Y", **MANAGER), [("P04.xlsx", low)])
    assert not at.exception
    warnings = table(at, "Cảnh báo")
    assert any(f"giảm từ {q3} (kỳ 9 tháng) xuống {q3 - 1}" in w for w in warnings["Cảnh báo"])
    rp = run_page("reporting", as_of=plan_today())  # the file loaded today counts as of today
    shown = table(rp, "Cảnh báo")
    assert {"P04", "P03", "HLHPN", "P14"} <= set(shown["Mã đơn vị"])


def test_tcvn3_text_is_converted_and_said(writable_env: Path, govap: Plan) -> None:
    legacy = xlsx_bytes(filled(govap, "P16", "2024-Y", activities=[Activity(day=date(2024, 11, 2),
                                                                            topic="TËp huÊn B×nh ®¼ng giíi")]))
    at = upload(run_page("upload", **MANAGER), [("P16.xlsx", legacy)])
    results = at.dataframe[0].value
    assert list(results["Kết quả"]) == ["Đã nạp"]
    assert "Đã chuyển 1 ô chữ từ mã TCVN3 cũ sang Unicode." in results["Ghi chú"].iloc[0]
    topics = query(writable_env, "select topic from activities join submissions using (submission_id) "
                                 "where unit_code = 'P16' and period_code = '2024-Y'")
    assert topics == [("Tập huấn Bình đẳng giới",)]


def test_zip_bomb_and_truncated_upload_refused_with_bounded_memory(writable_env: Path, govap: Plan,
                                                                   tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx", megabytes=300).read_bytes()
    cut = truncated(filled(govap, "P01", "2024-Y"), tmp_path / "cut.xlsx").read_bytes()
    before = query(writable_env, "select count(*) from submissions")
    at = run_page("upload", **MANAGER)
    tracemalloc.start()
    at = upload(at, [("bomb.xlsx", bomb), ("cut.xlsx", cut)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not at.exception
    assert list(at.dataframe[0].value["Kết quả"]) == ["Bị từ chối", "Bị từ chối"]
    problems = at.dataframe[1].value
    assert "Tệp nén bất thường" in problems["Nội dung lỗi"].iloc[0]
    assert "Không phải tệp bảng tính Excel/ODS hợp lệ" in problems["Nội dung lỗi"].iloc[1]
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.0f} MB while refusing a 300 MB zip bomb"
    assert query(writable_env, "select count(*) from submissions") == before
    assert any("tối đa 20 MB" in c.value for c in at.caption)


def _ct1(db: Path, unit: str, period: str = "2024-Y") -> tuple[Any, ...]:
    [row] = query(db, "select numerator, denominator from v_target_progress_unit where unit_code = $u "
                      "and period_code = $p and indicator_code = 'CT1'", {"u": unit, "p": period})
    return row


def test_a_version_filed_by_mistake_is_voided_and_restored_from_the_page(writable_env: Path) -> None:
    """Two clicks undo a wrong version: the previous one is current again, figures follow, the file stays listed."""
    before_v2 = _ct1(writable_env, "LDTBXH")
    at = run_page("review", period_code="2024-Y", review_unit="LDTBXH", **HONG)
    assert list(table(at, "Trạng thái")["Trạng thái"]) == ["Đã có bản thay thế", "Đang dùng"]
    at.selectbox(key="review_void_version").set_value(2)
    button(at, "Huỷ phiên bản 2").click()
    at = at.run()
    assert any("Cần ghi lý do huỷ" in e.value for e in at.error)  # no reason, nothing voided
    assert query(writable_env, "select count(*) from submission_voids") == [(0,)]
    at.selectbox(key="review_void_version").set_value(2)
    at.text_area(key="review_void_reason").set_value("Nộp nhầm: tệp của kỳ khác")
    button(at, "Huỷ phiên bản 2").click()
    at = at.run()
    assert not at.exception and any("Đã huỷ phiên bản" in s.value for s in at.success)
    history = table(at, "Trạng thái")
    assert list(history["Trạng thái"]) == ["Đang dùng", "Đã huỷ"]
    assert list(history["Lý do huỷ"])[-1] == "Nộp nhầm: tệp của kỳ khác"
    assert status(writable_env, "LDTBXH")[3] == 1  # the voided file is no longer a received version
    v1 = query(writable_env, "select v.numerator, v.denominator from indicator_values v join submissions s "
                             "using (submission_id) where s.unit_code = 'LDTBXH' and s.period_code = '2024-Y' "
                             "and s.version = 1 and v.indicator_code = 'CT1'")[0]
    assert _ct1(writable_env, "LDTBXH") == v1
    [audit] = query(writable_env, "select acted_by, reason from audit_log where action = 'void'")
    assert audit == ("Trần Thị Hồng (hong)", "Nộp nhầm: tệp của kỳ khác")
    button(at, "Khôi phục phiên bản 2").click()
    at = at.run()
    assert list(table(at, "Trạng thái")["Trạng thái"]) == ["Đã có bản thay thế", "Đang dùng"]
    assert _ct1(writable_env, "LDTBXH") == before_v2


def test_a_minor_correction_keeps_the_report_counted_and_on_time(writable_env: Path) -> None:
    first = status(writable_env, "P03")[0]
    assert first in ("on_time", "late")
    at = run_page("review", period_code="2024-Y", review_unit="P03", **HONG)
    at.radio(key="review_kind").set_value("correction")
    at.text_area(key="review_reason").set_value("Sửa lỗi đánh máy ở CT2B")
    button(at, "Trả lại phiên bản 1").click()
    at = at.run()
    assert not at.exception
    assert status(writable_env, "P03")[:3] == (first, True, "Sửa lỗi đánh máy ở CT2B")
    assert any("sửa nhỏ" in c.value for c in at.caption)
    rp = run_page("reporting", period_code="2024-Y", as_of=plan_today())  # today's return: as of today
    kinds = table(rp, "Loại trả lại").set_index(["Mã đơn vị", "Kỳ báo cáo"])
    assert kinds.loc[("P03", "Năm"), "Loại trả lại"] == "Sửa nhỏ: giữ thời hạn lần nhận đầu"


def test_failed_sign_ins_show_on_the_review_page_for_a_data_manager_only(app_env: Path, use_settings: Any,
                                                                         tmp_path: Path) -> None:
    from ui import session

    trail = tmp_path / "auth-audit.jsonl"
    use_settings(GEPM_AUTH_AUDIT=trail, GEPM_SESSION_KEY=tmp_path / "session.key", GEPM_REVOKED=tmp_path / "r.json")
    for _ in range(5):  # through the sign-in route's own check: five failures lock the account …
        assert session.check_sign_in("mai", "wrong-password-1", "/", "10.0.0.7", secure=False).status_code == 401
    assert session.check_sign_in("mai", "wrong-password-2", "/", "10.0.0.8", secure=False).status_code == 429
    written = [json.loads(line) for line in trail.read_text("utf-8").splitlines()]
    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    for lg, when in (("vi", "%d/%m/%Y %H:%M"), ("en", "%Y-%m-%d %H:%M")):
        shown = table(run_page("review", lang=lg, **MANAGER), t("review.col.username", lg))
        assert list(shown[t("review.col.event", lg)]) == [  # … and the refusal that followed comes first
            t("review.signin.sign_in_locked", lg), t("review.signin.sign_in_failed_locking", lg),
            *[t("review.signin.sign_in_failed", lg)] * 4]
        assert list(shown[t("review.col.address", lg)]) == ["10.0.0.8"] + ["10.0.0.7"] * 5
        assert set(shown[t("review.col.username", lg)]) == {"mai"}
        assert list(shown[t("review.col.attempted_at", lg)]) == [
            datetime.fromisoformat(r["at"]).astimezone(hcm).strftime(when) for r in reversed(written)]
    for who in (signed_in("unit_reporter", "P04", username="tu"), signed_in("viewer", username="vy"),
                signed_in("analyst", username="an")):
        other = run_page("review", period_code="2024-Y", review_unit="P04", **who)
        assert not any(t("review.col.username", "vi") in d.value.columns for d in other.dataframe)
        assert not any("10.0.0.7" in d.value.to_string() for d in other.dataframe)
        assert not any(e.label.startswith("Đăng nhập không thành công") for e in other.expander)
    assert any(e.label.startswith("Đăng nhập không thành công") for e in run_page("review", **MANAGER).expander)
