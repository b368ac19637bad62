"""Review of loaded submissions: official receipt dates, returns (plain or minor correction), voids of
versions filed by mistake; each write audited, in one transaction with the views' inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

import duckdb

import queries
from access.roles import Forbidden, Identity, require
from i18n import Lang, t
from i18n.errors import GepmError
from queries import write_staged
from warehouse import snapshots
from warehouse.clock import now_utc
from warehouse.db import holding
from warehouse.lock import WarehouseBusy, turn
from warehouse.names import clean_name, clean_text

MAX_REASON = 1000
ReturnKind = Literal["return", "correction"]
RETURN_KINDS: tuple[ReturnKind, ...] = get_args(ReturnKind)


class ReviewError(GepmError):
    """A review action that cannot be done; key is the reason within review.err.*, nothing was changed."""

    def text(self, lang: Lang) -> str:
        return t(f"review.err.{self.key}", lang, **self.params)


@dataclass(frozen=True)
class Submission:
    submission_id: int
    plan_id: str
    unit_code: str
    period_code: str
    version: int
    received_at: datetime
    is_current: bool
    period_starts_on: date
    is_returned: bool
    is_voided: bool
    file_name: str


def official_receipt(day: date, tz: str, now: datetime | None = None) -> datetime:
    """The receipt moment for an official receipt date (văn bản đến): now if it is today, else the
    last second of that day in the plan's time zone, so a correction received that day still comes
    after a version uploaded earlier the same day, and a report received on its due day is on time."""
    moment = now or now_utc()
    zone = ZoneInfo(tz)
    if day == moment.astimezone(zone).date():
        return moment
    return datetime.combine(day + timedelta(days=1), time(0), zone) - timedelta(seconds=1)


def submission(con: duckdb.DuckDBPyConnection, submission_id: int, now: datetime | None = None) -> Submission:
    found = queries.rows(con, "review/submission", {"submission_id": submission_id, "now": now or now_utc()})
    if not found:
        raise ReviewError("unknown_submission", submission_id=submission_id)
    return Submission(*found[0])


def _actor(by: str) -> str:
    name = clean_name(by or "")
    if not name:
        raise ReviewError("no_actor")
    return name[:200]


def _reason(reason: str, missing: str = "no_reason") -> str:
    text = clean_text(reason or "")
    if not text:
        raise ReviewError(missing)
    if len(text) > MAX_REASON:
        raise ReviewError("reason_too_long", limit=MAX_REASON)
    return text


def _manager(who: Identity | None) -> str:
    """The audit name of a data manager; anyone else is refused."""
    try:
        return _actor(require(who, "review").audit_name)
    except Forbidden as exc:
        raise ReviewError("forbidden") from exc


def _in_transaction(con: duckdb.DuckDBPyConnection, steps: list[tuple[str, dict[str, Any]]]) -> None:
    """One write, in turn with the process's other writers, never into a file a restore replaced."""
    try:
        with holding(con, "review"), turn():
            write_staged(con, {}, steps)
            snapshots.refresh(con)
    except WarehouseBusy as exc:
        raise ReviewError("busy") from exc


def _audit_step(action: str, by: str, at: datetime, sub: Submission, **values: Any) -> tuple[str, dict[str, Any]]:
    params = {"acted_at": at, "acted_by": by, "action": action, "load_id": None, "submission_id": sub.submission_id,
              "old_value": None, "new_value": None, "reason": None, **values}
    return "write/audit", params


def _iso_utc(moment: datetime) -> str:
    """Moments in audit values are ISO text in UTC, one zone for every row (pages show them in the plan's)."""
    return moment.astimezone(UTC).isoformat()


def set_received_at(con: duckdb.DuckDBPyConnection, submission_id: int, received_at: datetime, by: str,
                    now: datetime | None = None) -> Submission:
    """Record the official receipt time of a version; the current version is then re-decided."""
    actor, moment = _actor(by), now or now_utc()
    sub = submission(con, submission_id, moment)
    if received_at > moment:
        raise ReviewError("receipt_future", day=received_at.date().strftime("%d/%m/%Y"))
    if received_at.date() < sub.period_starts_on:
        raise ReviewError("receipt_before_period", day=received_at.date().strftime("%d/%m/%Y"),
                          start=sub.period_starts_on.strftime("%d/%m/%Y"), period=sub.period_code)
    _in_transaction(con, [
        ("review/set_received_at", {"submission_id": submission_id, "received_at": received_at}),
        ("write/refresh_current", {}),
        _audit_step("receipt_date", actor, moment, sub, old_value=_iso_utc(sub.received_at),
                    new_value=_iso_utc(received_at)),
    ])
    return submission(con, submission_id, moment)


def return_submission(con: duckdb.DuckDBPyConnection, submission_id: int, reason: str, by: str,
                      now: datetime | None = None, kind: str = "return") -> None:
    """Send the current version back: a plain return ('return') counts the report as missing until a
    new version; a minor correction ('correction') keeps it counted, on time or late by its first receipt."""
    actor, moment, text = _actor(by), now or now_utc(), _reason(reason)
    if kind not in RETURN_KINDS:
        raise ReviewError("bad_kind", kind=kind)
    sub = submission(con, submission_id, moment)
    if not sub.is_current:
        raise ReviewError("not_current", version=sub.version)
    if sub.is_returned:
        raise ReviewError("already_returned", version=sub.version)
    _in_transaction(con, [
        ("review/return", {"submission_id": submission_id, "returned_at": moment, "returned_by": actor,
                           "reason": text, "kind": kind}),
        _audit_step("return", actor, moment, sub, reason=text, new_value=kind),
    ])


def withdraw_return(con: duckdb.DuckDBPyConnection, submission_id: int, by: str,
                    now: datetime | None = None) -> None:
    """Undo a return made by mistake: the version counts again from now on."""
    actor, moment = _actor(by), now or now_utc()
    sub = submission(con, submission_id, moment)
    if not sub.is_returned:
        raise ReviewError("not_returned", version=sub.version)
    _in_transaction(con, [
        ("review/withdraw_return", {"submission_id": submission_id, "withdrawn_at": moment,
                                    "withdrawn_by": actor}),
        _audit_step("withdraw_return", actor, moment, sub),
    ])


def void_submission(con: duckdb.DuckDBPyConnection, submission_id: int, reason: str, who: Identity | None,
                    now: datetime | None = None) -> Submission:
    """Void a version filed by mistake (data managers only, reason required): it stops counting at any
    moment looked at, the previous version becomes current again; the file stays in the history."""
    actor, moment = _manager(who), now or now_utc()
    text = _reason(reason, "no_void_reason")
    sub = submission(con, submission_id, moment)
    if sub.is_voided:
        raise ReviewError("already_voided", version=sub.version)
    _in_transaction(con, [
        ("review/void", {"submission_id": submission_id, "voided_at": moment, "voided_by": actor, "reason": text}),
        ("write/refresh_current", {}),
        _audit_step("void", actor, moment, sub, reason=text, old_value=sub.file_name),
    ])
    return submission(con, submission_id, moment)


def restore_voided(con: duckdb.DuckDBPyConnection, submission_id: int, who: Identity | None, reason: str = "",
                   now: datetime | None = None) -> Submission:
    """Undo a void (data managers only): the version counts again exactly as before it was voided."""
    actor, moment = _manager(who), now or now_utc()
    note = clean_text(reason or "")[:MAX_REASON] or None
    sub = submission(con, submission_id, moment)
    if not sub.is_voided:
        raise ReviewError("not_voided", version=sub.version)
    _in_transaction(con, [
        ("review/restore_void", {"submission_id": submission_id, "restored_at": moment, "restored_by": actor}),
        ("write/refresh_current", {}),
        _audit_step("restore_void", actor, moment, sub, reason=note, new_value=sub.file_name),
    ])
    return submission(con, submission_id, moment)
