-- Grain: plan × unit × funding source, for one period (year to date, đồng), for the units chosen in the
-- filters, as of $as_of. Parameters: $plan_id, $as_of, $unit_types, $units (lists; empty = all), $period.
select *
from budget_at($as_of)
where plan_id = $plan_id and period_code = $period
    and (len($unit_types) = 0 or list_contains($unit_types, unit_type))
    and (len($units) = 0 or list_contains($units, unit_code))
order by source_ordinal, unit_code;
