"""Session tokens, the shared lockout and the sign-in route's checks, without a server (see test_sessions_browser)."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import add_user

from access import signin_audit, tokens
from access.lockout import LOCK_S, Lockout
from access.revocations import Revocations
from access.users import account_identity, read_users
from plan.settings import settings
from ui import binding, session

PASSWORD = "mat-khau-dai-12"
SECRET = b"s" * 64


def restart() -> None:
    """What a new server process starts from: nothing held in memory, only the files."""
    settings.cache_clear()
    for cached in (session._secret, session._lockout, session._revoked):
        cached.cache_clear()


@pytest.fixture
def accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    users = tmp_path / "users.yaml"
    add_user(users, "mai", "Võ Thị Mai", "data_manager", PASSWORD)
    for name, value in {"GEPM_USERS": users, "GEPM_SESSION_KEY": tmp_path / "session.key",
                        "GEPM_AUTH_AUDIT": tmp_path / "auth-audit.jsonl",
                        "GEPM_REVOKED": tmp_path / "revoked-sessions.json"}.items():
        monkeypatch.setenv(name, str(value))
    restart()
    yield users
    restart()


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


def _sign_in(username: str, password: str, address: str = "10.0.0.1") -> int:
    return session.check_sign_in(username, password, "/", address, secure=False).status_code


def test_a_locked_account_and_address_stay_locked_through_a_restart(accounts: Path) -> None:
    for _ in range(5):
        assert _sign_in("mai", "wrong-password-1") == 401
    for n in range(20):  # one address guessing twenty accounts
        assert _sign_in(f"user{n}", "wrong-password-1", "10.9.9.9") == 401
    restart()
    assert _sign_in("mai", PASSWORD, "10.0.0.2") == 429  # the account, from any address
    add_user(accounts, "lan", "Lê Thị Lan", "viewer", PASSWORD)
    assert _sign_in("lan", PASSWORD, "10.9.9.9") == 429  # the address, for any account
    assert _sign_in("lan", PASSWORD, "10.0.0.3") == 303


def test_the_rebuilt_lockout_counts_what_still_counts(accounts: Path) -> None:
    old = datetime.now(UTC) - timedelta(hours=1)
    with settings().auth_audit_path.open("a", encoding="utf-8") as trail:  # an hour ago: counts no more
        for _ in range(5):
            trail.write(json.dumps({"at": old.isoformat(), "event": "sign_in_failed", "username": "mai",
                                    "address": "10.0.0.1"}) + "\n")
    for _ in range(4):
        assert _sign_in("mai", "wrong-password-1") == 401
    assert _sign_in("mai", PASSWORD) == 303  # a sign-in clears the account's count, also once replayed
    restart()
    assert _sign_in("mai", "wrong-password-1") == 401
    assert _sign_in("mai", PASSWORD) == 303
    events = [r["event"] for r in signin_audit.newest_first(settings().auth_audit_path)]
    assert events[:2] == ["signed_in", "sign_in_failed"] and events.count("signed_in") == 2


def test_a_signed_out_token_stays_refused_through_a_restart(accounts: Path) -> None:
    tokens_of = [session.check_sign_in("mai", PASSWORD, "/", "10.0.0.1", secure=False).headers["set-cookie"]
                 .split(";")[0].split("=", 1)[1] for _ in range(2)]
    session.revoke(tokens_of[0])
    restart()
    assert session.identity_for(tokens_of[0]) is None
    found = session.identity_for(tokens_of[1])  # the other sign-in still holds
    assert found is not None and found[0].username == "mai"
    path = settings().revoked_path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and len(json.loads(path.read_text("utf-8"))) == 1
    path.write_text(json.dumps({"gone": time.time() - 1, **json.loads(path.read_text("utf-8"))}), "utf-8")
    assert "gone" not in Revocations.load(path, time.time()).until  # an expired token needs no refusal


def test_the_trail_reads_back_newest_first_across_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "trail.jsonl"
    for n in range(300):
        signin_audit.record(path, "sign_in_failed", f"user{n}", "10.0.0.1")
    with path.open("a", encoding="utf-8") as trail:
        trail.write('{"at": "2024-01-01T00:00:00+00:00", "event": "sign_in_fai')  # cut short by a full disk
    monkeypatch.setattr(signin_audit, "BLOCK", 97)  # lines cross block boundaries
    assert [r["username"] for r in signin_audit.newest_first(path)] == [f"user{n}" for n in reversed(range(300))]
    assert list(signin_audit.newest_first(tmp_path / "none.jsonl")) == []


def _handshake(session_id: str, cookie: str | None) -> dict[str, Any]:
    headers = [(b"sec-websocket-protocol", f"streamlit, xsrf-token, {session_id}".encode())]
    if cookie:
        headers.append((b"cookie", f"{session.COOKIE}={cookie}".encode()))
    return {"type": "websocket", "path": "/_stcore/stream", "headers": headers, "client": ("10.0.0.9", 1)}


def _resumes(scope: dict[str, Any]) -> bool:
    protocol = dict(binding.without_foreign_session(scope)["headers"])[b"sec-websocket-protocol"]
    return protocol.decode().count(",") == 2


def test_only_the_cookie_a_session_belongs_to_may_reconnect_to_it(accounts: Path) -> None:
    mine, other = (session.check_sign_in("mai", PASSWORD, "/", "10.0.0.1", secure=False).headers["set-cookie"]
                   .split(";")[0].split("=", 1)[1] for _ in range(2))
    binding.bind("s-mai", mine)
    binding.bind("s-nobody", None)
    assert _resumes(_handshake("s-mai", mine)) and _resumes(_handshake("s-nobody", None))
    assert not _resumes(_handshake("s-mai", None))  # the id alone
    assert not _resumes(_handshake("s-mai", other))  # the same account, another sign-in
    assert not _resumes(_handshake("s-mai", mine[:-2] + "AA"))  # a forged cookie
    assert not _resumes(_handshake("s-never-seen", None))
    session.revoke(mine)
    assert not _resumes(_handshake("s-mai", mine))  # signed out: her own tab starts a new session
