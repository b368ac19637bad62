-- Grain: plan × period × unit × case measure (year-to-date counts, small ones already suppressed by
-- cases_at), every period, for the units chosen in the filters, as of $as_of.
-- Parameters: $plan_id, $as_of, $unit_types, $units (lists; empty = all).
select *
from cases_at($as_of)
where plan_id = $plan_id
    and (len($unit_types) = 0 or list_contains($unit_types, unit_type))
    and (len($units) = 0 or list_contains($units, unit_code))
order by period_ordinal, measure_ordinal, unit_code;
