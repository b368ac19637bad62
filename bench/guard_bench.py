"""How fast and in how little memory hostile uploads are refused (zip bombs, truncated, oversized files).

    .venv/bin/python -m bench.guard_bench [--repeat 7] [--doc docs/performance.md]

Each file goes through etl.load.prepare.prepare, the step every upload and CLI load takes before the
warehouse is touched; time is the median of the runs, memory the peak of Python allocations.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench.doc import write_doc
from etl.load.prepare import Item, prepare
from plan.load import load_plans
from plan.settings import ROOT
from testkit.workbooks import encrypted_ole, filled, save, truncated, zip_bomb


def _oversized(path: Path) -> Path:
    path.write_bytes(os.urandom(25 * 2**20))
    return path


def cases(folder: Path) -> dict[str, Callable[[], Path]]:
    govap = load_plans(ROOT / "data" / "plans")["govap-2024"]
    return {
        "zip bomb, 300 MB of zeros": lambda: zip_bomb(folder / "bomb300.xlsx", 300),
        "zip bomb, 2 GB of zeros": lambda: zip_bomb(folder / "bomb2g.xlsx", 2048),
        "truncated workbook (half its bytes)": lambda: truncated(filled(govap, "P01", "2024-Q1"), folder / "cut.xlsx"),
        "25 MB file (over the 20 MB limit)": lambda: _oversized(folder / "big.xlsx"),
        "password-protected (OLE) workbook": lambda: encrypted_ole(folder / "locked.xlsx"),
        "good workbook (for comparison)": lambda: save(filled(govap, "P01", "2024-Q1"), folder / "good.xlsx"),
    }


def measure(path: Path, repeat: int) -> tuple[float, float, str]:
    plans = load_plans(ROOT / "data" / "plans")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = prepare(Item(path), plans, "govap-2024")
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    prepare(Item(path), plans, "govap-2024")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    outcome = result.problems[0].code if result.problems else "accepted"
    return statistics.median(times) * 1000, peak / 2**20, outcome


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--doc", type=Path, default=None)
    args = ap.parse_args()
    lines = [f"Median of {args.repeat} runs of `prepare` per file; peak = Python allocations (tracemalloc; "
             "the Rust reader's own buffers are not counted).",
             "", "| file | size on disk | outcome | ms | peak MB |", "|---|---:|---|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases(Path(tmp)).items():
            path = make()
            ms, peak, outcome = measure(path, args.repeat)
            size = path.stat().st_size
            lines.append(f"| {name} | {size / 2**10:,.0f} KB | {outcome} | {ms:.2f} | {peak:.2f} |")
    text = "\n".join(lines)
    print(text)
    if args.doc:
        write_doc(args.doc, text, marker="guard-bench", heading="Hostile files refused before parsing")


if __name__ == "__main__":
    main()
