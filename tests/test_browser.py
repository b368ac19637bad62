"""Every page of the running app in headless Chromium: Vietnamese texts, charts drawn, language and filter switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from i18n import t
from testkit.served import browser_available, copy_db, serve, settled

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]

# (url path, title key, key texts on the page, charts expected at least; 0: a table instead; -1: neither)
PAGES = [
    ("", "page.overview", ["Tổng quan", "CHẾ ĐỘ TRÌNH DIỄN"], 1),
    ("target", "page.target", ["Chi tiết chỉ tiêu"], 1),
    ("participation", "page.participation", ["Hoạt động và tham gia"], 1),
    ("reporting", "page.reporting", ["Tình hình báo cáo", "Cảnh báo nhất quán giữa các kỳ báo cáo"], 1),
    ("data", "page.data", ["Dữ liệu"], 0),
    ("report", "page.report", ["Báo cáo tổng hợp"], 0),
    ("home", "page.home", ["Kế hoạch và kho dữ liệu", "Lịch báo cáo", "Đơn vị báo cáo"], 0),
]


def _shots(tmp_path: Path) -> Path:
    """Screenshots go to the test's temp dir, or to $GEPM_SCREENSHOTS to look at them."""
    folder = Path(os.environ.get("GEPM_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("browser")
    with serve(copy_db(demo_db, tmp / "w.duckdb"), tmp / "streamlit.log") as url:
        yield url


def _open(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)  # two test workers and a Streamlit server share two cores
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=30_000)
    return page


@pytest.mark.parametrize(("path", "title_key", "texts", "charts"), PAGES)
def test_page_renders_in_chromium(browser, app_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                  path: str, title_key: str, texts: list[str], charts: int) -> None:
    page = _open(browser, f"{app_url}/{path}")
    page.get_by_role("heading", name=t(title_key, "vi")).first.wait_for(timeout=30_000)
    for text in texts:
        page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    if charts > 0:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert page.locator(".js-plotly-plot").count() >= charts
    elif charts == 0:  # pages of tables: wait until the first table is drawn, not just its placeholder
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(_shots(tmp_path) / f"{path or 'overview'}.png"), full_page=True)
    page.close()


def test_filter_then_language_switch(browser, app_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A period chosen in Vietnamese stays chosen, and is named in English, after switching language.
    (The other order, a choice made just after switching, is in test_filters_url.py.)"""
    page = _open(browser, f"{app_url}/home")
    page.get_by_role("heading", name=t("page.home", "vi")).wait_for()
    settled(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(1).click()
    page.get_by_role("option", name="Quý I", exact=True).click()
    page.get_by_test_id("stCaptionContainer").filter(has_text="Quý I").first.wait_for(timeout=60_000)
    settled(page)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    page.get_by_role("heading", name=t("page.home", "en")).wait_for(timeout=60_000)
    page.get_by_test_id("stCaptionContainer").filter(has_text="Q1").first.wait_for(timeout=60_000)
    page.screenshot(path=str(_shots(tmp_path) / "english-q1.png"), full_page=True)
    page.close()


def test_sign_in_then_upload_and_review_pages(browser, demo_db: Path,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    """With accounts configured: only the sign-in page, then a data manager's own pages."""
    from conftest import add_user

    users = tmp_path / "users.yaml"
    add_user(users, "mai", "Võ Thị Mai", "data_manager", "mat-khau-dai-12")
    with serve(copy_db(demo_db, tmp_path / "w.duckdb"), tmp_path / "streamlit.log",
               {"GEPM_USERS": str(users), "GEPM_SESSION_KEY": str(tmp_path / "session.key")}) as url:
        page = _open(browser, url)
        page.get_by_role("heading", name="Đăng nhập").first.wait_for(timeout=30_000)
        assert page.get_by_text("CHẾ ĐỘ TRÌNH DIỄN").count() == 0
        page.locator('input[name="username"]').fill("mai")
        page.locator('input[name="password"]').fill("mat-khau-dai-12")
        page.locator('form[action="/account/signin"] button[type="submit"]').click()
        page.get_by_role("heading", name=t("page.overview", "vi")).first.wait_for(timeout=30_000)
        shots = _shots(tmp_path)
        for key, texts in (("page.upload", ["Tải biểu mẫu", "Kiểm tra và nạp", "tối đa 20 MB"]),
                           ("page.review", ["Các phiên bản đã nhận", "Nhật ký thao tác", "Xét duyệt"])):
            page.get_by_test_id("stSidebarNav").get_by_text(t(key, "vi")).click()
            page.get_by_role("heading", name=t(key, "vi")).first.wait_for(timeout=30_000)
            for text in texts:
                page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
            assert page.get_by_test_id("stException").count() == 0
            page.screenshot(path=str(shots / f"signed-in-{key.split('.')[-1]}.png"), full_page=True)
        page.close()
