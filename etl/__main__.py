"""python -m etl: the command line lives in cli/; this entry point only hands over to it.

A load starts the process that forks its parse workers first of all, so that its imports run beside the
command's own start-up, and ends as soon as its output is out (leave())."""

import os
import sys


def leave(code: int) -> None:
    """End a finished load at once: its warehouse is closed and its workers stopped, and tearing down the
    interpreter's modules (pydantic, duckdb, NumPy) took 100-138 ms after the last line of output, against
    10-20 ms without (four and three loads of the 1,056-file benchmark batch). Output that cannot be written
    (a closed pipe) returns, and the usual exit reports it as before."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the command was started with that descriptor closed
                stream.flush()
    except (OSError, ValueError):
        return
    import logging  # imported by the load already: its handlers are flushed and closed

    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":  # worker processes (spawn) import this module without running it
    # No command does linear algebra, yet NumPy's OpenBLAS starts a thread per core when imported: 0.12-0.14 s of
    # CPU that a load took from its parse workers (measured with and without).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    loading = sys.argv[1:2] == ["load"] and not {"-h", "--help"} & set(sys.argv)
    if loading:
        from etl.load.fence import prestart

        prestart()
    from cli.main import main

    code = main()
    if loading:
        leave(code)
    sys.exit(code)
