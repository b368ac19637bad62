"""The command-line verbs template and upgrade; each returns the process exit code (load: cli/load.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import queries
from cli.console import UsageError, plans_of, say
from cli.load import cannot_write, run_load
from documents.template import TemplateError, template_name, write_template
from plan.model import Plan
from warehouse.db import WarehouseBusy, WarehouseUnavailable, connect, writing

__all__ = ["UsageError", "cannot_write", "cmd_template", "cmd_upgrade", "run_load", "say"]


def _previous(args: argparse.Namespace, plan: Plan, unit: str, period: str) -> dict[str, int]:
    """Denominators of the unit's latest earlier report, when a warehouse exists."""
    if not Path(args.db).exists():
        return {}
    try:
        con = connect(Path(args.db), read_only=True, wait_s=5)
    except (WarehouseBusy, WarehouseUnavailable):
        return {}
    try:
        params = {"plan_id": plan.plan_id, "unit_code": unit, "period_code": period}
        return {r[0]: int(r[1]) for r in queries.rows(con, "last_denominators", params)}
    except Exception:  # a warehouse without the schema yet: nothing to pre-fill
        return {}
    finally:
        con.close()


def cmd_template(args: argparse.Namespace) -> int:
    _, plan = plans_of(args)
    if args.all:
        periods = [args.period] if args.period else [p.code for p in plan.periods]
        units = [args.unit] if args.unit else None
        n = 0
        for period in periods:
            for unit in units or [u.code for u in plan.expected_units(period)]:
                _one_template(args, plan, unit, period, args.all / template_name(unit, period))
                n += 1
        say("cli.template_written", n=n, path=args.all)
        return 0
    if not (args.unit and args.period):
        raise UsageError("cli.need_unit_period")
    out = args.output or Path(template_name(args.unit, args.period))
    _one_template(args, plan, args.unit, args.period, out)
    say("cli.template_written", n=1, path=out)
    return 0


def _one_template(args: argparse.Namespace, plan: Plan, unit: str, period: str, out: Path) -> None:
    try:
        write_template(plan, unit, period, out, _previous(args, plan, unit, period))
    except TemplateError as exc:
        raise UsageError(exc.key, **exc.params) from exc


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Apply the current schema, views and plan files to an existing warehouse (idempotent)."""
    plans, _ = plans_of(args)
    try:
        with writing(Path(args.db), plans, "upgrade"):
            pass
    except (WarehouseBusy, WarehouseUnavailable) as exc:
        cannot_write(exc)
        return 1
    say("cli.upgraded", path=args.db)
    return 0


