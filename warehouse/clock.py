"""The current moment, time-zone aware (one place, so tests and loads agree)."""

from datetime import datetime


def now_utc() -> datetime:
    return datetime.now().astimezone()
