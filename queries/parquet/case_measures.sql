-- Grain: one row per case_measures row, with its plan's year, for the Parquet export (partitioned by year).
-- No parameters.
select t.*, p.year
from case_measures as t
join plans as p on p.plan_id = t.plan_id;
