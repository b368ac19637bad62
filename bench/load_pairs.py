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
import statistics
import time
from pathlib import Path

from bench.load_bench import OUT, DataSet, cli_once, datasets, empty_warehouse

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


def run_once(ds: DataSet, root: Path, empty: Path, group: Path | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one load from root into a copy of empty."""
    # The shell joins the cgroup, then becomes the command: everything it starts is counted.
    via = ("sh", "-c", f'echo $$ > {group}/cgroup.procs && exec "$@"', "sh") if group else ()
    before = _cpu_s(group)
    wall, _ = cli_once(ds, OUT / "pairs.duckdb", root, empty, via)
    time.sleep(0.3)  # the zygote and its workers end when the command's socket closes
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
    roots = (args.before, args.after)
    runs: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for n in range(args.pairs):
        for side in (0, 1) if n % 2 == 0 else (1, 0):
            runs[side].append(run_once(ds, roots[side], empty, group))
    for side, name in enumerate(("before", "after")):
        walls, cpus = [w for w, _ in runs[side]], [c for _, c in runs[side]]
        print(f"{name} ({roots[side]}): wall median {statistics.median(walls):.2f} s "
              f"[{min(walls):.2f}-{max(walls):.2f}], tree CPU median {statistics.median(cpus):.2f} s")
    diffs = [a[0] - b[0] for a, b in zip(runs[0], runs[1], strict=True)]
    print(f"wall, before minus after, pair by pair: median {statistics.median(diffs):+.2f} s")

if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
