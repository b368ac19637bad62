-- Grain: one row per funding_sources row, with its plan's year, for the Parquet export (partitioned by year).
-- No parameters.
select t.*, p.year
from funding_sources as t
join plans as p on p.plan_id = t.plan_id;
