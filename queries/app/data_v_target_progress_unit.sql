-- Grain: plan × period × indicator × unit (the columns of v_target_progress_unit), as the
-- dashboard's filters show it. Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units
-- (lists; empty = all), $period (period code; null = every period).
select * exclude (period_ordinal, indicator_ordinal, target_bp)
from target_progress_unit_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and ($period is null or period_code = $period)
order by period_ordinal, indicator_ordinal, unit_code;
