"""Sessions in a real `streamlit run` and Chromium: the cookie survives reloads and deep links, and nothing else
(no cookie, a forged one, a removed account, a signed-out one) grants anything; lockout spans browser contexts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import add_user
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from i18n import t
from testkit.served import browser_available, copy_db, serve, settled

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]
PASSWORD = "mat-khau-dai-12"


@pytest.fixture(scope="module")
def served_app(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("sessions")
    users = tmp / "users.yaml"
    for name in ("mai", "lan", "thu"):  # thu: not locked out by the lockout test
        add_user(users, name, f"Người {name}", "data_manager", PASSWORD)
    env = {"GEPM_USERS": str(users), "GEPM_DEMO": "0", "GEPM_SESSION_KEY": str(tmp / "session.key"),
           "GEPM_AUTH_AUDIT": str(tmp / "audit.jsonl")}
    with serve(copy_db(demo_db, tmp / "w.duckdb"), tmp / "streamlit.log", env) as url:
        yield url, users, tmp


def _page(context, url: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    return page


def _heading(page, key: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("heading", name=t(key, "vi")).first.wait_for(timeout=60_000)


def _sign_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.locator('form[action="/account/signin"] button[type="submit"]').click()


def _cookie(context) -> str | None:  # type: ignore[no-untyped-def]
    return next((c["value"] for c in context.cookies() if c["name"] == "gepm_session"), None)


def test_a_sign_in_holds_through_reload_and_deep_link_then_signs_out(browser, served_app) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = served_app
    context = browser.new_context()
    page = _page(context, url)
    _heading(page, "auth.title")
    _sign_in(page, "mai", PASSWORD)
    _heading(page, "page.overview")
    cookie = next(c for c in context.cookies() if c["name"] == "gepm_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.reload()
    _heading(page, "page.overview")
    page.goto(f"{url}/review")
    _heading(page, "page.review")
    settled(page)  # the sidebar's widgets no longer move under the click
    page.get_by_test_id("stSidebar").locator('a[href="/account/signout"]').click()
    _heading(page, "auth.title")
    assert _cookie(context) is None
    thief = browser.new_context()  # a copy of the signed-out cookie is refused too
    thief.add_cookies([{**cookie}])
    stolen = _page(thief, f"{url}/review")
    _heading(stolen, "auth.title")
    context.close()
    thief.close()


def test_no_forged_or_revoked_cookie_grants_anything(browser, served_app) -> None:  # type: ignore[no-untyped-def]
    url, users, _ = served_app
    context = browser.new_context()
    page = _page(context, url)
    _sign_in(page, "lan", PASSWORD)
    _heading(page, "page.overview")
    token = _cookie(context)
    assert token is not None
    body, mac = token.split(".")
    forger = browser.new_context()
    forger.add_cookies([{"name": "gepm_session", "value": f"{body[:-4]}AAAA.{mac}", "url": url}])
    _heading(_page(forger, f"{url}/upload"), "auth.title")
    nobody = browser.new_context()
    _heading(_page(nobody, f"{url}/upload"), "auth.title")
    data = yaml.safe_load(users.read_text("utf-8"))
    del data["users"]["lan"]
    users.write_text(yaml.safe_dump(data), "utf-8")  # the account is removed while its session is open
    page.reload()
    _heading(page, "auth.title")
    for ctx in (context, forger, nobody):
        ctx.close()


def test_lockout_spans_browser_contexts(browser, served_app) -> None:  # type: ignore[no-untyped-def]
    url, _, tmp = served_app
    first, second = browser.new_context(), browser.new_context()
    page = _page(first, f"{url}/account/signin")
    for _ in range(5):
        _sign_in(page, "mai", "wrong-password-1")
        page.get_by_text(t("auth.failed", "vi"), exact=False).first.wait_for()
    other = _page(second, url)
    _heading(other, "auth.title")
    _sign_in(other, "mai", PASSWORD)
    other.get_by_text("quá nhiều lần", exact=False).first.wait_for()
    assert _cookie(second) is None
    assert (tmp / "audit.jsonl").read_text("utf-8").count('"sign_in_failed"') >= 5
    first.close()
    second.close()


STEAL_SESSION = """(() => {
  const Real = window.WebSocket;
  window.gepmProtocols = [];
  window.WebSocket = class extends Real {
    constructor(url, protocols) {
      if (String(url).includes("_stcore/stream")) protocols = [protocols[0], protocols[1], "%s"];
      window.gepmProtocols.push(protocols);
      super(url, protocols);
    }
  };
})();"""


def _frames(page) -> list[bytes]:  # type: ignore[no-untyped-def]
    """Every binary frame the server sends this page (ForwardMsg protobufs), from its first websocket on."""
    seen: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: seen.append(p) if isinstance(p, bytes) else None))
    return seen


def _messages(frames: list[bytes]) -> list[ForwardMsg]:
    out = []
    for frame in list(frames):
        msg = ForwardMsg()
        msg.ParseFromString(frame)
        out.append(msg)
    return out


def _session_ids(frames: list[bytes]) -> list[str]:
    return [m.new_session.initialize.session_id for m in _messages(frames) if m.WhichOneof("type") == "new_session"]


def _run_finished(page, frames: list[bytes]) -> None:  # type: ignore[no-untyped-def]
    while not any(m.WhichOneof("type") == "script_finished" for m in _messages(frames)):
        page.wait_for_timeout(100)


def test_a_stolen_session_id_without_the_cookie_attaches_to_nothing(browser, served_app) -> None:  # type: ignore[no-untyped-def]
    """A second client that sends a data manager's live session id when it opens its websocket (as Streamlit's
    frontend does to reconnect) gets a session of its own, sees the sign-in form and receives nothing of hers."""
    url, _, _ = served_app
    manager = browser.new_context()
    page = manager.new_page()
    page.set_default_timeout(60_000)
    own = _frames(page)
    page.goto(f"{url}/account/signin?next=/review")
    _sign_in(page, "thu", PASSWORD)
    _heading(page, "page.review")
    page.get_by_text(t("auth.signed_in", "vi", name="Người thu", role=t("role.data_manager", "vi"))).wait_for()
    stolen = _session_ids(own)[-1]
    thief = browser.new_context()  # no cookie
    loot = thief.new_page()
    loot.set_default_timeout(60_000)
    loot.add_init_script(STEAL_SESSION % stolen)
    got = _frames(loot)
    loot.goto(f"{url}/review")
    _heading(loot, "auth.title")
    _run_finished(loot, got)
    assert loot.evaluate("window.gepmProtocols")[0][2] == stolen  # the handshake did carry her session id
    received = b"".join(got)
    for hers in ("Người thu", t("role.data_manager", "vi")):  # her name, her role: in no frame, on no screen
        assert hers.encode("utf-8") not in received and loot.get_by_text(hers).count() == 0
    assert loot.get_by_role("heading", name=t("page.review", "vi")).count() == 0
    assert stolen not in _session_ids(got)  # a session of its own: hers was neither taken over nor ended
    _heading(page, "page.review")
    manager.close()
    thief.close()


def test_lockout_and_sign_out_hold_through_a_restart(browser, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    users = tmp_path / "users.yaml"
    add_user(users, "mai", "Người mai", "data_manager", PASSWORD)
    env = {"GEPM_USERS": str(users), "GEPM_DEMO": "0", "GEPM_SESSION_KEY": str(tmp_path / "session.key"),
           "GEPM_AUTH_AUDIT": str(tmp_path / "audit.jsonl"), "GEPM_REVOKED": str(tmp_path / "revoked.json")}
    db = copy_db(demo_db, tmp_path / "w.duckdb")
    with serve(db, tmp_path / "before.log", env) as url:
        signed = browser.new_context()
        page = _page(signed, url)
        _sign_in(page, "mai", PASSWORD)
        _heading(page, "page.overview")
        cookie = next(c for c in signed.cookies() if c["name"] == "gepm_session")
        settled(page)  # the sidebar's widgets no longer move under the click
        page.get_by_test_id("stSidebar").locator('a[href="/account/signout"]').click()
        _heading(page, "auth.title")
        guess = _page(browser.new_context(), f"{url}/account/signin")
        for _ in range(5):
            _sign_in(guess, "mai", "wrong-password-1")
            guess.get_by_text(t("auth.failed", "vi"), exact=False).first.wait_for()
    with serve(db, tmp_path / "after.log", env) as url:  # a new server process, the same files
        thief = browser.new_context()
        thief.add_cookies([{"name": cookie["name"], "value": cookie["value"], "url": url}])
        _heading(_page(thief, f"{url}/review"), "auth.title")
        other = _page(browser.new_context(), url)
        _sign_in(other, "mai", PASSWORD)
        other.get_by_text("quá nhiều lần", exact=False).first.wait_for()
