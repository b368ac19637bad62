-- Grain: one row per accepted file version, with its plan's year, for the Parquet export
-- (partitioned by year and period_code). No parameters.
select s.*, p.year
from submissions as s
join plans as p on p.plan_id = s.plan_id;
