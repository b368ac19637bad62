"""Load throughput and its ratio to raw python-calamine parse time.

    .venv/bin/python -m bench.load_bench [--repeat 5] [--sizes demo,1000,10000] [--doc docs/performance.md]

Files are generated once under bench/out/ (demo set of the 2024 plan; a 1,000-file batch from a
synthetic plan of 250 wards x 4 periods). Each repeat times, interleaved, the raw parse of every
file (CalamineWorkbook + to_python of every sheet) and an end-to-end load into an existing, empty
warehouse (open, extract, validate, write, close), on one core and on two; medians are reported.
The command-line wall time (process start included) is timed once per size.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import python_calamine as pc

from bench.doc import write_doc
from bench.synth import synthetic_plan, write_plan
from demo.generate import write_demo
from etl.load.fence import FIRST_TASK_LOG
from etl.load.prepare import Item, Preparer
from etl.load.write import load_items
from plan.load import load_plan, load_plans
from plan.model import Plan
from plan.settings import ROOT
from warehouse.db import open_for_writing

OUT = ROOT / "bench" / "out"


@dataclass
class DataSet:
    name: str
    plans_dir: Path
    plan: Plan
    files: list[Path]


def _dataset(name: str, plan: Plan, plans_dir: Path) -> DataSet:
    folder = OUT / f"files-{name}"
    files = sorted(folder.rglob("*.xlsx")) if folder.exists() else []
    if not files:
        write_demo(plan, folder, seed=7)
        files = sorted(folder.rglob("*.xlsx"))
    return DataSet(name, plans_dir, plan, files)


def datasets(sizes: list[str]) -> list[DataSet]:
    base = load_plan(ROOT / "data" / "plans" / "govap-2024.yaml")
    out = []
    if "demo" in sizes:
        out.append(_dataset("demo", base, ROOT / "data" / "plans"))
    for size, wards in (("1000", 250), ("10000", 2500)):  # about four workbooks per ward and year
        if size in sizes:
            plan = synthetic_plan(base, wards)
            folder = OUT / f"plans-{size}"
            write_plan(plan, folder)
            out.append(_dataset(size, plan, folder))
    return out


def raw_parse(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        book = pc.CalamineWorkbook.from_path(str(f))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()
    return time.perf_counter() - start


def load_once(ds: DataSet, db: Path, parallel: bool) -> tuple[float, int]:
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    plans = load_plans(ds.plans_dir)
    open_for_writing(db, plans).close()  # an existing, empty warehouse, as in daily use
    start = time.perf_counter()
    preparer = Preparer(plans, ds.plan.plan_id, len(ds.files) if parallel else 0)
    con = open_for_writing(db, plans)
    result = load_items(con, plans, [Item(f) for f in ds.files], default_plan=ds.plan.plan_id, source="bench",
                        preparer=preparer)
    con.close()
    elapsed = time.perf_counter() - start
    return elapsed, len(result.files) - result.count("rejected")


def cli_once(ds: DataSet, db: Path, root: Path = ROOT, start_from: Path | None = None,
             via: tuple[str, ...] = ()) -> tuple[float, float]:
    """`python -m etl load` on the batch's folder, run from root, into a new warehouse or a copy of start_from,
    through the command via if given (it ends by running its arguments): (wall seconds, process start included;
    seconds from the call until the first fenced worker got its first file)."""
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    if start_from is not None:
        shutil.copyfile(start_from, db)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "first-task"
        env = {**os.environ, FIRST_TASK_LOG: str(log)}
        called = time.time()
        start = time.perf_counter()
        subprocess.run([*via, sys.executable, "-m", "etl", "load", str(ds.files[0].parent.parent), "--db", str(db),
                        "--plans", str(ds.plans_dir), "--plan", ds.plan.plan_id],
                       cwd=root, capture_output=True, check=False, env=env)
        wall = time.perf_counter() - start
        first = min(float(line) for line in log.read_text("ascii").split()) - called if log.exists() else math.nan
    return wall, first


def empty_warehouse(ds: DataSet, db: Path, root: Path = ROOT) -> Path:
    """A warehouse as in daily use before the batch: schema, views and plans in place, no report (made by root's
    own code, so that its command finds nothing to set up)."""
    db.unlink(missing_ok=True)
    code = ("import sys; from pathlib import Path; from plan.load import load_plans; "
            "from warehouse.db import open_for_writing; "
            "open_for_writing(Path(sys.argv[1]), load_plans(Path(sys.argv[2]))).close()")
    subprocess.run([sys.executable, "-c", code, str(db), str(ds.plans_dir)], cwd=root, check=True)
    return db


def measure_cli(ds: DataSet, repeat: int, root: Path = ROOT) -> dict[str, float]:
    """The command line end to end against the raw parse run beside it, interleaved (`--cli`): into a new warehouse,
    and into one already holding the schema and plans (daily use)."""
    db = OUT / f"bench-cli-{ds.name}.duckdb"
    empty = empty_warehouse(ds, OUT / f"bench-cli-{ds.name}-empty.duckdb", root)
    raw_parse(ds.files)  # warm the page cache
    raws, walls, kept, firsts = [], [], [], []
    for _ in range(repeat):
        raws.append(raw_parse(ds.files))
        wall, first = cli_once(ds, db, root)
        walls.append(wall)
        firsts.append(first)
        kept.append(cli_once(ds, db, root, empty)[0])
    n = len(ds.files)
    return {"files": n, "raw_ms_per_file": 1000 * statistics.median(raws) / n,
            "cli_ms_per_file": 1000 * statistics.median(walls) / n,
            "cli_ratio": statistics.median(w / r for w, r in zip(walls, raws, strict=True)),
            "kept_ms_per_file": 1000 * statistics.median(kept) / n,
            "kept_ratio": statistics.median(w / r for w, r in zip(kept, raws, strict=True)),
            "first_file_s": statistics.median(firsts), "first_file_max_s": max(firsts)}


def cli_table(results: dict[str, dict[str, float]], repeat: int) -> str:
    lines = [f"`python -m etl load DIR`, process start included; medians of {repeat} runs, each pair beside a raw "
             "parse of the same files (ratio: median of each run over its raw parse). New: into a new warehouse "
             "(the command creates its schema and views and writes the plan first). Daily use: into a warehouse "
             "already holding them, no report yet. First file (new warehouse): from the call until a fenced worker "
             "receives its first file.",
             "",
             "| batch | files | raw parse ms/file | CLI ms/file, new | ratio, new | CLI ms/file, daily use "
             "| ratio, daily use | first file s (median, max) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['files']:.0f} | {r['raw_ms_per_file']:.2f} | {r['cli_ms_per_file']:.2f} | "
                     f"{r['cli_ratio']:.2f}x | {r['kept_ms_per_file']:.2f} | {r['kept_ratio']:.2f}x | "
                     f"{r['first_file_s']:.2f}, {r['first_file_max_s']:.2f} |")
    return "\n".join(lines)


def measure(ds: DataSet, repeat: int) -> dict[str, float]:
    db = OUT / f"bench-{ds.name}.duckdb"
    raws: list[float] = []
    loads: dict[bool, list[float]] = {False: [], True: []}
    raw_parse(ds.files)  # warm the page cache
    for _ in range(repeat):
        raws.append(raw_parse(ds.files))
        for parallel in (False, True):
            loads[parallel].append(load_once(ds, db, parallel)[0])
    n = len(ds.files)
    raw = statistics.median(raws)
    out: dict[str, float] = {"files": n, "raw_s": raw, "raw_ms_per_file": 1000 * raw / n}
    for parallel, times in loads.items():
        tag = "par" if parallel else "one"
        load = statistics.median(times)
        # The machine is a VM with noisy neighbours: each load is compared with the parse run beside it.
        out[f"{tag}_ratio"] = statistics.median(lo / ra for lo, ra in zip(times, raws, strict=True))
        out[f"{tag}_ms_per_file"], out[f"{tag}_files_per_s"] = 1000 * load / n, n / load
    out["cli_s"] = cli_once(ds, db)[0]
    out["cli_files_per_s"] = n / out["cli_s"]
    return out


def table(results: dict[str, dict[str, float]], repeat: int) -> str:
    lines = [f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"{len(__import__('os').sched_getaffinity(0))} cores; medians of {repeat} interleaved runs "
             "(ratio: median of each load over the raw parse run next to it). One core: load_items in this "
             "process; two cores: extract+validate in two forked workers (the CLI's path for 64 files or more).",
             "",
             "| batch | files | raw parse ms/file | load ms/file, 1 core | ratio, 1 core | load ms/file, 2 cores "
             "| load files/s, 2 cores | ratio, 2 cores | CLI wall s, process start included (files/s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['files']:.0f} | {r['raw_ms_per_file']:.2f} | {r['one_ms_per_file']:.2f} | "
                     f"{r['one_ratio']:.2f}x | {r['par_ms_per_file']:.2f} | {r['par_files_per_s']:.0f} | "
                     f"{r['par_ratio']:.2f}x | {r['cli_s']:.1f} ({r['cli_files_per_s']:.0f}) |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="demo,1000")
    ap.add_argument("--doc", type=Path, default=None)
    ap.add_argument("--cli", action="store_true", help="only the command line end to end, and its first file")
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout whose command line --cli runs (before/after)")
    args = ap.parse_args()
    sets = datasets(args.sizes.split(","))
    if args.cli:
        text = cli_table({ds.name: measure_cli(ds, args.repeat, args.root) for ds in sets}, args.repeat)
    else:
        text = table({ds.name: measure(ds, args.repeat) for ds in sets}, args.repeat)
    print(text)
    if args.doc:
        write_doc(args.doc, text, *(("load-cli-bench", "Command line: first file and end to end") if args.cli else ()))


if __name__ == "__main__":
    main()
