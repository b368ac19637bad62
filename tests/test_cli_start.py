"""A load imports only what it needs before its files reach the parse workers, and the workers are started first.

No timings here (bench/load_bench.py --cli measures them): these tests pin what makes the start quick — which
modules are imported, that workers started early take the first files — so that it cannot quietly regress.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from etl.load import fence
from etl.load.fence import Limits, Worker, prestart
from etl.load.files import load_files
from etl.load.prepare import Item
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import filled

HEAVY = ("pandas", "pyarrow", "duckdb", "openpyxl", "bcrypt", "sqlglot", "numpy")


def imported_after(code: str, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The watched modules (or packages) a fresh interpreter holds after running code."""
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    held = json.loads(done.stdout)
    return sorted(w for w in watched if any(m == w or m.startswith(f"{w}.") for m in held))


# everything the load command runs before Preparer.start: the entry, the parser, the load verb, the preparer
LOAD_START = ("from cli.main import command, parser\n"
              "parser().parse_args(['load', 'x'])\n"
              "command('load')\n"
              "import etl.load.files, etl.load.prepare")


def test_the_load_command_hands_files_over_before_importing_the_warehouse() -> None:
    assert imported_after(LOAD_START) == []


def test_the_load_command_hands_files_over_before_reading_plans_or_workbooks() -> None:
    # the plan model (yaml, pydantic) and the parse modules load beside the workers' first files, not before
    assert imported_after(LOAD_START, ("yaml", "pydantic", "plan.model", "python_calamine", "etl.validate")) == []


def test_the_command_line_imports_no_verb_before_it_runs() -> None:
    probe = "import json, sys, cli.main\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('cli.'))))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout) == ["cli.console", "cli.main", "cli.parser"], done.stderr


def test_a_parse_worker_imports_neither_the_warehouse_nor_pandas() -> None:
    assert imported_after(f"import etl.load.fence, {fence.PRELOAD}") == []


def test_the_command_lines_zygote_leaves_the_plan_model_to_its_workers() -> None:
    # its workers start reading sooner; each imports pydantic when its plans arrive
    assert imported_after(f"import etl.load.fence, {fence.PRELOAD_START}", ("pydantic", "yaml", "plan.model")) == []


OWED_PROBE = """
import json, sys
from pathlib import Path
import etl.load.fence as fence
from etl.load.one_file import init_worker, prepare_in_worker
from etl.load.prepare import Item
seen = ["plan.model" in sys.modules]
def setup():
    seen.append("plan.model" in sys.modules)
    from plan.load import load_plans
    init_worker(load_plans(Path(sys.argv[2])), "govap-2024")
fence._OWED.append(setup)
result = prepare_in_worker(Item(Path(sys.argv[1])))
print(json.dumps({"model_when_file_came": seen[0], "model_when_plans_came": seen[1],
                  "problems": [p.code for p in result.problems]}))
"""


def test_a_worker_waiting_for_its_plans_imports_their_model_meanwhile(tmp_path: Path, govap: Plan) -> None:
    """The command line's workers start without the plan model (they begin reading sooner); a worker whose plans
    are still on their way imports it after its first file, while it waits, not once they have come."""
    path = tmp_path / "P01.xlsx"
    filled(govap, "P01", "2024-Q1").save(path)
    done = subprocess.run([sys.executable, "-c", OWED_PROBE, str(path), str(ROOT / "data" / "plans")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"model_when_file_came": False, "model_when_plans_came": True, "problems": []}


def test_a_command_line_load_checks_every_file_against_the_plans_sent_late(tmp_path: Path, govap: Plan) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for unit in ("P01", "P03"):
        filled(govap, unit, "2024-Q1").save(inbox / f"{unit}.xlsx")
    filled(govap, "P04", "2024-Q1", values={"CT1": ("bốn mươi", 30, 18, 2)}).save(inbox / "P04.xlsx")  # refused
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(inbox), "--db", str(tmp_path / "w.duckdb"),
                           "--plans", str(ROOT / "data" / "plans"), "--json"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    summary = json.loads(done.stdout)
    assert done.returncode == 1 and summary["counts"] == {"loaded": 2, "new_version": 0, "duplicate": 0,
                                                          "rejected": 1}, done.stderr
    refused = next(f for f in summary["files"] if f["outcome"] == "rejected")
    assert refused["file_name"] == "P04.xlsx" and refused["problems"], refused


def _gone(pid: int, wait_s: float = 20) -> bool:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":  # ended, not yet reaped by whoever adopted it
            return True
        time.sleep(0.05)
    return False


def test_a_zygote_started_early_ends_quietly_with_its_command() -> None:
    code = ("from etl.load import fence\nfence.prestart()\nz = fence._zygote()\n"
            "print(z.proc.pid, z.fork([0, 1, 2])[0], flush=True)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=120)
    zygote, worker = map(int, done.stdout.split())
    assert (done.returncode, done.stderr) == (0, b"")
    assert _gone(zygote) and _gone(worker)


def _zygote_of(code: str) -> tuple[str, bytes, bytes]:
    """Run code, then prestart(), in a fresh interpreter: how its zygote was made, the command line of the
    zygote's process and that of a worker it forks (as /proc shows them)."""
    probe = (f"{code}\nfrom etl.load import fence\nfence.prestart()\nz = fence._zygote()\n"
             "import os\nr, keep = os.pipe()\nw = z.fork([r, 2, 2])[0]\n"  # it waits on r until this ends
             "print(type(z.proc).__name__, open(f'/proc/{z.proc.pid}/cmdline', 'rb').read().hex(),"
             " open(f'/proc/{w}/cmdline', 'rb').read().hex(), flush=True)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    kind, zygote, worker = done.stdout.split()
    return kind, bytes.fromhex(zygote), bytes.fromhex(worker)


def test_a_command_that_has_no_thread_yet_forks_its_zygote_instead_of_starting_an_interpreter() -> None:
    kind, zygote, worker = _zygote_of("pass")
    assert kind == "_Child"
    assert zygote == worker and b"etl.load.fence" not in zygote and b"prestart" in zygote  # the command's own


def test_a_process_with_threads_starts_its_zygote_by_exec() -> None:
    threaded = "import threading\nthreading.Thread(target=threading.Event().wait, daemon=True).start()"
    native = "import duckdb\ncon = duckdb.connect()"  # threads threading does not count
    for code in (threaded, native):
        kind, zygote, worker = _zygote_of(code)
        assert kind == "Popen" and b"etl.load.fence\x00--zygote" in zygote and zygote == worker


def test_a_forked_zygote_that_dies_is_reaped_and_replaced() -> None:
    code = ("import os, signal, time\nfrom etl.load import fence\nfence.prestart()\nz = fence._zygote()\n"
            "os.kill(z.proc.pid, signal.SIGKILL)\ndeadline = time.monotonic() + 20\n"
            "while z.alive and time.monotonic() < deadline:\n    time.sleep(0.02)\n"
            "gone = not os.path.exists(f'/proc/{z.proc.pid}')\n"  # reaped: not even a zombie is left
            "r, keep = os.pipe()\nnew = fence._zygote()\nworker = new.fork([r, 2, 2])[0]\n"
            "print(z.alive, z.proc.returncode, gone, new is not z, worker > 0, flush=True)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "-9", "True", "True", "True"]


def test_workers_are_forked_fresh_for_each_load_by_the_zygote_started_early() -> None:
    prestart()
    zygote = fence._zygote().proc.pid
    first, second = Worker(Limits.from_settings()), Worker(Limits.from_settings())
    try:
        pids = [(w.call(("os:getpid", ())), w.call(("os:getppid", ()))) for w in (first, second)]
        assert pids[0][1] == pids[1][1] == zygote and pids[0][0] != pids[1][0] != zygote
    finally:
        first.close()
        second.close()


def test_files_started_before_the_warehouse_opens_are_loaded(tmp_path: Path, govap: Plan,
                                                             all_plans: dict[str, Plan]) -> None:
    paths = []
    for unit in ("P01", "P03"):
        path = tmp_path / f"{unit}.xlsx"
        filled(govap, unit, "2024-Q1").save(path)
        paths.append(path)
    result = load_files(tmp_path / "w.duckdb", all_plans, [Item(p) for p in paths], default_plan=govap.plan_id,
                        source="test")
    assert [(f.unit_code, f.outcome) for f in result.files] == [("P01", "loaded"), ("P03", "loaded")]


def test_a_load_whose_plans_cannot_be_read_stops_its_started_workers_and_writes_nothing(tmp_path: Path,
                                                                                        govap: Plan) -> None:
    """The workers already hold the files when the plans turn out unreadable: the command still says why,
    exits 2 without a warehouse, and leaves no process behind (the run would wait for its output pipes)."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.yaml").write_text("plan_id: [\n", encoding="utf-8")
    inbox = tmp_path / "in"
    inbox.mkdir()
    for unit in ("P01", "P03"):
        filled(govap, unit, "2024-Q1").save(inbox / f"{unit}.xlsx")
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(inbox), "--db", str(tmp_path / "w.duckdb"),
                           "--plans", str(plans)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "YAML syntax error" in done.stderr, done.stderr
    assert not (tmp_path / "w.duckdb").exists()


ENTRY_ENV = ("import os, runpy, sys\n"
             "sys.argv = ['etl', '--help']\n"
             "try:\n    runpy.run_module('etl', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(os.environ.get('OPENBLAS_NUM_THREADS'))\n")


def test_a_command_starts_no_openblas_thread_pool_unless_asked() -> None:
    """No command does linear algebra: NumPy's OpenBLAS gets one thread instead of one per core, while a value
    the caller set is kept."""
    base = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    envs = (base, {**base, "OPENBLAS_NUM_THREADS": "3"})
    runs = [subprocess.run([sys.executable, "-c", ENTRY_ENV], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env=env, check=True).stdout.split()[-1] for env in envs]
    assert runs == ["1", "3"]
