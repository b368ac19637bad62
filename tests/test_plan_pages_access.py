"""Who may open the Tasks, Budget and Cases pages: the dashboard roles; a unit reporter neither sees them in
the menu nor opens them by a deep link (the page script run alone, as a fresh server runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_page, signed_in
from streamlit.testing.v1 import AppTest

from i18n import t
from plan.settings import ROOT

PLAN_PAGES = ("tasks", "budget", "cases")


def alone(page: str, **state: object) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


@pytest.mark.parametrize("page", PLAN_PAGES)
def test_unit_reporter_is_refused_by_a_deep_link(app_env: Path, page: str) -> None:
    at = alone(page, **signed_in("unit_reporter", "P01"))
    assert [e.value for e in at.error] == [t("auth.page_refused")]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")


@pytest.mark.parametrize("page", PLAN_PAGES)
def test_unit_reporter_has_no_menu_entry(app_env: Path, page: str) -> None:
    at = run_page(page, **signed_in("unit_reporter", "P01"))  # routable (never "Page not found"), but refused
    assert [e.value for e in at.error] == [t("auth.page_refused", "vi")] and not at.dataframe


@pytest.mark.parametrize("role", ["viewer", "analyst", "data_manager"])
def test_dashboard_roles_open_every_plan_page(app_env: Path, role: str) -> None:
    for page in PLAN_PAGES:
        at = run_page(page, **signed_in(role))
        assert at.title[0].value == t(f"page.{page}") and not at.exception and not at.error
