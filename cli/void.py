"""python -m etl void SUBMISSION_ID --reason TEXT [--by NAME] [--restore]: void a version filed by
mistake, or restore a voided one. Exit 0 done, 1 refused (unknown submission, already voided, busy
warehouse), 2 usage error (no reason)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import duckdb

import queries
from access.roles import Identity
from cli.console import plans_of, say
from cli.load import cannot_write
from i18n import t
from warehouse.db import WarehouseBusy, WarehouseUnavailable, writing
from warehouse.names import clean_name, clean_text
from warehouse.review import ReviewError, Submission, restore_voided, void_submission


def operator(by: str | None) -> Identity:
    """Whoever may write the warehouse file from the command line acts as its data manager."""
    name = clean_name(by or "") or getpass.getuser()
    return Identity(username=name, name=name, role="data_manager")


def current_version(con: duckdb.DuckDBPyConnection, sub: Submission) -> int | None:
    found = queries.rows(con, "review/current_version", {"plan_id": sub.plan_id, "unit_code": sub.unit_code,
                                                         "period_code": sub.period_code})
    return int(found[0][0]) if found else None


def _done(sub: Submission, current: int | None, restored: bool) -> None:
    params = {"submission_id": sub.submission_id, "unit": sub.unit_code, "period": sub.period_code,
              "version": sub.version}
    if restored:
        say("cli.void_restored", **params)
        return
    vi, en = (t("cli.voided", lang, current=current or t("cli.no_current", lang), **params) for lang in ("vi", "en"))
    print(f"{vi} / {en}", file=sys.stderr)


def cmd_void(args: argparse.Namespace) -> int:
    if not args.restore and not clean_text(args.reason or ""):
        say("review.err.no_void_reason")
        return 2
    plans, _ = plans_of(args)
    who = operator(args.by)
    try:
        with writing(Path(args.db), plans, "void") as con:
            if args.restore:
                sub = restore_voided(con, args.submission_id, who, args.reason)
            else:
                sub = void_submission(con, args.submission_id, args.reason, who)
            current = current_version(con, sub)
    except ReviewError as exc:
        print(f"{t('cli.void_failed', 'vi', detail=exc.message('vi'))} / "
              f"{t('cli.void_failed', 'en', detail=exc.message('en'))}", file=sys.stderr)
        return 1
    except (WarehouseBusy, WarehouseUnavailable) as exc:
        cannot_write(exc)
        return 1
    _done(sub, current, args.restore)
    return 0
