-- Benchmark: the whole documented view v_target_progress (every plan year), as an analyst reads it.
select * from v_target_progress;
