-- Grain: plan × period × indicator × unit (the columns of v_target_progress_unit) as of $as_of,
-- under the optional filters. The one file behind the Data page, `python -m etl export` and the
-- view benchmark. Parameters: $as_of (timestamptz), $plan_id (null = every plan), $unit_types,
-- $units (lists; empty = all), $period (period code; null = every period).
select * exclude (period_ordinal, indicator_ordinal, target_bp)
from target_progress_unit_at($as_of, unit_types := $unit_types, units := $units)
where ($plan_id is null or plan_id = $plan_id) and ($period is null or period_code = $period)
order by plan_id, period_ordinal, indicator_ordinal, unit_code;
