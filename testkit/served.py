"""A real `streamlit run` of the app on a free local port, for browser and concurrency tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from plan.settings import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


# A run has ended and the browser has drawn all it sent: Streamlit loads some widgets' code when first drawn
# and shows a placeholder (stSkeleton) meanwhile, for a moment after the run has ended. The widgets below it
# then move down by its difference in height, and a click aimed before the move lands on the wrong one.
_SETTLED = """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state')
  === 'notRunning' && !document.querySelector('[data-testid="stSkeleton"]')"""


def settled(page: Any, timeout_ms: float | None = None) -> None:
    """Wait until the script run has ended and no element is still a loading placeholder."""
    page.wait_for_function(_SETTLED, timeout=timeout_ms)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


@contextmanager
def serve(db: Path, log: Path, env_extra: dict[str, str] | None = None, root: Path = ROOT) -> Iterator[str]:
    """Serve app.py on 127.0.0.1 with the given warehouse (and extra environment); yields the base URL.
    root: the checkout to serve (benchmarks compare another one side by side). The sign-in trail and the
    refused tokens sit beside the log unless given: a lockout rebuilt from an earlier run's trail must not
    reach into this one."""
    port = free_port()
    own = {"GEPM_AUTH_AUDIT": str(log.with_name("auth-audit.jsonl")),
           "GEPM_REVOKED": str(log.with_name("revoked-sessions.json"))}
    env = {**os.environ, "GEPM_DB": str(db), **own, **(env_extra or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def copy_db(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copy(wal, dst.with_name(dst.name + ".wal"))
    return dst
