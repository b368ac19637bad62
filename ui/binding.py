"""A Streamlit session belongs to the sign-in cookie its runs were given; only that cookie may reconnect to it.

Streamlit's frontend reconnects to its server session by naming the session id in the websocket handshake
(the third entry of Sec-WebSocket-Protocol), and the server hands that session to whichever connection names
it: the one it had is ended, and Streamlit checks nothing but its own st.login identity. Every run records
which token (its nonce, "" for none) the session's connection carried; this middleware removes the session
id from any handshake whose cookie is not that token, so the connection gets a new session of its own and
the person who holds the session keeps it. (A run also re-reads identity from its own connection and clears
a session whose holder changed, see ui/auth.py: the second lock.)
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from starlette.middleware import Middleware
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from ui.session import COOKIE, identity_for

LOG = logging.getLogger("gepm.auth")
PROTOCOL = b"sec-websocket-protocol"
MAX_SESSIONS = 10_000  # the oldest bindings are forgotten first; a forgotten session is simply never resumed
_OWNERS: OrderedDict[str, str] = OrderedDict()  # Streamlit session id -> nonce of its token ("" = no cookie)
_LOCK = threading.Lock()


def owner(token: str | None) -> str:
    """Whom a cookie makes its holder: the nonce of a valid token, "" for none (or an invalid one)."""
    found = identity_for(token)
    return found[1] if found else ""


def bind(session_id: str, token: str | None) -> None:
    """Record the cookie this session's latest run came with (called on every served run)."""
    with _LOCK:
        _OWNERS[session_id] = owner(token)
        _OWNERS.move_to_end(session_id)
        while len(_OWNERS) > MAX_SESSIONS:
            _OWNERS.popitem(last=False)


def may_resume(session_id: str, token: str | None) -> bool:
    """A handshake may name this session only with the cookie it belongs to; never one not yet bound."""
    with _LOCK:
        held = _OWNERS.get(session_id)
    return held is not None and held == owner(token)


def without_foreign_session(scope: Scope) -> Scope:
    """The websocket handshake as Streamlit may see it: a session id not this cookie's is left out."""
    connection = HTTPConnection(scope)
    entries = [e.strip() for e in connection.headers.get("sec-websocket-protocol", "").split(",")]
    if len(entries) < 3 or not entries[2] or may_resume(entries[2], connection.cookies.get(COOKIE)):
        return scope
    LOG.warning("refused to resume session %s for another connection (%s)", entries[2],
                connection.client.host if connection.client else "unknown")
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != PROTOCOL]
    return {**scope, "headers": [*headers, (PROTOCOL, ", ".join(entries[:2]).encode("latin-1"))]}


class SessionBinding:
    """ASGI middleware (st.App(middleware=…) wraps Streamlit's own websocket route too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(without_foreign_session(scope) if scope["type"] == "websocket" else scope, receive, send)


MIDDLEWARE = [Middleware(SessionBinding)]
