-- Grain: period × indicator × unit (v_target_progress_unit) as of $as_of.
-- Parameters: $as_of (timestamptz), $period (period code or null for all).
select * exclude (period_ordinal, indicator_ordinal, target_bp)
from target_progress_unit_at($as_of)
where ($period is null or period_code = $period)
order by plan_id, period_ordinal, indicator_ordinal, unit_code;
