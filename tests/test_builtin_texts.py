"""Streamlit's own English widget texts in the chosen language, in real Chromium: the uploader's button and
limits, 'Press Enter to apply' under a text field, 'Press Ctrl+Enter to submit form' under a form's text area,
'No results' in a search with no match. What Streamlit still writes in English: docs/i18n.md."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import add_user

from i18n import t
from testkit.served import browser_available, copy_db, serve, settled
from ui.theme import UPLOAD_TYPES, builtin_texts_css, upload_limit_mb

PASSWORD = "mat-khau-dai-12"
TYPES = ", ".join(x.upper() for x in UPLOAD_TYPES)
needs_browser = pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")


def test_catalogue_text_cannot_close_the_style_sheet() -> None:
    css = builtin_texts_css("vi")
    assert "</" not in css and css.count("{") == css.count("}")
    assert '"Nhấn Enter để áp dụng"' in css  # Vietnamese letters kept as they are


@pytest.fixture(scope="module")
def served(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("builtin-texts")
    users = tmp / "users.yaml"
    add_user(users, "mai", "Võ Thị Mai", "data_manager", PASSWORD)
    env = {"GEPM_USERS": str(users), "GEPM_SESSION_KEY": str(tmp / "session.key"), "GEPM_DEMO": "0"}
    with serve(copy_db(demo_db, tmp / "w.duckdb"), tmp / "streamlit.log", env) as url:
        yield url


def _signed_in(browser: Any, url: str, path: str, ready: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)  # a Streamlit server and the test share two cores
    page.goto(f"{url}/{path}")
    page.locator('input[name="username"]').fill("mai")
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form[action="/account/signin"] button[type="submit"]').click()
    page.get_by_test_id("stSidebar").wait_for()
    settled(page)
    page.goto(f"{url}/{path}")  # the page asked for, with the session's cookie
    page.get_by_test_id(ready).first.wait_for()
    settled(page)
    return page


def _pseudo(locator: Any, which: str) -> str:
    """The text a ::before or ::after shows (CSS content, quotes removed); '' when none."""
    content = str(locator.evaluate(f"e => getComputedStyle(e, '{which}').content"))
    return content[1:-1] if content.startswith('"') else ""


def _uploader_says(page: Any, lang: str) -> None:
    zone = page.get_by_test_id("stFileUploaderDropzone")
    words = zone.locator("button [data-testid='stMarkdownContainer']")
    assert words.locator("p").is_hidden()  # Streamlit's "Upload"
    assert _pseudo(words, "::after") == t("st.upload", lang)
    limits = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    span = limits.locator("span")  # Streamlit's "20MB per file • XLSX, …" in a size of 0
    assert span.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    assert _pseudo(span, "::after") == t("st.upload_limit", lang, mb=upload_limit_mb(), types=TYPES)


@pytest.mark.browser
@needs_browser
@pytest.mark.parametrize("attempt", range(2))
def test_upload_page_and_sidebar_speak_the_chosen_language(browser: Any, served: str, attempt: int) -> None:
    page = _signed_in(browser, served, "upload", "stFileUploaderDropzone")
    _uploader_says(page, "vi")
    field = page.get_by_test_id("stSidebar").get_by_test_id("stTextInput")
    field.locator("input").click()
    field.locator("input").press("End")
    page.keyboard.type("9")  # not applied yet: Streamlit says how to apply it
    hint = field.get_by_test_id("InputInstructions")
    hint.locator("span").first.wait_for(state="attached")
    assert hint.locator("span").first.is_hidden()  # "Press Enter to apply"
    assert _pseudo(hint, "::before") == t("st.enter_apply", "vi")
    page.keyboard.press("Escape")
    units = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text(t("filter.units", "vi"), exact=True))
    units.locator("input").first.click()
    units.locator("input").first.fill("zzzz")
    empty = page.locator('[role="listbox"][data-empty="true"] [role="option"] > span').first
    empty.wait_for(state="attached")
    assert _pseudo(empty, "::after") == t("st.no_results", "vi")
    assert empty.evaluate("e => getComputedStyle(e).visibility") == "hidden"  # "No results"
    page.keyboard.press("Escape")
    page.get_by_test_id("stSidebar").get_by_test_id("stRadio").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=t("page.upload", "en")).first.wait_for()
    settled(page)
    _uploader_says(page, "en")  # the next run's style sheet replaced the last one's
    page.close()


@pytest.mark.browser
@needs_browser
def test_a_forms_text_area_says_how_to_submit(browser: Any, served: str) -> None:
    page = _signed_in(browser, served, "review?period=2024-Y", "stTextArea")
    area = page.get_by_test_id("stForm").get_by_test_id("stTextArea").first
    area.locator("textarea").click()
    page.keyboard.type("Thiếu số nữ")
    hint = area.get_by_test_id("InputInstructions")
    hint.locator("span").first.wait_for(state="attached")
    assert hint.locator("span").first.is_hidden()  # "Press Ctrl+Enter to submit form"
    assert _pseudo(hint, "::before") == t("st.ctrl_enter_submit", "vi")
    assert hint.locator("span").nth(1).inner_text().endswith("/1000")  # the count of characters stays
    page.close()
