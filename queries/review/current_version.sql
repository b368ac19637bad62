-- Grain: the version number of the current version of one unit's report for one period (no row when
-- none: never received, or every version voided). Parameters: $plan_id, $unit_code, $period_code.
select version
from submissions
where plan_id = $plan_id and unit_code = $unit_code and period_code = $period_code and is_current;
