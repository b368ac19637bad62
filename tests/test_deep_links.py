"""A deep link as the very first request after `streamlit run` starts: Streamlit then runs the page script
alone, without app.py (a pages/ folder selects its legacy page strategy until a session runs st.navigation).
Each page must still be the same page, behind the same sign-in and role check, as when reached through /.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import add_user

from access.roles import DEMO_VISITOR
from i18n import t
from testkit.served import browser_available, copy_db, serve, settled
from ui.navigation import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]

PASSWORD = "mat-khau-dai-12"
TITLE = {name: key for name, key, _, _ in PAGES}
DEMO_REFUSED = [name for name, _, _, need in PAGES if need is not None and not DEMO_VISITOR.can(need)]
# (role, unit, the page its first request opens, may that role open it)
ROLE_CASES = [
    ("viewer", None, "upload", False),
    ("analyst", None, "review", False),
    ("unit_reporter", "P01", "overview", False),
    ("unit_reporter", "P01", "upload", True),
    ("data_manager", None, "data", True),
]


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)  # a Streamlit server and the test share two cores
    page.goto(url)
    page.locator("h1").first.wait_for()
    return page


def _heading(page: Any, text: str) -> None:
    page.get_by_role("heading", name=text).first.wait_for()


def _sidebar_labels(page: Any, count: int | None = None) -> list[str]:
    """The filter labels in the sidebar once the last one (the as-of calendar) is drawn, or once there are count."""
    from playwright.sync_api import expect

    labels = page.get_by_test_id("stSidebar").get_by_test_id("stWidgetLabel")
    if count is not None:
        expect(labels).to_have_count(count, timeout=60_000)
        settled(page)
        return sorted(labels.all_inner_texts())
    labels.get_by_text(t("filter.as_of.pick", "vi"), exact=True).wait_for()
    seen: list[str] = []
    for _ in range(60):  # a run's elements arrive one by one, and a rerun may follow: read until it holds still
        settled(page)
        now = sorted(labels.all_inner_texts())
        if now == seen:
            return now
        seen = now
        page.wait_for_timeout(1000)
    return seen


@pytest.mark.parametrize("name", [name for name in TITLE if name not in DEMO_REFUSED])
def test_demo_deep_link_first_is_the_same_page(browser: Any, demo_db: Path, tmp_path: Path, name: str) -> None:
    with serve(copy_db(demo_db, tmp_path / "w.duckdb"), tmp_path / "streamlit.log") as url:
        alone = _open(browser, f"{url}/{name}")  # nothing else has run: the page script runs without app.py
        _heading(alone, t(TITLE[name], "vi"))
        alone.get_by_text("CHẾ ĐỘ TRÌNH DIỄN").first.wait_for()
        filters_alone = _sidebar_labels(alone)
        alone.close()
        routed = _open(browser, f"{url}/{name}")  # a session has run st.navigation: app.py runs the page
        _heading(routed, t(TITLE[name], "vi"))
        assert _sidebar_labels(routed, len(filters_alone)) == filters_alone
        assert routed.get_by_test_id("stException").count() == 0
        routed.close()


@pytest.mark.parametrize("name", DEMO_REFUSED)
def test_demo_deep_link_first_to_a_writing_page_is_refused(browser: Any, demo_db: Path, tmp_path: Path,
                                                            name: str) -> None:
    with serve(copy_db(demo_db, tmp_path / "w.duckdb"), tmp_path / "streamlit.log") as url:
        page = _open(browser, f"{url}/{name}")
        page.get_by_text(t("auth.page_refused", "vi")).wait_for()
        settled(page)
        assert page.get_by_test_id("stFileUploader").count() == page.get_by_test_id("stDataFrame").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        menu = page.get_by_test_id("stSidebarNav").inner_text()  # the role's menu, not the pages/ file names
        assert t("page.overview", "vi") in menu and "budget" not in menu.split()
        page.close()


def _sign_in(page: Any, username: str) -> None:
    page.get_by_label(t("auth.username", "vi")).fill(username)
    page.get_by_label(t("auth.password", "vi")).fill(PASSWORD)
    page.get_by_role("button", name=t("auth.sign_in", "vi")).click()


@pytest.mark.parametrize(("role", "unit", "name", "allowed"), ROLE_CASES)
def test_deep_link_first_asks_to_sign_in_then_checks_the_role(browser: Any, demo_db: Path, tmp_path: Path,
                                                              role: str, unit: str | None, name: str,
                                                              allowed: bool) -> None:
    users = tmp_path / "users.yaml"
    add_user(users, "someone", "Người Thử", role, PASSWORD, unit=unit)  # type: ignore[arg-type]
    db = copy_db(demo_db, tmp_path / "w.duckdb")
    with serve(db, tmp_path / "streamlit.log", {"GEPM_USERS": str(users)}) as url:
        page = _open(browser, f"{url}/{name}")
        _heading(page, t("auth.title", "vi"))
        assert page.get_by_test_id("stDataFrame").count() == 0 and page.locator(".js-plotly-plot").count() == 0
        _sign_in(page, "someone")
        if allowed:
            _heading(page, t(TITLE[name], "vi"))
        else:
            page.get_by_text(t("auth.page_refused", "vi")).wait_for()
            settled(page)
            assert page.get_by_test_id("stDataFrame").count() == 0
            assert page.locator(".js-plotly-plot").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        page.close()
