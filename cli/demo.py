"""python -m etl demo: write the demo years' workbooks and load them through the normal path."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.console import say
from cli.load import run_load
from demo.generate import DemoFile, Sizes, return_demo, write_demo
from demo.next_year import write_next_year
from etl.load.prepare import Item
from plan.load import load_plan, load_plans
from plan.model import Plan
from plan.settings import settings


def later_years(plans: dict[str, Plan], plan: Plan) -> dict[str, Plan]:
    """The demo's other plan years (settings().demo_plans) after the plan's, unless --plans already has them."""
    found = (load_plan(p) for p in settings().demo_plans if p.is_file())
    return {p.plan_id: p for p in found if p.plan_id not in plans and p.year > plan.year}


def write_years(plan: Plan, later: dict[str, Plan], out: Path, seed: int) -> list[DemoFile]:
    """The plan's year, then each later year on its own units, their head-counts carried from the plan's."""
    sizes: Sizes = {}
    files = write_demo(plan, out, seed, sizes)
    for n, other in enumerate(later.values(), start=1):
        files += write_next_year(other, plan, sizes, out, seed + n)
    return sorted(files, key=lambda f: f.received_at)


def cmd_demo(args: argparse.Namespace) -> int:
    plans = load_plans(args.plans)
    plan = plans.get(args.plan or settings().default_plan) or next(iter(plans.values()))
    later = later_years(plans, plan)
    out = args.out or settings().demo_dir
    files = write_years(plan, later, out, args.seed)
    say("cli.demo_written", n=len(files), path=out)
    db = Path(args.db)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    result = run_load(args, [Item(f.path, f.received_at) for f in files], "demo", later)
    return_demo(db, plans | later, plan)
    say("cli.summary", files=len(result.files), loaded=result.count("loaded"),
        new_version=result.count("new_version"), duplicate=result.count("duplicate"),
        rejected=result.count("rejected"))
    expected_rejections = 1
    return 0 if result.count("rejected") == expected_rejections else 1
