-- Grain: plan × period × indicator (the columns of v_target_progress) over the units the filters
-- keep (none chosen = the whole plan area), as of $as_of. The one file behind the Data page,
-- `python -m etl export` and the view benchmark. Parameters: $as_of (timestamptz), $plan_id (null =
-- every plan), $unit_types, $units (lists; empty = all), $period (period code; null = every period).
select * exclude (period_ordinal, indicator_ordinal)
from target_progress_at($as_of, unit_types := $unit_types, units := $units)
where ($plan_id is null or plan_id = $plan_id) and ($period is null or period_code = $period)
order by plan_id, period_ordinal, indicator_ordinal;
