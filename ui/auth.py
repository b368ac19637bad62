"""Sign-in and the person using the app: password accounts, OIDC (st.login) when configured, demo mode.

Demo mode (no users file and no OIDC settings) lets anyone read the demo data and write nothing,
under a banner that says so. Otherwise nothing is shown before sign-in.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

import streamlit as st

from access.roles import DEMO_VISITOR, Identity
from access.users import UsersError, UsersFile, check_password, oidc_identity, read_users
from plan.settings import settings
from ui.i18n import lang, tr
from ui.layout import plain

AUTH_KEY = "auth_identity"
FAILS_KEY = "auth_failures"
MAX_FAILS, LOCK_S = 5, 60.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _users(path: str, mtime: float) -> UsersFile:
    from pathlib import Path

    return read_users(Path(path))


def users() -> UsersFile:
    path = settings().users_path
    return _users(str(path), path.stat().st_mtime if path.exists() else 0.0)


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def demo_mode() -> bool:
    return not settings().users_path.exists() and not oidc_configured()


def current_identity() -> Identity | None:
    """Who is using this session: signed in, the anonymous demo visitor, or nobody (must sign in)."""
    if AUTH_KEY in st.session_state:
        return Identity(**st.session_state[AUTH_KEY])
    if oidc_configured() and st.user.is_logged_in:
        info: Any = st.user
        return oidc_identity(users(), info.get("email"), info.get("name"))
    return DEMO_VISITOR if demo_mode() else None


def _locked() -> bool:
    fails, since = st.session_state.get(FAILS_KEY, (0, 0.0))
    return bool(fails >= MAX_FAILS and time.monotonic() - since < LOCK_S)


def _failed() -> None:
    fails, _ = st.session_state.get(FAILS_KEY, (0, 0.0))
    st.session_state[FAILS_KEY] = (fails + 1, time.monotonic())


def sign_in_form() -> None:
    """Username and password; a generic message on failure; a pause after repeated failures."""
    with st.form("sign_in"):
        username = st.text_input(tr("auth.username"), key="auth_username")
        password = st.text_input(tr("auth.password"), type="password", key="auth_password")
        submitted = st.form_submit_button(tr("auth.sign_in"), type="primary")
    if not submitted:
        return
    if _locked():
        st.error(tr("auth.locked", seconds=int(LOCK_S)))
        return
    try:
        identity = check_password(users(), username, password)
    except UsersError as exc:
        st.error(exc.message(lang()))
        return
    if identity is None:
        _failed()
        st.error(tr("auth.failed"))
        return
    st.session_state.pop(FAILS_KEY, None)
    st.session_state[AUTH_KEY] = asdict(identity)
    st.rerun()


def sign_out() -> None:
    st.session_state.pop(AUTH_KEY, None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def account_box(identity: Identity | None) -> None:
    """In the sidebar: who is signed in and a sign-out button, or the demo-mode note."""
    if identity is None:
        return
    if identity.is_anonymous:
        st.sidebar.caption(tr("auth.demo_sidebar"))
        return
    unit = f" · {identity.unit}" if identity.unit else ""
    st.sidebar.caption(tr("auth.signed_in", name=plain(identity.name), role=tr(f"role.{identity.role}")) + unit)
    st.sidebar.button(tr("auth.sign_out"), on_click=sign_out, key="auth_sign_out")


def demo_banner() -> None:
    st.warning(tr("auth.demo_banner"), icon=":material/science:")
