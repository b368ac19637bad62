"""Filters in real Chromium: a choice survives a language switch and the next change of another filter, lives
in the address (F5 restores it), and a deep link with filters goes through sign-in to its page and filters.
Each sequence runs a few times over: the fault it guards against came and went between runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import add_user

from i18n import t
from testkit.served import browser_available, copy_db, serve, settled

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]

PASSWORD = "mat-khau-dai-12"
REPEAT = 3


@pytest.fixture(scope="module")
def demo_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("filters-url")
    with serve(copy_db(demo_db, tmp / "w.duckdb"), tmp / "streamlit.log") as url:
        yield url


def _open(browser: Any, url: str, heading: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)  # a Streamlit server and the test share two cores
    page.goto(url)
    page.get_by_role("heading", name=heading).first.wait_for()
    settled(page)
    return page


def _scope(page: Any, text: str) -> None:
    """Wait until the line under the title (what the numbers cover) names text, then for the run to end."""
    page.get_by_test_id("stCaptionContainer").filter(has_text=text).first.wait_for()
    settled(page)


def _sidebar(page: Any) -> Any:
    return page.get_by_test_id("stSidebar")


def _pick(page: Any, label: str, option: str) -> None:
    _sidebar(page).get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def _radio(page: Any, option: str) -> None:
    _sidebar(page).get_by_test_id("stRadio").get_by_text(option, exact=True).click()


def _query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _url(page: Any, **wanted: str) -> dict[str, list[str]]:
    """The address bar's filters once it names every value wanted (the browser writes the address a moment
    after the page's run has ended, from the run's last messages)."""
    check = " && ".join(f"p.get({name!r}) === {value!r}" for name, value in wanted.items())
    page.wait_for_function(f"() => {{ const p = new URLSearchParams(location.search); return {check}; }}")
    return _query(page)


def _english(page: Any, title_key: str) -> None:
    _radio(page, "English")
    page.get_by_role("heading", name=t(title_key, "en")).first.wait_for()
    settled(page)


def _choose_unit_type(page: Any, lang: str) -> None:
    box = _sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=t("filter.unit_types", lang))
    box.click()
    page.get_by_role("option", name=t("unit_type.ward", lang), exact=True).click()
    page.keyboard.press("Escape")


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_period_survives_a_language_switch_and_the_next_change(browser: Any, demo_url: str, attempt: int) -> None:
    page = _open(browser, f"{demo_url}/home", t("page.home", "vi"))
    _pick(page, t("app.period", "vi"), "6 tháng")
    _scope(page, "6 tháng")
    _english(page, "page.home")
    _scope(page, "Half-year")
    _choose_unit_type(page, "en")
    _scope(page, t("unit_type.ward", "en"))
    assert page.get_by_test_id("stCaptionContainer").filter(has_text="Half-year").count() >= 1
    _url(page, period="2024-H1", types="ward")
    page.get_by_test_id("stSidebarNav").get_by_text(t("page.data", "en")).click()
    page.get_by_role("heading", name=t("page.data", "en")).first.wait_for()
    _scope(page, "Half-year")
    assert page.get_by_test_id("stException").count() == 0
    page.close()


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_quarter_mode_then_switch_then_pick(browser: Any, demo_url: str, attempt: int) -> None:
    page = _open(browser, f"{demo_url}/home", t("page.home", "vi"))
    _radio(page, t("filter.mode.quarter", "vi"))
    _pick(page, t("filter.quarter", "vi"), "Quý 2/2024")
    _scope(page, "Quý 2/2024")
    _english(page, "page.home")
    _scope(page, "Q2 2024")
    _pick(page, t("filter.quarter", "en"), "Q3 2024")
    _scope(page, "Q3 2024")
    _url(page, view="quarter", quarter="2024-Q3")
    assert _sidebar(page).get_by_test_id("stSelectbox").filter(has_text="Year").count() == 0
    page.close()


@pytest.mark.parametrize("attempt", range(REPEAT))
def test_reload_restores_the_view(browser: Any, demo_url: str, attempt: int) -> None:
    page = _open(browser, f"{demo_url}/overview", t("page.overview", "vi"))
    _pick(page, t("app.period", "vi"), "9 tháng")
    _scope(page, "9 tháng")
    _url(page, period="2024-Q3")
    page.reload()
    page.get_by_role("heading", name=t("page.overview", "vi")).first.wait_for()
    _scope(page, "9 tháng")
    _url(page, period="2024-Q3")
    page.close()


def test_a_link_with_filters_opens_that_view(browser: Any, demo_url: str) -> None:
    link = f"{demo_url}/target?lang=en&view=quarter&quarter=2024-Q2&types=ward&units=P03&as_of=2024-07-01"
    page = _open(browser, link, t("page.target", "en"))
    _scope(page, "Q2 2024")
    _scope(page, "P03")
    assert page.get_by_text("Page not found").count() == 0
    _url(page, units="P03", as_of="2024-07-01")
    page.close()


@pytest.mark.parametrize("attempt", range(2))
def test_deep_link_with_filters_goes_through_sign_in(browser: Any, demo_db: Path, tmp_path: Path,
                                                     attempt: int) -> None:
    users = tmp_path / "users.yaml"
    add_user(users, "lan", "Trần Thị Lan", "analyst", PASSWORD)
    env = {"GEPM_USERS": str(users), "GEPM_SESSION_KEY": str(tmp_path / "session.key")}
    with serve(copy_db(demo_db, tmp_path / "w.duckdb"), tmp_path / "streamlit.log", env) as url:
        page = _open(browser, f"{url}/reporting?view=quarter&quarter=2024-Q2&units=P03",
                     t("auth.title", "vi"))
        assert page.get_by_text("Page not found").count() == 0
        page.locator('input[name="username"]').fill("lan")
        page.locator('input[name="password"]').fill(PASSWORD)
        page.locator('form[action="/account/signin"] button[type="submit"]').click()
        page.get_by_role("heading", name=t("page.reporting", "vi")).first.wait_for()
        _scope(page, "Quý 2/2024")
        _scope(page, "P03")
        assert urlsplit(page.url).path == "/reporting"
        _url(page, quarter="2024-Q2", units="P03")
        assert page.get_by_text("Page not found").count() == 0
        page.close()


@pytest.mark.parametrize("typed", ["Phuong 3", "p3", "P03"])
def test_unit_search_without_accents_or_by_code(browser: Any, demo_url: str, typed: str) -> None:
    page = _open(browser, f"{demo_url}/home", t("page.home", "vi"))
    label = page.get_by_text(t("filter.units", "vi"), exact=True)  # not "Loại đơn vị" nor "Thuộc đơn vị cấp trên"
    box = _sidebar(page).get_by_test_id("stMultiSelect").filter(has=label)
    search = box.locator("input").first
    search.click()
    search.fill(typed)  # typed into the box's own search field, as a person does, whatever had focus before
    option = page.get_by_role("option", name="Phường 3 (P03)").first
    option.wait_for()
    option.click()
    page.keyboard.press("Escape")
    _scope(page, "P03")
    _url(page, units="P03")
    page.close()


@pytest.mark.parametrize("attempt", range(2))
def test_a_typed_as_of_day_applies_on_enter(browser: Any, demo_url: str, attempt: int) -> None:
    """Typed and Enter, with the focus still in the field: the page and the address follow (a date field would
    wait until it is left)."""
    page = _open(browser, f"{demo_url}/home", t("page.home", "vi"))
    label = page.get_by_text(t("app.as_of", "vi"), exact=True)
    field = _sidebar(page).get_by_test_id("stTextInput").filter(has=label).locator("input")
    field.click()
    field.fill("01/07/2024")
    field.press("Enter")
    _scope(page, "tính đến 01/07/2024")
    _url(page, as_of="2024-07-01")
    assert page.evaluate("document.activeElement && document.activeElement.tagName") == "INPUT"  # never left
    assert field.input_value() == "01/07/2024"
    page.close()
