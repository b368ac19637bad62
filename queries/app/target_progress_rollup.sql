-- Grain: plan × unit of the chosen level (e.g. province) for one period and indicator, summing the
-- units below it that the filters keep. Parameters: $plan_id, $as_of, $level, $unit_types, $units,
-- $period, $indicator.
select *
from target_progress_rollup_at($as_of, $level, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and period_code = $period and indicator_code = $indicator
order by achieved_pct nulls last, unit_code;
