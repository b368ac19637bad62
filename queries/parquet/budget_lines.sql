-- Grain: one row per budget_lines row, with its submission's plan year and period_code so that an engine
-- reading the Parquet export can prune by partition. No parameters.
select t.*, p.year, s.period_code
from budget_lines as t
join submissions as s on s.submission_id = t.submission_id
join plans as p on p.plan_id = s.plan_id;
