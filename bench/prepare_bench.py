"""What one fenced worker spends on each file: prepare() (extract and validate) against the raw parse.

    .venv/bin/python -m bench.prepare_bench [--repeat 5] [--size 1000] [--profile tottime|cumtime]

Every file of the batch (bench.load_bench's 1,000-file set) is prepared in this process, on one core,
after a warm-up round (as in a fenced worker, which prepares many files); each repeat times prepare() and
raw_parse() of every file, the two in turn for each file, so that both meet the same moments of a shared
machine. Medians are printed in ms a file with their ratio, in this process's CPU time (waiting for a core
is not work) and in wall-clock time. --profile runs one round under cProfile instead and prints the top
functions by that key.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.load_bench import datasets, raw_parse
from etl.load.one_file import prepare
from etl.load.prepare import Item
from plan.load import load_plans
from plan.model import Plan


def prepare_all(files: list[Path], plans: dict[str, Plan], default_plan: str) -> None:
    for f in files:
        prepare(Item(f), plans, default_plan)


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def one_round(files: list[Path], plans: dict[str, Plan], default_plan: str) -> tuple[list[float], list[float]]:
    """[CPU, wall] seconds of the raw parse and of prepare over the batch, file by file in turn."""
    raw, prep = [0.0, 0.0], [0.0, 0.0]
    for f in files:
        for total, run in ((raw, partial(raw_parse, [f])), (prep, partial(prepare, Item(f), plans, default_plan))):
            cpu, wall = timed(run)
            total[0] += cpu
            total[1] += wall
    return raw, prep


def measure(files: list[Path], plans: dict[str, Plan], default_plan: str, repeat: int) -> dict[str, float]:
    prepare_all(files, plans, default_plan)  # warm-up: page cache, resolvers, folded-text cache
    raw_parse(files)
    rounds = [one_round(files, plans, default_plan) for _ in range(repeat)]
    n = len(files)
    out: dict[str, float] = {"files": n}
    for i, clock in enumerate(("cpu", "wall")):
        out[f"raw_{clock}_ms"] = 1000 * statistics.median(raw[i] for raw, _ in rounds) / n
        out[f"prepare_{clock}_ms"] = 1000 * statistics.median(prep[i] for _, prep in rounds) / n
        out[f"{clock}_ratio"] = statistics.median(prep[i] / raw[i] for raw, prep in rounds)
    return out


def profile(files: list[Path], plans: dict[str, Plan], default_plan: str, key: str) -> None:
    prepare_all(files, plans, default_plan)
    profiler = cProfile.Profile()
    profiler.runcall(prepare_all, files, plans, default_plan)
    pstats.Stats(profiler).sort_stats(key).print_stats(35)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--size", default="1000")
    ap.add_argument("--profile", choices=("tottime", "cumtime"), default=None)
    args = ap.parse_args()
    ds = datasets([args.size])[0]
    plans = load_plans(ds.plans_dir)
    if args.profile:
        profile(ds.files, plans, ds.plan.plan_id, args.profile)
        return
    r = measure(ds.files, plans, ds.plan.plan_id, args.repeat)
    print(f"{r['files']:.0f} files, one core, medians of {args.repeat}: CPU raw parse {r['raw_cpu_ms']:.2f} ms/file, "
          f"prepare {r['prepare_cpu_ms']:.2f} ms/file, ratio {r['cpu_ratio']:.2f}x; wall {r['raw_wall_ms']:.2f}, "
          f"{r['prepare_wall_ms']:.2f} ms/file, {r['wall_ratio']:.2f}x")


if __name__ == "__main__":
    main()
