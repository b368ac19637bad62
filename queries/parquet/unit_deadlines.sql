-- Grain: one row per plan × period × unit (due date after extensions), with its plan's year, for the Parquet export
-- (partitioned by year). No parameters.
select t.*, p.year
from unit_deadlines as t
join plans as p on p.plan_id = t.plan_id;
