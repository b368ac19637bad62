"""One writer: writes of this process take turns, and load, backup, restore and upgrade exclude other processes.

Two locks, because DuckDB lets every thread of a process write to the same file (transactions
then conflict, and two loads took the same load number) while it tells another process only that
the file is busy — and a restore never opens the file it replaces, so DuckDB cannot stop it:

- ``turn()``: a process-wide lock around every write transaction (the app's sessions are threads);
- ``hold(db, purpose)``: an advisory ``fcntl.flock`` on ``<warehouse>.lock`` beside the file, held
  by this process while any of its loads, upgrades, reviews, backups or restores runs. A restore
  asks for it alone (``exclusive``): it refuses while a load of any process runs, and a load waits
  (bounded) while a restore runs, then opens the restored file.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from i18n import GepmError, Lang, t

_TURN = threading.RLock()
_GUARD = threading.Lock()
_UMASK = threading.Lock()
_PRIVATE = {"depth": 0, "before": 0}
POLL_S = 0.1
LOCK_WAIT_S = 30.0  # how long a writer waits for another (warehouse.db names it too)
PRIVATE = 0o077  # what the product writes is its owner's only: it holds names and phone numbers


class WarehouseBusy(GepmError):
    """Another process holds the warehouse for writing (or reading, when we want to write)."""

    key = "cli.db_locked"


class WarehouseUnavailable(GepmError):
    """The warehouse file cannot be opened or written (read-only disk, disk full, no such folder);
    whatever was being written was rolled back."""

    key = "cli.write_failed"


class WriterBusy(WarehouseBusy):
    """Another writer holds the warehouse; the message (vi / en) says which kind and what to do."""

    def __init__(self, key: str, holder: str) -> None:
        super().__init__(f"lock.{key}")
        self.holder = holder

    def text(self, lang: Lang) -> str:
        doing = t(f"lock.doing.{self.holder}" if self.holder in PURPOSES else "lock.doing.write", lang)
        return t(self.key, lang, doing=doing)


PURPOSES = ("load", "restore", "backup", "upgrade", "review", "write")


@dataclass
class _Held:
    fd: int
    purposes: list[str] = field(default_factory=list)


_HELD: dict[Path, _Held] = {}


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


@contextmanager
def private() -> Iterator[None]:
    """Files created meanwhile are 0600 and folders 0700. The umask is process-wide, so nested and
    concurrent users share one setting and the last to leave puts the old one back."""
    with _UMASK:
        if _PRIVATE["depth"] == 0:
            _PRIVATE["before"] = os.umask(PRIVATE)
        _PRIVATE["depth"] += 1
    try:
        yield
    finally:
        with _UMASK:
            _PRIVATE["depth"] -= 1
            if _PRIVATE["depth"] == 0:
                os.umask(_PRIVATE["before"])


@contextmanager
def turn() -> Iterator[None]:
    """This thread's turn to write: one write transaction at a time in the process (and what DuckDB
    creates meanwhile, such as the write-ahead log, is private)."""
    with _TURN, private():
        yield


def _holder(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 64).decode("ascii", "replace").split(" ")[0].strip() or "write"


def _open(path: Path) -> int:
    """The lock file, created beside the warehouse; a folder that cannot take it cannot take a write either."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise WarehouseUnavailable(detail=str(exc)[:300]) from exc


def _take(path: Path, purpose: str, wait_s: float) -> int:
    """The lock file's descriptor once this process holds its flock; WriterBusy after wait_s."""
    with private():
        fd, deadline = _open(path), time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise WriterBusy("busy_restore" if purpose == "restore" else "busy", holder) from None
            time.sleep(POLL_S)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{purpose} {os.getpid()}\n".encode("ascii"), 0)
    return fd


def _enter(path: Path, purpose: str, wait_s: float, exclusive: bool) -> None:
    deadline = time.monotonic() + wait_s
    while True:
        with _GUARD:
            held = _HELD.get(path)
            if held is None:
                _HELD[path] = held = _Held(_take(path, purpose, wait_s))
            if not (held.purposes and (exclusive or "restore" in held.purposes)):
                held.purposes.append(purpose)
                return
            if time.monotonic() >= deadline:
                raise WriterBusy("busy_restore" if exclusive else "busy", held.purposes[0])
        time.sleep(POLL_S)


def _leave(path: Path, purpose: str) -> None:
    with _GUARD:
        held = _HELD[path]
        held.purposes.remove(purpose)
        if not held.purposes:
            del _HELD[path]
            fcntl.flock(held.fd, fcntl.LOCK_UN)
            os.close(held.fd)


@contextmanager
def hold(db: Path, purpose: str, wait_s: float, exclusive: bool = False) -> Iterator[None]:
    """Hold the warehouse against other processes (and, when exclusive, against this one's writers too)."""
    path = lock_path(db.resolve())
    _enter(path, purpose, wait_s, exclusive)
    try:
        yield
    finally:
        _leave(path, purpose)


def alone(db: Path) -> bool:
    """True when exactly one writer of this process holds the warehouse (and so no process else does)."""
    with _GUARD:
        held = _HELD.get(lock_path(db.resolve()))
        return held is not None and len(held.purposes) == 1
