"""The same-period comparison's cost: the pages with and without an earlier plan year, and the demo with its 2025.

    .venv/bin/python -m bench.same_period_bench [--db data/warehouse.duckdb] [--repeat 5] [--doc docs/performance.md]

Pages: server script time through AppTest (as bench.pages_bench), cold and median warm, for the 2024 plan (no
earlier year: the comparison costs one empty query) and the demo's 2025 first half (mapped through the crosswalk).
Demo: `python -m etl demo` into a temporary folder, once with the 2024 year alone (GEPM_DEMO_PLANS empty) and
once as shipped; wall time and the CPU time of the command and its workers (on a shared machine the CPU time is
the steadier figure).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.doc import write_doc
from bench.pages_bench import server_times
from plan.settings import ROOT, settings

PAGES = ("overview", "target", "participation", "report")
PLANS = (("govap-2024", "2024-H1"), ("example-govap-2025h1", "2025-H1"))


def demo_times(with_2025: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one `python -m etl demo` into a fresh folder."""
    folder = Path(tempfile.mkdtemp())
    env = {**os.environ, **({} if with_2025 else {"GEPM_DEMO_PLANS": ""})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "etl", "demo", "--db", str(folder / "w.duckdb"), "--out",
                    str(folder / "demo")], cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def table(db: Path, pages: dict[tuple[str, str], tuple[float, float]], demo: dict[bool, tuple[float, float]],
          repeat: int) -> str:
    lines = [f"Warehouse: `{db.name}` (the demo); medians of {repeat} warm runs.", "",
             "| page | plan, period | server script, cold (ms) | server script, warm (ms) |", "|---|---|---:|---:|"]
    for (page, plan), (cold, warm) in pages.items():
        lines.append(f"| {page} | {plan} | {cold * 1000:.0f} | {warm * 1000:.0f} |")
    lines += ["", "| `python -m etl demo` | files | wall (s) | CPU, command and workers (s) |", "|---|---:|---:|---:|"]
    for with_2025, files in ((False, 120), (True, 172)):
        wall, cpu = demo[with_2025]
        lines.append(f"| {'2024 and 2025-H1' if with_2025 else '2024 alone'} | {files} | {wall:.1f} | {cpu:.1f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--doc", type=Path, default=None)
    args = ap.parse_args()
    os.environ["GEPM_DB"] = str(args.db)
    os.environ.setdefault("GEPM_DEMO", "1")  # the demo warehouse, read as `make run` serves it
    settings.cache_clear()
    pages = {(page, f"{plan}, {period}"): server_times(page, args.repeat, {"plan_id": plan, "period_code": period})
             for page in PAGES for plan, period in PLANS}
    demo = {with_2025: demo_times(with_2025) for with_2025 in (False, True)}
    text = table(args.db, pages, demo, args.repeat)
    print(text)
    if args.doc:
        write_doc(args.doc, text, "same-period-bench", "Same period of an earlier plan year: pages and demo")


if __name__ == "__main__":
    main()
