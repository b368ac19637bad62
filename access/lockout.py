"""Failed sign-ins counted per account and per client address, shared by every browser session.

Five failures for one account, or twenty from one address, within a quarter of an hour lock that
account or address for five minutes. Held in the server process: a restart forgets the counts.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

WINDOW_S = 15 * 60.0
LOCK_S = 5 * 60.0
LIMITS = {"account": 5, "address": 20}


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
