"""python -m etl export VIEW --format csv|xlsx: any documented view, filtered."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import queries
from etl.clock import now_utc
from etl.commands import UsageError, say
from etl.extracts import VIEWS, to_csv_bytes, to_xlsx_bytes
from etl.warehouse import WarehouseBusy, connect
from i18n import t


def run_export(args: argparse.Namespace) -> int:
    if args.view not in VIEWS:
        allowed = ", ".join(VIEWS)
        raise UsageError(f"{t('cli.unknown_view', 'vi', view=args.view, allowed=allowed)} / "
                         f"{t('cli.unknown_view', 'en', view=args.view, allowed=allowed)}")
    if not Path(args.db).exists():
        raise UsageError(f"Không có kho dữ liệu / no warehouse: {args.db}")
    try:
        con = connect(Path(args.db), read_only=True)
    except WarehouseBusy as exc:
        say("cli.db_locked", detail=str(exc)[:300])
        return 1
    try:
        df = queries.frame(con, f"export/{args.view}", {"as_of": args.as_of or now_utc(), "period": args.period})
    finally:
        con.close()
    data = to_csv_bytes(df) if args.format == "csv" else to_xlsx_bytes(df, args.view)
    if args.output is None and args.format == "xlsx":
        raise UsageError("Xuất .xlsx cần -o FILE / .xlsx export needs -o FILE")
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        args.output.write_bytes(data)
        say("cli.exported", rows=len(df), path=args.output)
    return 0
