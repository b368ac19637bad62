"""Before and after: `python -m etl load` of the 1,000-file batch from two checkouts, alternated.

    .venv/bin/python -m bench.load_pairs BEFORE_ROOT AFTER_ROOT [--pairs 15]

Each run loads the batch into a copy of a warehouse as in daily use (bench.load_bench's), process start
included. The machine's speed moves more within minutes than most changes do, so the two checkouts take turns
and the medians are compared. Besides the wall time, the CPU of the whole process tree is read from a cgroup
(v1 cpuacct, as root): the command's parse workers are forked by its zygote, not waited for by it, so
getrusage does not see them. Without such a cgroup only the wall time is given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.load_bench import OUT, datasets, empty_warehouse

CGROUP = Path("/sys/fs/cgroup/cpuacct/gepm-bench")


def _cgroup() -> Path | None:
    try:
        CGROUP.mkdir(exist_ok=True)
        (CGROUP / "cpuacct.usage").read_text("ascii")
    except OSError:
        return None
    return CGROUP


def _cpu_s(group: Path | None) -> float:
    return int((group / "cpuacct.usage").read_text("ascii")) / 1e9 if group else float("nan")


def run_once(root: Path, folder: Path, plans_dir: Path, plan_id: str, empty: Path, group: Path | None
             ) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one load from root."""
    db = OUT / "pairs.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(empty, db)
    command = [sys.executable, "-m", "etl", "load", str(folder), "--db", str(db), "--plans", str(plans_dir),
               "--plan", plan_id]
    if group:  # the shell joins the cgroup, then becomes the command: everything it starts is counted
        command = ["sh", "-c", f'echo $$ > {group}/cgroup.procs && exec "$@"', "sh", *command]
    before, start = _cpu_s(group), time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, check=False)
    wall = time.perf_counter() - start
    time.sleep(0.3)  # the zygote and its workers end when the command's socket closes
    if done.returncode != 0:
        raise SystemExit(f"{root}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-400:]}")
    return wall, _cpu_s(group) - before


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--pairs", type=int, default=15)
    args = ap.parse_args()
    ds = datasets(["1000"])[0]
    empty = empty_warehouse(ds, OUT / "pairs-empty.duckdb")
    group = _cgroup()
    runs: dict[Path, list[tuple[float, float]]] = {args.before: [], args.after: []}
    for n in range(args.pairs):
        for root in (args.before, args.after) if n % 2 == 0 else (args.after, args.before):
            runs[root].append(run_once(root, ds.files[0].parent.parent, ds.plans_dir, ds.plan.plan_id, empty, group))
    for name, root in (("before", args.before), ("after", args.after)):
        walls, cpus = [w for w, _ in runs[root]], [c for _, c in runs[root]]
        print(f"{name} ({root}): wall median {statistics.median(walls):.2f} s "
              f"[{min(walls):.2f}-{max(walls):.2f}], tree CPU median {statistics.median(cpus):.2f} s")
    diffs = [a[0] - b[0] for a, b in zip(runs[args.before], runs[args.after], strict=True)]
    print(f"wall, before minus after, pair by pair: median {statistics.median(diffs):+.2f} s")


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
