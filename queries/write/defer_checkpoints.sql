-- A load's chunks are each committed to the write-ahead log only: DuckDB otherwise judged every chunk of
-- ~200 workbooks large enough to checkpoint the whole warehouse at its commit (30-40 ms of CPU each, taken
-- from the parse workers). write/resume_checkpoints ends this; closing the warehouse checkpoints it.
set checkpoint_threshold = '1GB';
