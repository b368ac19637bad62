-- Grain: plan × period × unit type (the columns of v_reporting_rates), as the filters show it.
-- Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units (lists; empty = all),
-- $period (period code; null = every period).
select * exclude (period_ordinal)
from reporting_rates_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and ($period is null or period_code = $period)
order by period_ordinal, unit_type;
