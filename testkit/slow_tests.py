"""The tests the inner loop (`make test-fast`) leaves to `make test`: those whose own run takes 0.8 s or more.

`make slow-tests` runs every test but the browser, Spark and LibreOffice ones as the inner loop runs them (each
property with a fifth of its examples) and writes tests/slow_tests.txt from pytest's durations: the test's call,
not its fixtures (a fixture built once per run is paid by whichever test comes first). tests/conftest.py marks
each test listed there `slow`. Run it again when tests are added: a test measured slow in any run stays listed
(the machine's speed drifts by up to 80%), unless the list is started afresh (`python -m testkit.slow_tests
--fresh`). The list is a measurement of this machine, not a judgement of the tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from plan.settings import ROOT

LIST = ROOT / "tests" / "slow_tests.txt"
THRESHOLD_S = 0.8
_CALL = re.compile(r"^(\d+(?:\.\d+)?)s call\s+(\S.*)$")
HEADER = f"""\
# Tests whose call took {THRESHOLD_S:g} s or more in a run on the 2-core development machine: `make test-fast`
# leaves them out (tests/conftest.py marks them slow), `make test` and CI run them. Written by
# `make slow-tests` (testkit/slow_tests.py) from pytest's durations; one pytest node id a line.
"""


def slow_ids(durations: str, threshold_s: float = THRESHOLD_S) -> list[str]:
    """The node ids whose call took threshold_s or more, from pytest's --durations report."""
    found = (_CALL.match(line.strip()) for line in durations.splitlines())
    return sorted({m.group(2) for m in found if m and float(m.group(1)) >= threshold_s})


def read(path: Path = LIST) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and line[0] != "#"}


def main() -> int:
    done = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider",
                           "-m", "not browser and not spark and not libreoffice",
                           "--hypothesis-profile=fast", f"--durations-min={THRESHOLD_S}", "--durations=0"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        return done.returncode
    found = slow_ids(done.stdout)
    # The same test falls either side of the threshold as the machine's speed drifts: one measured slow stays
    # listed, unless the list is started afresh (--fresh) or the test is taken off by hand.
    ids = sorted(set(found) | (set() if "--fresh" in sys.argv else read()))
    LIST.write_text(HEADER + "".join(f"{i}\n" for i in ids), "utf-8")
    print(f"{len(found)} tests of {THRESHOLD_S:g} s or more this run, {len(ids)} listed -> {LIST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
