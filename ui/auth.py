"""The person using the app, re-derived on every script run: the signed session cookie, OIDC, or demo mode.

Nothing about who someone is lives in the session: a run reads the cookie its own connection sent,
checks its signature and age, and looks the account up in the users file as it is now (a removed or
changed account loses access at once). A client holding only a session id is not given the session
(ui/binding.py); were it given one, it has no cookie, so it is nobody, and the state that session held is
cleared before anything is drawn. Demo mode only when
asked for (GEPM_DEMO=1); a missing or broken users file otherwise shows a plain "not configured" page.
"""

from __future__ import annotations

import logging
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit import runtime
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access.roles import DEMO_VISITOR, Identity
from access.users import UsersError, UsersFile, current_users, oidc_identity
from i18n import t
from plan.settings import settings
from ui.binding import bind
from ui.i18n import tr
from ui.layout import plain
from ui.session import COOKIE, SIGNOUT_PATH, form_html, identity_for, local_path

LOG = logging.getLogger("gepm.auth")
AUTH_KEY = "auth_identity"  # AppTest only (see _seeded)
SEAT_KEY = "auth_seat"  # who this session's state belongs to
Deployment = Literal["accounts", "demo", "unconfigured"]
_logged: set[str] = set()


def users() -> UsersFile:
    return current_users(settings().users_path)


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _log_once(message: str) -> None:
    if message not in _logged:
        _logged.add(message)
        LOG.error("%s", message)


def deployment() -> Deployment:
    """Accounts (a valid users file, or OIDC), demo mode (asked for, no users file), or not configured."""
    path = settings().users_path
    try:
        users()
    except UsersError as exc:
        _log_once(f"not configured: {exc}")
        return "unconfigured"
    if path.exists() or oidc_configured():
        return "accounts"
    if settings().demo:
        return "demo"
    _log_once(f"not configured: no users file at {path}, no OIDC settings and GEPM_DEMO is not 1")
    return "unconfigured"


def demo_mode() -> bool:
    return deployment() == "demo"


def _not_configured() -> None:
    """What a visitor sees of a deployment without usable accounts: no path, no names, nothing else."""
    st.title(f"{t('auth.not_configured_title', 'vi')} / {t('auth.not_configured_title', 'en')}")
    st.write(t("auth.not_configured", "vi"))
    st.write(t("auth.not_configured", "en"))
    st.stop()


def _served() -> bool:
    """A real server runs this script (AppTest puts a stand-in, not a Runtime, in its place)."""
    return runtime.exists() and type(runtime.get_instance()) is Runtime


def _seeded() -> Identity | None:
    """AppTest only: it has no server, connection or cookie, so tests seat a person in session state.
    In a served app session state never names anyone."""
    if _served() or AUTH_KEY not in st.session_state:
        return None
    return Identity(**st.session_state[AUTH_KEY])


def _oidc() -> tuple[Identity | None, str]:
    info: Any = st.user
    found = oidc_identity(users(), info.get("email"), info.get("name"))
    if found is None:
        LOG.warning("OIDC sign-in refused: %s has no role (or a unit reporter has no unit)", info.get("email"))
    return found, f"oidc:{found.username}" if found else "nobody"


def _who(mode: Deployment) -> tuple[Identity | None, str]:
    """The identity and the seat it holds: who this run's state may belong to."""
    seeded = _seeded()
    if seeded is not None:
        return seeded, f"test:{seeded.username}"
    found = identity_for(st.context.cookies.get(COOKIE))
    if found is not None:
        return found[0], f"cookie:{found[0].username}:{found[1]}"
    if oidc_configured() and st.user.is_logged_in:
        return _oidc()
    return (DEMO_VISITOR, "demo") if mode == "demo" else (None, "nobody")


def _forget_others(seat: str) -> None:
    """Someone else (or nobody) now in this session: nothing of the previous person stays."""
    held = st.session_state.get(SEAT_KEY)
    if held is not None and held != seat:
        arrived = st.session_state.get(AUTH_KEY) if seat.startswith("test:") else None
        st.session_state.clear()
        if arrived is not None:  # AppTest seats the newcomer in session state: it is who arrived, not a leftover
            st.session_state[AUTH_KEY] = arrived
    st.session_state[SEAT_KEY] = seat


def _bind_session() -> None:
    """Only the cookie this run came with may reconnect to this session from now on (see ui/binding.py)."""
    ctx = get_script_run_ctx()
    if _served() and ctx is not None:
        bind(ctx.session_id, st.context.cookies.get(COOKIE))


def current_identity() -> Identity | None:
    """Who is using the app on this run, or None (must sign in). Stops on the "not configured" page."""
    mode = deployment()
    if mode == "unconfigured":
        _not_configured()
    identity, seat = _who(mode)
    _forget_others(seat)
    _bind_session()
    return identity


def here(page: str | None = None) -> str:
    """This page's address on this site, with its query (the filters), to come back to after signing in.
    st.context.url leaves out both the page's own path and the query, so they are put back."""
    url = st.context.url
    base = (urlsplit(url).path if url else "/").rstrip("/")
    base = base.removesuffix(f"/{page}") if page else base  # kept when the page ran without the navigation
    query = urlencode(st.query_params.to_dict())
    return local_path(f"{base}/{page or ''}" + (f"?{query}" if query else ""))


def sign_in_form(page: str | None = None) -> None:
    """The username and password form; it posts to the sign-in route, which sets the cookie and comes back
    to the page asked for, with its filters."""
    st.html(form_html(here(page)))


def sign_out() -> None:
    """OIDC sign-out (password sessions sign out through the sign-out route, a link)."""
    st.session_state.clear()
    st.logout()


def account_box(identity: Identity | None) -> None:
    """In the sidebar: who is signed in and a sign-out link, or the demo-mode note."""
    if identity is None:
        return
    if identity.is_anonymous:
        st.sidebar.caption(tr("auth.demo_sidebar"))
        return
    unit = f" · {identity.unit}" if identity.unit else ""
    st.sidebar.caption(tr("auth.signed_in", name=plain(identity.name), role=tr(f"role.{identity.role}")) + unit)
    if oidc_configured() and st.user.is_logged_in:
        st.sidebar.button(tr("auth.sign_out"), on_click=sign_out, key="auth_sign_out")
    else:
        st.sidebar.html(f'<a href="{SIGNOUT_PATH}" target="_self" data-testid="gepm-sign-out">'
                        f'{tr("auth.sign_out")}</a>')


def demo_banner() -> None:
    st.warning(tr("auth.demo_banner"), icon=":material/science:")
