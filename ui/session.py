"""Sign-in and sign-out over HTTP: the routes that set and clear the signed session cookie.

A script run cannot set an HttpOnly cookie, so the password is posted to POST /account/signin (from the
sign-in page's form, or the route's own page after a failure); it answers with the cookie and a
redirect back. Every script run then reads the cookie from its connection (see ui/auth.py).
"""

from __future__ import annotations

import html
import threading
import time
from functools import cache
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from access import signin_audit, tokens
from access.lockout import Lockout
from access.roles import Identity
from access.tokens import account_version
from access.users import UsersError, account_identity, check_password, current_users
from i18n import t
from plan.settings import settings

COOKIE = "gepm_session"
SIGNIN_PATH, SIGNOUT_PATH = "/account/signin", "/account/signout"  # /auth/ is for OIDC
LOCKOUT = Lockout()
_REVOKED: dict[str, float] = {}  # nonce -> when it would have expired; signed-out tokens stay refused
_REVOKED_LOCK = threading.Lock()


@cache
def _secret() -> bytes:
    return tokens.load_or_create_secret(settings().session_key_path)


def max_age_s() -> int:
    return settings().session_hours * 3600


def identity_for(token: str | None) -> tuple[Identity, str] | None:
    """The account a cookie names and the token's nonce, while the account is unchanged; else None."""
    claims = tokens.verify(_secret(), token, time.time(), max_age_s())
    if claims is None or claims.nonce in _REVOKED:
        return None
    try:
        identity = account_identity(current_users(settings().users_path), claims.username, claims.version)
    except UsersError:
        return None
    return (identity, claims.nonce) if identity else None


def revoke(token: str | None) -> None:
    claims = tokens.verify(_secret(), token, time.time(), max_age_s())
    if claims is None:
        return
    with _REVOKED_LOCK:
        now = time.time()
        for nonce in [n for n, until in _REVOKED.items() if until < now]:
            del _REVOKED[nonce]
        _REVOKED[claims.nonce] = claims.issued_at + max_age_s()


def _both(key: str, **params: object) -> str:
    return f"{t(key, 'vi', **params)} / {t(key, 'en', **params)}"


def local_path(target: str | None) -> str:
    """Where to go after signing in: a path on this site only, never another host."""
    parts = urlsplit(target or "/")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//") \
            or "\\" in (target or ""):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def form_html(next_path: str, message: str = "") -> str:
    """The sign-in form (also drawn inside the app's sign-in page), posting to the sign-in route."""
    esc = html.escape
    note = f'<p role="alert" style="color:#b00020">{esc(message)}</p>' if message else ""
    return (f'{note}<form method="post" action="{SIGNIN_PATH}" style="max-width:22rem">'
            f'<input type="hidden" name="next" value="{esc(next_path)}">'
            f'<label>{esc(t("auth.username", "vi"))} / {esc(t("auth.username", "en"))}<br>'
            '<input name="username" autocomplete="username" required style="width:100%"></label><br><br>'
            f'<label>{esc(t("auth.password", "vi"))} / {esc(t("auth.password", "en"))}<br>'
            '<input name="password" type="password" autocomplete="current-password" required '
            'style="width:100%"></label><br><br>'
            f'<button type="submit">{esc(_both("auth.sign_in"))}</button></form>')


def _page(next_path: str, message: str, status: int) -> HTMLResponse:
    body = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(_both("auth.title"))}'
            '</title></head><body style="font-family:sans-serif;margin:3rem">'
            f'<h1>{html.escape(_both("auth.title"))}</h1>{form_html(next_path, message)}</body></html>')
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _same_origin(request: Request) -> bool:
    """A form post from this site: its Origin (sent by browsers with every POST) names this host."""
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or settings().cookie_secure


def _refused(next_path: str, name: str, address: str, now: float) -> HTMLResponse:
    locked = LOCKOUT.failed(name, address, now)
    signin_audit.record(settings().auth_audit_path, "sign_in_failed", name, address, locked=locked)
    return _page(next_path, _both("auth.failed"), 401)


def check_sign_in(username: str, password: str, next_path: str, address: str, secure: bool) -> Response:
    """Lockout first, then the password; on success the cookie and a redirect to where the person was going."""
    name, now = username.strip().lower()[:200], time.time()
    wait = LOCKOUT.wait_s(name, address, now)
    if wait > 0:
        signin_audit.record(settings().auth_audit_path, "sign_in_locked", name, address)
        return _page(next_path, _both("auth.locked", seconds=int(wait) + 1), 429)
    try:
        users = current_users(settings().users_path)
    except UsersError as exc:
        signin_audit.LOG.error("users file unusable: %s", exc)
        return _page(next_path, _both("auth.not_configured"), 503)
    identity = check_password(users, name, password[:1000])
    if identity is None:
        return _refused(next_path, name, address, now)
    LOCKOUT.succeeded(name)
    token = tokens.issue(_secret(), identity.username, account_version(users.users[identity.username]), now)
    signin_audit.LOG.info("signed in username=%s address=%s", identity.username, address)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(COOKIE, token, max_age=max_age_s(), path="/", secure=secure, httponly=True, samesite="strict")
    return response


async def sign_in(request: Request) -> Response:
    if request.method == "GET":
        return _page(local_path(request.query_params.get("next")), "", 200)
    if not _same_origin(request):
        return Response(status_code=403)
    form = await request.form()
    fields = [str(form.get(k) or "") for k in ("username", "password", "next")]
    return await run_in_threadpool(check_sign_in, fields[0], fields[1], local_path(fields[2]),
                                   _address(request), _secure(request))  # bcrypt takes a quarter second


async def sign_out(request: Request) -> Response:
    """Refuse this cookie from now on (a copy of it too) and clear it; the app clears the session's state."""
    revoke(request.cookies.get(COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", secure=_secure(request), httponly=True, samesite="strict")
    return response


ROUTES = [Route(SIGNIN_PATH, sign_in, methods=["GET", "POST"]), Route(SIGNOUT_PATH, sign_out, methods=["GET"])]
