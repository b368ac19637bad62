"""python -m etl: the command line lives in cli/; this entry point only hands over to it.

A load starts its parse workers first of all, so that their start-up runs beside the command's own."""

import sys

if __name__ == "__main__":  # worker processes (spawn) import this module without running it
    if sys.argv[1:2] == ["load"] and not {"-h", "--help"} & set(sys.argv):
        from etl.load.fence import cores, prestart

        prestart(cores(), "etl.load.prepare")
    from cli.main import main

    sys.exit(main())
