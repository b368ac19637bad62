"""A load imports only what it needs before its files reach the parse workers, and the workers are started first.

No timings here (bench/load_bench.py --cli measures them): these tests pin what makes the start quick — which
modules are imported, that workers started early take the first files — so that it cannot quietly regress.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from etl.load import fence
from etl.load.fence import Limits, Worker, prestart
from etl.load.files import load_files
from etl.load.prepare import Item
from plan.model import Plan
from plan.settings import ROOT
from testkit.workbooks import filled

HEAVY = ("pandas", "pyarrow", "duckdb", "openpyxl", "bcrypt", "sqlglot", "numpy")


def imported_after(code: str) -> list[str]:
    """The heavy top-level modules a fresh interpreter holds after running code."""
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))\n"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return sorted(set(json.loads(done.stdout)) & set(HEAVY))


def test_the_load_command_hands_files_over_before_importing_the_warehouse() -> None:
    # everything the command runs before Preparer.start: the entry, the parser, the load verb, the preparer
    code = ("from cli.main import command, parser\n"
            "parser().parse_args(['load', 'x'])\n"
            "command('load')\n"
            "import etl.load.files, etl.load.prepare")
    assert imported_after(code) == []


def test_the_command_line_imports_no_verb_before_it_runs() -> None:
    probe = "import json, sys, cli.main\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('cli.'))))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(done.stdout) == ["cli.console", "cli.main", "cli.parser"], done.stderr


def test_a_parse_worker_imports_neither_the_warehouse_nor_pandas() -> None:
    assert imported_after("import etl.load.fence, etl.load.prepare") == []


def test_a_worker_started_early_ends_quietly_when_it_is_never_used() -> None:
    done = subprocess.run([sys.executable, "-m", "etl.load.fence", "etl.load.prepare"], cwd=ROOT,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, b"")


def test_a_worker_started_early_takes_the_first_task() -> None:
    prestart(1, "etl.load.prepare")
    early = fence._SPARE[-1][0].pid
    worker = Worker(Limits.from_settings())
    try:
        assert worker.call(("os:getpid", ())) == early
        assert not fence._SPARE
    finally:
        worker.close()


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
