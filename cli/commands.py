"""The command-line verbs; each returns the process exit code."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import queries
from documents.template import TemplateError, template_name, write_template
from etl.extract.discover import discover
from etl.load.files import load_files
from etl.load.prepare import Item
from etl.load.write import LoadResult, LoadStopped
from i18n import GepmError, t
from plan.load import load_plans
from plan.model import Plan
from plan.settings import settings
from warehouse.db import WarehouseBusy, WarehouseUnavailable, connect, writing
from warehouse.lock import WriterBusy


class UsageError(GepmError):
    """Wrong arguments: exit code 2."""


def say(key: str, **params: object) -> None:
    """A message for people, on stderr, Vietnamese then English."""
    print(f"{t(key, 'vi', **params)} / {t(key, 'en', **params)}", file=sys.stderr)


def _plans(args: argparse.Namespace) -> tuple[dict[str, Plan], Plan]:
    plans = load_plans(args.plans)
    plan_id = args.plan or settings().default_plan
    if plan_id not in plans:
        plan_id = next(iter(plans))
    return plans, plans[plan_id]


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
    _, plan = _plans(args)
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


def _report(result: LoadResult, as_json: bool) -> None:
    for f in result.files:
        tag = t(f"outcome.{f.outcome}", "vi")
        print(f"{tag}: {f.file_name} {f.unit_code or ''} {f.period_code or ''}".rstrip(), file=sys.stderr)
        for p in f.problems:
            print(f"    {p}", file=sys.stderr)
        for note in f.notes:
            print(f"    {note}", file=sys.stderr)
        for warning in f.warnings:
            print(f"    ! {warning}", file=sys.stderr)
    say("cli.summary", files=len(result.files), loaded=result.count("loaded"),
        new_version=result.count("new_version"), duplicate=result.count("duplicate"),
        rejected=result.count("rejected"))
    if as_json:
        counts = {k: result.count(k) for k in ("loaded", "new_version", "duplicate", "rejected")}
        summary = {"load_id": result.load_id, "exit_code": result.exit_code, "counts": counts,
                   "files": [f.as_dict() for f in result.files], "errors": []}
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")


def _progress(done: int, total: int) -> None:
    if total > 50:
        say("cli.progress", done=done, total=total)


def run_load(args: argparse.Namespace, items: list[Item], source: str) -> LoadResult:
    plans, plan = _plans(args)
    given = getattr(args, "received_at", None)
    note = f"--received-at {given.isoformat()}" if given and source == "cli" else None
    try:
        return load_files(Path(args.db), plans, items, default_plan=plan.plan_id, source=source,
                          loaded_by=getattr(args, "by", None), note=note, progress=_progress)
    except (WarehouseBusy, WarehouseUnavailable) as exc:
        cannot_write(exc)
        raise SystemExit(1) from exc


def cannot_write(exc: Exception) -> None:
    """Why the warehouse was not written, and exactly what of a load was (committed files listed)."""
    if isinstance(exc, WriterBusy):
        print(exc, file=sys.stderr)
    elif isinstance(exc, LoadStopped) and exc.committed:
        say("cli.write_stopped", detail=exc.detail, n=len(exc.committed), load_id=exc.load_id,
            files=", ".join(exc.committed))
    elif isinstance(exc, LoadStopped):
        say("cli.write_failed", detail=exc.detail)
    else:
        say("cli.db_locked" if isinstance(exc, WarehouseBusy) else "cli.write_failed",
            detail=getattr(exc, "detail", str(exc))[:300])


def _empty_summary(args: argparse.Namespace, code: int, errors: list[str]) -> int:
    """With --json, stdout is always one JSON document, even when nothing was loaded."""
    if args.json:
        counts = dict.fromkeys(("loaded", "new_version", "duplicate", "rejected"), 0)
        json.dump({"load_id": None, "exit_code": code, "counts": counts, "files": [], "errors": errors},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return code


def cmd_load(args: argparse.Namespace) -> int:
    files, missing = discover(args.paths)
    for path in missing:
        say("cli.path_missing", path=path)
    if missing:
        return _empty_summary(args, 2, [f"{t('cli.path_missing', 'vi', path=p)} / {t('cli.path_missing', 'en', path=p)}"
                                        for p in missing])
    if not files:
        say("cli.no_files", paths=", ".join(map(str, args.paths)))
        return _empty_summary(args, 0, [])
    result = run_load(args, [Item(f, args.received_at) for f in files], "cli")
    _report(result, args.json)
    return result.exit_code


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Apply the current schema, views and plan files to an existing warehouse (idempotent)."""
    plans, _ = _plans(args)
    try:
        with writing(Path(args.db), plans, "upgrade"):
            pass
    except (WarehouseBusy, WarehouseUnavailable) as exc:
        cannot_write(exc)
        return 1
    say("cli.upgraded", path=args.db)
    return 0


