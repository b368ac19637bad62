"""Failed sign-ins counted per account and per client address, shared by every browser session.

Five failures for one account, or twenty from one address, within a quarter of an hour lock that
account or address for five minutes. Held in the server process and rebuilt when it starts by replaying
the sign-in audit trail's recent failures and sign-ins: a restart forgets nothing that still counts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from access import signin_audit

WINDOW_S = 15 * 60.0
LOCK_S = 5 * 60.0
LIMITS = {"account": 5, "address": 20}
REPLAY_S = 2 * WINDOW_S + LOCK_S  # how far back the trail is replayed: past every failure that still counts


@dataclass
class Lockout:
    failures: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    locked_until: dict[tuple[str, str], float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_s(self, username: str, address: str, now: float) -> float:
        """Seconds until a sign-in may be tried for this account from this address (0 = now)."""
        with self._lock:
            keys = (("account", username), ("address", address))
            return max(0.0, *(self.locked_until.get(k, 0.0) - now for k in keys))

    def failed(self, username: str, address: str, now: float) -> bool:
        """Count a failure; True when it locks the account or the address."""
        locked = False
        with self._lock:
            for key in (("account", username), ("address", address)):
                recent = [t for t in self.failures.get(key, []) if now - t < WINDOW_S] + [now]
                self.failures[key] = recent
                if len(recent) >= LIMITS[key[0]]:
                    self.locked_until[key], self.failures[key], locked = now + LOCK_S, [], True
        return locked

    def succeeded(self, username: str) -> None:
        with self._lock:
            self.failures.pop(("account", username), None)

    def replay(self, events: Iterable[dict[str, Any]]) -> Lockout:
        """Apply audit-trail events, oldest first: failures count, sign-ins clear their account's count."""
        for row in events:
            at, name = row["at"].timestamp(), str(row.get("username", ""))
            if row.get("event") == signin_audit.FAILED:
                self.failed(name, str(row.get("address", "")), at)
            elif row.get("event") == signin_audit.SIGNED_IN:
                self.succeeded(name)
        return self

    @classmethod
    def from_trail(cls, path: Path, now: float) -> Lockout:
        """The lockout as the audit trail leaves it at `now` (a fresh one without a trail)."""
        recent: list[dict[str, Any]] = []
        for row in signin_audit.newest_first(path):
            if row["at"].timestamp() < now - REPLAY_S:
                break
            recent.append(row)
        return cls().replay(reversed(recent))
