"""Sign-in and sign-out over HTTP: the routes that set and clear the signed session cookie.

A script run cannot set an HttpOnly cookie, so the password is posted to POST /account/signin (from the
sign-in page's form, or the route's own page after a failure); it answers with the cookie and a
redirect back. Every script run then reads the cookie from its connection (see ui/auth.py). The lockout
and the refused (signed-out) tokens outlive a restart: both are read from their files on first use.
"""

from __future__ import annotations

import html
import threading
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from access import signin_audit, tokens
from access.lockout import Lockout
from access.revocations import Revocations
from access.roles import Identity
from access.tokens import account_version
from access.users import UsersError, account_identity, check_password, current_users
from i18n import t
from plan.settings import settings

COOKIE = "gepm_session"
SIGNIN_PATH, SIGNOUT_PATH = "/account/signin", "/account/signout"  # /auth/ is for OIDC
_LOADING = threading.Lock()  # two first requests at once must not each load their own copy


@cache
def _secret() -> bytes:
    return tokens.load_or_create_secret(settings().session_key_path)


@cache
def _lockout(trail: Path) -> Lockout:
    return Lockout.from_trail(trail, time.time())


def lockout() -> Lockout:
    """Failed sign-ins shared by every session, as the audit trail left them when the server started."""
    with _LOADING:
        return _lockout(settings().auth_audit_path)


@cache
def _revoked(path: Path) -> Revocations:
    return Revocations.load(path, time.time())


def revoked() -> Revocations:
    """Signed-out tokens, refused until they expire, as their file left them when the server started."""
    with _LOADING:
        return _revoked(settings().revoked_path)


def max_age_s() -> int:
    return settings().session_hours * 3600


def identity_for(token: str | None) -> tuple[Identity, str] | None:
    """The account a cookie names and the token's nonce, while the account is unchanged; else None."""
    claims = tokens.verify(_secret(), token, time.time(), max_age_s())
    if claims is None or claims.nonce in revoked():
        return None
    try:
        identity = account_identity(current_users(settings().users_path), claims.username, claims.version)
    except UsersError:
        return None
    return (identity, claims.nonce) if identity else None


def revoke(token: str | None) -> None:
    claims = tokens.verify(_secret(), token, time.time(), max_age_s())
    if claims is not None:
        revoked().revoke(claims.nonce, claims.issued_at + max_age_s(), time.time())


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
    locked = lockout().failed(signin_audit.shown_name(name), address, now)
    signin_audit.record(settings().auth_audit_path, signin_audit.FAILED, name, address, locked=locked)
    return _page(next_path, _both("auth.failed"), 401)


def check_sign_in(username: str, password: str, next_path: str, address: str, secure: bool) -> Response:
    """Lockout first, then the password; on success the cookie and a redirect to where the person was going.
    The lockout counts accounts by the name the audit trail writes down, so a restart rebuilds the same counts."""
    name, now = username.strip().lower()[:200], time.time()
    wait = lockout().wait_s(signin_audit.shown_name(name), address, now)
    if wait > 0:
        signin_audit.record(settings().auth_audit_path, signin_audit.LOCKED, name, address)
        return _page(next_path, _both("auth.locked", seconds=int(wait) + 1), 429)
    try:
        users = current_users(settings().users_path)
    except UsersError as exc:
        signin_audit.LOG.error("users file unusable: %s", exc)
        return _page(next_path, _both("auth.not_configured"), 503)
    identity = check_password(users, name, password[:1000], settings().bcrypt_cost)
    if identity is None:
        return _refused(next_path, name, address, now)
    lockout().succeeded(identity.username)
    token = tokens.issue(_secret(), identity.username, account_version(users.users[identity.username]), now)
    signin_audit.record(settings().auth_audit_path, signin_audit.SIGNED_IN, identity.username, address)
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
