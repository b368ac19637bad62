"""How fast and in how little memory hostile uploads are refused (zip bombs, truncated, oversized files).

    .venv/bin/python -m bench.guard_bench [--repeat 7] [--doc docs/performance.md]

Each file goes through etl.load.one_file.prepare, the step every upload and CLI load takes before the
warehouse is touched; time is the median of the runs, memory the peak of Python allocations.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench.doc import write_doc
from etl.load.one_file import prepare
from etl.load.prepare import Item
from plan.load import load_plans
from plan.settings import ROOT
from testkit.hostile import late_doctype, shared_strings_count, slow_sheet, utf16_doctype, write
from testkit.workbooks import encrypted_ole, filled, save, truncated, xlsx_bytes, zip_bomb

FENCED = '''
import sys
from pathlib import Path
from etl.load.prepare import Item, Preparer
from plan.load import load_plans
from plan.settings import ROOT
plans = load_plans(ROOT / "data" / "plans")
with Preparer(plans, "govap-2024", 1) as preparer:
    result = next(iter(preparer.each([[Item(Path(sys.argv[1]))]])))[0]
print(result.problems[0].code if result.problems else "accepted")
'''


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


def hostile_cases(folder: Path) -> dict[str, Callable[[], Path]]:
    govap = load_plans(ROOT / "data" / "plans")["govap-2024"]
    good = xlsx_bytes(filled(govap, "P01", "2024-Q1"))
    return {
        "shared strings declaring 4e9": lambda: write(folder / "sst.xlsx", shared_strings_count(good, 4 * 10**9)),
        "shared strings declaring 2**63-1": lambda: write(folder / "sst63.xlsx", shared_strings_count(good, 2**63 - 1)),
        "DOCTYPE after 70 kB of comment": lambda: write(folder / "late.xlsx", late_doctype(good)),
        "DOCTYPE in a UTF-16 part": lambda: write(folder / "u16.xlsx", utf16_doctype(good)),
        "10,000,000 unplaced cells (CPU)": lambda: write(folder / "slow.xlsx", slow_sheet(good)),
    }


def measure_fenced(path: Path) -> tuple[float, float, str]:
    """Wall time of a one-file load in a fresh process, and the peak resident memory of it and its worker."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", FENCED, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start) * 1000, usage.ru_maxrss / 2**10, out.strip()


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


def fenced_lines(folder: Path) -> list[str]:
    lines = ["", "Through the fence: one-file load in a fresh process (worker start included); peak = largest "
             "resident memory of the loader or its worker (wait4).",
             "", "| file | size on disk | outcome | ms | peak MB |", "|---|---:|---|---:|---:|"]
    for name, make in hostile_cases(folder).items():
        path = make()
        ms, peak, outcome = measure_fenced(path)
        lines.append(f"| {name} | {path.stat().st_size / 2**10:,.0f} KB | {outcome} | {ms:,.0f} | {peak:,.0f} |")
    return lines


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
        lines += fenced_lines(Path(tmp))
    text = "\n".join(lines)
    print(text)
    if args.doc:
        write_doc(args.doc, text, marker="guard-bench", heading="Hostile files refused before parsing")


if __name__ == "__main__":
    main()
