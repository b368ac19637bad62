"""The sign-in audit trail: every sign-in, failed sign-in and lockout, one JSON line each, plus the server log.

It is also what the lockout is rebuilt from when the server starts (access/lockout.py), and what the
Review page shows a data manager, newest first; both read it backwards from its end.

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
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOG = logging.getLogger("gepm.auth")
_LOCK = threading.Lock()
_UNSAFE = re.compile(r"[^a-z0-9._@-]")
SIGNED_IN, FAILED, LOCKED = "signed_in", "sign_in_failed", "sign_in_locked"
BLOCK = 1 << 16


def shown_name(username: str) -> str:
    """A typed username as it may be written down: lower case, odd characters replaced, at most 64."""
    return _UNSAFE.sub("?", username.strip().lower())[:64]


def record(path: Path, event: str, username: str, address: str, **extra: object) -> None:
    """Append one event; a write error goes to the server log and never stops the request."""
    row = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "event": event,
           "username": shown_name(username), "address": address, **extra}
    level = logging.INFO if event == SIGNED_IN else logging.WARNING
    LOG.log(level, "%s username=%s address=%s %s", event, row["username"], address, extra or "")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _LOCK:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    except OSError as exc:
        LOG.error("sign-in audit %s not written: %s", path, exc)


def _parsed(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    for line in lines:
        try:
            row = json.loads(line)
            row["at"] = datetime.fromisoformat(row["at"])
        except (ValueError, KeyError, TypeError):
            continue  # a blank line, or one cut short by a full disk
        yield row


def newest_first(path: Path) -> Iterator[dict[str, Any]]:
    """The trail's events (their "at" a datetime), newest first, read in blocks from the end of the file."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        pos, rest = handle.seek(0, os.SEEK_END), b""
        while pos > 0:
            start = max(0, pos - BLOCK)
            handle.seek(start)
            lines = (handle.read(pos - start) + rest).split(b"\n")
            rest = lines.pop(0) if start else b""  # the first line may begin in the block before
            yield from _parsed(reversed(lines))
            pos = start
