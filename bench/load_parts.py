"""Parts of a command-line load measured on their own, over the 1,000-file batch of bench.load_bench.

    .venv/bin/python -m bench.load_parts [--repeat 3]

- unpickle: a worker's result (etl.load.prepare.FileResult) read back from its pickle, as the command does for
  every file, in ms a file (medians; one process, nothing else running);
- part checks: etl.extract.prolog.check_parts over every workbook, once forgetting between workbooks the parts
  that passed and once remembering them as a worker does, the sheets inflated beforehand as the later checks
  need them anyway (ms a workbook);
- reader: python-calamine's parse of every sheet (as bench.load_bench.raw_parse reads them) of a workbook as it
  came, of the copy whose inflated parts are stored (etl.extract.parts.PartsOnce.inflated_copy), and of that copy
  with each worksheet's empty list of merged cells first (etl.extract.workbook._merges_first), interleaved;
  and the time to make the last copy (ms a workbook);
- exit: how long a process that imported what a load imports takes to end after its last output, by the usual
  exit and by etl.__main__.leave (ms, timed from the outside);
- floor: the batch prepared by two fenced workers with no warehouse at all (ms a file, wall), beside the raw
  parse of the same files: what a load would take if the command cost nothing.
"""

from __future__ import annotations

import argparse
import io
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

import python_calamine as pc

from bench.load_bench import datasets, raw_parse
from etl.extract import prolog
from etl.extract.parts import PartsOnce
from etl.extract.workbook import _merges_first
from etl.load.one_file import prepare
from etl.load.prepare import Item, Preparer
from plan.load import load_plans
from plan.model import Plan
from plan.settings import ROOT

LOAD_IMPORTS = "import cli.main, cli.load, etl.load.write, etl.load.files, plan.load, warehouse.db, warehouse.snapshots"


def unpickle_ms(files: list[Path], plans: dict[str, Plan], plan_id: str, repeat: int) -> float:
    blobs = [pickle.dumps(prepare(Item(f), plans, plan_id), pickle.HIGHEST_PROTOCOL) for f in files]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for blob in blobs:
            pickle.loads(blob)
        runs.append(time.perf_counter() - start)
    return 1000 * statistics.median(runs) / len(files)


def part_checks_ms(files: list[Path], remember: bool, repeat: int) -> float:
    datas = [f.read_bytes() for f in files]
    runs = []
    for _ in range(repeat):
        archives = [PartsOnce(d) for d in datas]
        for archive in archives:  # the sheets, which the size and formula checks read after these
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/"):
                    archive.read(info)
        prolog._PASSED.clear()
        start = time.perf_counter()
        for archive in archives:
            if not remember:
                prolog._PASSED.clear()
            prolog.check_parts(archive)
        runs.append(time.perf_counter() - start)
    return 1000 * statistics.median(runs) / len(files)


def _parse(data: bytes) -> None:
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    book.close()


def reader_ms(files: list[Path], repeat: int) -> dict[str, float]:
    """ms a workbook: the reader's parse of the file, of its inflated copy, of the copy with merges first; and
    making that copy after the part checks."""
    datas = [f.read_bytes() for f in files]
    archives = [PartsOnce(d) for d in datas]
    for archive in archives:
        prolog.check_parts(archive)
    stored = [a.inflated_copy() for a in archives]
    amended = [a.inflated_copy(_merges_first) for a in archives]
    if any(c is None for c in stored + amended):
        raise SystemExit("a workbook of the batch had no copy")
    runs: dict[str, list[float]] = {"file": [], "stored": [], "merges first": [], "copy": []}
    for _ in range(repeat):
        for key, work in (("file", lambda: [_parse(d) for d in datas]),
                          ("stored", lambda: [_parse(c) for c in stored]),  # type: ignore[arg-type]
                          ("merges first", lambda: [_parse(c) for c in amended]),  # type: ignore[arg-type]
                          ("copy", lambda: [a.inflated_copy(_merges_first) for a in archives])):
            start = time.process_time()
            work()
            runs[key].append(time.process_time() - start)
    return {key: 1000 * statistics.median(r) / len(files) for key, r in runs.items()}


def exit_ms(leave: bool, repeat: int) -> float:
    end = "from etl.__main__ import leave; leave(0)" if leave else "sys.exit(0)"
    code = f"import sys, time\n{LOAD_IMPORTS}\nprint(time.time(), flush=True)\n{end}\n"
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(time.time() - float(done.stdout.split()[0]))
    return 1000 * statistics.median(runs)


def floor_ms(files: list[Path], plans: dict[str, Plan], plan_id: str, repeat: int) -> tuple[float, float]:
    """(two workers, no warehouse; raw parse), wall ms a file, medians of interleaved runs."""
    pooled, raws = [], []
    for _ in range(repeat):
        raws.append(raw_parse(files))
        start = time.perf_counter()
        with Preparer(plans, plan_id, len(files)) as preparer:
            sum(len(chunk) for chunk in preparer.each([[Item(f) for f in files]]))
        pooled.append(time.perf_counter() - start)
    return 1000 * statistics.median(pooled) / len(files), 1000 * statistics.median(raws) / len(files)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ds = datasets(["1000"])[0]
    plans = load_plans(ds.plans_dir)
    n = args.repeat
    print(f"unpickle: {unpickle_ms(ds.files[:400], plans, ds.plan.plan_id, n):.3f} ms a file")
    print(f"part checks: {part_checks_ms(ds.files[::4], False, n):.3f} ms a workbook forgetting, "
          f"{part_checks_ms(ds.files[::4], True, n):.3f} remembering")
    reader = reader_ms(ds.files[:400], n)
    print("reader: " + ", ".join(f"{key} {ms:.3f}" for key, ms in reader.items()) + " ms a workbook (CPU)")
    print(f"exit: {exit_ms(False, n):.0f} ms by the usual exit, {exit_ms(True, n):.0f} ms by leave()")
    pooled, raw = floor_ms(ds.files, plans, ds.plan.plan_id, n)
    print(f"floor: {pooled:.2f} ms a file by two workers without a warehouse, raw parse {raw:.2f} "
          f"({pooled / raw:.2f}x)")


if __name__ == "__main__":
    main()
