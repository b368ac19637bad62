-- Grain: plan × period × unit type, for the units chosen in the filters, as of $as_of.
-- Parameters: $plan_id, $as_of, $unit_types, $units.
select *
from reporting_rates_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id
order by period_ordinal, unit_type;
