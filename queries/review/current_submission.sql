-- Grain: the current version of one unit's report for one period (none if never received).
-- Parameters: $plan_id, $unit_code, $period_code.
select submission_id, received_at
from submissions
where plan_id = $plan_id and unit_code = $unit_code and period_code = $period_code and is_current;
