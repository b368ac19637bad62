-- Benchmark: the whole documented view v_participation (every plan year), as an analyst reads it.
select * from v_participation;
