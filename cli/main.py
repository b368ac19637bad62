"""Command line: python -m etl template | load | demo | export | upgrade | backup | export-parquet | restore |
user | plan | void.

Each verb's module is imported only when that verb runs: a load does not pay for openpyxl, pandas or bcrypt.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence

from cli.console import UsageError, say
from cli.parser import parser
from plan.errors import PlanError
from plan.settings import settings
from warehouse.lock import private

COMMANDS = {"template": "cli.commands:cmd_template", "load": "cli.load:cmd_load", "demo": "cli.demo:cmd_demo",
            "export": "cli.export:cmd_export", "upgrade": "cli.commands:cmd_upgrade", "backup": "cli.admin:cmd_backup",
            "restore": "cli.admin:cmd_restore", "user": "cli.admin:cmd_user",
            "export-parquet": "cli.export:cmd_export_parquet", "plan": "cli.plan:cmd_plan", "void": "cli.void:cmd_void"}


def command(name: str) -> Callable[..., int]:
    """The function that runs a verb, its module imported now."""
    module, function = COMMANDS[name].split(":")
    run: Callable[..., int] = getattr(importlib.import_module(module), function)
    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.db = args.db or settings().db_path
    args.plans = args.plans or settings().plans_dir
    try:
        with private():  # every file a command writes (warehouse, backups, exports) is the owner's only
            return command(args.command)(args)
    except PlanError as exc:
        print(exc, file=sys.stderr)
        return 2
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:  # a folder missing or not writable: said plainly, without a traceback
        say("cli.os_error", detail=exc)
        return 1
