-- Grain: one row per indicator × unit of one period of an earlier plan year, as of $as_of, over the
-- whole plan area (units are chosen after they are mapped onto the current plan's units).
-- Units without any figure for the period are left out. Parameters: $plan_id, $period, $as_of.
select unit_code, indicator_code, numerator, denominator, women, ethnic_minority, is_carried_forward
from target_progress_unit_at($as_of)
where plan_id = $plan_id and period_code = $period and denominator is not null
order by indicator_ordinal, unit_code;
