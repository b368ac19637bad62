"""The sign-in audit trail: every failed sign-in and every lockout, one JSON line each, plus the server log.

Kept apart from the warehouse's audit_log: that table's actions are fixed by a check in the schema of
every existing warehouse, and DuckDB lets one process write at a time, so a burst of guesses would
contend with loads. A file append never waits and never fails a sign-in page.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

LOG = logging.getLogger("gepm.auth")
_LOCK = threading.Lock()
_UNSAFE = re.compile(r"[^a-z0-9._@-]")


def shown_name(username: str) -> str:
    """A typed username as it may be written down: lower case, odd characters replaced, at most 64."""
    return _UNSAFE.sub("?", username.strip().lower())[:64]


def record(path: Path, event: str, username: str, address: str, **extra: object) -> None:
    """Append one event; a write error goes to the server log and never stops the request."""
    row = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "event": event,
           "username": shown_name(username), "address": address, **extra}
    LOG.warning("%s username=%s address=%s %s", event, row["username"], address, extra or "")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _LOCK:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as exc:
        LOG.error("sign-in audit %s not written: %s", path, exc)
