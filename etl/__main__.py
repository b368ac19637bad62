"""python -m etl: the command line lives in cli/; this entry point only hands over to it.

A load starts the process that forks its parse workers first of all, so that its imports run beside the
command's own start-up."""

import os
import sys

if __name__ == "__main__":  # worker processes (spawn) import this module without running it
    # No command does linear algebra, yet NumPy's OpenBLAS starts a thread per core when imported: 0.12-0.14 s of
    # CPU that a load took from its parse workers (measured with and without).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if sys.argv[1:2] == ["load"] and not {"-h", "--help"} & set(sys.argv):
        from etl.load.fence import prestart

        prestart()
    from cli.main import main

    sys.exit(main())
