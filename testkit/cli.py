"""`python -m etl …` run inside this process: the same main(), with its own stdin, stdout, stderr and folder.

A new interpreter costs ~0.5 s of CPU before the command does anything, and a load starts its parse
zygote again; here the command's imports and the zygote are paid once per test process. What only a
separate process shows (exit status of the real process, start-up imports, running from any folder,
two processes at once, signals) is tested with subprocesses elsewhere.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from cli.main import main
from plan.settings import ROOT, settings


@contextlib.contextmanager
def _console(stdin: bytes, cwd: Path) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """Standard streams swapped for buffers, and the working folder changed, for as long as the block runs."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
               io.TextIOWrapper(out, encoding="utf-8", write_through=True),
               io.TextIOWrapper(err, encoding="utf-8", write_through=True))
    saved, folder = (sys.stdin, sys.stdout, sys.stderr), os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = streams
    os.chdir(cwd)
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.chdir(folder)
        for stream in streams:
            stream.flush()
            stream.detach()  # a wrapper closes its buffer when collected; detached, the buffers stay readable


def _exit_code(exc: SystemExit) -> int:
    """What the interpreter would exit with: argparse's usage errors exit 2, --help 0."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def _main(argv: Sequence[str]) -> int:
    """main() as `python -m etl` runs it: settings read afresh, an uncaught exception printed with exit 1."""
    settings.cache_clear()
    try:
        return main(list(argv))
    except SystemExit as exc:
        return _exit_code(exc)
    except Exception:  # the interpreter prints any other error and exits 1
        traceback.print_exc()
        return 1
    finally:
        settings.cache_clear()


def _text(data: bytes) -> str:
    """Bytes decoded as subprocess.run(text=True) decodes them (UTF-8, universal newlines)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def etl_bytes(*args: str | Path, cwd: Path = ROOT, input: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The command's exit code, stdout and stderr as bytes."""
    argv = [str(a) for a in args]
    with _console(input, cwd) as (out, err):
        code = _main(argv)
    return subprocess.CompletedProcess(["python", "-m", "etl", *argv], code, out.getvalue(), err.getvalue())


def etl(*args: str | Path, cwd: Path = ROOT, input: str = "") -> subprocess.CompletedProcess[str]:
    """The command's exit code, stdout and stderr as text."""
    done = etl_bytes(*args, cwd=cwd, input=input.encode("utf-8"))
    return subprocess.CompletedProcess(done.args, done.returncode, _text(done.stdout), _text(done.stderr))
