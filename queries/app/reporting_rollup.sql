-- Grain: plan × unit of the chosen level for one period: the reports of the units below it that the
-- filters keep. Parameters: $plan_id, $as_of, $level, $unit_types, $units, $period.
select *
from reporting_rates_rollup_at($as_of, $level, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and period_code = $period
order by reporting_rate_pct, unit_code;
