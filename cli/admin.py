"""Administration commands: accounts (python -m etl user add), backup and restore."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from access.users import COST, UsersError, add_user
from cli.console import say
from i18n import t
from plan.settings import settings
from warehouse.backup import BackupError, backup, restore
from warehouse.db import WarehouseBusy, WarehouseUnavailable


def _password(args: argparse.Namespace) -> str:
    """Asked twice at a terminal; one line from standard input when it is piped (or --password-stdin)."""
    if args.password_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise UsersError("cli.password_missing")
        return line.rstrip("\r\n")
    try:
        first = getpass.getpass(t("cli.password", "vi"))
        again = getpass.getpass(t("cli.password_again", "vi"))
    except (EOFError, KeyboardInterrupt):
        raise UsersError("cli.password_missing") from None
    if again != first:
        raise UsersError("cli.password_mismatch")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    path = Path(args.users or settings().users_path)
    try:
        add_user(path, args.username, args.name or args.username, args.role, _password(args), args.unit,
                 settings().bcrypt_cost)
    except UsersError as exc:
        print(exc, file=sys.stderr)
        return 2
    say("cli.user_added", username=args.username, role=args.role, path=path)
    cost = settings().bcrypt_cost
    if cost < COST:  # lower costs are for tests; a real account should not get one unawares
        say("cli.weak_cost", cost=cost, floor=COST, times=2 ** (COST - cost))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        counts = backup(Path(args.db), args.folder)
    except (BackupError, WarehouseBusy, WarehouseUnavailable, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    say("cli.backup_done", path=args.folder, tables=len(counts), rows=sum(counts.values()))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        counts = restore(args.folder, Path(args.db))
    except (BackupError, WarehouseBusy, WarehouseUnavailable, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    say("cli.restore_done", path=args.db, tables=len(counts), rows=sum(counts.values()))
    return 0
