-- After a load (write/defer_checkpoints): commits checkpoint at DuckDB's usual size again.
reset checkpoint_threshold;
