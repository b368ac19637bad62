-- Grain: plan × period × unit × case measure (the columns of v_cases, small counts suppressed) as of
-- $as_of, under the optional filters: the warehouse's own answer that the portable query is checked
-- against. Parameters: $as_of (timestamptz), $plan_id (null = every plan), $unit_types, $units (lists;
-- empty = all), $period (period code; null = every period).
select * exclude (period_ordinal, measure_ordinal)
from cases_at($as_of)
where ($plan_id is null or plan_id = $plan_id) and ($period is null or period_code = $period)
    and (len($unit_types) = 0 or list_contains($unit_types, unit_type))
    and (len($units) = 0 or list_contains($units, unit_code))
order by plan_id, period_ordinal, measure_ordinal, unit_code;
