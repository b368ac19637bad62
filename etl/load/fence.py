"""A fence around untrusted parsing: work on a file runs in a worker process with an address-space limit, a
CPU-time limit and a wall timeout, so a reader that aborts, panics, runs out of memory or never ends takes
down only that worker, and the caller gets Unsafe(reason) for that one task.

Workers are forked by a zygote: a process of this one's started before any file is seen (by exec, or forked
from a command that has not yet started a thread), which imports the parse modules once and then only forks.
A worker so starts in milliseconds with those modules loaded (an exec'd one spent ~0.35 s of CPU importing
them, for every load), and each load still gets fresh processes that never saw another load's files. The
dashboard server itself is never forked: it has threads, and a fork of a threaded process can inherit
half-held locks; the zygote has one thread and never parses anything. A worker is kept for the next task of
its load until it fails.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]  # the project folder (as plan.settings.ROOT), without importing it

Task = tuple[str, tuple[object, ...]]  # ("module:function", args), resolved in the worker
# What a worker runs once before its tasks' own work: given, or promised (a Future the caller fulfils once it
# knows it, while the workers begin on their first tasks; a task calls awaited_setup() where it needs it).
Setup = Task | Future[Task]
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


PRELOAD = "etl.load.one_file,plan.model"  # what the zygote imports for its workers (modules, by commas)
# A command line's load has its zygote import the read and check modules but not the plan model (pydantic: ~40%
# of them): its two workers begin reading files that much sooner and each imports the model when its plans
# arrive; a long-lived process (the dashboard) has later loads' workers find it imported.
PRELOAD_START = "etl.load.one_file"
# zygote -> parent, one message each (a SOCK_SEQPACKET pair keeps them apart): (b"P", pid, 0) with the worker's
# pidfd attached when a worker is forked, (b"X", pid, code) when it has ended
_MESSAGE = struct.Struct("!cii")
FORK_WAIT_S = 60.0  # how long a fork may take (the zygote's first one waits for its imports)


class _Zygote:
    """The process that forks workers, and what it told us: each fork's pid and pidfd, and each worker's exit
    code (negative: the signal that ended it, as subprocess reports it). Forks are asked one at a time."""

    def __init__(self, preload: str, *, fork: bool = False) -> None:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.proc: subprocess.Popen[bytes] | _Child
        if fork:
            self.proc = _Child(_fork_zygote(mine, theirs, preload))
        else:
            self.proc = subprocess.Popen([sys.executable, "-m", "etl.load.fence", "--zygote",
                                          str(theirs.fileno()), preload], cwd=ROOT, pass_fds=(theirs.fileno(),),
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()
        self.sock, self.asking = mine, threading.Lock()
        self.cond = threading.Condition()
        self.forked: list[tuple[int, int]] = []  # (pid, pidfd) answers not yet taken
        self.exits: dict[int, int] = {}  # kept, not taken: every thread waiting on a worker reads its code
        self.alive = True
        threading.Thread(target=self._listen, name="gepm-zygote", daemon=True).start()

    def _listen(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self.sock, _MESSAGE.size, 1)
            except OSError:
                data, fds = b"", []
            with self.cond:
                if len(data) != _MESSAGE.size:  # the zygote ended: nothing more will be told
                    self._gone()
                    return
                kind, pid, code = _MESSAGE.unpack(data)
                if kind == b"P":
                    self.forked.append((pid, fds[0] if fds else -1))
                elif kind == b"X":
                    self.exits[pid] = code
                self.cond.notify_all()

    def _gone(self) -> None:
        """Called holding cond: the zygote is of no further use (ended, or stopped answering)."""
        self.alive = False
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)  # reaped, not left a zombie
        for _, fd in self.forked:
            if fd >= 0:
                os.close(fd)
        self.forked.clear()
        self.cond.notify_all()

    def fork(self, fds: list[int]) -> tuple[int, int]:
        """A new worker whose stdin, stdout and stderr are fds: its pid and pidfd. A zygote that does not
        answer in time is replaced: a late answer must never be taken for the next request's."""
        with self.asking:
            try:
                socket.send_fds(self.sock, [b"f"], fds)
            except OSError as exc:
                with self.cond:
                    self._gone()
                raise RuntimeError("the worker zygote has ended") from exc
            with self.cond:
                if not self.cond.wait_for(lambda: self.forked or not self.alive, FORK_WAIT_S) or not self.forked:
                    self._gone()
                    raise RuntimeError("the worker zygote did not answer")
                return self.forked.pop(0)

    def exit_code(self, pid: int, wait_s: float) -> int | None:
        """The worker's exit code once it has ended (waiting up to wait_s); None while it runs or when the
        zygote that would tell it has gone."""
        with self.cond:
            self.cond.wait_for(lambda: pid in self.exits or not self.alive, wait_s)
            return self.exits.get(pid)

    def forget(self, pid: int) -> None:
        with self.cond:
            self.exits.pop(pid, None)


class _Child:
    """A zygote forked from this process, with the part of subprocess.Popen's interface _Zygote uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped already, by whoever waited for any child: it has ended
                self.returncode = -1
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # not yet reaped, so the pid is still its own
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"zygote {self.pid}", timeout)
            time.sleep(0.01)
        assert self.returncode is not None
        return self.returncode


def _fork_zygote(mine: socket.socket, theirs: socket.socket, preload: str) -> int:
    """Fork this process into the zygote and return its pid. Only while this process has one thread: a fork
    of a threaded process can inherit half-held locks (prestart() is called first thing, before any)."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # the zygote: it never returns into the command
        mine.close()
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)  # as the zygote started by exec: its stray output never reaches the command's
        os.close(null)
        zygote(theirs.fileno(), preload)
        code = 0
    finally:
        os._exit(code)


_ZYGOTE: list[_Zygote] = []
_ZYGOTE_GUARD = threading.Lock()


def prestart() -> None:
    """Start the zygote now: a command that will parse files calls this first, so that the parse modules are
    imported beside its own start-up. The zygote ends when this process does (its socket closes).

    Called while this process has one thread (a command's start), the zygote is a fork of it rather than a
    new interpreter: it begins its imports at once, without an interpreter's start (~0.1 s of the first
    file's wait)."""
    _zygote(PRELOAD_START, fork=_one_thread())


def _one_thread() -> bool:
    """Whether this process runs one thread, as the kernel counts them (threading counts only its own: a
    library's native threads, or a test runner's, are threads a fork would cut off half-way too)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: exec, which is always safe
        return False


def _zygote(preload: str = PRELOAD, *, fork: bool = False) -> _Zygote:
    with _ZYGOTE_GUARD:
        if not _ZYGOTE or not _ZYGOTE[0].alive:
            _ZYGOTE[:] = [_Zygote(preload, fork=fork)]
        return _ZYGOTE[0]


class _Forked:
    """A worker forked by the zygote, with the part of subprocess.Popen's interface a Worker uses. Signals go
    through its pidfd, which never reaches another process even after this one has ended and been reaped."""

    def __init__(self, zygote: _Zygote, pid: int, pidfd: int) -> None:
        self.zygote, self.pid, self.pidfd = zygote, pid, pidfd
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.wait(0)

    def wait(self, timeout: float = 10) -> int | None:
        """The exit code, waiting up to timeout; None if it is not known by then (the zygote has gone)."""
        if self.returncode is None:
            self.returncode = self.zygote.exit_code(self.pid, timeout)
            if self.returncode is None and not self.zygote.alive and self.pidfd >= 0:
                select.select([self.pidfd], [], [], timeout)  # its end, though nobody can tell its code now
        return self.returncode

    def kill(self) -> None:
        if self.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):  # it has ended already
            if self.pidfd >= 0:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            elif self.zygote.alive:  # no pidfds here: the pid (reused only once the zygote has reaped it)
                os.kill(self.pid, signal.SIGKILL)

    def release(self) -> None:
        """Let go of the pidfd and of the exit code kept for it."""
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1
        self.zygote.forget(self.pid)


def _fork() -> tuple[_Forked, int, int, IO[bytes]]:
    """A fresh worker: its handle, the end to send it messages, the end to read its replies, its log."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the worker's life, closed in Worker.close()
    inbox, send = os.pipe()
    recv, outbox = os.pipe()
    try:
        zygote = _zygote()
        pid, pidfd = zygote.fork([inbox, outbox, log.fileno()])
    except BaseException:
        for fd in (send, recv):
            os.close(fd)
        log.close()
        raise
    finally:
        os.close(inbox)
        os.close(outbox)
    return _Forked(zygote, pid, pidfd), send, recv, log


def cores() -> int:
    """Worker processes worth running here: one per core, at most two."""
    n = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(2, n))


class Worker:
    """One worker process, started on first use and again after it fails."""

    def __init__(self, limits: Limits, setup: Setup | None = None) -> None:
        self.limits, self.setup = limits, setup
        self.owed = False  # the promised setup is still to be sent to this worker
        self.proc: _Forked | None = None
        self.log: IO[bytes] | None = None
        self.send: Connection | None = None
        self.recv: Connection | None = None
        self.closing = threading.Lock()
        self.shut = False  # set when its pool closes: no worker is started after that

    def _start(self) -> None:
        if self.shut:
            raise RuntimeError("the pool is closed")
        self.proc, send, recv, self.log = _fork()
        self.send, self.recv = Connection(send, readable=False), Connection(recv, writable=False)
        # the environment of now, not of when the zygote started: the settings a worker reads come from it
        setup, self.owed = _known(self.setup)
        self._send((self.limits.memory_bytes, self.limits.cpu_seconds, setup, dict(os.environ), self.owed))
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
        try:
            self._send(tasks)
        except OSError:  # the worker ended between batches: start another for this one
            self.close()
            self._start()
            self._send(tasks)
        if self.owed:  # the worker is on its first tasks: the setup follows them as soon as it is known
            assert isinstance(self.setup, Future)
            self._send(("setup", self.setup.result()))  # raises if it will never be known: these tasks fail
            self.owed = False
        out: list[object] = []
        while len(out) < len(tasks):
            out.append(self._reply())
            if isinstance(out[-1], Unsafe):
                if self.shut:  # the pool has closed: the rest are not run
                    return out + [Unsafe("crash", "closed")] * (len(tasks) - len(out))
                return out + self.call_many(tasks[len(out):]) if len(out) < len(tasks) else out
        return out

    def _send(self, message: object) -> None:
        send = self.send
        if send is None:
            raise OSError("closed")
        send.send(message)

    def _reply(self) -> object:
        recv = self.recv
        try:
            if recv is None:
                raise OSError("closed")
            ready = recv.poll(self.limits.wall_seconds)
        except OSError:  # closed by another thread meanwhile (the pool closing)
            return Unsafe("crash", "closed")
        if not ready:
            self.close()
            return Unsafe("time", f"> {self.limits.wall_seconds:g} s")
        try:
            kind, value = recv.recv()
        except (EOFError, OSError):
            return self._died()
        if kind == "unsafe":  # sent as plain values: the worker's Unsafe is __main__.Unsafe
            self.close()
            return Unsafe(*value)
        return value

    def _died(self) -> Unsafe:
        proc, log = self.proc, self.log
        if proc is None or log is None:  # closed meanwhile by another thread (the pool closing)
            return Unsafe("crash", "closed")
        code = proc.wait(timeout=10)
        log.seek(max(0, log.seek(0, os.SEEK_END) - 8192))
        tail = log.read()
        self.close()
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return Unsafe("time", f"CPU > {self.limits.cpu_seconds} s")
        if any(sign in tail for sign in MEMORY_SIGNS):
            return Unsafe("memory", f"> {self.limits.memory_bytes // 2**20} MiB")
        return Unsafe("crash", f"exit {code}")

    def close(self) -> None:
        """End the worker (if it runs) and let go of everything it held; safe from two threads at once (the pool
        closing while a task's thread gives up on it), each part let go by one of them only."""
        with self.closing:
            proc, log, send, recv = self.proc, self.log, self.send, self.recv
            self.proc = self.log = self.send = self.recv = None
        for conn in (send, recv):
            if conn is not None:
                conn.close()
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            proc.release()
        if log is not None:
            log.close()


def _known(setup: Setup | None) -> tuple[Task | None, bool]:
    """The setup to send with a new worker, and whether it is still owed (promised, not yet known)."""
    if not isinstance(setup, Future):
        return setup, False
    if setup.done() and not setup.cancelled() and setup.exception() is None:
        return setup.result(), False
    return None, True


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
        """The index-th result, waiting for it; Unsafe when the run was stopped before it came."""
        with self.cond:
            while index not in self.results:
                if self.stopped:
                    return Unsafe("crash", "closed")
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

    def __init__(self, size: int, limits: Limits, setup: Setup | None = None, window: int = 400) -> None:
        self.workers = [Worker(limits, setup) for _ in range(max(1, size))]
        self.setup, self.window = setup, window
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
        if isinstance(self.setup, Future):  # a promise not kept by now never will be: nothing may wait for it
            with contextlib.suppress(InvalidStateError):
                self.setup.set_exception(RuntimeError("the pool closed before its setup was known"))
        for run, _ in self.runs:
            run.stop()
        for worker in self.workers:
            worker.shut = True
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


_OWED: list[Callable[[], None]] = []  # in a worker whose setup follows its first tasks: what reads and runs it


def setup_owed() -> bool:
    """Whether this worker's setup is still to come (it follows the first tasks: see awaited_setup)."""
    return bool(_owed())


def awaited_setup() -> None:
    """Called by a task at the point it needs the worker's setup: when that was promised rather than given, wait
    for it (it comes next on stdin) and run it, once. The work before this call ran meanwhile."""
    while _OWED:
        _OWED.pop()()


def _owed() -> list[Callable[[], None]]:
    """The list awaited_setup() reads, as the tasks see it: the zygote runs this file as __main__, while the
    tasks' modules import it by its name, a module of its own."""
    owed: list[Callable[[], None]] = importlib.import_module("etl.load.fence")._OWED
    return owed


def _late_setup(inbox: Connection) -> None:
    kind, setup = inbox.recv()
    if kind != "setup":
        raise RuntimeError(f"expected the setup, got {kind!r}")
    _setup(setup)


def _setup(setup: Task) -> None:
    status, value = _run(setup)
    if status != "ok":
        raise RuntimeError(f"setup failed: {value}")


def serve() -> None:
    """Run tasks from stdin until it closes; the first message gives the limits, a setup task (or that one will
    follow the first tasks) and the environment to work in.

    A worker ends when the loader does: its stdin closes (no PR_SET_PDEATHSIG: that fires when the *thread*
    that started the worker ends, and workers are started from short-lived threads); one busy on a file
    ends at its CPU limit at the latest."""
    channel = os.dup(1)
    os.dup2(2, 1)  # stray output goes to the log, never into the channel
    inbox, outbox = Connection(0, writable=False), Connection(channel, readable=False)
    try:
        memory, cpu, setup, environ, owed = inbox.recv()
    except EOFError:  # never used
        return
    os.environ.clear()
    os.environ.update(environ)
    cached = getattr(sys.modules.get("plan.settings"), "settings", None)
    if cached is not None:
        cached.cache_clear()  # the settings are read again from this environment
    outbox.send(_run(setup) if setup is not None else ("ok", None))
    if owed:
        _owed().append(lambda: _late_setup(inbox))
    limit = max(memory, _address_space() + HEADROOM)  # a machine whose modules take more still gets headroom
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    first = os.environ.get(FIRST_TASK_LOG)
    while True:
        try:
            tasks = inbox.recv()
        except EOFError:
            return
        if isinstance(tasks, tuple):  # the owed setup, come before any task asked for it
            _owed().clear()
            _setup(tasks[1])
            continue
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


def _forked(fds: list[int]) -> None:
    """In a new fork of the zygote: take fds as stdin, stdout and stderr, let go of the zygote's, and serve."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.closerange(3, 1 << 16)
    serve()


def _reap(sock: socket.socket) -> None:
    """Tell the parent the exit code of every worker that has ended."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        sock.send(_MESSAGE.pack(b"X", pid, os.waitstatus_to_exitcode(status)))


def _spawn_worker(sock: socket.socket, fds: list[int]) -> None:
    """Fork a worker on fds and tell the parent its pid, with a pidfd to signal it by."""
    pid = os.fork()
    if pid == 0:  # the new worker: it never returns into the zygote's loop
        code = 1
        try:
            _forked(fds)
            code = 0
        finally:
            os._exit(code)
    for received in fds:
        os.close(received)
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:  # a kernel or sandbox without pidfds: the parent signals the pid
        sock.send(_MESSAGE.pack(b"P", pid, 0))
        return
    try:
        socket.send_fds(sock, [_MESSAGE.pack(b"P", pid, 0)], [pidfd])
    finally:
        os.close(pidfd)


def _drain(fd: int) -> None:
    with contextlib.suppress(BlockingIOError):
        while os.read(fd, 512):
            pass


def zygote(fd: int, preload: str) -> None:
    """Import preload, then fork a worker for each request on the socket fd (the request carries the
    worker's stdin, stdout and stderr), and report each worker's pid and, when it ends, its exit code.
    Ends quietly when the parent does (the socket closes); its workers end when their stdin closes. An
    interrupt (Ctrl-C on the command's terminal) is the parent's to handle: the zygote goes on until then."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in preload.split(","):
        importlib.import_module(module)
    sock = socket.socket(fileno=fd)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes the select below through wake_w
    try:
        while True:
            ready, _, _ = select.select([sock.fileno(), wake_r], [], [])
            if wake_r in ready:
                _drain(wake_r)
            _reap(sock)
            if sock.fileno() in ready:
                _, fds, _, _ = socket.recv_fds(sock, 1, 3)
                if not fds:  # the parent has gone
                    return
                _spawn_worker(sock, fds)
    except OSError:  # the parent went while being told something (ECONNRESET, EPIPE): nobody to tell
        return


if __name__ == "__main__" and sys.argv[1:2] == ["--zygote"]:
    zygote(int(sys.argv[2]), sys.argv[3])
