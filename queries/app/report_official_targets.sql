-- Grain: one row per indicator of one plan and period: the official report's targets table and the
-- sentences written from it. Parameters: $plan_id, $period (period code), $as_of (timestamptz),
-- $unit_types, $units (lists; empty = the whole plan area).
select
    indicator_code, target_pct, numerator, denominator, women, ethnic_minority, achieved_pct, is_met,
    gap_pp, gap_people, status, units_reporting, units_expected, units_carried_forward
from target_progress_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and period_code = $period
order by indicator_ordinal;
