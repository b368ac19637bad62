"""Sessions in a real `streamlit run` and Chromium: the cookie survives reloads and deep links, and nothing else
(no cookie, a forged one, a removed account, a signed-out one) grants anything; lockout spans browser contexts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from access.users import add_user
from i18n import t
from testkit.served import browser_available, copy_db, serve

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]
PASSWORD = "mat-khau-dai-12"


@pytest.fixture(scope="module")
def served_app(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("sessions")
    users = tmp / "users.yaml"
    for name in ("mai", "lan"):
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
