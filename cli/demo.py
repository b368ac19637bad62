"""python -m etl demo: write the demo year's workbooks and load them through the normal path."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.console import say
from cli.load import run_load
from demo.generate import return_demo, write_demo
from etl.load.prepare import Item
from plan.load import load_plans
from plan.settings import settings


def cmd_demo(args: argparse.Namespace) -> int:
    plans = load_plans(args.plans)
    plan = plans.get(args.plan or settings().default_plan) or next(iter(plans.values()))
    out = args.out or settings().demo_dir
    files = write_demo(plan, out, args.seed)
    say("cli.demo_written", n=len(files), path=out)
    db = Path(args.db)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    result = run_load(args, [Item(f.path, f.received_at) for f in files], "demo")
    return_demo(db, plans, plan)
    say("cli.summary", files=len(result.files), loaded=result.count("loaded"),
        new_version=result.count("new_version"), duplicate=result.count("duplicate"),
        rejected=result.count("rejected"))
    expected_rejections = 1
    return 0 if result.count("rejected") == expected_rejections else 1
