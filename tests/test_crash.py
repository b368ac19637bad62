"""Crash safety: a loader killed mid-batch, a full disk and a read-only warehouse leave no partial file
behind, say clearly what happened, and a rerun completes the batch."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from bench.synth import synthetic_plan, write_plan
from demo.generate import write_demo
from plan.model import Plan
from plan.settings import ROOT

# Each case writes ~540 workbooks and kills, starves or blocks a real loader: a soak, left out of make test-fast.
pytestmark = pytest.mark.slow

PER_FILE = """select s.sha256, count(distinct v.indicator_code) as n_values, count(distinct a.line_no) as n_activities
from submissions as s left join indicator_values as v using (submission_id)
left join activities as a using (submission_id) group by s.sha256"""


@pytest.fixture(scope="module")
def batch(govap: Plan, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """About 540 real workbooks of a 120-ward plan, and its plans folder."""
    root = tmp_path_factory.mktemp("crash")
    plan = synthetic_plan(govap, 120)
    write_plan(plan, root / "plans")
    write_demo(plan, root / "files", seed=11)
    yield root / "files", root / "plans"


def etl_load(files: Path, plans: Path, db: Path, preexec: Callable[[], None] | None = None,
             prefix: tuple[str, ...] = (), **kw: object) -> subprocess.Popen[str]:
    cmd = [*prefix, sys.executable, "-m", "etl", "load", str(files), "--db", str(db), "--plans", str(plans)]
    return subprocess.Popen(cmd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=preexec, **kw)  # type: ignore[call-overload]


def per_file(db: Path) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0]: (r[1], r[2]) for r in con.execute(PER_FILE).fetchall()}
    finally:
        con.close()


def finished(files: Path, plans: Path, db: Path) -> dict[str, tuple[int, int]]:
    done = etl_load(files, plans, db)
    _, err = done.communicate(timeout=600)
    assert done.returncode in (0, 1), err  # 1: the demo's deliberately broken workbook
    return per_file(db)


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            ppid = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("PPid:"))
        except (OSError, StopIteration):
            continue
        if int(ppid) == pid:
            found.append(int(status.parent.name))
    return found


def gone(pids: list[int], within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]:
            return True
        time.sleep(0.1)
    return False


def _state(pid: int) -> str:
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State:"))
    except (OSError, StopIteration):
        return "Z"


def test_killed_mid_batch_leaves_whole_files_and_a_rerun_completes(batch: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    files, plans = batch
    reference = finished(files, plans, tmp_path / "reference.duckdb")
    assert len(reference) > 400
    db = tmp_path / "w.duckdb"
    proc = etl_load(files, plans, db)
    assert proc.stderr is not None
    for line in proc.stderr:  # the first batch has been committed when its progress line comes
        if "Đang nạp" in line:
            zygotes = children(proc.pid)  # the process that forks the workers, and the workers it forked
            workers = [w for z in zygotes for w in children(z)]
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert len(zygotes) == 1 and len(workers) == 2 and gone(zygotes + workers)  # they end with the loader
    after_kill = per_file(db)  # the file opens; its WAL is replayed up to the last commit
    assert 0 < len(after_kill) < len(reference)
    assert {sha: reference[sha] for sha in after_kill} == after_kill  # every file there is whole
    assert finished(files, plans, db) == reference
    print(f"\ncrash: killed after {len(after_kill)} of {len(reference)} accepted files; 0 partial; rerun complete")


def _no_growth(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_is_explained_and_changes_nothing(batch: tuple[Path, Path], tmp_path: Path) -> None:
    files, plans = batch
    db = tmp_path / "w.duckdb"
    assert subprocess.run([sys.executable, "-m", "etl", "upgrade", "--db", str(db), "--plans", str(plans)],
                          cwd=ROOT, capture_output=True, timeout=300).returncode == 0
    before = per_file(db)
    proc = etl_load(files, plans, db, preexec=_no_growth(20_000))  # the WAL may not grow past 20 kB
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    assert "Không ghi được vào kho dữ liệu" in err and "Nothing was written" in err and "Traceback" not in err
    assert per_file(db) == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from loads").fetchone() == (0,)  # not even a load record
    con.close()
    assert len(finished(files, plans, db)) > 400


# Root ignores file modes; without these capabilities it obeys them like anyone else.
AS_PLAIN_USER = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--")


def test_read_only_warehouse_is_explained_and_changes_nothing(batch: tuple[Path, Path], demo_db: Path) -> None:
    files, plans = batch
    folder = Path(tempfile.mkdtemp(prefix="gepm-ro-"))
    try:
        db = folder / "w.duckdb"
        shutil.copy(demo_db, db)
        for path, mode in ((db, 0o444), (folder, 0o555)):
            path.chmod(mode)
        before, mtime = per_file(db), db.stat().st_mtime_ns
        proc = etl_load(files, plans, db, prefix=AS_PLAIN_USER if os.geteuid() == 0 else ())
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 1, err
        assert "Không ghi được vào kho dữ liệu" in err and "Traceback" not in err
        assert per_file(db) == before and db.stat().st_mtime_ns == mtime
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
