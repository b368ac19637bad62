"""python -m etl: the command line lives in cli/; this entry point only hands over to it."""

import sys

if __name__ == "__main__":  # worker processes (spawn) import this module without running it
    from cli.main import main

    sys.exit(main())
