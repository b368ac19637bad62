"""Roles and what each may do. One table, read by the navigation and by every write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from i18n.errors import GepmError

Role = Literal["viewer", "analyst", "data_manager", "unit_reporter"]
ROLES: tuple[Role, ...] = ("viewer", "analyst", "data_manager", "unit_reporter")
Action = Literal["dashboard", "extracts", "upload", "review", "audit", "sign_ins"]

ALLOWED: dict[Action, frozenset[Role]] = {
    "dashboard": frozenset({"viewer", "analyst", "data_manager"}),  # every unit's figures and status
    "extracts": frozenset({"analyst", "data_manager"}),  # the Data page: extracts of every view
    "upload": frozenset({"data_manager", "unit_reporter"}),  # unit reporters: their own unit only
    "review": frozenset({"data_manager"}),  # returns, receipt dates
    "audit": frozenset({"data_manager", "unit_reporter"}),  # version history (own unit for reporters)
    "sign_ins": frozenset({"data_manager"}),  # the failed sign-ins of the audit trail (Review page)
}


@dataclass(frozen=True)
class Identity:
    """The person using the app: signed in (password or OIDC), or the anonymous demo visitor."""

    username: str
    name: str
    role: Role
    unit: str | None = None  # the only unit a unit reporter sees and reports for
    is_anonymous: bool = False

    def can(self, action: Action) -> bool:
        return not (self.is_anonymous and action in ("upload", "review")) and self.role in ALLOWED[action]

    @property
    def units(self) -> tuple[str, ...]:
        """Units this person is limited to (empty = every unit)."""
        return (self.unit,) if self.role == "unit_reporter" and self.unit else ()

    @property
    def audit_name(self) -> str:
        return f"{self.name} ({self.username})" if self.name and self.name != self.username else self.username


DEMO_VISITOR = Identity("demo", "Khách (chế độ trình diễn)", "analyst", is_anonymous=True)


class Forbidden(GepmError):
    """An action this identity may not do; pages never offer it, this is the second lock."""


def require(identity: Identity | None, action: Action) -> Identity:
    if identity is None or not identity.can(action):
        raise Forbidden("auth.forbidden", action=action)
    return identity
