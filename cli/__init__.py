"""The command line (python -m etl ...): argument parsing and console output only."""
