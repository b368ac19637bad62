-- Grain: one row per plan_documents row, with its plan's year, for the Parquet export (partitioned by year).
-- No parameters.
select t.*, p.year
from plan_documents as t
join plans as p on p.plan_id = t.plan_id;
