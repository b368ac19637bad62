"""The command line's arguments: every verb's parser, built without importing what the verbs do."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from access.roles import ROLES
from i18n import t
from plan.settings import ROOT
from warehouse.clock import now_utc

CROSSWALK = ROOT / "data" / "crosswalk" / "govap-2025.yaml"


def _as_of(value: str) -> datetime:
    """Any moment, future ones included: statuses may be looked at ahead."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(t("cli.bad_time", "vi", value=value) + " / "
                                         + t("cli.bad_time", "en", value=value)) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _received_at(value: str) -> datetime:
    """A receipt moment: never in the future, as the upload page refuses a receipt date after today."""
    moment = _as_of(value)
    if moment > now_utc():
        raise argparse.ArgumentTypeError(t("cli.receipt_future", "vi", value=value) + " / "
                                         + t("cli.receipt_future", "en", value=value))
    return moment


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, default=None, help="warehouse file (default data/warehouse.duckdb or $GEPM_DB)")
    p.add_argument("--plans", type=Path, default=None, help="folder of plan files (default data/plans)")
    p.add_argument("--plan", default=None, help="plan id (default: the default plan)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m etl", description="Gender-Equality Plan Monitor: workbooks ETL")
    sub = ap.add_subparsers(dest="command", required=True)
    tp = sub.add_parser("template", help="write pre-filled report workbooks")
    _common(tp)
    tp.add_argument("--unit", help="unit code, e.g. P01")
    tp.add_argument("--period", help="period code, e.g. 2024-Q1 (with --all: default every period)")
    tp.add_argument("-o", "--output", type=Path, help="output .xlsx file")
    tp.add_argument("--all", type=Path, metavar="DIR", help="write one template per unit into DIR")
    lp = sub.add_parser("load", help="load report workbooks (files or folders)")
    _common(lp)
    lp.add_argument("paths", nargs="+", type=Path)
    lp.add_argument("--received-at", type=_received_at, help="receipt time, ISO 8601 (default: now)")
    lp.add_argument("--json", action="store_true", help="print a machine-readable summary on stdout")
    lp.add_argument("--by", default=None, help="who loads (recorded with the load)")
    dp = sub.add_parser("demo", help="write realistic demo workbooks and load them")
    _common(dp)
    dp.add_argument("--out", type=Path, default=None, help="folder for the demo workbooks (default data/demo)")
    dp.add_argument("--seed", type=int, default=2024)
    up = sub.add_parser("upgrade", help="bring an existing warehouse's schema, views and plans up to date")
    _common(up)
    ep = sub.add_parser("export", help="export a documented view")
    _common(ep)
    ep.add_argument("view")
    ep.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    ep.add_argument("-o", "--output", type=Path, help="output file (default: stdout for csv)")
    ep.add_argument("--as-of", type=_as_of, help="evaluate statuses as of this time (default: now)")
    ep.add_argument("--period", help="only this period code")
    ep.add_argument("--suppress-below", type=int, default=None, metavar="N",
                    help="blank ethnic-minority counts from 1 to N-1 (default $GEPM_SUPPRESS_BELOW, 0 = off)")
    _admin(sub)
    _plan(sub)
    _void(sub)
    return ap


def _admin(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bp = sub.add_parser("backup", help="write every table as Parquet with a manifest into an empty folder")
    _common(bp)
    bp.add_argument("folder", type=Path)
    xp = sub.add_parser("export-parquet", help="write the warehouse as Parquet partitioned by plan year and period "
                        "(hive folders, _manifest.json) for Spark")
    _common(xp)
    xp.add_argument("folder", type=Path, help="new or empty folder")
    rp = sub.add_parser("restore", help="rebuild the warehouse from a backup folder (the old file is kept)")
    _common(rp)
    rp.add_argument("folder", type=Path)
    usp = sub.add_parser("user", help="create or replace a sign-in account (password hashed with bcrypt)")
    _common(usp)
    usp.add_argument("action", choices=("add",))
    usp.add_argument("username")
    usp.add_argument("--role", required=True, choices=ROLES)
    usp.add_argument("--name", help="full name shown and recorded with each write")
    usp.add_argument("--unit", help="the unit a unit_reporter reports for, e.g. P01")
    usp.add_argument("--users", type=Path, help="users file (default data/users.yaml or $GEPM_USERS)")
    usp.add_argument("--password-stdin", action="store_true", help="read the password (one line) from standard "
                     "input; also the default when standard input is not a terminal")


def _plan(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pp = sub.add_parser("plan", help="start a new plan year from an earlier plan; check a plan file")
    verbs = pp.add_subparsers(dest="plan_command", required=True)
    new = verbs.add_parser("new", help="write a new plan year carried forward from a plan, for a person to edit")
    _common(new)
    new.add_argument("--from", dest="source", required=True, help="plan id (in --plans) or plan file to start from")
    new.add_argument("--year", type=int, required=True, help="the new plan year")
    new.add_argument("--area", help="area of the new plan (Vietnamese); a crosswalk ward's name keeps only that ward")
    new.add_argument("--area-en", help="area in English (default: the ward's English name or --area)")
    new.add_argument("--id", dest="plan_id", help="new plan id (default: the source id with the year replaced)")
    new.add_argument("--crosswalk", type=Path, default=CROSSWALK, help="old -> new unit crosswalk file")
    new.add_argument("--units", type=Path, help="YAML list of the new units instead of the crosswalk's")
    new.add_argument("--only", help="comma-separated codes of crosswalk units to keep, e.g. HANH_THONG")
    new.add_argument("--until", type=date.fromisoformat, help="last day of the plan (later periods are dropped)")
    new.add_argument("--example", action="store_true", help="mark the file as an example in its header")
    new.add_argument("-o", "--output", type=Path, help="output file (default: PLANS/<id>.yaml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    check = verbs.add_parser("check", help="explain every mistake in a plan file (exit 0 ok, 1 mistakes)")
    _common(check)
    check.add_argument("file", type=Path)


def _void(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    vp = sub.add_parser("void", help="void a version filed by mistake (reason required, audited), or --restore it")
    _common(vp)
    vp.add_argument("submission_id", type=int, help="the version's submission id (Review page, load summary)")
    vp.add_argument("--reason", default="", help="why (required to void; recorded in the audit log)")
    vp.add_argument("--by", default=None, help="who does it (default: the operating-system user)")
    vp.add_argument("--restore", action="store_true", help="restore a voided version instead")
