-- Grain: one row per plan the warehouse holds at least one report of. No parameters.
select distinct plan_id
from submissions
order by plan_id;
