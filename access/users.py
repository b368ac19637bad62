"""The users file (outside git): accounts with bcrypt password hashes, roles, and OIDC e-mail roles."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import bcrypt
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from access.roles import Identity, Role
from access.tokens import account_version
from i18n.errors import GepmError

USERNAME = re.compile(r"^[a-z0-9._-]{2,64}$")
COST = 12  # bcrypt work factor of new hashes (2^cost rounds); the product passes settings().bcrypt_cost


@cache
def _dummy(cost: int) -> bytes:
    """Checked against when the username is unknown, so a wrong name costs as long as a wrong password."""
    return bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=cost))


class UsersError(GepmError):
    """The users file cannot be used; the message names the file and the problem (vi / en)."""


class Account(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    role: Role
    unit: str | None = None
    password_hash: str = Field(pattern=r"^\$2[aby]\$\d\d\$.{53}$")

    @model_validator(mode="after")
    def _unit_for_reporters(self) -> Account:
        if (self.role == "unit_reporter") != (self.unit is not None):
            raise ValueError("unit is required for role unit_reporter and only for it")
        return self


class OidcAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    role: Role
    unit: str | None = None


class UsersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    users: dict[str, Account] = Field(default_factory=dict)
    oidc: dict[str, OidcAccount] = Field(default_factory=dict)  # e-mail (lower case) -> role


def read_users(path: Path) -> UsersFile:
    if not path.exists():
        return UsersFile()
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        return UsersFile.model_validate(data)
    except (yaml.YAMLError, ValidationError, OSError) as exc:
        raise UsersError("users.err.file", path=path, detail=exc) from exc


@cache
def _read_at(path: Path, mtime_ns: int, size: int) -> UsersFile:
    return read_users(path)


def current_users(path: Path) -> UsersFile:
    """The users file as it is now: read again whenever it changes on disk."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return UsersFile()
    return _read_at(path, st.st_mtime_ns, st.st_size)


def account_identity(users: UsersFile, username: str, version: str) -> Identity | None:
    """The identity a session token names, while that account exists and is unchanged since sign-in."""
    account = users.users.get(username)
    if account is None or account_version(account) != version:
        return None
    return Identity(username, account.name, account.role, account.unit)


def write_users(path: Path, users: UsersFile) -> None:
    """Write the file readable by its owner only (it holds password hashes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(users.model_dump(exclude_none=True), allow_unicode=True, sort_keys=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def hash_password(password: str, cost: int = COST) -> str:
    """A hash at this cost; each hash records its own, so a change of cost leaves older hashes valid."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=cost)).decode("ascii")


def check_password(users: UsersFile, username: str, password: str, cost: int = COST) -> Identity | None:
    """The identity when the password matches; None otherwise (same work either way: an unknown name is
    checked against a hash of the cost new hashes get)."""
    account = users.users.get(username.strip().lower())
    hashed = account.password_hash.encode("ascii") if account else _dummy(cost)
    ok = bcrypt.checkpw(password.encode("utf-8")[:72], hashed)
    if not (ok and account):
        return None
    return Identity(username.strip().lower(), account.name, account.role, account.unit)


def oidc_identity(users: UsersFile, email: str | None, name: str | None) -> Identity | None:
    """The role given to a signed-in e-mail address; None when it has none (no access)."""
    entry = users.oidc.get((email or "").strip().lower())
    if entry is None or not email or (entry.role == "unit_reporter" and not entry.unit):
        return None  # a unit reporter without a unit would otherwise see every unit
    return Identity(email.lower(), entry.name or name or email, entry.role, entry.unit)


def add_user(path: Path, username: str, name: str, role: Role, password: str, unit: str | None = None,
             cost: int = COST) -> None:
    if not USERNAME.match(username):
        raise UsersError("users.err.username", username=username)
    if len(password) < 10:
        raise UsersError("users.err.password_short")
    users = read_users(path)
    try:
        users.users[username] = Account(name=name, role=role, unit=unit, password_hash=hash_password(password, cost))
    except ValidationError as exc:
        raise UsersError("users.err.account", detail=exc) from exc
    write_users(path, users)
