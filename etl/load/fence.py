"""A fence around untrusted parsing: work on a file runs in a worker process with an address-space limit, a
CPU-time limit and a wall timeout, so a reader that aborts, panics, runs out of memory or never ends takes
down only that worker, and the caller gets Unsafe(reason) for that one task.

Workers are started by exec (subprocess), never forked: the dashboard server has threads, and a fork of
a threaded process can inherit half-held locks. A worker is kept for the next task until it fails.
"""

from __future__ import annotations

import importlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]  # the project folder (as plan.settings.ROOT), without importing it

Task = tuple[str, tuple[object, ...]]  # ("module:function", args), resolved in the worker
BATCH = 16  # tasks handed to a worker at once: one thread hand-over per batch (profiled: ~6 ms each)
HEADROOM = 256 << 20  # the least address space a worker may add to what its modules take
FIRST_TASK_LOG = "GEPM_FIRST_TASK_LOG"  # when set, a worker appends the wall-clock time it got its first task
MEMORY_SIGNS = (b"memory allocation of", b"MemoryError", b"Cannot allocate memory", b"out of memory")


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float

    @classmethod
    def from_settings(cls) -> Limits:
        from plan.settings import settings  # imported when asked: a worker started early need not wait for it

        cfg = settings()
        return cls(cfg.parse_memory_bytes, cfg.parse_cpu_seconds, cfg.parse_wall_seconds)


@dataclass(frozen=True)
class Unsafe:
    """A task the worker could not finish safely: reason is memory, time or crash."""

    reason: str
    detail: str = ""


_SPARE: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []


def _spawn(preload: str | None) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
    """A worker process, importing preload (a module name) while it waits for its first message."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the worker's life, closed in Worker.close()
    argv = [sys.executable, "-m", "etl.load.fence", *([preload] if preload else [])]
    return subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log), log


def prestart(n: int, preload: str) -> None:
    """Start n workers now, for the next Workers to take: a command that will parse files calls this first,
    so the workers' start-up runs beside its own. An unused one ends when this process does (stdin closes)."""
    _SPARE.extend(_spawn(preload) for _ in range(n - len(_SPARE)))


def cores() -> int:
    """Worker processes worth running here: one per core, at most two."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(2, n))


class Worker:
    """One worker process, started on first use and again after it fails."""

    def __init__(self, limits: Limits, setup: Task | None = None) -> None:
        self.limits, self.setup = limits, setup
        self.proc: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] | None = None
        self.send: Connection | None = None
        self.recv: Connection | None = None

    def _start(self) -> None:
        try:
            self.proc, self.log = _SPARE.pop()  # started early by prestart()
        except IndexError:
            self.proc, self.log = _spawn(self.setup[0].split(":")[0] if self.setup else None)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.send = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self.recv = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.send.send((self.limits.memory_bytes, self.limits.cpu_seconds, self.setup))
        reply = self._reply()
        if isinstance(reply, Unsafe):
            raise RuntimeError(f"worker did not start: {reply.reason} {reply.detail}")

    def call(self, task: Task) -> object:
        """The task's value, or Unsafe when the worker failed on it (the worker is then replaced)."""
        return self.call_many([task])[0]

    def call_many(self, tasks: list[Task]) -> list[object]:
        """Each task's value or Unsafe, in order, sent at once (one hand-over per batch, not per file);
        the worker replies task by task, so a failure is pinned on its own task and the rest go on."""
        if self.proc is None:
            self._start()
        assert self.send is not None
        try:
            self.send.send(tasks)
        except OSError:  # the worker ended between batches: start another for this one
            self.close()
            self._start()
            assert self.send is not None
            self.send.send(tasks)
        out: list[object] = []
        while len(out) < len(tasks):
            out.append(self._reply())
            if isinstance(out[-1], Unsafe):
                return out + self.call_many(tasks[len(out):]) if len(out) < len(tasks) else out
        return out

    def _reply(self) -> object:
        assert self.recv is not None
        if not self.recv.poll(self.limits.wall_seconds):
            self.close()
            return Unsafe("time", f"> {self.limits.wall_seconds:g} s")
        try:
            kind, value = self.recv.recv()
        except (EOFError, OSError):
            return self._died()
        if kind == "unsafe":  # sent as plain values: the worker's Unsafe is __main__.Unsafe
            self.close()
            return Unsafe(*value)
        return value

    def _died(self) -> Unsafe:
        assert self.proc is not None and self.log is not None
        code = self.proc.wait(timeout=10)
        self.log.seek(max(0, self.log.seek(0, os.SEEK_END) - 8192))
        tail = self.log.read()
        self.close()
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return Unsafe("time", f"CPU > {self.limits.cpu_seconds} s")
        if any(sign in tail for sign in MEMORY_SIGNS):
            return Unsafe("memory", f"> {self.limits.memory_bytes // 2**20} MiB")
        return Unsafe("crash", f"exit {code}")

    def close(self) -> None:
        for conn in (self.send, self.recv):
            if conn is not None:
                conn.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait()
        if self.log is not None:
            self.log.close()
        self.proc = self.log = self.send = self.recv = None


class _Run:
    """Tasks handed out in order to the worker threads, results taken back in order, a window apart."""

    def __init__(self, tasks: list[Task], window: int) -> None:
        self.tasks, self.window = tasks, window
        self.next = self.taken = 0
        self.results: dict[int, object] = {}
        self.cond = threading.Condition()
        self.stopped = False

    def claim(self, most: int) -> range:
        """The next indices to run, at most `most` of them; none when the run is over."""
        with self.cond:
            while not self.stopped and self.next < len(self.tasks) and self.next >= self.taken + self.window:
                self.cond.wait()
            if self.stopped:
                return range(0)
            start = self.next
            self.next = min(len(self.tasks), start + most, self.taken + self.window)
            return range(start, self.next)

    def put(self, start: int, values: list[object]) -> None:
        with self.cond:
            for n, value in enumerate(values):
                self.results[start + n] = value
            self.cond.notify_all()

    def take(self, index: int) -> object:
        with self.cond:
            while index not in self.results:
                self.cond.wait()
            self.taken = index + 1
            self.cond.notify_all()
            return self.results.pop(index)

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()


def _drive(worker: Worker, run: _Run, batch: int) -> None:
    while indices := run.claim(batch):
        try:
            values = worker.call_many([run.tasks[i] for i in indices])
        except Exception as exc:  # the worker could not even be started: these tasks fail, the next try again
            worker.close()
            values = [Unsafe("crash", str(exc)[:200])] * len(indices)
        run.put(indices.start, values)


class Pool:
    """Fenced workers kept for the pool's life; map() runs tasks on them and yields the results in order."""

    def __init__(self, size: int, limits: Limits, setup: Task | None = None, window: int = 400) -> None:
        self.workers = [Worker(limits, setup) for _ in range(max(1, size))]
        self.window = window
        self.runs: list[tuple[_Run, list[threading.Thread]]] = []

    def map(self, tasks: Iterable[Task]) -> Iterator[object]:
        """Starts the workers on the tasks at once (they read ahead, a window apart) and returns their results
        in order, as an iterator."""
        run = _Run(list(tasks), self.window)
        batch = max(1, min(BATCH, len(run.tasks) // (4 * len(self.workers))))
        threads = [threading.Thread(target=_drive, args=(w, run, batch), daemon=True)
                   for w in self.workers[:len(run.tasks)]]
        for thread in threads:
            thread.start()
        self.runs.append((run, threads))
        return self._results(run, threads)

    @staticmethod
    def _results(run: _Run, threads: list[threading.Thread]) -> Iterator[object]:
        try:
            for index in range(len(run.tasks)):
                yield run.take(index)
        finally:
            _end(run, threads)

    def close(self) -> None:
        for run, _ in self.runs:
            run.stop()
        for worker in self.workers:
            worker.close()
        for run, threads in self.runs:
            _end(run, threads)
        self.runs = []


def _end(run: _Run, threads: list[threading.Thread]) -> None:
    run.stop()
    for thread in threads:
        thread.join()


def fenced(task: Task, limits: Limits | None = None) -> object:
    """One task in a fresh fenced worker: its value, or Unsafe."""
    worker = Worker(limits or Limits.from_settings())
    try:
        return worker.call(task)
    except Exception as exc:  # the worker could not be started
        return Unsafe("crash", str(exc)[:200])
    finally:
        worker.close()


# --- the worker side ---------------------------------------------------------------------------------

def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _limit_cpu(seconds: int) -> None:
    """The CPU limit counts from now: a kept worker's earlier tasks do not use up the next one's time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime) + seconds + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.RLIM_INFINITY))


def _run(task: Task) -> tuple[str, object]:
    name, args = task
    module, function = name.split(":")
    try:
        return "ok", getattr(importlib.import_module(module), function)(*args)
    except MemoryError:
        return "unsafe", ("memory", "MemoryError")
    except BaseException as exc:  # a reader's panic (pyo3 PanicException is a BaseException) or worse
        return "unsafe", ("crash", f"{type(exc).__name__}: {str(exc)[:150]}")


def serve() -> None:
    """Run tasks from stdin until it closes; the first message gives the limits and a setup task.

    A worker ends when the loader does: its stdin closes (no PR_SET_PDEATHSIG: that fires when the *thread*
    that started the worker ends, and workers are started from short-lived threads); one busy on a file
    ends at its CPU limit at the latest."""
    channel = os.dup(1)
    os.dup2(2, 1)  # stray output goes to the log, never into the channel
    inbox, outbox = Connection(0, writable=False), Connection(channel, readable=False)
    for module in sys.argv[1:]:  # the setup task's module, imported before its message arrives
        importlib.import_module(module)
    try:
        memory, cpu, setup = inbox.recv()
    except EOFError:  # started early and never used
        return
    outbox.send(_run(setup) if setup is not None else ("ok", None))
    limit = max(memory, _address_space() + HEADROOM)  # a machine whose modules take more still gets headroom
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    first = os.environ.get(FIRST_TASK_LOG)
    while True:
        try:
            tasks = inbox.recv()
        except EOFError:
            return
        if first:  # the benchmark's timing hook: when this worker got its first file
            with open(first, "a", encoding="ascii") as log:
                log.write(f"{time.time()}\n")
            first = None
        for task in tasks:
            _limit_cpu(cpu)
            reply = _run(task)
            outbox.send(reply)
            if reply[0] == "unsafe":
                return


if __name__ == "__main__":
    serve()
