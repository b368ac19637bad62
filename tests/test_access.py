"""Access control: roles, bcrypt accounts in a users file outside git, sign-in, demo mode, own-unit limits."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MANAGER, UseSettings, add_user, run_page, signed_in
from streamlit.testing.v1 import AppTest

from access.roles import DEMO_VISITOR, Forbidden, Identity, require
from access.users import COST, UsersError, check_password, hash_password, oidc_identity, read_users
from i18n import t
from plan.model import Plan
from plan.settings import ROOT, settings
from testkit import cli
from testkit.workbooks import filled, xlsx_bytes

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
    assert PASSWORD not in text and f"$2b${settings().bcrypt_cost:02d}$" in text
    assert stat.S_IMODE(os.stat(users_file).st_mode) == 0o600
    users = read_users(users_file)
    assert check_password(users, "mai", PASSWORD) == Identity("mai", "Võ Thị Mai", "data_manager")
    assert check_password(users, " MAI ", PASSWORD) is not None
    assert check_password(users, "mai", PASSWORD + "x") is None
    assert check_password(users, "nobody", PASSWORD) is None


def test_new_hashes_cost_12_unless_configured(monkeypatch: pytest.MonkeyPatch, use_settings: UseSettings) -> None:
    """The tests hash at bcrypt's lowest cost (tests/conftest.py); the product's default stays 2^12 rounds."""
    monkeypatch.delenv("GEPM_BCRYPT_COST")
    settings.cache_clear()
    assert settings().bcrypt_cost == COST == 12
    use_settings(GEPM_BCRYPT_COST=5)
    assert settings().bcrypt_cost == 5 and hash_password(PASSWORD, 5).startswith("$2b$05$")


def test_a_hash_keeps_its_cost_when_the_setting_changes(tmp_path: Path) -> None:
    """Accounts made at the default cost still sign in after the cost is changed, and only with their password."""
    path = tmp_path / "users.yaml"
    path.write_text(yaml.safe_dump({"users": {"mai": {"name": "Mai", "role": "viewer",
                                                     "password_hash": hash_password(PASSWORD)}}}), "utf-8")
    users = read_users(path)
    assert users.users["mai"].password_hash.startswith("$2b$12$")
    assert check_password(users, "mai", PASSWORD, cost=4) == Identity("mai", "Mai", "viewer")
    assert check_password(users, "mai", PASSWORD + "x", cost=4) is None


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


def test_an_oidc_unit_reporter_without_a_unit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text(yaml.safe_dump({"oidc": {"a@govap.gov.vn": {"role": "unit_reporter"},
                                             "b@govap.gov.vn": {"role": "unit_reporter", "unit": "P01"}}}))
    users = read_users(path)
    assert oidc_identity(users, "a@govap.gov.vn", "A") is None
    assert oidc_identity(users, "b@govap.gov.vn", "B") == Identity("b@govap.gov.vn", "B", "unit_reporter", "P01")


def test_cli_user_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "users.yaml"
    done = cli.etl("user", "add", "hung", "--role", "analyst", "--name", "Trần Văn Hùng", "--users", path,
                   "--password-stdin", input=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert check_password(read_users(path), "hung", PASSWORD) == Identity("hung", "Trần Văn Hùng", "analyst")
    assert read_users(path).users["hung"].password_hash.startswith("$2b$04$")  # the command reads GEPM_BCRYPT_COST
    assert "GEPM_BCRYPT_COST=4, thấp hơn 12" in done.stderr and "256 lần" in done.stderr  # and says it is weak
    assert "guess passwords 256 times faster" in done.stderr


def test_cli_user_add_at_the_default_cost_gives_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEPM_BCRYPT_COST")  # the command then hashes at the product's default, 12
    done = cli.etl("user", "add", "lan", "--role", "viewer", "--users", tmp_path / "users.yaml", "--password-stdin",
                   input=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert read_users(tmp_path / "users.yaml").users["lan"].password_hash.startswith("$2b$12$")
    assert "GEPM_BCRYPT_COST" not in done.stderr



@pytest.mark.parametrize(("piped", "code"), [(PASSWORD + "\n", 0), ("", 2), ("\n", 2)])
def test_cli_user_add_takes_a_piped_password_without_the_flag(tmp_path: Path, piped: str, code: int) -> None:
    """As the README shows it: a pipe gives the password; nothing piped says how, never a traceback."""
    path = tmp_path / "users.yaml"
    done = subprocess.run([sys.executable, "-m", "etl", "user", "add", "hung", "--role", "analyst", "--users",
                           str(path)], input=piped, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if code:
        assert "--password-stdin" in done.stderr and not path.exists()
    else:
        assert check_password(read_users(path), "hung", PASSWORD) == Identity("hung", "hung", "analyst")

def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # a fresh session: no state set


def test_with_accounts_nothing_shows_before_sign_in(users_file: Path, app_env: Path) -> None:
    at = _app()
    assert at.title[0].value == "Đăng nhập" and not at.get("plotly_chart")
    assert not any("TRÌNH DIỄN" in w.value for w in at.warning)
    form = at.get("html")[0].proto.body
    assert 'action="/account/signin"' in form and 'name="password"' in form


def test_demo_mode_only_when_asked_for(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEPM_DEMO", "0")
    settings.cache_clear()
    at = _app()
    text = " ".join([at.title[0].value, *(m.value for m in at.markdown)])
    assert "Hệ thống chưa được cấu hình" in text and "Not configured" in text
    assert "gepm-tests-no-users" not in text and not at.warning and not at.get("plotly_chart")


def test_a_broken_users_file_tells_visitors_nothing(users_file: Path, app_env: Path) -> None:
    users_file.write_text(users_file.read_text("utf-8") + "  extra: [", "utf-8")
    at = _app()
    text = " ".join([at.title[0].value, *(m.value for m in at.markdown), *(e.value for e in at.error)])
    assert "Hệ thống chưa được cấu hình" in text
    assert "users.yaml" not in text and "mai" not in text and "$2b$" not in text


def test_a_new_person_in_a_session_finds_nothing_of_the_last(app_env: Path) -> None:
    """A session taken over by someone else (or by nobody) is emptied before anything is drawn."""
    at = run_page("upload", left_behind="P03 rejected workbook", **MANAGER)
    assert at.session_state["left_behind"] == "P03 rejected workbook"
    at.session_state["auth_identity"] = signed_in(username="hoa", name="Lê Hoa")["auth_identity"]
    at.run()
    assert "left_behind" not in at.session_state and at.session_state["auth_seat"] == "test:hoa"


def test_viewer_sees_the_dashboard_but_no_extracts_or_writes(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["auth_identity"] = signed_in("viewer", username="lan", name="Lan")["auth_identity"]
    assert at.run().title[0].value == "Tổng quan"
    for page in ("upload", "review", "data"):  # routable (a link never ends on "Page not found"), but refused
        at.switch_page(str(ROOT / "pages" / f"{page}.py")).run()
        assert [e.value for e in at.error] == [t("auth.page_refused", "vi")]
        assert not at.dataframe and not at.get("file_uploader") and not at.get("download_button")


def test_unit_reporter_sees_and_sends_only_its_own_unit(writable_env: Path, govap: Plan) -> None:
    reporter = signed_in("unit_reporter", "P01", username="p01", name="Cán bộ Phường 1")
    refused = run_page("reporting", **reporter)
    assert [e.value for e in refused.error] == [t("auth.page_refused", "vi")] and not refused.dataframe
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
