"""Access control: roles, bcrypt accounts in a users file outside git, sign-in, demo mode, own-unit limits."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import UseSettings, run_page, signed_in
from streamlit.testing.v1 import AppTest
from workbooks import filled, xlsx_bytes

from access.roles import DEMO_VISITOR, Forbidden, Identity, require
from access.users import UsersError, add_user, check_password, oidc_identity, read_users
from plan.model import Plan
from plan.settings import ROOT

PASSWORD = "mat-khau-dai-12"


@pytest.fixture
def users_file(tmp_path: Path, use_settings: UseSettings) -> Path:
    path = tmp_path / "users.yaml"
    add_user(path, "mai", "Võ Thị Mai", "data_manager", PASSWORD)
    add_user(path, "lan", "Nguyễn Thị Lan", "viewer", PASSWORD)
    add_user(path, "p01", "Cán bộ Phường 1", "unit_reporter", PASSWORD, unit="P01")
    use_settings(GEPM_USERS=path)
    return path


def test_roles_allow_what_the_design_says() -> None:
    table = {role: {a for a in ("dashboard", "extracts", "upload", "review", "audit")
                    if Identity("x", "X", role, "P01" if role == "unit_reporter" else None).can(a)}  # type: ignore[arg-type]
             for role in ("viewer", "analyst", "data_manager", "unit_reporter")}
    assert table == {"viewer": {"dashboard"}, "analyst": {"dashboard", "extracts"},
                     "data_manager": {"dashboard", "extracts", "upload", "review", "audit"},
                     "unit_reporter": {"upload", "audit"}}
    assert not DEMO_VISITOR.can("upload") and not DEMO_VISITOR.can("review") and DEMO_VISITOR.can("extracts")
    with pytest.raises(Forbidden):
        require(DEMO_VISITOR, "upload")
    with pytest.raises(Forbidden):
        require(None, "dashboard")


def test_passwords_are_bcrypt_hashes_in_a_private_file(users_file: Path) -> None:
    text = users_file.read_text("utf-8")
    assert PASSWORD not in text and "$2b$12$" in text
    assert stat.S_IMODE(os.stat(users_file).st_mode) == 0o600
    users = read_users(users_file)
    assert check_password(users, "mai", PASSWORD) == Identity("mai", "Võ Thị Mai", "data_manager")
    assert check_password(users, " MAI ", PASSWORD) is not None
    assert check_password(users, "mai", PASSWORD + "x") is None
    assert check_password(users, "nobody", PASSWORD) is None


def test_users_file_is_checked(tmp_path: Path) -> None:
    with pytest.raises(UsersError, match="at least 10"):
        add_user(tmp_path / "u.yaml", "mai", "Mai", "viewer", "short")
    with pytest.raises(UsersError, match="Invalid username"):
        add_user(tmp_path / "u.yaml", "Mai Võ", "Mai", "viewer", PASSWORD)
    with pytest.raises(UsersError, match="Invalid account"):
        add_user(tmp_path / "u.yaml", "p01", "P1", "unit_reporter", PASSWORD)  # no unit
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"users": {"x": {"name": "X", "role": "admin", "password_hash": "plain"}}}))
    with pytest.raises(UsersError, match=r"bad\.yaml"):
        read_users(bad)


def test_oidc_emails_get_roles_only_when_listed(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(yaml.safe_dump({"oidc": {"hong@govap.gov.vn": {"role": "analyst"}}}))
    users = read_users(path)
    assert oidc_identity(users, "Hong@GoVap.gov.vn", "Trần Thị Hồng") == Identity(
        "hong@govap.gov.vn", "Trần Thị Hồng", "analyst")
    assert oidc_identity(users, "someone@example.com", "X") is None


def test_cli_user_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    done = subprocess.run([sys.executable, "-m", "etl", "user", "add", "hung", "--role", "analyst", "--name",
                           "Trần Văn Hùng", "--users", str(path), "--password-stdin"], input=PASSWORD + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert check_password(read_users(path), "hung", PASSWORD) == Identity("hung", "Trần Văn Hùng", "analyst")


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="auth_username").set_value(username)
    at.text_input(key="auth_password").set_value(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return at.run()


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # a fresh session: no state set


def test_with_accounts_nothing_shows_before_sign_in(users_file: Path, app_env: Path) -> None:
    at = _app()
    assert at.title[0].value == "Đăng nhập" and not at.get("plotly_chart")
    assert not any("TRÌNH DIỄN" in w.value for w in at.warning)
    at = _sign_in(at, "mai", "wrong-password-1")
    assert any("Sai tên đăng nhập hoặc mật khẩu" in e.value for e in at.error)
    at = _sign_in(at, "mai", PASSWORD)
    assert at.title[0].value == "Tổng quan"
    assert any("Võ Thị Mai" in c.value for c in at.sidebar.caption)
    assert at.switch_page(str(ROOT / "pages" / "upload.py")).run().title[0].value == "Biểu mẫu và nạp báo cáo"


def test_repeated_failures_lock_the_form(users_file: Path, app_env: Path) -> None:
    at = _app()
    for _ in range(5):
        at = _sign_in(at, "mai", "wrong-password-1")
    at = _sign_in(at, "mai", PASSWORD)  # even the right password waits now
    assert any("quá nhiều lần" in e.value for e in at.error) and at.title[0].value == "Đăng nhập"


def test_viewer_sees_the_dashboard_but_no_extracts_or_writes(users_file: Path, app_env: Path) -> None:
    at = _sign_in(_app(), "lan", PASSWORD)
    assert at.title[0].value == "Tổng quan"
    for page in ("upload", "review", "data"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(str(ROOT / "pages" / f"{page}.py"))


def test_unit_reporter_sees_and_sends_only_its_own_unit(writable_env: Path, govap: Plan) -> None:
    reporter = signed_in("unit_reporter", "P01", username="p01", name="Cán bộ Phường 1")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page("reporting", **reporter)
    at = run_page("upload", period_code="2024-Y", **reporter)
    assert at.selectbox(key="upload_unit").options == ["Phường 1"]
    assert not [d for d in at.get("date_input") if d.key == "upload_receipt_day"]  # no official dates
    own = xlsx_bytes(filled(govap, "P01", "2024-Y", values={"CT1": (60, 59, 30, 1)}))
    other = xlsx_bytes(filled(govap, "P03", "2024-Y"))
    at.file_uploader[0].set_value([("p01.xlsx", own, "application/octet-stream"),
                                   ("p03.xlsx", other, "application/octet-stream")])
    next(b for b in at.button if b.label == "Kiểm tra và nạp").click()
    at = at.run()
    assert list(at.dataframe[0].value["Kết quả"]) == ["Phiên bản mới", "Bị từ chối"]
    problems = next(d.value for d in at.dataframe if "Dòng" in d.value.columns)
    assert "chỉ được nộp báo cáo của P01" in problems["Nội dung lỗi"].iloc[0]
    review = run_page("review", period_code="2024-Y", **reporter)
    assert review.selectbox(key="review_unit").options == ["Phường 1 (P01)"]
    assert not review.text_area  # history and audit log, no decisions
    assert "Cán bộ Phường 1 (p01)" in set(next(d.value for d in review.dataframe
                                                if "Thao tác" in d.value.columns)["Người thực hiện"])
