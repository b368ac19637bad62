-- Grain: plan × period × indicator (the columns of v_target_progress) over the units chosen in
-- the filters. Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units (lists; empty =
-- the whole plan area), $period (period code; null = every period).
select * exclude (period_ordinal, indicator_ordinal)
from target_progress_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and ($period is null or period_code = $period)
order by period_ordinal, indicator_ordinal;
