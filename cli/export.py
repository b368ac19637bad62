"""python -m etl export VIEW --format csv|xlsx: any documented view, filtered."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import queries
from cli.console import UsageError, say
from documents.extracts import (
    VIEWS,
    extract_name,
    local_times,
    suppress_small,
    to_csv_bytes,
    to_xlsx_bytes,
    view_params,
    view_query,
)
from plan.load import PlanError, load_plans
from plan.settings import settings
from warehouse.clock import now_utc
from warehouse.db import WarehouseBusy, WarehouseUnavailable, connect
from warehouse.parquet import ExportUnavailable, FolderNotEmpty, export_parquet


def _output(args: argparse.Namespace, tz: str) -> Path | None:
    """Where to write: -o FILE; CSV without -o goes to stdout; .xlsx without -o gets a name dated with today in the
    plan's time zone (not the server's)."""
    if args.output is not None or args.format == "csv":
        return Path(args.output) if args.output is not None else None
    return Path(extract_name(args.view, args.period or "all", datetime.now(ZoneInfo(tz)).date(), "xlsx"))


def cmd_export(args: argparse.Namespace) -> int:
    if args.view not in VIEWS:
        allowed = ", ".join(VIEWS)
        raise UsageError("cli.unknown_view", view=args.view, allowed=allowed)
    if not Path(args.db).exists():
        raise UsageError("cli.no_warehouse", path=args.db)
    tz = _timezone(args)
    output = _output(args, tz)
    try:
        con = connect(Path(args.db), read_only=True)
    except (WarehouseBusy, WarehouseUnavailable) as exc:
        say("cli.db_locked", detail=exc.detail[:300])
        return 1
    try:
        params = view_params(args.view, args.as_of or now_utc(), period=args.period)
        df = queries.frame(con, view_query(args.view), params)
    finally:
        con.close()
    below = args.suppress_below if args.suppress_below is not None else settings().suppress_below
    df = suppress_small(local_times(df, tz), below)
    data = to_csv_bytes(df) if args.format == "csv" else to_xlsx_bytes(df, args.view)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        say("cli.exported", rows=len(df), path=output)
    return 0


def _timezone(args: argparse.Namespace) -> str:
    """Times in extracts are shown in the plan's time zone (the warehouse keeps UTC instants)."""
    try:
        plans = load_plans(args.plans)
    except PlanError:
        return "Asia/Ho_Chi_Minh"
    plan = plans.get(args.plan or "") or next(iter(plans.values()))
    return plan.timezone


def cmd_export_parquet(args: argparse.Namespace) -> int:
    """python -m etl export-parquet DIR: 0 when written, 1 when the warehouse or the folder is unavailable."""
    try:
        counts = export_parquet(Path(args.db), Path(args.folder))
    except FolderNotEmpty as exc:
        raise UsageError(exc.key, **exc.params) from exc
    except ExportUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    say("cli.parquet_done", path=args.folder, tables=len(counts), rows=sum(counts.values()))
    return 0
