"""python -m etl load: only what a load needs is imported, so the workers get the first file soon after the call.

The warehouse's modules (duckdb, numpy) are imported by etl.load.files once the workers have started.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.console import plans_of, say
from etl.extract.discover import discover
from etl.load.files import load_files
from etl.load.prepare import Item, Preparer
from etl.load.result import LoadResult, LoadStopped
from i18n import t
from i18n.phrases import Phrase
from warehouse.lock import WarehouseBusy, WarehouseUnavailable, WriterBusy

if TYPE_CHECKING:
    from plan.model import Plan


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


def run_load(args: argparse.Namespace, items: list[Item], source: str,
             more_plans: dict[str, Plan] | None = None) -> LoadResult:
    """Load the items into --db; more_plans: plans beyond --plans the files may belong to (the demo's later years).

    The workers are started on the files first, and begin reading them while this process reads the plans
    (yaml, pydantic) they will be checked against: the plans reach each worker when it first needs them."""
    preparer = Preparer(None, "", len(items))
    try:
        preparer.start(items)
        plans, plan = plans_of(args)
    except BaseException:
        preparer.__exit__()  # its pool voids the promise of plans: no worker waits for them
        raise
    plans = plans | (more_plans or {})
    preparer.plans_known(plans, plan.plan_id)
    given = getattr(args, "received_at", None)
    note = Phrase("audit.note.received_at", {"at": given.isoformat()}) if given and source == "cli" else None
    try:
        return load_files(Path(args.db), plans, items, default_plan=plan.plan_id, source=source,
                          loaded_by=getattr(args, "by", None), note=note, progress=_progress, started=preparer)
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


