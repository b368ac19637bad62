"""Signed-out session tokens, refused until they would have expired, kept in a file so a restart refuses them too.

The file (mode 0600, beside the users file) maps each token's nonce to when the token expires; it is written
whole, through a new file renamed over it, on every sign-out, and expired entries are dropped as it is.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

LOG = logging.getLogger("gepm.auth")


def _read(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        LOG.error("revoked sessions %s unreadable, none refused: %s", path, exc)
        return {}


def _write(path: Path, until: dict[str, float]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # made 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(until, out)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Revocations:
    path: Path
    until: dict[str, float] = field(default_factory=dict)  # nonce -> when the token expires anyway
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, path: Path, now: float) -> Revocations:
        return cls(path, {n: t for n, t in _read(path).items() if t > now})

    def __contains__(self, nonce: str) -> bool:
        return nonce in self.until

    def revoke(self, nonce: str, expires_at: float, now: float) -> None:
        """Refuse this token from now on; a failed write goes to the server log (this process still refuses it)."""
        with self._lock:
            self.until = {n: t for n, t in self.until.items() if t > now} | {nonce: expires_at}
            try:
                _write(self.path, self.until)
            except OSError as exc:
                LOG.error("revoked sessions %s not written: %s", self.path, exc)
