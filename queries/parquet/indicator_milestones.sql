-- Grain: one row per indicator_milestones row, with its plan's year, for the Parquet export (partitioned by year).
-- No parameters.
select t.*, p.year
from indicator_milestones as t
join plans as p on p.plan_id = t.plan_id;
