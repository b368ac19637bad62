"""python -m etl: the command line lives in cli/; this entry point only hands over to it.

A load starts the process that forks its parse workers first of all, so that its imports run beside the
command's own start-up."""

import sys

if __name__ == "__main__":  # worker processes (spawn) import this module without running it
    if sys.argv[1:2] == ["load"] and not {"-h", "--help"} & set(sys.argv):
        from etl.load.fence import prestart

        prestart()
    from cli.main import main

    sys.exit(main())
