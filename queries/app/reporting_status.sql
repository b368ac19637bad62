-- Grain: plan × period × unit, for the units chosen in the filters, as of $as_of.
-- Parameters: $plan_id, $as_of, $unit_types, $units, $period (null = all periods).
select *
from reporting_status_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and ($period is null or period_code = $period)
order by period_ordinal, unit_code;
