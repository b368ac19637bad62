-- Grain: plan × indicator for one period, over the units chosen in the filters: what the
-- consolidated report's targets table needs. Parameters: $plan_id, $as_of (timestamptz),
-- $unit_types, $units (lists; empty = the whole plan area), $period (period code).
select
    indicator_code, target_pct, numerator, denominator, achieved_pct, status,
    units_reporting, units_expected, gap_people, achieved_pct_low, achieved_pct_high
from target_progress_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and period_code = $period
order by indicator_ordinal;
