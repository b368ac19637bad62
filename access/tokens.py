"""Signed, expiring session tokens (the sign-in cookie's value), and the secret that signs them.

A token names an account, when it was issued, a random nonce and the account's version (a hash of its
record): a changed password, role, unit or name makes every earlier token worthless. Signed with HMAC-SHA256
from the standard library: the format is ours, small, and needs no extra package.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

MIN_SECRET = 32


@dataclass(frozen=True)
class Claims:
    username: str
    version: str
    issued_at: float
    nonce: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def account_version(account: BaseModel) -> str:
    """A short hash of everything that makes the account what it is."""
    return hashlib.sha256(account.model_dump_json().encode("utf-8")).hexdigest()[:24]


def _mac(secret: bytes, body: str) -> str:
    return _b64(hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest())


def issue(secret: bytes, username: str, version: str, now: float) -> str:
    payload = {"u": username, "v": version, "t": int(now), "n": secrets.token_urlsafe(12)}
    body = _b64(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    return f"{body}.{_mac(secret, body)}"


def verify(secret: bytes, token: str | None, now: float, max_age_s: float) -> Claims | None:
    """The claims of a token this server signed and that has not expired; None for anything else."""
    if not token or token.count(".") != 1 or len(token) > 1000:
        return None
    body, mac = token.split(".")
    if not hmac.compare_digest(mac, _mac(secret, body)):
        return None
    try:
        data = json.loads(_unb64(body))
        claims = Claims(str(data["u"]), str(data["v"]), float(data["t"]), str(data["n"]))
    except (ValueError, KeyError, TypeError):
        return None
    return claims if 0 <= now - claims.issued_at <= max_age_s else None


def load_or_create_secret(path: Path) -> bytes:
    """The signing secret, made on first start in a file only its owner may read (never in git)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            return load_or_create_secret(path)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32))
    secret = path.read_text("ascii").strip().encode("ascii")
    if len(secret) < MIN_SECRET:
        raise ValueError(f"session key {path} is shorter than {MIN_SECRET} characters")
    return secret
