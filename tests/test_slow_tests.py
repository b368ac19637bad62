"""The inner loop's list of slow tests: read from pytest's durations, naming tests that exist, and applied."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from plan.settings import ROOT
from testkit import slow_tests

DURATIONS = """
============================= slowest durations ==============================
13.03s setup    tests/test_access.py::test_with_accounts_nothing_shows_before_sign_in
8.60s call     tests/test_portable_property.py::test_portable_queries_equal_the_views
1.00s call     tests/test_cli.py::test_received_at_in_utc[2024-03-05T17:00:00Z-late]
0.99s call     tests/test_cli.py::test_load_json_summary
2.10s teardown tests/test_one_writer.py::test_a_killed_loaders_record_is_closed_as_interrupted
==================== 4418 passed in 239.12s (0:03:59) ====================
"""


def test_the_list_is_read_from_the_calls_in_a_durations_report() -> None:
    assert slow_tests.slow_ids(DURATIONS, threshold_s=1.0) == [
        "tests/test_cli.py::test_received_at_in_utc[2024-03-05T17:00:00Z-late]",
        "tests/test_portable_property.py::test_portable_queries_equal_the_views"]
    assert slow_tests.slow_ids(DURATIONS, threshold_s=5) == [
        "tests/test_portable_property.py::test_portable_queries_equal_the_views"]


def test_every_listed_test_is_a_test_of_the_suite() -> None:
    listed = slow_tests.read()
    assert len(listed) > 10
    defined: dict[str, set[str]] = {}
    for node in sorted(listed):
        path, _, name = node.partition("::")
        if path not in defined:
            tree = ast.parse((ROOT / path).read_text("utf-8"))
            defined[path] = {f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)}
        assert re.sub(r"\[.*\]$", "", name) in defined[path], node


def test_the_listed_tests_are_left_out_of_the_inner_loop_only() -> None:
    listed = sorted(n for n in slow_tests.read() if n.startswith("tests/test_void.py::"))
    assert listed

    def collected(marks: str) -> set[str]:
        done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                               "-m", marks, "tests/test_void.py"], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
        return {line for line in done.stdout.splitlines() if line.startswith("tests/")}

    inner, slow = collected("not slow"), collected("slow")
    assert set(listed) == slow and not slow & inner and len(inner) > len(slow)
