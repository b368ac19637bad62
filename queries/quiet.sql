-- A connection of the warehouse draws no progress bar (it would go to stdout, into a command's --json output).
set enable_progress_bar = false;
