"""The zygote that forks parse workers: closing from two threads at once, a zygote that stops answering or
ends, an interrupt on the command's terminal, and signals that never reach a process other than the worker."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from etl.load import fence
from etl.load.fence import Limits, Pool, Unsafe, Worker

LIMITS = Limits(1 << 30, 30, 60)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def _ended(pid: int, within_s: float = 10) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if _state(pid) in ("Z", "gone"):
            return True
        time.sleep(0.05)
    return False


def test_two_threads_waiting_on_one_worker_both_learn_how_it_ended() -> None:
    """Both used to wait for the one exit code and the second waited for ever (a pool closing while its
    thread gave up on the same worker hung `etl load` for good)."""
    worker = Worker(LIMITS)
    pid = worker.call(("os:getpid", ()))
    assert isinstance(pid, int) and worker.proc is not None
    proc, codes = worker.proc, dict[int, int | None]()
    threads = [threading.Thread(target=lambda n=n: codes.__setitem__(n, proc.wait(30)), daemon=True) for n in (1, 2)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # both are waiting
    proc.kill()
    for thread in threads:
        thread.join(40)
    assert codes == {1: -signal.SIGKILL, 2: -signal.SIGKILL}
    worker.close()
    assert _ended(pid)


def test_a_pool_closed_while_its_workers_are_busy_ends_them_and_starts_no_other() -> None:
    pool = Pool(2, Limits(1 << 30, 30, 120))
    results = pool.map([("time:sleep", (60,))] * 4)
    taken: list[object] = []
    reader = threading.Thread(target=lambda: taken.extend(results), daemon=True)
    reader.start()
    time.sleep(1.5)  # both workers are asleep on a task
    busy = [w.proc.pid for w in pool.workers if w.proc is not None]
    pool.close()
    reader.join(30)  # whoever was taking the results is told they will not come
    assert not reader.is_alive() and len(taken) == 4 and all(isinstance(r, Unsafe) for r in taken)
    assert len(busy) == 2 and all(_ended(pid) for pid in busy) and all(w.proc is None for w in pool.workers)


def test_a_zygote_that_stops_answering_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its late answer would have been taken for the next request's: every worker after it misnamed."""
    stuck = fence._zygote()
    fds = [os.open(os.devnull, os.O_RDONLY), os.open(os.devnull, os.O_WRONLY)]
    _, pidfd = stuck.fork([*fds, 2])  # it has answered once (its imports are done); that worker ends at once
    for fd in (*fds, pidfd):
        os.close(fd)
    monkeypatch.setattr(fence, "FORK_WAIT_S", 1.0)
    os.kill(stuck.proc.pid, signal.SIGSTOP)
    refused = fence.fenced(("os:getpid", ()), LIMITS)  # no worker: the file is refused, not waited for
    assert isinstance(refused, Unsafe) and refused.reason == "crash"
    assert not stuck.alive and _ended(stuck.proc.pid)
    monkeypatch.undo()  # the next zygote may take its time over its imports
    worker = Worker(LIMITS)
    try:
        parent = worker.call(("os:getppid", ()))
        assert parent == fence._zygote().proc.pid != stuck.proc.pid
        assert worker.proc is not None and worker.call(("os:getpid", ())) == worker.proc.pid
    finally:
        worker.close()


def test_a_worker_outlives_its_ended_zygote_only_until_it_is_closed() -> None:
    worker = Worker(Limits(1 << 30, 30, 1.0))
    pid = worker.call(("os:getpid", ()))
    assert isinstance(pid, int)
    zygote = fence._zygote()
    os.kill(zygote.proc.pid, signal.SIGKILL)
    assert _ended(zygote.proc.pid)
    assert worker.call(("time:sleep", (600,))) == Unsafe("time", "> 1 s")  # the wall timeout still kills it
    assert _ended(pid)
    assert fence._zygote() is not zygote  # the next load gets a new one


def test_an_interrupt_on_the_terminal_is_left_to_the_command() -> None:
    zygote = fence._zygote()
    first = Worker(LIMITS)
    assert first.call(("os:getppid", ())) == zygote.proc.pid  # it has started
    first.close()
    os.kill(zygote.proc.pid, signal.SIGINT)
    time.sleep(0.5)
    worker = Worker(LIMITS)
    try:
        assert worker.call(("os:getppid", ())) == zygote.proc.pid and zygote.alive
    finally:
        worker.close()


def _appears(path: Path, within_s: float = 30) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if path.exists():
            return True
        time.sleep(0.02)
    return False


def test_a_promised_setup_lets_the_workers_begin_before_it_is_known(tmp_path: Path) -> None:
    """The command starts its workers on the files before it has read the plans: the work before
    awaited_setup() runs at once, the rest once the setup is sent, and the setup runs once per worker."""
    promised: Future[fence.Task] = Future()
    worker, began, out = Worker(LIMITS, promised), tmp_path / "began", []
    seen = ("os:listdir", (str(tmp_path),))
    batch = [("os:mkdir", (str(began),)), ("etl.load.fence:awaited_setup", ()), seen]
    thread = threading.Thread(target=lambda: out.extend(worker.call_many(batch)))
    try:
        thread.start()
        assert _appears(began)  # the first task ran while the setup was still unknown
        promised.set_result(("os:mkdir", (str(tmp_path / "set-up"),)))  # a second run would fail: it exists
        thread.join(60)
        assert [out[0], out[1], sorted(out[2])] == [None, None, ["began", "set-up"]]
        again = worker.call_many([("etl.load.fence:awaited_setup", ()), seen])
        assert [again[0], sorted(again[1])] == [None, ["began", "set-up"]]
    finally:
        worker.close()
        thread.join(60)


def test_a_pool_sends_a_promised_setup_to_each_worker(tmp_path: Path) -> None:
    promised: Future[fence.Task] = Future()
    promised.set_result(("sys:setrecursionlimit", (3456,)))
    pool = Pool(2, LIMITS, promised)
    try:
        tasks = [("etl.load.fence:awaited_setup", ()), ("sys:getrecursionlimit", ())] * 8
        assert list(pool.map(tasks)) == [None, 3456] * 8
    finally:
        pool.close()


def test_a_setup_that_never_comes_fails_the_tasks_waiting_for_it_without_hanging(tmp_path: Path) -> None:
    promised: Future[fence.Task] = Future()
    pool = Pool(1, LIMITS, promised)
    try:
        began = tmp_path / "began"
        results = pool.map([("os:mkdir", (str(began),)), ("etl.load.fence:awaited_setup", ())])
        assert _appears(began)
        promised.set_exception(RuntimeError("the plans could not be read"))
        values = list(results)
        assert all(isinstance(v, Unsafe) and v.reason == "crash" for v in values), values
    finally:
        pool.close()


def test_a_worker_started_after_the_setup_is_known_gets_it_at_once() -> None:
    known: Future[fence.Task] = Future()
    known.set_result(("sys:setrecursionlimit", (2345,)))
    worker = Worker(LIMITS, known)
    try:
        assert worker.call(("sys:getrecursionlimit", ())) == 2345  # run before any task, not owed
    finally:
        worker.close()


def test_a_pool_closed_before_its_promised_setup_is_known_does_not_wait_for_it(tmp_path: Path) -> None:
    promised: Future[fence.Task] = Future()
    pool = Pool(1, LIMITS, promised)
    results = pool.map([("os:mkdir", (str(tmp_path / "began"),)), ("etl.load.fence:awaited_setup", ())])
    assert _appears(tmp_path / "began")
    closing = threading.Thread(target=pool.close)
    closing.start()
    closing.join(60)
    assert not closing.is_alive()  # it used to wait for ever on the setup nobody would send
    assert promised.done() and all(isinstance(v, Unsafe) for v in results)
