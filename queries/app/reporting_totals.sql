-- Grain: plan × period, over all the units chosen in the filters (every unit type together), as of $as_of.
-- Parameters: $plan_id, $as_of, $unit_types, $units.
select * exclude (plan_id)
from reporting_totals_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id
order by period_ordinal;
