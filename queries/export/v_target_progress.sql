-- Grain: period × indicator (v_target_progress) as of $as_of.
-- Parameters: $as_of (timestamptz), $period (period code or null for all).
select * exclude (period_ordinal, indicator_ordinal)
from target_progress_at($as_of)
where ($period is null or period_code = $period)
order by plan_id, period_ordinal, indicator_ordinal;
