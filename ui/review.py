"""View model of the review page: one unit's report for one period — versions, differences, audit, decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from access import signin_audit
from access.roles import Identity
from i18n import Lang, t
from plan.model import Plan
from plan.settings import settings
from ui.activity import Block, block, headers
from ui.audit import AUDIT_COLUMNS, audit_table
from ui.auth import current_identity
from ui.filters import Filters
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans
from ui.shaping import local, period_name, unit_name
from ui.writes import write
from warehouse.clock import now_utc
from warehouse.consistency import ConsistencyWarning
from warehouse.review import (
    ReturnKind,
    official_receipt,
    restore_voided,
    return_submission,
    set_received_at,
    void_submission,
    withdraw_return,
)

HISTORY_COLUMNS = ("version", "state", "file_name", "received_at", "receipt_set_by", "loaded_at", "loaded_by",
                   "report_on", "prepared_by", "n_values", "n_activities", "return_kind", "returned_reason",
                   "returned_by", "voided_at", "voided_by", "void_reason")
VALUE_DIFF_COLUMNS = ("indicator_code", "field", "old_value", "new_value")
ACTIVITY_DIFF_COLUMNS = ("change", "activity_on", "activity_type", "topic", "old_participants", "new_participants",
                         "old_women", "new_women", "old_ethnic_minority", "new_ethnic_minority")
WARNING_COLUMNS = ("unit_code", "unit_name", "period", "indicator_code", "warning", "previous_value", "value")
SIGNIN_COLUMNS = ("attempted_at", "event", "username", "address")
SIGNIN_EVENTS = (signin_audit.FAILED, signin_audit.LOCKED)
SIGNIN_ROWS = 500


def this_minute() -> datetime:
    """Now, rounded up to the minute: reads stay cached for a minute and include what was just done."""
    now = now_utc()
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


def _state(row: Any) -> str:
    if row.is_voided:
        return "voided"
    return "returned" if row.is_returned else "current" if row.is_current else "superseded"


def history(plan: Plan, unit: str, period: str, as_of: Any, lang: Lang) -> pd.DataFrame:
    rows = frame("review/history", plan_id=plan.plan_id, unit_code=unit, period_code=period, now=as_of)
    rows = local(rows, plan.timezone)
    kinds = [t(f"status.return_kind.{k}", lang) if isinstance(k, str) and r else ""
             for k, r in zip(rows["return_kind"], rows["is_returned"], strict=True)]
    return rows.assign(state=[t(f"review.state.{_state(r)}", lang) for r in rows.itertuples()],
                       is_open=[_state(r) for r in rows.itertuples()], return_kind_code=rows["return_kind"],
                       return_kind=kinds)


def submission_ids(rows: pd.DataFrame) -> dict[int, int]:
    """Version number -> submission id, from the rows of history()."""
    return {int(v): int(i) for v, i in zip(rows["version"], rows["submission_id"], strict=True)}


def latest(rows: pd.DataFrame) -> dict[str, Any]:
    """The newest version's row of history()."""
    return dict(rows.iloc[-1])


def unit_choices(plan: Plan, period: str, own: tuple[str, ...], lang: Lang) -> dict[str, str]:
    """Units expected to report for the period ('Name (code)'), only one's own for a unit reporter."""
    return {u.code: f"{u.name_vi if lang == 'vi' else u.name_en} ({u.code})" for u in plan.expected_units(period)
            if not own or u.code in own}


def history_block(rows: pd.DataFrame, lang: Lang) -> Block:
    return block(rows[list(HISTORY_COLUMNS)], headers(HISTORY_COLUMNS, "review", lang), lang)


def diff_blocks(old_id: int, new_id: int, plan: Plan, lang: Lang) -> tuple[Block, Block]:
    values = frame("review/diff_values", old_id=old_id, new_id=new_id)
    values = values.assign(field=[t(f"review.field.{f}", lang) for f in values["field"]])
    acts = frame("review/diff_activities", old_id=old_id, new_id=new_id)
    kinds = {a.code: a.name_vi if lang == "vi" else a.name_en for a in plan.reference.activity_types}
    acts = acts.assign(change=[t(f"review.change.{c}", lang) for c in acts["change"]],
                       activity_type=[kinds.get(k, k) for k in acts["activity_type"]])
    return (block(values, headers(VALUE_DIFF_COLUMNS, "review", lang), lang),
            block(acts, headers(ACTIVITY_DIFF_COLUMNS, "review", lang), lang))


def audit_block(plan: Plan, unit: str, period: str, lang: Lang) -> Block:
    rows = frame("review/audit", plan_id=plan.plan_id, unit_code=unit, period_code=period)
    return block(audit_table(rows, plan.timezone, lang), headers(AUDIT_COLUMNS, "review", lang), lang)


def signin_rows(trail: Path, limit: int = SIGNIN_ROWS) -> pd.DataFrame:
    """The latest failed and refused sign-ins of the sign-in audit trail, newest first (times in UTC)."""
    found = (r for r in signin_audit.newest_first(trail) if r.get("event") in SIGNIN_EVENTS)
    rows = [{"attempted_at": r["at"], "event": f"{r['event']}_locking" if r.get("locked") is True else r["event"],
             "username": str(r.get("username", "")), "address": str(r.get("address", ""))}
            for r in islice(found, limit)]
    return pd.DataFrame(rows, columns=list(SIGNIN_COLUMNS))


def signins(f: Filters) -> Block | None:
    """Failed sign-ins, in the plan's time (Vietnam's), for a data manager; None for every other role."""
    who, lg = current_identity(), lang()
    if who is None or not who.can("sign_ins"):
        return None
    rows = local(signin_rows(settings().auth_audit_path), f.plan.timezone)
    rows = rows.assign(event=[t(f"review.signin.{e}", lg) for e in rows["event"]])
    return block(rows, headers(SIGNIN_COLUMNS, "review", lg), lg)


def warnings_table(warnings: Iterable[ConsistencyWarning], plan: Plan, lang: Lang) -> pd.DataFrame:
    names = {p.code: period_name(plan, p.code, lang) for p in plan.periods}
    rows = [{"unit_code": w.unit_code, "unit_name": unit_name(plan, w.unit_code, lang),
             "period": period_name(plan, w.period_code, lang), "indicator_code": w.indicator_code or "",
             "warning": w.message(lang, names), "previous_value": w.previous_value, "value": w.value} for w in warnings]
    return pd.DataFrame(rows, columns=list(WARNING_COLUMNS))


def warnings_block(params: dict[str, Any], plan: Plan, lang: Lang) -> Block:
    """Consistency warnings for the filters in force (Reporting page), built once per warehouse version."""
    return _warnings_block(cache_key(params), plan.plan_id, lang, data_version())


@st.cache_resource(max_entries=32, show_spinner=False)
def _warnings_block(key: tuple[tuple[str, Any], ...], plan_id: str, lang: Lang,
                    version: tuple[int, int]) -> Block:
    plan = plans()[plan_id]
    rows = frame("app/consistency_warnings", **dict(key))
    found = [ConsistencyWarning(*r) for r in rows[list(rows.columns[:10])].itertuples(index=False, name=None)]
    return warnings_block_of(found, plan, lang)


def warnings_block_of(found: Iterable[ConsistencyWarning], plan: Plan, lang: Lang) -> Block:
    return block(warnings_table(found, plan, lang), headers(WARNING_COLUMNS, "review", lang), lang)


@dataclass(frozen=True)
class Latest:
    """The newest version of the unit's report: what the decision forms act on."""

    submission_id: int
    version: int
    is_returned: bool
    returned_reason: str
    is_correction: bool  # the standing return is a minor correction (the report keeps counting)


@dataclass(frozen=True)
class ReviewView:
    unit: str  # 'Name (code)'
    history: Block | None  # None when the unit sent no report for the period
    versions: dict[int, int]  # version number -> submission id, oldest first
    voided: tuple[int, ...]  # version numbers voided (and not restored)
    audit: Block | None  # None without a report
    latest: Latest | None
    identity: Identity | None
    may_decide: bool  # the signed-in person may return reports and set receipt dates


def choices(f: Filters) -> dict[str, str]:
    """The units the signed-in person may review for the period ('Name (code)')."""
    who = current_identity()
    return unit_choices(f.plan, f.period_code, who.units if who else (), lang())


def view(f: Filters, unit: str, units: dict[str, str]) -> ReviewView:
    lg, who = lang(), current_identity()
    rows = history(f.plan, unit, f.period_code, this_minute(), lg)
    if rows.empty:
        return ReviewView(units[unit], None, {}, (), None, None, who, False)
    last = latest(rows)
    newest = Latest(int(last["submission_id"]), int(last["version"]), last["is_open"] == "returned",
                    str(last["returned_reason"]), last["is_open"] == "returned" and _is_correction(rows))
    voided = tuple(int(n) for n, state in zip(rows["version"], rows["is_open"], strict=True) if state == "voided")
    return ReviewView(units[unit], history_block(rows, lg), submission_ids(rows), voided,
                      audit_block(f.plan, unit, f.period_code, lg), newest, who,
                      who is not None and who.can("review"))


def diff(f: Filters, v: ReviewView, old: int, new: int) -> tuple[Block, Block]:
    """What changed between two versions: values, then activities."""
    return diff_blocks(v.versions[old], v.versions[new], f.plan, lang())


def _is_correction(rows: pd.DataFrame) -> bool:
    return bool(rows["return_kind_code"].iloc[-1] == "correction")


RETURN_KINDS: tuple[ReturnKind, ...] = ("return", "correction")


def kind_label(kind: str) -> str:
    return t(f"review.kind.{kind}", lang())


def do_return(submission_id: int, reason: str, kind: ReturnKind, identity: Identity | None) -> str | None:
    def action(con: Any, sid: int, why: str, by: str) -> None:
        return_submission(con, sid, why, by, kind=kind)

    return write(identity, "review", action, submission_id, reason)


def do_void(submission_id: int, reason: str, identity: Identity | None) -> str | None:
    return write(identity, "review", void_submission, submission_id, reason, as_identity=True)


def do_restore_void(submission_id: int, identity: Identity | None) -> str | None:
    return write(identity, "review", restore_voided, submission_id, as_identity=True)


def do_withdraw(submission_id: int, identity: Identity | None) -> str | None:
    return write(identity, "review", withdraw_return, submission_id)


def do_receipt(submission_id: int, day: date, plan: Plan, identity: Identity | None) -> str | None:
    return write(identity, "review", set_received_at, submission_id, official_receipt(day, plan.timezone))


def flash(message: str | None, ok_key: str) -> None:
    """Keep the outcome of an action for the rerun that shows its effect."""
    st.session_state["review_flash"] = ("error", message) if message else ("success", t(ok_key, lang()))
