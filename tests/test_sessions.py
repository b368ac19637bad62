"""Session tokens, the shared lockout and the sign-in route's checks, without a server (see test_sessions_browser)."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from access import tokens
from access.lockout import LOCK_S, Lockout
from access.users import account_identity, add_user, read_users
from plan.settings import settings
from ui import session

PASSWORD = "mat-khau-dai-12"
SECRET = b"s" * 64


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    users = tmp_path / "users.yaml"
    add_user(users, "mai", "Võ Thị Mai", "data_manager", PASSWORD)
    for name, value in {"GEPM_USERS": users, "GEPM_SESSION_KEY": tmp_path / "session.key",
                        "GEPM_AUTH_AUDIT": tmp_path / "auth-audit.jsonl"}.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.setattr(session, "LOCKOUT", Lockout())
    settings.cache_clear()
    session._secret.cache_clear()
    yield users
    settings.cache_clear()
    session._secret.cache_clear()


def test_a_token_holds_only_while_signed_unaltered_and_young() -> None:
    token = tokens.issue(SECRET, "mai", "v1", now=1000.0)
    assert tokens.verify(SECRET, token, 1000.0 + 3600, 7200) == tokens.verify(SECRET, token, 1001.0, 7200)
    claims = tokens.verify(SECRET, token, 1001.0, 7200)
    assert claims is not None and (claims.username, claims.version) == ("mai", "v1")
    assert tokens.verify(SECRET, token, 1000.0 + 7201, 7200) is None  # expired
    assert tokens.verify(b"t" * 64, token, 1001.0, 7200) is None  # another server's secret
    body, mac = token.split(".")
    forged = tokens._b64(json.dumps({"u": "admin", "v": "v1", "t": 1000, "n": "x"}).encode())
    assert tokens.verify(SECRET, f"{forged}.{mac}", 1001.0, 7200) is None
    assert tokens.verify(SECRET, f"{body}.{mac[:-2]}AA", 1001.0, 7200) is None
    assert tokens.verify(SECRET, "", 1001.0, 7200) is None and tokens.verify(SECRET, "a.b.c", 1001.0, 7200) is None


def test_the_secret_is_made_once_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "session.key"
    first = tokens.load_or_create_secret(path)
    assert tokens.load_or_create_secret(path) == first and len(first) == 64
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_changed_or_removed_account_refuses_its_old_tokens(accounts: Path) -> None:
    users = read_users(accounts)
    version = tokens.account_version(users.users["mai"])
    assert account_identity(users, "mai", version) is not None
    add_user(accounts, "mai", "Võ Thị Mai", "viewer", PASSWORD)  # the role changed
    assert account_identity(read_users(accounts), "mai", version) is None
    assert account_identity(read_users(accounts), "lan", version) is None


def test_lockout_counts_per_account_and_per_address() -> None:
    lock = Lockout()
    for n in range(5):  # five addresses guessing one account
        lock.failed("mai", f"10.0.0.{n}", 100.0)
    assert lock.wait_s("mai", "10.0.0.99", 101.0) == pytest.approx(LOCK_S - 1)
    assert lock.wait_s("lan", "10.0.0.1", 101.0) == 0
    assert lock.wait_s("mai", "10.0.0.99", 100.0 + LOCK_S) == 0
    for n in range(20):  # one address guessing many accounts
        lock.failed(f"user{n}", "10.9.9.9", 200.0)
    assert lock.wait_s("lan", "10.9.9.9", 201.0) > 0 and lock.wait_s("lan", "10.0.0.1", 201.0) == 0


def test_the_sign_in_route_sets_a_strict_http_only_cookie(accounts: Path) -> None:
    response = session.check_sign_in(" MAI ", PASSWORD, "/upload?period=2024-Y", "10.0.0.1", secure=True)
    assert response.status_code == 303 and response.headers["location"] == "/upload?period=2024-Y"
    cookie = response.headers["set-cookie"]
    assert all(part in cookie for part in ("gepm_session=", "HttpOnly", "SameSite=strict", "Secure", "Max-Age=43200"))
    token = cookie.split(";")[0].split("=", 1)[1]
    found = session.identity_for(token)
    assert found is not None and found[0].username == "mai"
    session.revoke(token)  # signed out: even a copy of the cookie is refused
    assert session.identity_for(token) is None


def test_failed_sign_ins_are_audited_and_lock_the_account(accounts: Path) -> None:
    for _ in range(5):
        assert session.check_sign_in("mai", "wrong-password-1", "/", "10.0.0.1", secure=False).status_code == 401
    locked = session.check_sign_in("mai", PASSWORD, "/", "10.0.0.2", secure=False)  # another address
    assert locked.status_code == 429 and b"gepm_session" not in locked.body
    rows = [json.loads(line) for line in settings().auth_audit_path.read_text("utf-8").splitlines()]
    assert [r["event"] for r in rows] == ["sign_in_failed"] * 5 + ["sign_in_locked"]
    assert rows[4]["locked"] is True and rows[0]["address"] == "10.0.0.1" and "password" not in rows[0]
    assert stat.S_IMODE(os.stat(settings().auth_audit_path).st_mode) == 0o600


def test_after_sign_in_only_a_path_on_this_site() -> None:
    assert session.local_path("/target?plan=govap-2024") == "/target?plan=govap-2024"
    for bad in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", None, ""):
        assert session.local_path(bad) == "/"
