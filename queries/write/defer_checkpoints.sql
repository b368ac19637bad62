-- A load's chunks are each committed to the write-ahead log only: DuckDB otherwise judged every chunk of
-- ~200 workbooks large enough to checkpoint the whole warehouse at its commit (30-45 ms of CPU each, taken
-- from the parse workers). write/resume_checkpoints ends this; closing the warehouse checkpoints it.
-- What opening the warehouse wrote (a new warehouse's tables, views and macros; a changed plan) is written
-- into the file first: a load killed part-way then leaves only its chunks' rows in the log, which any DuckDB
-- replays (replaying the macros made a plain DuckDB without the internet fail to open the file).
checkpoint;
set checkpoint_threshold = '1GB';
