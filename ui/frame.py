"""The frame every page draws itself: page config, sign-in gate, role check, demo banner, account box, filters.

Streamlit runs a page script alone, without app.py, when a deep link is the first request a freshly
started server sees (a pages/ folder next to app.py selects its legacy page strategy until some session
runs st.navigation). So each page calls page() first, and is the same page whether app.py ran it or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access.roles import Identity
from ui.auth import account_box, current_identity, demo_banner, demo_mode, oidc_configured, sign_in_form
from ui.filter_state import seed_from_url
from ui.filters import Filters, draw_filters
from ui.i18n import lang, tr
from ui.layout import page_header
from ui.navigation import PAGES, navigation
from ui.theme import builtin_texts_css

_UNDER_NAVIGATION: ContextVar[bool] = ContextVar("under_navigation", default=False)
_NEED = {name: need for name, _, _, need in PAGES}
_TITLE = {name: key for name, key, _, _ in PAGES}


@contextmanager
def navigated() -> Iterator[None]:
    """app.py runs the chosen page inside this: the navigation is built, the page need not build it again."""
    token = _UNDER_NAVIGATION.set(True)
    try:
        yield
    finally:
        _UNDER_NAVIGATION.reset(token)


def page(name: str) -> Filters:
    """The frame of the page pages/<name>.py; stops the run with the sign-in form or a refusal when needed."""
    _configure()
    identity = current_identity()
    seed_from_url()  # before any text is drawn: a bookmarked language names the menu and the title too
    _builtin_texts()
    if identity is None:
        _sign_in(name)
        st.stop()
    assert identity is not None  # st.stop() does not return
    if not _may_open(identity, name):  # a deep link past the navigation: say no, show nothing else
        _menu_when_alone(identity)
        _banner_and_account(identity)
        st.title(tr(_TITLE[name]))
        st.error(tr("auth.page_refused"))
        st.stop()
    _menu_when_alone(identity)
    with _app_level():
        draw_filters(identity.units)
    _banner_and_account(identity)
    return page_header(_TITLE[name])


def _menu_when_alone(identity: Identity) -> None:
    """Run alone (a deep link first after a start), give this role its menu, not Streamlit's list of file
    names; app.py runs from the next rerun on."""
    if not _UNDER_NAVIGATION.get():
        with _app_level():
            navigation(identity)


def signin() -> None:
    """The sign-in page; once signed in (a deep link ran it alone), on to the person's first page."""
    _configure()
    _builtin_texts()
    identity = current_identity()
    if identity is not None:
        first = next(name for name, _, _, _ in PAGES if _may_open(identity, name))
        st.switch_page(f"pages/{first}.py", query_params=st.query_params.to_dict())
    _sign_in()


def _configure() -> None:
    st.set_page_config(page_title="Theo dõi Kế hoạch Bình đẳng giới", page_icon="⚖️", layout="wide")


def _builtin_texts() -> None:
    """Streamlit's own English widget texts (upload button, 'Press Enter…', 'No results') in the chosen
    language: a style sheet only, drawn before anything else so each run replaces the last one's."""
    st.html(f"<style>{builtin_texts_css(lang())}</style>")


def _may_open(identity: Identity, name: str) -> bool:
    need = _NEED[name]
    return need is None or identity.can(need)


@contextmanager
def _app_level() -> Iterator[None]:
    """Widgets drawn as if by app.py itself, so their identity is the same on every page and either way in."""
    ctx = get_script_run_ctx()
    if ctx is None:
        yield
        return
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        yield


def _banner_and_account(identity: Identity) -> None:
    with _app_level():
        account_box(identity)
    if demo_mode():
        demo_banner()


def _sign_in(name: str | None = None) -> None:
    st.title(tr("auth.title"))
    if oidc_configured():
        if st.user.is_logged_in:
            st.error(tr("auth.no_role"))
        st.button(tr("auth.oidc"), on_click=st.login, type="primary", key="auth_oidc")
        st.caption(tr("auth.or_password"))
    with _app_level():
        sign_in_form(name)
    st.caption(tr("auth.help"))
