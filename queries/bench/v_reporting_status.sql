-- Benchmark: the whole documented view v_reporting_status (every plan year), as an analyst reads it.
select * from v_reporting_status;
